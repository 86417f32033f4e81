"""Business days ("días hábiles") in Mexico: Monday to Friday, minus the federal rest days of the
Ley Federal del Trabajo, art. 74 (the `holidays` package: 1 January, the Monday holidays of
February, March and November, 1 May, 16 September, 25 December, and 1 October every six years
from 2024), minus the days a procedure says its offices close.

`holidays` costs a quarter of a second to load Mexico's calendar (it loads every country), more
than the rest of `autohelper status` together. So it is imported only when a date is first asked
about, and the days it gives for a year are kept in a small cache file (user cache directory),
keyed by the installed `holidays` release: a later run reads the file instead.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import platformdirs

from autohelper.errors import UsageError
from autohelper.messages import t
from autohelper.privacy import escaped, mask_if_personal, typed

log = logging.getLogger(__name__)

Day = datetime.date
_ONE = datetime.timedelta(days=1)


# The dates a person types (`--on`, `--as-of`) and a procedure's closed days: a student's
# paperwork happens in these years. Outside them a date is a typing mistake (9999 for 2026).
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The years whose federal rest days are looked up: a window may run past LAST_YEAR, and a mark
# stored by an older autohelper may be dated anywhere. Outside them only weekends and the
# procedure's closed days count, so no far date makes `holidays` compute thousands of years.
REST_DAY_YEARS = range(FIRST_YEAR - 30, LAST_YEAR + 31)


# A date as a person types it: a 4-digit year, then the month and the day (one or two digits
# each: `2026-11-5` is as clear as `2026-11-05`). ASCII digits only: `date.fromisoformat` also
# takes week dates (`2026-W46-5`), the basic format (`20261113`) and other digits.
_DAY_TEXT = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# What a date typed another way begins with (`13/11/2026`, `2026.11.13`, `2026-11-13T10`): shown
# as typed, since the personal-data check would take its run of digits for an NSS or a phone.
# Not when another group of digits follows: `12-34-5678-901` is an NSS grouped, no date.
_DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}(?![-/.]?[0-9])")
# A whole value shaped like a date once NFKC-normalised (full-width `２０２６-１１-０５` is
# `2026-11-05`): a sign or leading zeros before it (`+2026-11-05`, `02026-11-05`), digits of any
# script. No more digits than a date has, so an NSS or a phone number typed there is still masked.
_DATE_SHAPED = re.compile(r"[+-]?0{0,4}\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


# A date typed another way, and the day it means, offered (the date is still refused: the
# person types it again): the basic format (`20261113`) or the year first with other
# separators (`2026/11/13`, `2026.11.13`) can only mean one day; the year last is read day
# first, as dates are written in Mexico (`13/11/2026`, `5/11/2026`: the 5th of November, as
# the constancia writes its dates), else month first when only that is a date (`11/13/2026`).
_BASIC_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_YEAR_FIRST = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_YEAR_LAST = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")


def _date_of(year: int, month: int, day: int) -> Day | None:
    """The date, when it exists and its year is one a person's dates are in."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return Day(year, month, day)
    except ValueError:
        return None


def _meant_day(text: str) -> Day | None:
    """The one date `text` (not YYYY-MM-DD) can only mean, or None. Read NFKC-normalised: a
    date typed with full-width digits or separators (an East Asian keyboard) means the same
    day as in ASCII."""
    text = unicodedata.normalize("NFKC", text).strip()
    if found := _BASIC_DAY.fullmatch(text) or _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
        return _date_of(year, month, day)
    if found := _YEAR_LAST.fullmatch(text):
        first, second, year = (int(part) for part in found.groups())
        return _date_of(year, second, first) or _date_of(year, first, second)
    return None


