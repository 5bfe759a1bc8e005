"""`legal-flows calendar`: load a year's official holiday schedule (the open deadlines it
moves are computed again and listed), show a year's days."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from legal_flows.bootstrap import package_calendar
from legal_flows.cli.common import JsonFlag, Table, cli_translator, console, edge, print_json, unit
from legal_flows.services.calendar.recompute import recompute_open_deadlines
from legal_flows.services.calendar.schedules import (
    calendar_with_loaded,
    load_schedules,
    read_schedules,
    show_year,
)
from legal_flows.store.audit import Actor

calendar_app = typer.Typer(help="The holiday calendar deadlines are computed on.")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@calendar_app.command("load")
@edge
def load_command(
    file: Annotated[Path, typer.Argument(help="A TOML file: [YYYY] source, holidays, workdays.")],
    by: Annotated[str, typer.Option(help="Who loads it (recorded in the audit log).")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Load the State Council's schedule for a year; it replaces the package's data for it,
    and the open deadlines it moves are computed again."""
    schedules = read_schedules(file)  # the whole file is checked before anything is stored
    with unit() as (rt, uow):
        actor, now = Actor(by), rt.now()
        loaded = load_schedules(uow, schedules, actor=actor, now=now)
        # The calendar as Runtime.calendar gives it once this commits, read back in the same
        # transaction: the deadlines move with the load or not at all.
        calendar = calendar_with_loaded(uow.session, package_calendar())
        years = [s.year for s in schedules]
        moved = recompute_open_deadlines(uow, years=years, calendar=calendar, actor=actor, now=now)
    if as_json:
        print_json({"loaded": loaded, "moved": moved})
        return
    t = cli_translator()
    for year in loaded:
        console.print(
            t(
                "{year}: {holidays} days off, {workdays} weekend days worked, from {source}",
                **year,
            ),
            markup=False,
            soft_wrap=True,
        )
    if not moved:
        console.print(t("no open deadline moved"), markup=False, soft_wrap=True)
        return
    table = Table(title=t("{count} open deadline(s) moved", count=len(moved)))
    table.add_column(t("Account"))
    table.add_column(t("Deadline"))
    table.add_column(t("Was due"))
    table.add_column(t("Now due"))
    for m in moved:
        kind = t.label("deadline", m["kind"])
        table.add_row(m["account_id"], kind, t.day(m["old_due_on"]), t.day(m["new_due_on"]))
    console.print(table)


@calendar_app.command("show")
@edge
def show_command(
    year: Annotated[int, typer.Argument(help="The year, e.g. 2027.")],
    as_json: JsonFlag = False,
) -> None:
    """The year's days off and weekend days worked, and where they come from."""
    with unit(read_only=True) as (rt, uow):
        shown = show_year(uow, year, package_calendar(), rt.tz)
    if as_json:
        print_json(shown)
        return
    t = cli_translator()
    if shown["from"] == "loaded":
        origin = t(
            "loaded by {loaded_by} at {loaded_at}: {source}",
            loaded_by=shown["loaded_by"],
            loaded_at=f"{t.day(shown['loaded_at'])} {shown['loaded_at'][11:16]}",
            source=shown["source"],
        )
    elif shown["from"] == "package":
        origin = t("from the holiday package (chinesecalendar)")
    else:
        console.print(
            t("{year}: no official schedule; deadlines count weekends only", year=year),
            markup=False,
            soft_wrap=True,
        )
        return
    # Said above the table, not as its title: a title wraps at the table's width, which cut
    # the notice's name in two.
    console.print(f"{year} · {origin}", markup=False, soft_wrap=True)
    table = Table()
    table.add_column(t("Date"))
    table.add_column(t("Weekday"))
    table.add_column(t("Kind"))
    for entry in shown["days"]:
        weekday = _WEEKDAYS[date.fromisoformat(entry["date"]).weekday()]
        kind = t.label("calendar_day", entry["kind"])
        table.add_row(t.day(entry["date"]), t.label("weekday", weekday), kind)
    console.print(table)
