"""`legal-flows init` and `legal-flows import`."""

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from legal_flows.cli.common import JsonFlag, console, edge, errors, print_json, runtime, unit
from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
from legal_flows.store.audit import Actor


@edge
def init(
    creditors: Annotated[
        Path | None, typer.Option(help="Creditors TOML (default: $LEGAL_FLOWS_CREDITORS).")
    ] = None,
) -> None:
    """Create or migrate the database and load the creditors configuration."""
    rt = runtime()
    path = creditors or rt.settings.creditors
    specs = read_creditors_file(path) if path else []
    with unit() as (rt, uow):
        changed = configure_creditors(uow, specs, actor=Actor("cli:init"), now=rt.now())
    url = rt.settings.db_url.split("@")[-1]
    console.print(f"database ready at {url}; {changed} creditor(s) configured")


@edge
def import_files(
    accounts: Annotated[Path, typer.Argument(help="Accounts export (.csv or .xlsx).")],
    collections: Annotated[
        Path | None, typer.Option(help="Collection history export (.csv or .xlsx).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Import escalated accounts (and their collection history) through the intake flow."""
    report = run_intake(accounts, collections, quiet=as_json)
    if as_json:
        print_json(report)
    else:
        show_import(report)
    if report["rejected_rows"]:
        raise typer.Exit(2)


def run_intake(accounts: Path, collections: Path | None, *, quiet: bool) -> dict[str, Any]:
    runtime().migrate()  # before the flow's tasks open it
    from legal_flows.flows.intake import intake_flow
    from legal_flows.flows.runtime import fast_flow_runs

    with fast_flow_runs(), nullcontext() if quiet else errors.status("importing…"):
        return intake_flow(
            accounts=str(accounts.resolve()),
            collections=str(collections.resolve()) if collections else None,
        )


def show_import(report: dict[str, Any]) -> None:
    console.print(
        f"created {report['created']}, updated {report['updated']}, "
        f"unchanged {report['unchanged']}, rejected rows {report['rejected_rows']}"
    )
    for warning in report["warnings"]:
        console.print(f"[yellow]warning:[/] {warning}")
    if report["rejected"]:
        table = Table("file", "row", "column", "value", "reason", title="Rejected rows")
        for e in report["rejected"]:
            table.add_row(e["file"], str(e["row"]), e["column"], e["value"], e["reason"])
        console.print(table)
