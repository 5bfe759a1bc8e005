"""`legal-flows cases list|show` and `legal-flows audit verify`."""

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from legal_flows.cli.common import (
    JsonFlag,
    Table,
    cli_translator,
    console,
    day,
    edge,
    print_json,
    unit,
)
from legal_flows.i18n import Translator
from legal_flows.i18n.reasons import reason_text
from legal_flows.services.cases.queries import case_detail, list_cases
from legal_flows.services.cases.venue import set_court
from legal_flows.services.errors import InputError
from legal_flows.store.audit import Actor

cases_app = typer.Typer(help="Follow cases.")
audit_app = typer.Typer(help="The tamper-evident audit log.")


@cases_app.command("list")
@edge
def list_command(
    stage: Annotated[str | None, typer.Option(help="Only this stage.")] = None,
    outcome: Annotated[
        str | None, typer.Option(help="approved, rejected or manual_review.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many cases.")] = 1000,
    as_json: JsonFlag = False,
) -> None:
    """List cases, optionally by stage and outcome."""
    with unit(read_only=True) as (_, uow):
        rows = list_cases(uow, stage=stage, outcome=outcome, limit=limit)
    if as_json:
        print_json(rows)
        return
    t = cli_translator()
    table = Table(
        t("Account"),
        t("Stage"),
        t("Outcome"),
        t("Procedure"),
        t("Claim"),
        title=t("{count} case(s)", count=len(rows)),
    )
    for r in rows:
        table.add_row(
            r["account_id"],
            t.label("stage", r["stage"]),
            t.label("decision", r["outcome"]),
            t.label("procedure", r["procedure"]),
            t.money(r["claim_total"]),
        )
    console.print(table)


# `cases show` lists the case's fields by their names in the reader's language; the reasons,
# decisions and balance follow as their own lines and table.
_NOT_LISTED = {"reasons", "decisions", "balance"}
_LABELLED = {"stage": "stage", "outcome": "decision", "procedure": "procedure"}
_MONEY = {"principal", "interest", "penalty", "fees"}


def _field(t: Translator, key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if key in _LABELLED:
        return t.label(_LABELLED[key], str(value))
    if key in _MONEY or key.startswith("claim_"):
        return t.money(value)
    if key.endswith(("_on", "_date", "_since")):
        return t.day(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


@cases_app.command("show")
@edge
def show_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_json: JsonFlag = False,
) -> None:
    """One case in full: stage, decision, reasons with citations, claim amounts."""
    with unit(read_only=True) as (rt, uow):
        detail = case_detail(uow, account_id, tz=rt.tz, as_of=rt.today(), rules=rt.ledger_rules)
    if as_json:
        print_json(detail)
        return
    t = cli_translator()
    for key, value in detail.items():
        if key not in _NOT_LISTED:
            shown = _field(t, key, value)
            console.print(f"[bold]{t.label('case_field', key)}[/]：{shown}", highlight=False)
    if detail["balance"]:
        owed = detail["balance"]
        line = t(
            "outstanding {outstanding} as of {as_of} (`legal-flows balance {account_id}` for "
            "each line)",
            outstanding=t.money(owed["outstanding"]),
            as_of=t.day(owed["as_of"]),
            account_id=account_id,
        )
        console.print(f"[bold]{t.label('case_field', 'balance')}[/]：{line}", highlight=False)
    table = Table(t("Reason"), t("Detail"), t("Basis"), title=t("Reasons"))
    for r in detail["reasons"]:
        table.add_row(t.label("reason", r["code"]), reason_text(t, r), r["citation"])
    console.print(table)
    for d in detail["decisions"]:
        console.print(
            t(
                "decision {at}: {outcome} by {by}",
                at=f"{t.day(d['decided_at'])} {d['decided_at'][11:16]}",
                outcome=t.label("decision", d["outcome"]),
                by=d["decided_by"],
            ),
            highlight=False,
            markup=False,
        )


@cases_app.command("court")
@edge
def court_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    court: Annotated[str, typer.Option(help="The court's full name, e.g. 永嘉县人民法院.")],
    by: Annotated[str, typer.Option(help="Your name, as it goes into the record.")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Settle the court of a case not yet filed (a held `court_unconfirmed` case, or a
    correction); a decided case goes back to review with it."""
    with unit() as (rt, uow):
        result = set_court(uow, account_id=account_id, court=court, actor=Actor(by), now=rt.now())
    if as_json:
        print_json(result)
        return
    t = cli_translator()
    line = t(
        "{account_id}: {court} (stage {stage})",
        account_id=account_id,
        court=result["court"],
        stage=t.label("stage", result["stage"]),
    )
    console.print(line, highlight=False, markup=False)


@audit_app.command("verify")
@edge
def verify_command(
    as_json: JsonFlag = False,
) -> None:
    """Check the audit log's hash chain: exit 1 if any row was edited, deleted or reordered."""
    with unit(read_only=True) as (_, uow):
        check = uow.audit.verify()
    if as_json:
        print_json(check.__dict__)
    elif check.ok:
        t = cli_translator()
        console.print(
            t("audit log intact: {rows} rows, head {head}…", rows=check.rows, head=check.head[:16])
        )
    if not check.ok:
        raise InputError(
            "audit log broken after {rows} good rows: {problem}",
            rows=check.rows,
            problem=check.problem,
        )


@edge
def report(
    as_of: Annotated[str | None, typer.Option(help="Report date (default today).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="html, csv or json.")] = "html",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
) -> None:
    """The recovery report: rates, 案均, aging, cycle times, by court and by lawyer."""
    from legal_flows.services.sweep.report import build_report, report_csv
    from legal_flows.services.sweep.report_page import report_html

    if fmt not in ("html", "csv", "json"):
        raise InputError("--format is html, csv or json")
    with unit(read_only=True) as (rt, uow):
        data = build_report(uow, as_of=day(rt, as_of), rules=rt.ledger_rules)
    cfg = rt.settings
    if fmt == "json" and output is None:
        print_json(data)
        return
    t = cli_translator()
    text = {"html": lambda d: report_html(d, t), "csv": report_csv}.get(
        fmt, lambda d: json.dumps(d, ensure_ascii=False, indent=2)
    )(data)
    target = output or (cfg.home / "reports" / f"report-{data['as_of']}.{fmt}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    console.print(t("report written to {target}", target=target), markup=False)
