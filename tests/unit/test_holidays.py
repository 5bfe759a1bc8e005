"""A year's holiday schedule is checked date by date before any deadline counts on it."""

from datetime import date

import pytest

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.holidays import (
    ScheduleProblem,
    confirmed_until,
    days_of,
    is_confirmed,
    last_covered_day,
    schedules_from,
    with_schedules,
)

# A made-up 2027: National Day off from Friday 1 October to Thursday 7 October, Saturday
# 9 October worked instead (dates as a TOML file gives them: strings or TOML dates).
MADE_UP = {
    "2027": {
        "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用）",
        "holidays": ["2027-01-01", *[f"2027-10-0{d}" for d in range(1, 8)]],
        "workdays": [date(2027, 10, 9)],
    }
}


def _with(**changes):
    return {"2027": MADE_UP["2027"] | changes}


def test_a_loaded_year_moves_deadlines_off_its_holidays_and_onto_its_worked_saturday():
    (schedule,) = schedules_from(MADE_UP)
    calendar = with_schedules(WorkCalendar(covered_years=frozenset({2026})), [schedule])
    assert not calendar.is_working_day(date(2027, 10, 4))  # a Monday off
    assert calendar.is_working_day(date(2027, 10, 9))  # the Saturday worked
    assert calendar.rollover(date(2027, 10, 2)).due_on == date(2027, 10, 8)
    moved = calendar.rollover(date(2027, 10, 2)).note
    assert moved == "moved from 2027-10-02 (rest day or holiday)"
    assert 2027 in calendar.covered_years


def test_a_loaded_year_replaces_the_packages_data_for_that_year_only():
    package = WorkCalendar(
        holidays=frozenset({date(2027, 5, 3), date(2026, 5, 4)}),
        workdays=frozenset({date(2027, 5, 8)}),
        covered_years=frozenset({2026, 2027}),
    )
    calendar = with_schedules(package, schedules_from(MADE_UP))
    assert calendar.is_working_day(date(2027, 5, 3))  # the package's guess for 2027 is gone
    assert not calendar.is_working_day(date(2027, 5, 8))  # a Saturday again
    assert not calendar.is_working_day(date(2026, 5, 4))  # 2026 untouched


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"holidays": ["2027-01-01", "2028-01-01"]}, "[2027] holidays: 2028-01-01 is not in 2027"),
        ({"holidays": ["2026-12-31"]}, "[2027] holidays: 2026-12-31 is not in 2027"),
        ({"workdays": ["2027-10-01"]}, "[2027] 2027-10-01: both a day off and a working day"),
        # 2027-10-11 is a Monday: worked anyway, so listing it is a mistake in the file.
        ({"workdays": ["2027-10-11"]}, "[2027] workdays: 2027-10-11 is a weekday; list only"),
        ({"holidays": ["2027-1-1"]}, "[2027] holidays: '2027-1-1' is not a date (YYYY-MM-DD)"),
        ({"holidays": ["2027-02-30"]}, "[2027] holidays: '2027-02-30' is not a date"),
        ({"holidays": ["2027-01-01", "2027-01-01"]}, "[2027] holidays: 2027-01-01 twice"),
        ({"holidays": []}, "[2027] holidays: a list of dates"),
        ({"source": " "}, "[2027] source: name the notice"),
        ({"holiday": ["2027-01-01"]}, "[2027] holiday: not a schedule key"),
    ],
)
def test_a_bad_schedule_is_refused_naming_the_year_the_list_and_the_date(changes, said):
    with pytest.raises(ScheduleProblem) as refused:
        schedules_from(_with(**changes))
    assert str(refused.value).startswith(said)


def test_the_first_and_last_day_of_the_year_and_a_sunday_worked_are_accepted():
    (schedule,) = schedules_from(
        _with(holidays=["2027-01-01", "2027-12-31"], workdays=["2027-02-07"])  # a Sunday
    )
    assert schedule.holidays == {date(2027, 1, 1), date(2027, 12, 31)}
    assert schedule.workdays == {date(2027, 2, 7)}


def test_a_table_not_named_by_a_year_is_refused():
    with pytest.raises(ScheduleProblem, match=r"\[holidays\]: a table is named by its year"):
        schedules_from({"holidays": {"source": "x", "holidays": ["2027-01-01"]}})
    with pytest.raises(ScheduleProblem, match="no year in the file"):
        schedules_from({})


def test_the_last_covered_day_ends_the_run_of_covered_years():
    calendar = WorkCalendar(covered_years=frozenset({2025, 2026, 2028}))
    assert last_covered_day(calendar, date(2025, 3, 1)) == date(2026, 12, 31)
    assert last_covered_day(calendar, date(2027, 3, 1)) is None


def test_deadlines_are_final_up_to_the_last_covered_day_and_not_a_day_past_it():
    calendar = WorkCalendar(covered_years=frozenset({2025, 2026, 2028}))
    assert confirmed_until(calendar, date(2026, 12, 31)) == date(2026, 12, 31)
    # In a year no schedule covers, that year is the one to load: nothing of it is final.
    assert confirmed_until(calendar, date(2027, 1, 1)) == date(2026, 12, 31)
    assert is_confirmed(calendar.covered_years, date(2026, 12, 31))
    assert not is_confirmed(calendar.covered_years, date(2027, 1, 1))
    assert is_confirmed(calendar.covered_years, date(2028, 1, 1))  # a loaded year further on


def test_a_years_days_list_each_day_off_and_each_weekend_day_worked():
    calendar = with_schedules(WorkCalendar(), schedules_from(MADE_UP))
    listed = days_of(calendar, 2027)
    assert listed[0] == (date(2027, 1, 1), "off")
    assert (date(2027, 10, 9), "on") in listed
    assert len(listed) == 9


def test_only_an_open_deadline_in_a_year_with_no_schedule_is_provisional():
    from legal_flows.domain.deadlines import Status, provisional

    covered = frozenset({2026})
    # The last day the package covers is final; the next day, open, may still move.
    assert not provisional(Status.OPEN, date(2026, 12, 31), covered)
    assert provisional(Status.OPEN, date(2027, 1, 1), covered)
    # Loading a year computes only open deadlines again: a settled one stays as it is.
    for settled in (Status.MET, Status.MISSED, Status.ELAPSED, Status.SUSPENDED, Status.CLOSED):
        assert not provisional(settled, date(2027, 1, 1), covered), settled
    assert not provisional(Status.OPEN, date(2027, 1, 1), covered | {2027})  # once loaded


def test_every_fault_of_a_schedule_is_named_at_once():
    from legal_flows.domain.holidays import ScheduleProblems

    faults = _with(
        holidays=["2027-01-01", "2026-12-31", "2027-02-30", "2027-01-01"],
        workdays=["2027-10-11"],  # a Monday
    )
    with pytest.raises(ScheduleProblems) as refused:
        schedules_from({**faults, "20x7": {}})
    assert [str(p) for p in refused.value.problems] == [
        "[2027] holidays: 2026-12-31 is not in 2027",
        "[2027] holidays: '2027-02-30' is not a date (YYYY-MM-DD)",
        "[2027] holidays: 2027-01-01 twice",
        "[2027] workdays: 2027-10-11 is a weekday; list only weekend days worked",
        "[20x7]: a table is named by its year, e.g. [2027]",
    ]
