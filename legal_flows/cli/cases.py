"""`legal-flows cases list|show` and `legal-flows audit verify`."""

from typing import Annotated

import typer
from rich.table import Table

from legal_flows.cli.common import JSON_HELP, console, edge, print_json, session
from legal_flows.services.audit import verify_chain
from legal_flows.services.cases import case_detail, list_cases
from legal_flows.services.errors import InputError

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
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """List cases, optionally by stage and outcome."""
    with session() as s:
        rows = list_cases(s, stage=stage, outcome=outcome, limit=limit)
    if as_json:
        print_json(rows)
        return
    table = Table(
        "account_id", "stage", "outcome", "procedure", "claim", title=f"{len(rows)} case(s)"
    )
    for r in rows:
        table.add_row(
            r["account_id"],
            r["stage"],
            r["outcome"] or "",
            r["procedure"] or "",
            r["claim_total"] or "",
        )
    console.print(table)


@cases_app.command("show")
@edge
def show_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """One case in full: stage, decision, reasons with citations, claim amounts."""
    with session() as s:
        detail = case_detail(s, account_id)
    if as_json:
        print_json(detail)
        return
    skip = {"reasons", "decisions"}
    for key, value in detail.items():
        if key not in skip:
            console.print(f"[bold]{key}[/]: {value}", highlight=False)
    table = Table("code", "message", "citation", title="Reasons")
    for r in detail["reasons"]:
        table.add_row(r["code"], r["message"], r["citation"])
    console.print(table)
    for d in detail["decisions"]:
        console.print(
            f"decision {d['decided_at']}: {d['outcome']} by {d['decided_by']}", highlight=False
        )


@audit_app.command("verify")
@edge
def verify_command(
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Check the audit log's hash chain: exit 1 if any row was edited, deleted or reordered."""
    with session() as s:
        check = verify_chain(s)
    if as_json:
        print_json(check.__dict__)
    elif check.ok:
        console.print(f"audit log intact: {check.rows} rows, head {check.head[:16]}…")
    if not check.ok:
        raise InputError(f"audit log broken after {check.rows} good rows: {check.problem}")
