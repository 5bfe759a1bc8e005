"""PRC working-day calendar: statutory holidays and adjusted working days (调休).

The holiday data comes from outside (a maintained package, loaded by the service layer);
this module only applies it, so it stays pure and testable with any table.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class RolledDate:
    due_on: date
    note: str = ""
    # The years of the last day and the due day the calendar holds no schedule for: the note
    # says them, and a caller saying the note in another language needs them too.
    missing_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)  # weekend days worked (调休)
    covered_years: frozenset[int] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def rollover(self, last_day: date) -> RolledDate:
        """Move a period's last day off a rest day or holiday to the next working day.

        民诉法 §85 (2023) and 民法典 §203 (2020): a period ending on a statutory holiday ends
        on the first day after it. Years the calendar has no data for fall back to weekends.
        """
        day = last_day
        while not self.is_working_day(day):
            day += timedelta(days=1)
        covered = self.covered_years
        if day == last_day and last_day.year in covered:
            return RolledDate(day)  # the common case, kept cheap: no note to write
        missing = tuple(sorted({y for y in (last_day.year, day.year) if y not in covered}))
        note = ""
        if missing:
            years = ", ".join(str(y) for y in missing)
            note = f"no official holiday schedule for {years}: only weekends were considered"
        if day != last_day:
            moved = f"moved from {last_day.isoformat()} (rest day or holiday)"
            note = f"{moved}; {note}" if note else moved
        return RolledDate(day, note, missing)

    def roll_back(self, day: date) -> date:
        """The last working day on or before `day`, for what must be done *by* a date ahead of
        a legal one (a renewal filed before an expiry): a rest day moves it earlier, never
        later, so the court is still in time to act."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day


WEEKENDS_ONLY = WorkCalendar()
