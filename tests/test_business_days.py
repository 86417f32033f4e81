"""Business days in Mexico: weekends, the federal rest days of LFT art. 74 (from `holidays`),
and the extra days a procedure closes; dates typed by the person."""

from __future__ import annotations

import datetime
import json
import stat
from pathlib import Path

import platformdirs
import pytest

from autohelper.errors import UsageError
from autohelper.status.business_days import BusinessCalendar, parse_day

D = datetime.date


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2024, 10, 1), "Transmisión del Poder Ejecutivo Federal"),
        (D(2030, 10, 1), "Transmisión del Poder Ejecutivo Federal"),
        (D(2026, 2, 2), "Día de la Constitución"),  # first Monday of February
        (D(2026, 3, 16), "Natalicio de Benito Juárez"),  # third Monday of March
        (D(2026, 11, 16), "Día de la Revolución"),  # third Monday of November
        (D(2026, 9, 16), "Día de la Independencia"),
        (D(2027, 1, 1), "Año Nuevo"),
    ],
)
def test_federal_rest_days_are_not_business_days(day: datetime.date, name: str) -> None:
    calendar = BusinessCalendar()
    assert not calendar.is_business_day(day)
    assert calendar.holiday(day) == name


def test_1_october_is_a_rest_day_only_every_six_years() -> None:
    calendar = BusinessCalendar()
    assert calendar.is_business_day(D(2026, 10, 1))  # a Thursday, no change of government
    assert not calendar.is_business_day(D(2024, 10, 1))


def test_holiday_names_follow_the_language() -> None:
    assert BusinessCalendar(lang="en").holiday(D(2026, 11, 16)) == "Revolution Day"


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 11, 13), 2, D(2026, 11, 18)),  # Fri; Mon 16 is a rest day
        (D(2026, 11, 13), 5, D(2026, 11, 23)),
        (D(2026, 12, 23), 2, D(2026, 12, 28)),  # 25 Dec and the weekend
        (D(2026, 12, 23), 5, D(2026, 12, 31)),
        (D(2026, 9, 15), 1, D(2026, 9, 17)),  # 16 Sep
        (D(2026, 11, 14), 0, D(2026, 11, 17)),  # 0: the day itself, or the next business one
        (D(2026, 11, 17), 0, D(2026, 11, 17)),
    ],
)
def test_nth_business_day_after(start: datetime.date, n: int, expected: datetime.date) -> None:
    assert BusinessCalendar().nth_after(start, n) == expected


def test_a_procedures_closed_days_move_the_window() -> None:
    calendar = BusinessCalendar([(D(2026, 11, 18), D(2026, 11, 19))])
    assert calendar.nth_after(D(2026, 11, 13), 2) == D(2026, 11, 20)
    assert calendar.days_off_between(D(2026, 11, 13), D(2026, 11, 20)) == [
        (D(2026, 11, 16), "Día de la Revolución"),
        (D(2026, 11, 18), ""),
        (D(2026, 11, 19), ""),
    ]


def test_count_between_counts_business_days_after_the_first_up_to_the_second() -> None:
    calendar = BusinessCalendar()
    assert calendar.count_between(D(2026, 11, 13), D(2026, 11, 23)) == 5
    assert calendar.count_between(D(2026, 11, 23), D(2026, 11, 13)) == 0