def _typed_date(text: str) -> str:
    """A value typed where a date goes, as `typed` shows it, except that what begins like a
    date is not taken for an NSS or a phone number (unless what follows looks personal), nor
    is the basic format of a date that exists (`20261113`)."""
    normal = unicodedata.normalize("NFKC", text).strip()
    if _BASIC_DAY.fullmatch(normal) and _meant_day(text) is not None:
        return escaped(text)
    if _DATE_SHAPED.fullmatch(normal):
        return escaped(text)  # nothing in it but a date's characters: no one's number
    # Spaces before it (pasted) are shown as typed, not taken as part of a number.
    body = text.lstrip()
    spaces = text[: len(text) - len(body)]
    found = _DATE_LIKE.match(body)
    rest = body[found.end() :] if found else body
    if found is None or mask_if_personal(rest) != rest:
        return typed(text)
    return spaces + found.group() + typed(rest)


class _MonthName:
    """The name of a month in the language of the message that holds it."""

    def __init__(self, month: int) -> None:
        self.month = month

    def message(self, lang: str | None = None) -> str:
        return t("status.months", lang).split(",")[self.month - 1]


def parse_day(text: str, option: str) -> Day:
    """A YYYY-MM-DD date typed by the person (`2026-11-5` too), from FIRST_YEAR to LAST_YEAR;
    otherwise a UsageError naming the option and what is wrong: the form, the year, the month
    (there is no month 13) or the day (February 2026 has 28 days)."""
    found = _DAY_TEXT.fullmatch(text)
    if found is None:
        meant = _meant_day(text)
        if meant is not None:
            raise UsageError(
                "status.bad_date_meant",
                option=option,
                value=_typed_date(text),
                meant=meant.isoformat(),
            )
        raise UsageError("status.bad_date", option=option, value=_typed_date(text))
    year, month, day = (int(part) for part in found.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(
            "status.date_out_of_range", option=option, value=text, first=FIRST_YEAR, last=LAST_YEAR
        )
    if not 1 <= month <= 12:
        raise UsageError("status.bad_month", option=option, value=text, month=month)
    days = (Day(year + month // 12, month % 12 + 1, 1) - Day(year, month, 1)).days
    if not 1 <= day <= days:
        raise UsageError(
            "status.bad_day",
            option=option,
            value=text,
            day=day,
            days=days,
            month=_MonthName(month),
            year=year,
        )
    return Day(year, month, day)


class BusinessCalendar:
    """Which days are business days, given extra closed ranges (first, last, inclusive)."""

    def __init__(self, closed: Iterable[tuple[Day, Day]] = (), lang: str = "es") -> None:
        self._closed = tuple(closed)
        self._lang = lang
        self._years: dict[int, dict[Day, str]] = {}

    def holiday(self, day: Day) -> str | None:
        """The name of the federal rest day on `day`, if it is one (known for the years of
        REST_DAY_YEARS only)."""
        if day.year not in REST_DAY_YEARS:
            return None
        if day.year not in self._years:
            self._years[day.year] = federal_rest_days(day.year, self._lang)
        return self._years[day.year].get(day)

    def is_closed(self, day: Day) -> bool:
        return any(first <= day <= last for first, last in self._closed)

    def is_business_day(self, day: Day) -> bool:
        return day.weekday() < 5 and not self.is_closed(day) and self.holiday(day) is None

    def nth_after(self, start: Day, n: int) -> Day:
        """The n-th business day after `start` (n >= 1); for n == 0, `start` itself if it is
        a business day, else the next one. The calendar ends at `date.max`: a count that would
        go past it stops there instead of overflowing."""
        if n > 0 and start == Day.max:
            return start
        day = start if n == 0 else start + _ONE
        counted = 0
        while True:
            if self.is_business_day(day):
                counted += 1
                if counted >= max(n, 1):
                    return day
            if day == Day.max:
                return day
            day += _ONE

    def count_between(self, after: Day, until: Day) -> int:
        """Business days d with after < d <= until (0 when until <= after)."""
        if until <= after:
            return 0
        return self.count_within(after + _ONE, until)

    def count_within(self, first: Day, last: Day) -> int:
        """Business days d with first <= d <= last (0 when last < first). Weekdays are counted
        by arithmetic and the days off subtracted, so a span of centuries costs no more than
        the rest days and closed days within it."""
        if last < first:
            return 0
        return _weekdays(first, last) - len(self._days_off(first, last))

    def days_off_between(self, after: Day, until: Day) -> list[tuple[Day, str]]:
        """Weekdays after < d <= until that are not business days, each with its reason: the
        rest day's name, or "" for a day the institution closes."""
        if until <= after:
            return []
        days = self._days_off(after + _ONE, until)
        return [(day, self.holiday(day) or "") for day in sorted(days)]

    def _days_off(self, first: Day, last: Day) -> set[Day]:
        """The weekdays first <= d <= last that are rest days or closed days."""
        off: set[Day] = set()
        for year in range(
            max(first.year, REST_DAY_YEARS.start), min(last.year + 1, REST_DAY_YEARS.stop)
        ):
            if year not in self._years:
                self._years[year] = federal_rest_days(year, self._lang)
            off.update(day for day in self._years[year] if first <= day <= last)
        for closed_first, closed_last in self._closed:
            day, end = max(first, closed_first), min(last, closed_last)
            while day <= end:
                off.add(day)
                if day == end:
                    break
                day += _ONE
        return {day for day in off if day.weekday() < 5}


def _weekdays(first: Day, last: Day) -> int:
    """Monday to Friday days d with first <= d <= last (last >= first)."""
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    start = first.weekday()
    return weeks * 5 + sum((start + i) % 7 < 5 for i in range(rest))


def federal_rest_days(year: int, lang: str = "es") -> dict[Day, str]:
    """Mexico's federal rest days of `year` with their names in `lang`, from the cache file when
    it was written by the same `holidays` release, else from `holidays` (and cached)."""
    key = _holidays_release()
    path = Path(platformdirs.user_cache_dir("autohelper")) / "rest-days-mx.json"
    cache = _read_cache(path)
    if cache.get("release") != key:
        cache = {"release": key}
    entry = f"{year}-{lang}"
    days = _cached_year(cache.get(entry), year)
    if days is not None:
        return days
    import holidays

    found = holidays.country_holidays("MX", years=year, language=lang)
    days = {day: str(name) for day, name in sorted(found.items())}
    cache[entry] = [[day.isoformat(), name] for day, name in days.items()]
    _write_cache(path, cache)
    return days


# The cache holds a few dozen days for each year asked about: a bigger file is not ours.
_CACHE_BYTES = 2_000_000


def _read_cache(path: Path) -> dict[str, Any]:
    """The cache file's object, or an empty one when it cannot be used: missing, not a
    regular file (a pipe would wait for a writer forever), too big, not JSON, nested deeper
    than JSON's own parser can follow, or not an object. A cache is best effort: whatever is
    wrong with it, the days are computed again and the file rewritten."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _CACHE_BYTES:
            return {}
        data = os.read(fd, _CACHE_BYTES + 1)
    except OSError:
        return {}
    finally:
        os.close(fd)
    try:
        cache = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return {}
    return cache if isinstance(cache, dict) else {}


def _cached_year(entry: Any, year: int) -> dict[Day, str] | None:
    """A year's rest days as the cache keeps them (`[["2026-01-01", "Año Nuevo"], ...]`), or
    None when the entry is missing or implausible: not pairs of a date of that year and a name,
    or no day at all (every year has New Year's Day, 1 May and 16 September)."""
    if not isinstance(entry, list) or not entry:
        return None
    days: dict[Day, str] = {}
    for item in entry:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            return None
        try:
            day = datetime.date.fromisoformat(item[0])
        except (TypeError, ValueError):
            return None
        if day.year != year:
            return None
        days[day] = item[1]
    return days


def _holidays_release() -> str:
    """Which `holidays` is installed, without importing it: its version file's size and time."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return ""
    version = Path(spec.origin).with_name("version.py")
    try:
        info = version.stat()
    except OSError:
        return spec.origin
    return f"{version}:{info.st_size}:{info.st_mtime_ns}"


def _write_cache(path: Path, cache: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs the next run some time."""
    try:
        from autohelper.privatefiles import make_dirs

        make_dirs(path.parent)  # the user's cache folder too, when it is the first: 0700
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rest-days.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(cache, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("rest-day cache not written: %s", exc)
