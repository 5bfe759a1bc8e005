"""Document-generation flow: approved cases in chunks, each case its own transaction."""

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.concurrency.sync import concurrency
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from sqlalchemy.exc import SQLAlchemyError

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.pdf import PdfConverter
from legal_flows.domain.errors import DomainError
from legal_flows.flows.context import TaskContext, task_context
from legal_flows.services.documents import cases_needing_documents, generate_case_documents
from legal_flows.services.errors import ServiceError
from legal_flows.services.pdf_copies import convert_to_pdf
from legal_flows.store.db import session_scope

FLOW_NAME = "generate-documents"
PDF_LIMIT = "legal-flows-libreoffice"
COUNTS = ("cases", "created", "reused", "pdf")


@task(name="select-approved-cases", cache_policy=NO_CACHE)
def select_cases_task(with_ready: bool) -> list[int]:
    ctx = task_context(FLOW_NAME)
    with session_scope(ctx.engine, read_only=True) as session:
        return cases_needing_documents(session, with_ready=with_ready)


@task(name="generate-chunk", cache_policy=NO_CACHE)
def generate_chunk_task(
    case_ids: list[int], signed_on: date | None, demand_letter: bool, pdf: bool
) -> dict[str, Any]:
    ctx = task_context(FLOW_NAME)
    policy, store, templates = ctx.policy, ctx.store, ctx.templates
    done: dict[str, Any] = dict.fromkeys(COUNTS, 0) | {"failed": []}
    for case_id in case_ids:
        try:
            result = generate_case_documents(
                ctx.engine,
                case_id=case_id,
                signed_on=signed_on,
                actor=ctx.actor,
                now=ctx.now,
                policy=policy,
                store=store,
                templates=templates,
                demand_letter=demand_letter,
            )
        except (DocumentError, ServiceError, DomainError, SQLAlchemyError) as exc:
            # One case's problem (say, no court readable from its address) fails that case.
            done["failed"].append({"case_id": case_id, "error": str(exc).splitlines()[0]})
            continue
        done["cases"] += 1
        done["created"] += len(result.created)
        done["reused"] += len(result.reused)
    if pdf:
        done["pdf"] = _pdf_copies(ctx, case_ids)
    return done


def _pdf_copies(ctx: TaskContext, case_ids: list[int]) -> int:
    converter = PdfConverter(ctx.settings.home / "libreoffice")
    # How many LibreOffice runs the installation allows at once is a Prefect global
    # concurrency limit an operator creates (`prefect gcl create legal-flows-libreoffice
    # --limit 2`); without one the run goes ahead unthrottled.
    with concurrency(PDF_LIMIT, occupy=1, strict=False):
        return convert_to_pdf(
            ctx.engine,
            case_ids=case_ids,
            converter=converter,
            store=ctx.store,
            actor=ctx.actor,
            now=ctx.now,
        )


@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
def generate_documents_flow(
    signed_on: date | None = None,
    case_ids: list[int] | None = None,
    demand_letter: bool = False,
    pdf: bool = False,
    chunk_size: int = 50,
) -> dict[str, Any]:
    """Render the filing package of every approved case (or of the given case ids)."""
    ids = case_ids if case_ids is not None else select_cases_task(with_ready=pdf)
    chunks = [quote(ids[i : i + chunk_size]) for i in range(0, len(ids), chunk_size)]
    futures = generate_chunk_task.map(
        chunks,
        signed_on=unmapped(signed_on),
        demand_letter=unmapped(demand_letter),
        pdf=unmapped(pdf),
    )
    total: dict[str, Any] = dict.fromkeys(COUNTS, 0) | {"failed": []}
    for part in futures.result():
        for key in COUNTS:
            total[key] += part[key]
        total["failed"] += part["failed"]
    for failure in total["failed"]:
        get_run_logger().error("case %s: no documents: %s", failure["case_id"], failure["error"])
    create_table_artifact(
        key="generate-documents",
        table=[{"what": k, "count": total[k]} for k in COUNTS]
        + [{"what": "failed", "count": len(total["failed"])}],
        description="Filing documents generated",
    )
    return total
