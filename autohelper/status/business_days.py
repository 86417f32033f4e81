"""Business days ("días hábiles") in Mexico: Monday to Friday, minus the federal rest days of the
Ley Federal del Trabajo, art. 74 (the `holidays` package: 1 January, the Monday holidays of
February, March and November, 1 May, 16 September, 25 December, and 1 October every six years
from 2024), minus the days a procedure says its offices close.

`holidays` costs a noticeable fraction of a second to import, so it is imported only when a
date is first asked about, not when `autohelper status` starts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from autohelper.errors import UsageError

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
        self._holidays: Mapping[Day, str] | None = None

    def _federal(self) -> Mapping[Day, str]:
        if self._holidays is None:
            import holidays

            # Spanish names, or English ones; the dates are the same. `expand` (the default)
            # adds years as they are asked about.
            found: Any = holidays.country_holidays("MX", language=self._lang)
            self._holidays = found
        return self._holidays

    def holiday(self, day: Day) -> str | None:
        """The name of the federal rest day on `day`, if it is one."""
        return self._federal().get(day)

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
