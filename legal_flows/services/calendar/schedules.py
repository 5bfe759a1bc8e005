"""Loading a year's official holiday schedule from a TOML file, and showing a year's days.

A loaded year replaces the holiday package's data for that year (domain.holidays); the file
is checked whole before anything is stored, and every load is audited with who did it.
"""

import re
import tomllib
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.errors import Lines
from legal_flows.domain.holidays import (
    ScheduleProblems,
    YearSchedule,
    days_of,
    schedules_from,
    with_schedules,
)
from legal_flows.services.errors import InputError
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables_control import CALENDAR_YEAR
from legal_flows.store.uow import UnitOfWork


def loaded_schedules(session: Session) -> list[YearSchedule]:
    rows = session.execute(select(CALENDAR_YEAR).order_by(CALENDAR_YEAR.c.year))
    return [
        YearSchedule(
            r.year,
            r.source,
            frozenset(date.fromisoformat(d) for d in r.holidays),
            frozenset(date.fromisoformat(d) for d in r.workdays),
        )
        for r in rows
    ]


# Calendars built, by database, package and the loaded years' newest load and count: a load
# (which replaces its year's row) makes a new key, so a process builds again only then.
_BUILT: dict[tuple[object, ...], WorkCalendar] = {}


def calendar_with_loaded(session: Session, package: WorkCalendar) -> WorkCalendar:
    """The package's calendar with every year the bank loaded in its place; asked per unit
    of work, it costs one small query unless a year was loaded since."""
    newest, count = session.execute(select(func.max(CALENDAR_YEAR.c.loaded_at), func.count())).one()
    key = (str(session.get_bind().engine.url), id(package), newest, count)
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) > 32:  # many test databases in one process: start afresh
            _BUILT.clear()
        built = _BUILT[key] = with_schedules(package, loaded_schedules(session))
    return built


def read_schedules(path: Path) -> list[YearSchedule]:
    """The file's years, checked; a fault names the file and, where it can, the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise InputError("{path}: no such schedule file", path=path) from None
    except UnicodeDecodeError:
        raise InputError("{file}: not UTF-8 text", file=path.name) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            "{file}: not valid TOML ({problem})", file=path.name, problem=exc
        ) from None
    try:
        return schedules_from(document)
    except ScheduleProblems as exc:
        lines = [(_line_of(text, p.values), p) for p in exc.problems]
        if len(lines) == 1:
            (line, problem), file = lines[0], path.name
            if line is None:
                raise InputError("{file}: {problem}", file=file, problem=problem) from None
            raise InputError(
                "{file}, line {line}: {problem}", file=file, line=line, problem=problem
            ) from None
        # Every fault at once, each on its own line: the file is mended in one pass.
        raise InputError(
            "{file}: {count} problems, nothing loaded:\n{problems}",
            file=path.name,
            count=len(lines),
            problems=Lines(
                p if line is None else InputError("line {line}: {problem}", line=line, problem=p)
                for line, p in lines
            ),
        ) from None


def _line_of(text: str, values: dict[str, Any]) -> int | None:
    """The first line holding the date or value the problem names, or the table or key it
    names (`[20x7]`, `holiday = …`): TOML keeps no positions."""
    needle = values.get("day", values.get("value"))
    if needle is not None:
        needle = needle.isoformat() if isinstance(needle, date) else str(needle)
        found = (needle in line.split("#", 1)[0] for line in text.splitlines())
    elif "key" in values:
        heading = re.compile(
            rf"^\s*(\[\s*{re.escape(str(values['key']))}\s*\]|{re.escape(str(values['key']))}\s*=)"
        )
        found = (bool(heading.match(line)) for line in text.splitlines())
    else:
        return None
    return next((number for number, hit in enumerate(found, start=1) if hit), None)


def load_schedules(
    uow: UnitOfWork, schedules: list[YearSchedule], *, actor: Actor, now: datetime
) -> list[dict[str, Any]]:
    """Store each year (replacing one loaded before), audited; what each year now holds."""
    years = [s.year for s in schedules]
    before = {s.year: s for s in loaded_schedules(uow.session) if s.year in years}
    uow.session.execute(delete(CALENDAR_YEAR).where(CALENDAR_YEAR.c.year.in_(years)))
    uow.session.execute(
        insert(CALENDAR_YEAR),
        [
            {
                "year": s.year,
                "source": s.source,
                "holidays": sorted(d.isoformat() for d in s.holidays),
                "workdays": sorted(d.isoformat() for d in s.workdays),
                "loaded_by": actor.name,
                "loaded_at": now,
            }
            for s in schedules
        ],
    )
    entries = [
        AuditEntry(
            "calendar.loaded",
            "calendar_year",
            str(s.year),
            {
                "source": s.source,
                "holidays": len(s.holidays),
                "workdays": len(s.workdays),
                "replaced": before[s.year].source if s.year in before else None,
            },
        )
        for s in schedules
    ]
    uow.audit.append(actor, entries, at=now)
    return [
        {
            "year": s.year,
            "source": s.source,
            "holidays": len(s.holidays),
            "workdays": len(s.workdays),
            "replaced": s.year in before,
        }
        for s in schedules
    ]


def show_year(uow: UnitOfWork, year: int, package: WorkCalendar, tz: tzinfo) -> dict[str, Any]:
    """The year's days off and weekend days worked, and where they come from; when a year
    was loaded is said in business time (`tz`), as every other stored instant is shown."""
    row = uow.session.execute(
        select(CALENDAR_YEAR).where(CALENDAR_YEAR.c.year == year)
    ).one_or_none()
    calendar = calendar_with_loaded(uow.session, package)
    if row is not None:
        origin: dict[str, Any] = {
            "from": "loaded",
            "source": row.source,
            "loaded_by": row.loaded_by,
            "loaded_at": row.loaded_at.astimezone(tz).isoformat(timespec="seconds"),
        }
    elif year in package.covered_years:
        origin = {"from": "package", "source": "chinesecalendar"}
    else:
        origin = {"from": "none", "source": None}
    days = days_of(calendar, year) if origin["from"] != "none" else []
    return {
        "year": year,
        "confirmed": origin["from"] != "none",
        **origin,
        "days": [{"date": d.isoformat(), "kind": kind} for d, kind in days],
    }
