"""Eligibility-review flow: lanes of chunks each claimed by its task, a table artifact."""

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from legal_flows.bootstrap import runtime
from legal_flows.flows.context import audit_other_day, task_context
from legal_flows.flows.deploy import publish_failed_cases
from legal_flows.flows.runtime import (
    MAX_LANES,
    batch_collector,
    retry_on_lost_connection,
    run_lanes,
)
from legal_flows.i18n import Translator
from legal_flows.services.review.automatic import ChunkResult, refresh_after_review, review_next

FLOW_NAME = "eligibility-review"


@task(
    name="review-chunk",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[2, 5, 15],
    retry_condition_fn=retry_on_lost_connection,
)
def review_next_task(as_of: date, chunk_size: int, after: int) -> ChunkResult:
    """Claim the next chunk past `after` and decide it; a lost connection rolls the chunk
    back whole and the task tries again."""
    ctx = task_context(FLOW_NAME)
    with ctx.rt.uow() as uow:
        return review_next(
            uow,
            after=after,
            size=chunk_size,
            as_of=as_of,
            actor=ctx.actor,
            now=ctx.now,
            policy=ctx.rt.policy,
            calendar=ctx.rt.calendar,
        )


@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=MAX_LANES))  # type: ignore[arg-type]
def eligibility_review_flow(
    as_of: date | None = None, chunk_size: int = 2000, lanes: int = 1
) -> dict[str, Any]:
    """Review every case awaiting review as of `as_of` (default: today in the bank's zone).

    `lanes` chunks are reviewed at once; each lane claims its next chunk when one ends, so
    this run and any other run of this flow share the work without overlap (store/claims.py).
    """
    with batch_collector():
        rt = runtime()
        as_of = as_of or rt.today()
        audit_other_day(rt, FLOW_NAME, as_of)
        total = ChunkResult()
        parts: list[ChunkResult] = run_lanes(
            lambda after: review_next_task.submit(as_of, chunk_size, after),
            lanes,
            lambda part: part.last_id if part.claimed else None,
        )
        for part in parts:
            total.merge(part)
        if total.reviewed:
            with rt.uow() as uow:
                refresh_after_review(uow)
        for failed in total.failed:
            get_run_logger().error(
                "case %s not reviewed: %s", failed["account_id"], failed["error"]
            )
        publish_outcomes(total, as_of, rt.translator)
        publish_failed_cases(total.failed)
        return {
            "as_of": as_of.isoformat(),
            "reviewed": total.reviewed,
            "outcomes": dict(total.outcomes),
            "reasons": dict(total.reasons.most_common()),
            "failed": total.failed,
        }


def publish_outcomes(result: ChunkResult, as_of: date, t: Translator) -> None:
    """The run's outcomes and reasons as a table: codes for scripts, names for people."""
    rows: list[dict[str, Any]] = [
        {"kind": "outcome", "code": k, "name": t.label("decision", k), "cases": v}
        for k, v in sorted(result.outcomes.items())
    ]
    rows += [
        {"kind": "reason", "code": k, "name": t.label("reason", k), "cases": v}
        for k, v in result.reasons.most_common()
    ]
    rows += [
        {
            "kind": "failed",
            "code": "error",
            "name": t.label("summary", "failed"),
            "cases": len(result.failed),
        }
    ]
    create_table_artifact(
        key="eligibility-review-outcomes",
        table=rows,
        description=t(
            "eligibility review as of {day}: {count} cases decided",
            day=t.day(as_of),
            count=result.reviewed,
        ),
    )


def run_review(*, as_of: date | None, workers: int, chunk_size: int) -> dict[str, Any]:
    """Run the flow with the configured lanes (1 on SQLite: a single writer)."""
    return eligibility_review_flow(as_of=as_of, chunk_size=chunk_size, lanes=workers)
