"""`legal-flows generate` and `legal-flows docs list|get|export|verify`."""

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from legal_flows.cli.common import (
    JsonFlag,
    Table,
    cli_translator,
    console,
    edge,
    errors,
    fail,
    print_json,
    runtime,
    unit,
)
from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.pdf import check_libreoffice
from legal_flows.domain.filing import DocumentKind
from legal_flows.i18n import said_failure
from legal_flows.services.errors import CaseNotFound, InputError
from legal_flows.services.filing.generation import check_filing_templates
from legal_flows.services.filing.package import (
    export_package,
    list_documents,
    read_document,
    verify_documents,
)

docs_app = typer.Typer(help="Generated documents: list, fetch, export, verify.")


@edge
def generate(
    as_of: Annotated[
        str | None, typer.Option(help="Date the documents are signed (default: the review date).")
    ] = None,
    case: Annotated[str | None, typer.Option(help="Only this account_id.")] = None,
    demand_letter: Annotated[bool, typer.Option(help="Add a pre-litigation 律师函.")] = False,
    pdf: Annotated[bool, typer.Option(help="Also convert to PDF with LibreOffice.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Render the filing package of every approved case (or one) through the Prefect flow."""
    from datetime import date

    rt = runtime()
    if pdf:
        check_libreoffice()  # a missing LibreOffice is one line now, not one per chunk
    signed_on = date.fromisoformat(as_of) if as_of else None
    cfg = rt.settings
    case_ids = None
    if case:
        with rt.uow(read_only=True) as uow:
            found = uow.cases.id_of(case)
        if found is None:
            raise CaseNotFound(case)
        case_ids = [found]
    check_filing_templates(rt.templates)  # before a flow starts or anything is written
    rt.migrate()
    from legal_flows.flows.documents import run_generation
    from legal_flows.flows.runtime import fast_flow_runs

    t = cli_translator()
    with fast_flow_runs(), errors.status(t("rendering documents…")):
        summary = run_generation(
            cfg, signed_on=signed_on, case_ids=case_ids, demand_letter=demand_letter, pdf=pdf
        )
    if as_json:
        print_json(summary)
    else:
        console.print(
            t(
                "{cases} case(s): {created} document(s) written, {reused} unchanged, "
                "{pdf} PDF copies",
                cases=summary["cases"],
                created=summary["created"],
                reused=summary["reused"],
                pdf=summary["pdf"],
            )
        )
        for failure in summary["failed"]:
            case = t("case {case_id}", case_id=failure["case_id"])
            why = escape(said_failure(t, failure))
            console.print(
                t("{account}: {why}", account=f"[red]{case}[/]", why=why), highlight=False
            )
    if summary["failed"]:
        raise typer.Exit(1)


@docs_app.command("list")
@edge
def list_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_json: JsonFlag = False,
) -> None:
    """Every document of a case, current and superseded, with hashes."""
    with unit(read_only=True) as (rt, uow):
        docs = list_documents(uow, account_id, tz=rt.tz)
    if as_json:
        print_json(docs)
        return
    t = cli_translator()
    table = Table("id", t("Document"), t("Format"), t("Status"), title=account_id)
    table.add_column(t("Created"), no_wrap=True)  # a day and its minute on one line
    table.add_column("sha256", no_wrap=True)
    for d in docs:
        status = t.label("document_status", d["status"])
        # A PDF copy shares its .docx's title: the format tells which id `docs get` wants.
        made = f"{t.day(d['created_at'])} {d['created_at'][11:16]}"  # business time already
        row = (str(d["id"]), d["title"], d["format"].upper(), status, made, d["sha256"][:16])
        table.add_row(*row)
    console.print(table)


@docs_app.command("get")
@edge
def get_command(
    document_id: Annotated[int, typer.Argument(help="Document id (from docs list).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the file.")],
) -> None:
    """Write one stored document to a file, after checking its hash."""
    if not output.parent.is_dir():
        raise InputError("no such folder: {folder}", folder=output.parent)
    with unit(read_only=True) as (rt, uow):
        row, data = read_document(uow, rt.store, document_id)
    output.write_bytes(data)
    t = cli_translator()
    line = t(
        "wrote {output} ({kind}, sha256 {sha}…)",
        output=output,
        kind=CATALOG[DocumentKind(row.kind)].title,
        sha=row.output_sha[:16],
    )
    console.print(line, markup=False)


@docs_app.command("export")
@edge
def export_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="A folder, or a .zip file.")],
) -> None:
    """The current filing package with a manifest of hashes."""
    with unit(read_only=True) as (rt, uow):
        target = export_package(uow, rt.store, account_id, output, tz=rt.tz)
    t = cli_translator()
    console.print(
        t("exported {account_id} to {target}", account_id=account_id, target=target), markup=False
    )


@docs_app.command("batch-export")
@edge
def batch_export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="The folder to write.")],
    court: Annotated[str | None, typer.Option(help="Only the cases going to this court.")] = None,
    stage: Annotated[str, typer.Option(help="The cases in this stage.")] = "documents_ready",
    as_json: JsonFlag = False,
) -> None:
    """For a court's batch 立案: one 诉讼要素表 (.xlsx, a row per case), each case's package
    in its own folder, and manifest.json with every file's hash."""
    from legal_flows.services.filing.batch import batch_export

    if output.exists() and any(output.iterdir()):
        raise InputError("{folder} is not empty: choose a new folder", folder=output)
    with unit(read_only=True) as (rt, uow):
        summary = batch_export(
            uow,
            rt.store,
            output,
            stage=stage,
            court=court,
            cost_cap=rt.policy.cost_cap_rate,
            tz=rt.tz,
        )
    if as_json:
        print_json(summary)
        return
    t = cli_translator()
    console.print(
        t(
            "{count} case(s) exported to {output} (诉讼要素表.xlsx, manifest.json)",
            count=summary["cases"],
            output=output,
        ),
        markup=False,
    )
    for skipped in summary["skipped"]:
        console.print(f"[yellow]{skipped['account_id']}[/]: {skipped['reason']}", highlight=False)


@docs_app.command("verify")
@edge
def verify_command(
    as_json: JsonFlag = False,
) -> None:
    """Check every stored file against its hash; exit 1 naming the bad ones."""
    with unit(read_only=True) as (rt, uow):
        bad = verify_documents(uow, rt.store)
    if as_json:
        print_json(bad)
    if bad:
        ids = ", ".join(str(b["id"]) for b in bad)
        fail("{count} document(s) missing or altered: ids {ids}", count=len(bad), ids=ids)
    if not as_json:
        t = cli_translator()
        console.print(t("all stored documents match their hashes"))