@pytest.mark.parametrize("text", ["2026-W46-5", "31/11/2026", "2026-11-13T00", "mañana", ""])
def test_a_date_that_is_not_yyyy_mm_dd_names_the_option(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_day(text, "--as-of")
    assert caught.value.message("es") == (
        f"--as-of: «{text}» no es una fecha AAAA-MM-DD (por ejemplo 2026-11-17)."
    )


@pytest.mark.parametrize("text", ["9999-12-20", "2101-01-01", "1999-12-31", "0001-01-01"])
def test_a_date_out_of_the_accepted_years_names_the_option(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_day(text, "--on")
    assert caught.value.message("en") == (
        f"--on: “{text}” is out of range: use a date from the year 2000 to 2100."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-17", D(2026, 11, 17)),
        ("2000-01-01", D(2000, 1, 1)),
        ("2100-12-31", D(2100, 12, 31)),
    ],
)
def test_parse_day(text: str, expected: datetime.date) -> None:
    assert parse_day(text, "--on") == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(9999, 12, 29), 2, D.max),  # Wed: Thu 30, Fri 31
        (D(9999, 12, 29), 5, D.max),  # past the calendar's end: its last day
        (D(9999, 12, 29), 99_999_999_999, D.max),
        (D.max, 1, D.max),
        (D.max, 0, D.max),
    ],
)
def test_counting_past_the_calendars_end_stops_at_its_last_day(
    start: datetime.date, n: int, expected: datetime.date
) -> None:
    assert BusinessCalendar([(D(2026, 1, 1), D(2026, 1, 2))]).nth_after(start, n) == expected


def test_far_spans_are_counted_without_overflow_and_at_once() -> None:
    calendar = BusinessCalendar([(D(2026, 11, 18), D(2026, 11, 19))])
    assert calendar.count_between(D(9999, 12, 29), D.max) == 2
    assert calendar.count_between(D.max, D.max) == 0
    assert calendar.count_within(D.min, D.min) == 1  # 1 January of year 1, a Monday
    assert calendar.days_off_between(D(9999, 12, 1), D.max) == []
    # Every weekday of 8000 years but the rest days of REST_DAY_YEARS and the closed ones: the
    # rest days of the years far from a student's paperwork are not looked up.
    weekdays = calendar.count_within(D.min, D.max)
    assert 2_607_000 < weekdays < 2_608_000  # of 2_608_614 weekdays in all
    assert calendar.count_within(D(1900, 1, 1), D(1900, 12, 31)) == 261  # no rest days known


def test_count_within_agrees_with_counting_day_by_day() -> None:
    calendar = BusinessCalendar([(D(2026, 12, 21), D(2027, 1, 6))])
    first = D(2026, 11, 1)
    for span in range(0, 120, 7):
        last = first + datetime.timedelta(days=span)
        by_day = sum(
            calendar.is_business_day(first + datetime.timedelta(days=i)) for i in range(span + 1)
        )
        assert calendar.count_within(first, last) == by_day


def _cache_file() -> Path:
    return Path(platformdirs.user_cache_dir("autohelper")) / "rest-days-mx.json"


def test_rest_days_come_from_the_cache_once_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert BusinessCalendar().holiday(D(2026, 11, 16)) == "Día de la Revolución"
    assert _cache_file().is_file()
    # The cache's folder, and the user's cache folder when it was the first there: 0700.
    assert stat.S_IMODE(_cache_file().parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(_cache_file().parent.parent.stat().st_mode) == 0o700
    import holidays

    def no_holidays(*_: object, **__: object) -> None:
        raise AssertionError("holidays was asked again")

    monkeypatch.setattr(holidays, "country_holidays", no_holidays)
    assert BusinessCalendar().holiday(D(2026, 11, 16)) == "Día de la Revolución"
    assert BusinessCalendar().nth_after(D(2026, 11, 13), 2) == D(2026, 11, 18)


def test_a_cache_from_another_holidays_release_or_damaged_is_not_trusted() -> None:
    _cache_file().parent.mkdir(parents=True, exist_ok=True)
    _cache_file().write_text(
        json.dumps({"release": "another", "2026-es": [["2026-11-17", "Inventado"]]}),
        encoding="utf-8",
    )
    calendar = BusinessCalendar()
    assert calendar.holiday(D(2026, 11, 17)) is None
    assert calendar.holiday(D(2026, 11, 16)) == "Día de la Revolución"
    cached = json.loads(_cache_file().read_text(encoding="utf-8"))
    cached["2027-es"] = "not a list of days"
    _cache_file().write_text(json.dumps(cached), encoding="utf-8")
    assert BusinessCalendar().holiday(D(2027, 11, 15)) == "Día de la Revolución"
