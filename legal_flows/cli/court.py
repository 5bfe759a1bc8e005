"""`legal-flows court record` and `legal-flows deadlines`."""

from pathlib import Path
from typing import Annotated

import typer

from legal_flows.cli.common import (
    AsOf,
    JsonFlag,
    Table,
    cli_translator,
    console,
    day,
    edge,
    money_option,
    print_json,
    print_rejected,
    runtime,
    unit,
)
from legal_flows.domain.deadlines import Source
from legal_flows.i18n import Translator, said_failure
from legal_flows.services.court.deadlines import list_deadlines
from legal_flows.services.court.events import record_court_event
from legal_flows.services.court.feed import import_court_events
from legal_flows.services.court.instrument import read_terms
from legal_flows.store.audit import Actor
from legal_flows.store.deadlines import DeadlineSource

court_app = typer.Typer(help="Court events: 立案, 送达, 开庭, 判决/调解, 生效…")


@court_app.command("record")
@edge
def record_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    event: Annotated[str, typer.Argument(help="Event code, e.g. registered, served, judgment.")],
    on: Annotated[str, typer.Option(help="Date of the event (YYYY-MM-DD).")],
    case_no: Annotated[
        str | None, typer.Option(help="案号, e.g. （2026）京0105民初12345号.")
    ] = None,
    party: Annotated[str, typer.Option(help="The party served (per-party events).")] = "",
    detail: Annotated[str, typer.Option(help="Extra fact, e.g. pre_action for preservation.")] = "",
    by: Annotated[str, typer.Option(help="Who records it.")] = "cli",
    terms: Annotated[
        Path | None,
        typer.Option(
            help="What a judgment, mediation, payment order or ruling decided (TOML: [award], "
            "[continuing], perform_within_days, [[instalments]])."
        ),
    ] = None,
    procedure: Annotated[
        str | None,
        typer.Option(
            help="With registered: the procedure the court uses (small_claims, simplified, "
            "ordinary), from its acceptance notice; it decides the trial limit and the fee."
        ),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option(help="With preservation_ruled: the amount the ruling preserved (CNY)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a court event: the stage moves where it should, deadlines are recomputed."""
    decided = read_terms(terms, event) if terms else None
    with unit() as (rt, uow):
        result = record_court_event(
            uow,
            account_id=account_id,
            code=event,
            on=day(rt, on),
            actor=Actor(by),
            now=rt.now(),
            calendar=rt.calendar,
            party=party,
            detail=detail,
            case_no=case_no,
            terms=decided,
            procedure=procedure,
            amount=money_option(amount, "--amount") if amount is not None else None,
        )
    if as_json:
        print_json(result.__dict__)
        return
    t = cli_translator()
    what = {"account_id": account_id, "event": t.label("court_event", event), "on": t.day(on)}
    if not result.new:
        console.print(t("{account_id}: {event} on {on} was already on record (kept once)", **what))
    elif result.stages:
        stage = t.label("stage", result.stages[-1])
        console.print(
            t(
                "{account_id}: {event} on {on} recorded, stage → {stage}; {count} deadline(s)",
                stage=stage,
                count=result.deadlines,
                **what,
            )
        )
    else:
        console.print(
            t(
                "{account_id}: {event} on {on} recorded; {count} deadline(s)",
                count=result.deadlines,
                **what,
            )
        )


@court_app.command("import")
@edge
def import_command(
    file: Annotated[Path, typer.Argument(help="Court platform export: .csv, .xlsx or .jsonl.")],
    by: Annotated[str, typer.Option(help="Who imports it.")] = "import",
    as_json: JsonFlag = False,
) -> None:
    """Import court events (columns account_id, event, on, case_no, party, detail)."""
    from dataclasses import asdict

    rt = runtime()
    report = import_court_events(
        rt.uow, path=file, actor=Actor(by), now=rt.now(), calendar=rt.calendar
    )
    if as_json:
        print_json(asdict(report))
    else:
        t = cli_translator()
        console.print(
            t(
                "recorded {created}, already on record {unchanged}, rejected rows {rejected}",
                created=report.created,
                unchanged=report.unchanged,
                rejected=report.rejected_rows,
            )
        )
        print_rejected(t, report.rejected)
    if report.rejected_rows:
        raise typer.Exit(2)


@edge
def deadlines(
    case: Annotated[str | None, typer.Option(help="Only this account_id.")] = None,
    due_within: Annotated[int | None, typer.Option(help="Due within this many days.")] = None,
    overdue: Annotated[bool, typer.Option(help="Only missed deadlines.")] = False,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Deadlines by due date with their status, citation and the event they come from."""
    with unit(read_only=True) as (rt, uow):
        rows = list_deadlines(
            uow,
            as_of=day(rt, as_of),
            account_id=case,
            due_within=due_within,
            overdue=overdue,
            covered_years=rt.calendar.covered_years,
        )
    if as_json:
        print_json([{**r, "source": r["source"].code} for r in rows])
        return
    t = cli_translator()
    table = Table(
        t("Account"),
        t("Deadline"),
        t("Due"),
        t("Status"),
        t("Basis"),
        t("From"),
        title=t("{count} deadline(s)", count=len(rows)),
    )
    provisional = sorted({r["due_on"][:4] for r in rows if r["provisional"]})
    for r in rows:
        due = t.day(r["due_on"])
        table.add_row(
            r["account_id"],
            t.label("deadline", r["kind"]),
            t("{day} (provisional)", day=due) if r["provisional"] else due,
            t.label("status", r["status"]),
            r["citation"],
            source_words(t, r["source"]),
        )
    console.print(table)
    if provisional:  # a due date that may still move is said so where it is read
        console.print(
            t(
                "provisional: {years} has no official holiday schedule yet, so those due dates "
                "count weekends only and may move once it is loaded (`legal-flows calendar "
                "load FILE`)",
                years="、".join(provisional),
            ),
            markup=False,
        )


def source_words(t: Translator, source: DeadlineSource) -> str:
    """What a deadline runs from, for a person: `deadlines --json` keeps the code for
    scripts; the table says the same parts in the catalogue's words."""
    match source.kind:
        case Source.CASE:
            return t("the review")
        case Source.ASSET:
            return t("asset {asset}: its reference price", asset=source.ident)
        case Source.SEIZURE if source.asset is not None:
            return t("asset {asset}: seizure {seizure}", asset=source.asset, seizure=source.ident)
        case Source.SEIZURE:
            return t("seizure {seizure}", seizure=source.ident)
        case Source.ROUND:
            return t("auction round {round}", round=source.ident)
        case Source.PLAN:
            return t("instalment plan {plan}", plan=source.ident)
    if source.event is None or source.on is None:  # the event's row is gone: its code
        return source.code
    event = f"{t.label('court_event', source.event)} {t.day(source.on)}"
    if source.check:
        return t("{event}, check {n}", event=event, n=source.check)
    return f"{event} {source.party}".rstrip()


@edge
def sweep(
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Run the daily sweep now: missed and coming deadlines, quiet cases, alerts, report.
    As of a day after today it is a preview that writes nothing."""
    rt = runtime()
    when = day(rt, as_of)
    from legal_flows.flows.runtime import fast_flow_runs
    from legal_flows.flows.sweep import sweep_flow

    rt.migrate()
    with fast_flow_runs():
        summary = sweep_flow(as_of=when)
    if as_json:
        print_json(summary)
        return
    t = cli_translator()
    if summary.get("preview"):
        console.print(
            t(
                "sweep preview {as_of} (a day after today: nothing written): would mark "
                "{would_mark_missed} missed and raise {would_raise} alert(s); {due} due soon, "
                "{stalled} stalled",
                **{**summary, "as_of": t.day(summary["as_of"])},
            )
        )
        return
    console.print(
        t(
            "sweep {as_of}: {missed} missed, {due} due soon, {stalled} stalled; {new_alerts} new "
            "alert(s), {sent} sent",
            **{**summary, "as_of": t.day(summary["as_of"])},
        )
    )
    for failure in summary["failures"]:  # the alerts stay unsent: the next sweep tries again
        why = said_failure(t, failure)
        console.print(
            t(
                "alert channel {channel} failed, its alerts kept for the next sweep: {why}",
                channel=t.label("channel", failure["channel"]),
                why=why,
            ),
            markup=False,
        )
    console.print(t("report: {path}", path=summary["report"]["html"]), markup=False)


@edge
def serve() -> None:
    """Serve the scheduled deployments (sweep 07:00, review 01:00, documents 02:00 Shanghai)."""
    import os

    from legal_flows.cli.common import fail
    from legal_flows.flows.deploy import serve_all

    if not os.environ.get("PREFECT_API_URL"):
        fail(
            "schedules need a Prefect server: run `prefect server start`, then set PREFECT_API_URL"
        )
    runtime().migrate()
    serve_all()
