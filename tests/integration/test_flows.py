"""The intake and review flows as real Prefect runs (one session-wide test server)."""

import asyncio
import gc
import json
import re

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterId,
    LogFilter,
    LogFilterFlowRunId,
)
from sqlalchemy import select

from legal_flows.flows.eligibility import eligibility_review_flow, run_review
from legal_flows.flows.intake import intake_flow
from legal_flows.store.db import get_engine, session_scope
from legal_flows.store.tables import CaseRow, DecisionRow
from tests.helpers import AS_OF, portfolio, read_rows, with_creditors

pytestmark = pytest.mark.usefixtures("prefect_api", "app_env")


async def _runs_and_logs(flow_name: str):
    async with get_client() as client:
        runs = [r for r in await client.read_flow_runs() if r.name]
        flows = {f.id: f.name for f in await client.read_flows()}
        runs = [r for r in runs if flows.get(r.flow_id) == flow_name]
        runs.sort(key=lambda r: r.created)
        last = runs[-1]
        logs = await client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[last.id])))
        tasks = await client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[last.id]))
        )
        return last, logs, tasks


def test_intake_then_review_flows_decide_every_case_without_personal_data_in_prefect(
    db_url, tmp_path
):
    pf = portfolio(tmp_path, count=45)
    with_creditors(get_engine(db_url), pf)
    imported = intake_flow(accounts=str(pf.accounts), collections=str(pf.collections))
    assert (imported["created"], imported["rejected_rows"]) == (
        45 + len(read_rows(pf.collections)),
        0,
    )
    before = gc.get_threshold()
    summary = run_review(as_of=AS_OF, workers=1, chunk_size=10)
    assert summary["reviewed"] == 45
    assert sum(summary["outcomes"].values()) == 45
    assert summary["failed"] == []
    # The collector was set for the run alone (batch_collector): the process is as it was.
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before

    run, logs, tasks = asyncio.run(_runs_and_logs("eligibility-review"))
    assert set(run.parameters) == {"as_of", "chunk_size", "lanes"}
    # 45 cases / 10 = 5 chunks, and the claim that finds nothing left ends the lane.
    assert sorted(t.name.rsplit("-", 1)[0] for t in tasks).count("review-chunk") == 6
    secrets = {r["id_number"] for r in read_rows(pf.accounts)} | {
        r["phone"] for r in read_rows(pf.accounts) if r["phone"]
    }
    text = " ".join(log.message for log in logs) + repr(run.parameters)
    assert not [s for s in secrets if s in text]

    intake_run, intake_logs, _ = asyncio.run(_runs_and_logs("intake"))
    assert set(intake_run.parameters) == {"accounts", "collections"}
    assert not re.search(r"\d{17}[\dX]", " ".join(log.message for log in intake_logs))


def test_review_flow_publishes_a_table_artifact_of_outcomes(db_url, tmp_path):
    pf = portfolio(tmp_path, count=12)
    with_creditors(get_engine(db_url), pf)
    intake_flow(accounts=str(pf.accounts), collections=str(pf.collections))
    summary = eligibility_review_flow(as_of=AS_OF)

    async def latest_artifact():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    artifacts = [
        a for a in asyncio.run(latest_artifact()) if a.key == "eligibility-review-outcomes"
    ]
    assert artifacts
    table = artifacts[0].data
    rows = table if isinstance(table, list) else json.loads(table)
    outcomes = {r["code"]: r["cases"] for r in rows if r["kind"] == "outcome"}
    assert outcomes == summary["outcomes"]
    # The codes stay for scripts; a person reading it in the Prefect UI reads the names.
    names = {r["code"]: r["name"] for r in rows if r["kind"] == "outcome"}
    assert names.get("approved", "同意起诉") == "同意起诉"
    assert all(name != code for code, name in names.items())
    assert artifacts[0].description.startswith("起诉条件审查（基准日 ")


def test_rerunning_review_after_a_finished_run_duplicates_nothing(db_url, tmp_path):
    pf = portfolio(tmp_path, count=15)
    engine = get_engine(db_url)
    with_creditors(engine, pf)
    intake_flow(accounts=str(pf.accounts), collections=str(pf.collections))
    first = eligibility_review_flow(as_of=AS_OF)
    second = eligibility_review_flow(as_of=AS_OF)
    assert (first["reviewed"], second["reviewed"]) == (15, 0)
    with session_scope(engine) as s:
        decisions = s.execute(select(DecisionRow.case_id)).scalars().all()
        cases = s.execute(select(CaseRow.id)).scalars().all()
    assert sorted(decisions) == sorted(cases)


def _stage_statistics(db_url) -> list[str] | None:
    """The stages PostgreSQL's planner knows card_case to hold (None: no statistics)."""
    from sqlalchemy import text

    with session_scope(get_engine(db_url)) as s:
        found = s.execute(
            text(
                "SELECT most_common_vals::text FROM pg_stats WHERE schemaname = current_schema()"
                " AND tablename = 'card_case' AND attname = 'stage'"
            )
        ).first()
    return None if found is None else sorted(found[0].strip("{}").split(","))


def test_an_import_and_a_review_leave_postgresql_statistics_of_the_stages(db_url, tmp_path):
    # Claims are planned from these: without them the planner read and sorted every pending
    # case for each chunk (store.db.refresh_statistics).
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's planner statistics")
    pf = portfolio(tmp_path, count=30)
    with_creditors(get_engine(db_url), pf)
    intake_flow(accounts=str(pf.accounts), collections=str(pf.collections))
    assert _stage_statistics(db_url) == ["intake"]
    run_review(as_of=AS_OF, workers=1, chunk_size=10)
    with session_scope(get_engine(db_url)) as s:
        stages = sorted(set(s.execute(select(CaseRow.stage)).scalars()))
    assert _stage_statistics(db_url) == stages  # the stages as the review left them
