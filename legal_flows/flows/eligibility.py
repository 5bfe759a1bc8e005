"""Eligibility-review flow: pending case ids in chunks, one task per chunk, a table artifact."""

from datetime import date, datetime
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from legal_flows.flows.context import task_context
from legal_flows.services.review import ChunkResult, pending_case_ids, review_chunk
from legal_flows.settings import load_settings
from legal_flows.store.db import session_scope

FLOW_NAME = "eligibility-review"


@task(name="select-pending-cases", cache_policy=NO_CACHE)
def select_pending_task() -> list[int]:
    ctx = task_context(FLOW_NAME)
    with session_scope(ctx.engine) as session:
        return pending_case_ids(session)


@task(name="review-chunk", cache_policy=NO_CACHE)
def review_chunk_task(case_ids: list[int], as_of: date) -> ChunkResult:
    ctx = task_context(FLOW_NAME)
    return review_chunk(
        ctx.engine,
        case_ids=case_ids,
        as_of=as_of,
        actor=ctx.actor,
        now=ctx.now,
        policy=ctx.policy,
        calendar=ctx.calendar,
    )


@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
def eligibility_review_flow(as_of: date | None = None, chunk_size: int = 500) -> dict[str, Any]:
    """Review every case awaiting review as of `as_of` (default: today in Asia/Shanghai)."""
    as_of = as_of or datetime.now(load_settings().tz).date()
    ids = select_pending_task()
    chunks = [ids[i : i + chunk_size] for i in range(0, len(ids), chunk_size)]
    total = ChunkResult()
    # quote(): Prefect would otherwise walk every id of every chunk looking for futures.
    futures = review_chunk_task.map([quote(c) for c in chunks], as_of=unmapped(as_of))
    for result in futures.result():
        total.merge(result)
    for account_id, why in total.failed:
        get_run_logger().error("case %s not reviewed: %s", account_id, why)
    publish_outcomes(total, as_of)
    return {
        "as_of": as_of.isoformat(),
        "reviewed": total.reviewed,
        "outcomes": dict(total.outcomes),
        "reasons": dict(total.reasons.most_common()),
        "failed": [{"account_id": a, "error": e} for a, e in total.failed],
    }


def publish_outcomes(result: ChunkResult, as_of: date) -> None:
    rows: list[dict[str, Any]] = [
        {"kind": "outcome", "code": k, "cases": v} for k, v in sorted(result.outcomes.items())
    ]
    rows += [{"kind": "reason", "code": k, "cases": v} for k, v in result.reasons.most_common()]
    rows += [{"kind": "failed", "code": "error", "cases": len(result.failed)}]
    create_table_artifact(
        key="eligibility-review-outcomes",
        table=rows,
        description=f"Eligibility review as of {as_of}: {result.reviewed} cases decided",
    )


def run_review(*, as_of: date | None, workers: int, chunk_size: int) -> dict[str, Any]:
    """Run the flow with the configured concurrency (1 on SQLite: a single writer)."""
    runner: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=max(workers, 1))
    configured = eligibility_review_flow.with_options(task_runner=runner)  # type: ignore[arg-type]
    return configured(as_of=as_of, chunk_size=chunk_size)
