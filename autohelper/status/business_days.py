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

import contextlib
import datetime
import importlib.util
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import platformdirs

from autohelper.errors import UsageError

log = logging.getLogger(__name__)

Day = datetime.date
_ONE = datetime.timedelta(days=1)


def parse_day(text: str, option: str) -> Day:
    """A YYYY-MM-DD date typed by the person; a UsageError naming the option otherwise."""
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError("status.bad_date", option=option, value=text)


class BusinessCalendar:
    """Which days are business days, given extra closed ranges (first, last, inclusive)."""

    def __init__(self, closed: Iterable[tuple[Day, Day]] = (), lang: str = "es") -> None:
        self._closed = tuple(closed)
        self._lang = lang
        self._years: dict[int, dict[Day, str]] = {}

    def holiday(self, day: Day) -> str | None:
        """The name of the federal rest day on `day`, if it is one."""
        if day.year not in self._years:
            self._years[day.year] = federal_rest_days(day.year, self._lang)
        return self._years[day.year].get(day)

    def is_closed(self, day: Day) -> bool:
        return any(first <= day <= last for first, last in self._closed)

    def is_business_day(self, day: Day) -> bool:
        return day.weekday() < 5 and not self.is_closed(day) and self.holiday(day) is None

    def nth_after(self, start: Day, n: int) -> Day:
        """The n-th business day after `start` (n >= 1); for n == 0, `start` itself if it is
        a business day, else the next one."""
        day = start if n == 0 else start + _ONE
        counted = 0
        while True:
            if self.is_business_day(day):
                counted += 1
                if counted >= max(n, 1):
                    return day
            day += _ONE

    def count_between(self, after: Day, until: Day) -> int:
        """Business days d with after < d <= until (0 when until <= after)."""
        count, day = 0, after + _ONE
        while day <= until:
            count += self.is_business_day(day)
            day += _ONE
        return count

    def days_off_between(self, after: Day, until: Day) -> list[tuple[Day, str]]:
        """Weekdays after < d <= until that are not business days, each with its reason: the
        rest day's name, or "" for a day the institution closes."""
        found: list[tuple[Day, str]] = []
        day = after + _ONE
        while day <= until:
            if day.weekday() < 5 and not self.is_business_day(day):
                found.append((day, self.holiday(day) or ""))
            day += _ONE
        return found


def federal_rest_days(year: int, lang: str = "es") -> dict[Day, str]:
    """Mexico's federal rest days of `year` with their names in `lang`, from the cache file when
    it was written by the same `holidays` release, else from `holidays` (and cached)."""
    key = _holidays_release()
    path = Path(platformdirs.user_cache_dir("autohelper")) / "rest-days-mx.json"
    cache: Any = None
    with contextlib.suppress(OSError, ValueError):
        cache = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(cache, dict) or cache.get("release") != key:
        cache = {"release": key}
    entry = f"{year}-{lang}"
    with contextlib.suppress(KeyError, TypeError, ValueError):  # missing or damaged: compute
        return {datetime.date.fromisoformat(day): str(name) for day, name in cache[entry]}
    import holidays

    found = holidays.country_holidays("MX", years=year, language=lang)
    days = {day: str(name) for day, name in sorted(found.items())}
    cache[entry] = [[day.isoformat(), name] for day, name in days.items()]
    _write_cache(path, cache)
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
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rest-days.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(cache, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("rest-day cache not written: %s", exc)
