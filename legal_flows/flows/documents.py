"""Document-generation flow: approved cases in chunks, each case its own transaction."""

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote
from sqlalchemy.exc import SQLAlchemyError

from legal_flows.documents.errors import DocumentError
from legal_flows.domain.errors import DomainError
from legal_flows.flows.context import task_context
from legal_flows.services.documents import cases_needing_documents, generate_case_documents
from legal_flows.services.errors import ServiceError
from legal_flows.store.db import session_scope

FLOW_NAME = "generate-documents"


@task(name="select-approved-cases", cache_policy=NO_CACHE)
def select_cases_task() -> list[int]:
    ctx = task_context(FLOW_NAME)
    with session_scope(ctx.engine, read_only=True) as session:
        return cases_needing_documents(session)


@task(name="generate-chunk", cache_policy=NO_CACHE)
def generate_chunk_task(
    case_ids: list[int], signed_on: date | None, demand_letter: bool
) -> dict[str, Any]:
    ctx = task_context(FLOW_NAME)
    policy, store, templates = ctx.policy, ctx.store, ctx.templates
    done: dict[str, Any] = {"cases": 0, "created": 0, "reused": 0, "failed": []}
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
    return done


@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
def generate_documents_flow(
    signed_on: date | None = None,
    case_ids: list[int] | None = None,
    demand_letter: bool = False,
    chunk_size: int = 50,
) -> dict[str, Any]:
    """Render the filing package of every approved case (or of the given case ids)."""
    ids = case_ids if case_ids is not None else select_cases_task()
    chunks = [quote(ids[i : i + chunk_size]) for i in range(0, len(ids), chunk_size)]
    futures = generate_chunk_task.map(
        chunks, signed_on=unmapped(signed_on), demand_letter=unmapped(demand_letter)
    )
    total: dict[str, Any] = {"cases": 0, "created": 0, "reused": 0, "failed": []}
    for part in futures.result():
        for key in ("cases", "created", "reused"):
            total[key] += part[key]
        total["failed"] += part["failed"]
    for failure in total["failed"]:
        get_run_logger().error("case %s: no documents: %s", failure["case_id"], failure["error"])
    create_table_artifact(
        key="generate-documents",
        table=[{"what": k, "count": v if isinstance(v, int) else len(v)} for k, v in total.items()],
        description="Filing documents generated",
    )
    return total
