"""`legal-flows init` and `legal-flows import`."""

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from legal_flows.cli.common import (
    JsonFlag,
    Table,
    cli_translator,
    console,
    edge,
    errors,
    print_json,
    runtime,
    unit,
)
from legal_flows.i18n import said
from legal_flows.services.imports.rows import told_reason
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
    t = cli_translator()
    console.print(
        t("database ready at {url}; {count} creditor(s) configured", url=url, count=changed)
    )


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

    with (
        fast_flow_runs(),
        nullcontext() if quiet else errors.status(cli_translator()("importing…")),
    ):
        return intake_flow(
            accounts=str(accounts.resolve()),
            collections=str(collections.resolve()) if collections else None,
        )


def show_import(report: dict[str, Any]) -> None:
    """The report for a person: in the catalogue's language (the JSON keeps English reasons)."""
    t = cli_translator()
    console.print(
        t(
            "created {created}, updated {updated}, unchanged {unchanged}, "
            "rejected rows {rejected_rows}",
            **{k: report[k] for k in ("created", "updated", "unchanged", "rejected_rows")},
        )
    )
    for warning in report["warnings_told"]:
        told = told_reason(warning["template"], warning["values"])
        warning_line = t("warning: {warning}", warning=said(t, told))
        console.print(warning_line, style="yellow", markup=False, highlight=False)
    if report["rejected"]:
        table = Table(
            t("File"), t("Row"), t("Column"), t("Value"), t("Reason"), title=t("Rejected rows")
        )
        for e in report["rejected"]:
            reason = told_reason(e.get("reason_template") or e["reason"], e.get("reason_values"))
            table.add_row(e["file"], str(e["row"]), e["column"], e["value"], said(t, reason))
        console.print(table)
