from datetime import date

import pytest

from legal_flows.domain.calendar import WEEKENDS_ONLY, WorkCalendar
from legal_flows.domain.dates import add_days, add_months, add_years
from tests.unit.builders import CAL


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # 民法典 §203: no Feb 29, last day of Feb
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 11, 29), 3, date(2026, 11, 29)),
        (date(2006, 11, 29), 20, date(2026, 11, 29)),
    ],
)
def test_year_period_ends_on_the_corresponding_day(start: date, years: int, end: date) -> None:
    assert add_years(start, years) == end


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 2, 28), 1, date(2026, 3, 28)),  # the corresponding day, not month end
        (date(2026, 12, 15), 2, date(2027, 2, 15)),
        (date(2026, 5, 31), 12, date(2027, 5, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_month_period_ends_on_corresponding_day_or_month_end(
    start: date, months: int, end: date
) -> None:
    assert add_months(start, months) == end


def test_day_period_does_not_count_the_trigger_day() -> None:
    # 民诉法 §85: served on 2026-11-29, a 15-day period ends on 2026-12-14.
    assert add_days(date(2026, 11, 29), 15) == date(2026, 12, 14)
    assert add_days(date(2026, 12, 20), 15) == date(2027, 1, 4)


def test_working_day_is_not_moved() -> None:
    rolled = CAL.rollover(date(2026, 11, 30))  # Monday
    assert rolled.due_on == date(2026, 11, 30)
    assert rolled.note == ""


@pytest.mark.parametrize(
    ("last_day", "due_on"),
    [
        (date(2026, 11, 28), date(2026, 11, 30)),  # Saturday
        (date(2026, 11, 29), date(2026, 11, 30)),  # Sunday
    ],
)
def test_period_ending_on_a_weekend_rolls_to_monday(last_day: date, due_on: date) -> None:
    rolled = CAL.rollover(last_day)
    assert rolled.due_on == due_on
    assert rolled.note == f"moved from {last_day.isoformat()} (rest day or holiday)"


@pytest.mark.parametrize(
    ("last_day", "due_on"),
    [
        (date(2026, 10, 1), date(2026, 10, 8)),  # 国庆, a Thursday
        (date(2026, 10, 5), date(2026, 10, 8)),
        (date(2026, 2, 16), date(2026, 2, 24)),  # 春节
        (date(2026, 5, 1), date(2026, 5, 6)),  # 劳动节, a Friday
        (date(2026, 4, 6), date(2026, 4, 7)),  # 清明, a Monday
    ],
)
def test_period_ending_on_a_holiday_rolls_past_the_holiday(last_day: date, due_on: date) -> None:
    rolled = CAL.rollover(last_day)
    assert rolled.due_on == due_on
    assert "moved from" in rolled.note


def test_weekend_only_calendar_ignores_the_holiday() -> None:
    assert WEEKENDS_ONLY.rollover(date(2026, 10, 1)).due_on == date(2026, 10, 1)


def test_holiday_rolls_onto_an_adjusted_working_day() -> None:
    # 2026-01-03 (Saturday, 元旦) is followed by Sunday 2026-01-04, a working day (调休).
    assert CAL.rollover(date(2026, 1, 3)).due_on == date(2026, 1, 4)
    # The day before 春节, Saturday 2026-02-14, is worked.
    assert CAL.rollover(date(2026, 2, 14)).due_on == date(2026, 2, 14)


@pytest.mark.parametrize("worked", [date(2026, 9, 20), date(2026, 10, 10), date(2026, 2, 28)])
def test_adjusted_working_day_on_a_weekend_is_a_working_day(worked: date) -> None:
    assert worked.weekday() >= 5
    assert CAL.is_working_day(worked)
    assert CAL.rollover(worked).due_on == worked


def test_rollover_into_a_year_without_holiday_data_says_so() -> None:
    rolled = CAL.rollover(date(2027, 3, 6))  # Saturday
    assert rolled.due_on == date(2027, 3, 8)
    assert "moved from 2027-03-06" in rolled.note
    assert "no official holiday schedule for 2027" in rolled.note


def test_working_day_in_a_year_without_holiday_data_still_carries_the_note() -> None:
    rolled = CAL.rollover(date(2027, 3, 8))
    assert rolled.due_on == date(2027, 3, 8)
    assert rolled.note == "no official holiday schedule for 2027: only weekends were considered"


def test_rollover_from_a_covered_into_an_uncovered_year_names_the_new_year() -> None:
    # An invented one-day table: the 2026-12-31 rest day pushes the deadline into 2027.
    calendar = WorkCalendar(
        holidays=frozenset({date(2026, 12, 31)}), covered_years=frozenset({2026})
    )
    rolled = calendar.rollover(date(2026, 12, 31))
    assert rolled.due_on == date(2027, 1, 1)
    assert "for 2027" in rolled.note
    assert "2026:" not in rolled.note
