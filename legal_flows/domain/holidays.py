"""A year's official holiday schedule as the bank loads it, checked before it counts.

Each late autumn the State Council's General Office publishes the next year's schedule
(国务院办公厅关于YYYY年部分节假日安排的通知) under the 全国年节及纪念日放假办法 (2024 revision,
§2 the holidays of all citizens; the article allowing rest days to be moved, 调休, is not
verified here): the days off, and the weekend days worked instead. Deadlines that end on a
rest day move to the next working day (民诉法 §85, 民法典 §203), so a wrong schedule moves
deadlines: every date is checked, and a bad file is refused whole.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.errors import DomainError


class ScheduleProblem(DomainError):
    """A schedule that cannot be loaded; the message names the year, the list and the date."""


class ScheduleProblems(ScheduleProblem):
    """Every fault found in a schedule file (it is refused whole), so whoever keys it in
    mends them all at once; str() is the first, then the others."""

    def __init__(self, problems: Sequence[ScheduleProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class YearSchedule:
    year: int
    source: str  # the notice it comes from, as published
    holidays: frozenset[date]  # days off (放假)
    workdays: frozenset[date]  # weekend days worked (调休上班)


def schedules_from(document: Mapping[str, Any]) -> list[YearSchedule]:
    """Each `[YYYY]` table of a schedule file, checked: ScheduleProblems names every fault
    (a table whose shape is wrong, with its first; each bad date of the others)."""
    if not document:
        raise ScheduleProblems([ScheduleProblem("no year in the file: one [YYYY] table per year")])
    problems: list[ScheduleProblem] = []
    years = []
    for key, value in document.items():
        try:
            years.append(_year(key, value, problems))
        except ScheduleProblem as exc:  # its shape: nothing more of that table can be read
            problems.append(exc)
    if problems:
        raise ScheduleProblems(problems)
    return years


def _year(key: str, table: Any, problems: list[ScheduleProblem]) -> YearSchedule:
    if not (isinstance(key, str) and key.isdigit() and len(key) == 4):
        raise ScheduleProblem("[{key}]: a table is named by its year, e.g. [2027]", key=key)
    year = int(key)
    if not isinstance(table, Mapping):
        raise ScheduleProblem("[{year}]: a table with source, holidays and workdays", year=year)
    unknown = sorted(set(table) - {"source", "holidays", "workdays"})
    if unknown:
        raise ScheduleProblem("[{year}] {key}: not a schedule key", year=year, key=unknown[0])
    source = table.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ScheduleProblem("[{year}] source: name the notice the schedule is from", year=year)
    holidays = _days(year, "holidays", table.get("holidays"), problems)
    workdays = _days(year, "workdays", table.get("workdays", []), problems)
    for day in sorted(holidays & workdays):
        problems.append(
            ScheduleProblem("[{year}] {day}: both a day off and a working day", year=year, day=day)
        )
    for day in sorted(workdays - holidays):
        if day.weekday() < 5:  # 调休上班 falls on a Saturday or Sunday; a weekday is worked anyway
            problems.append(
                ScheduleProblem(
                    "[{year}] workdays: {day} is a weekday; list only weekend days worked",
                    year=year,
                    day=day,
                )
            )
    return YearSchedule(year, source.strip(), frozenset(holidays), frozenset(workdays))


def _days(year: int, name: str, values: Any, problems: list[ScheduleProblem]) -> set[date]:
    """The list's dates; each one that is not a date of `year`, or comes twice, is a problem."""
    if not isinstance(values, list) or (name == "holidays" and not values):
        raise ScheduleProblem("[{year}] {name}: a list of dates", year=year, name=name)
    days: set[date] = set()
    for value in values:
        day = _date(value)
        if day is None:
            problems.append(
                ScheduleProblem(
                    "[{year}] {name}: {value!r} is not a date (YYYY-MM-DD)",
                    year=year,
                    name=name,
                    value=str(value),
                )
            )
        elif day.year != year:
            problems.append(
                ScheduleProblem(
                    "[{year}] {name}: {day} is not in {year}", year=year, name=name, day=day
                )
            )
        elif day in days:
            problems.append(
                ScheduleProblem("[{year}] {name}: {day} twice", year=year, name=name, day=day)
            )
        else:
            days.add(day)
    return days


def _date(value: Any) -> date | None:
    if isinstance(value, date):  # a TOML date (2027-01-01 unquoted)
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def with_schedules(calendar: WorkCalendar, schedules: Sequence[YearSchedule]) -> WorkCalendar:
    """The calendar with each loaded year replacing what it had for that year."""
    if not schedules:
        return calendar
    years = {s.year for s in schedules}
    holidays = {d for d in calendar.holidays if d.year not in years}
    workdays = {d for d in calendar.workdays if d.year not in years}
    for s in schedules:
        holidays |= s.holidays
        workdays |= s.workdays
    return WorkCalendar(
        frozenset(holidays), frozenset(workdays), calendar.covered_years | frozenset(years)
    )


def last_covered_day(calendar: WorkCalendar, after: date) -> date | None:
    """The last day of the run of covered years that holds `after` (None if its year is not
    covered): deadlines past it are computed on weekends only."""
    year = after.year
    if year not in calendar.covered_years:
        return None
    while year + 1 in calendar.covered_years:
        year += 1
    return date(year, 12, 31)


def confirmed_until(calendar: WorkCalendar, as_of: date) -> date:
    """The last day a deadline computed on `as_of` is final for: the end of the run of
    covered years holding `as_of`, else the end of the year before (so that very year is the
    one to load). The sweep warns ahead of it."""
    return last_covered_day(calendar, as_of) or date(as_of.year - 1, 12, 31)


def is_confirmed(covered_years: Collection[int], due_on: date) -> bool:
    """A due date is final when its year has an official schedule (the package's or a loaded
    one); otherwise its rollover to a working day counted weekends only and may still move
    (the holidays are 全国年节及纪念日放假办法 (2024) §2's; which days a year takes off is
    that year's notice of the State Council's General Office)."""
    return due_on.year in covered_years


def days_of(calendar: WorkCalendar, year: int) -> list[tuple[date, str]]:
    """Every day of the year that is not what its weekday says: ('off', a weekday off) or
    ('on', a weekend day worked), and the holidays that fall on weekends ('off')."""
    out = []
    day = date(year, 1, 1)
    while day.year == year:
        if day in calendar.holidays:
            out.append((day, "off"))
        elif day in calendar.workdays:
            out.append((day, "on"))
        day += timedelta(days=1)
    return out
