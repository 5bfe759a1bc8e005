"""Scale-out as in production: a real `prefect server start` on PostgreSQL, set up by
deploy/setup.sh (process work pool, limits, prefect.yaml's deployments), two workers, our
state in PostgreSQL and one shared document store. Two review runs, then two generation
runs, at once over the same 800 cases: every case is decided once and every document
written once, the runs sharing the work (store/claims.py)."""

import asyncio
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from legal_flows.store.db import get_engine, session_scope
from legal_flows.store.tables import DOCUMENT, CaseRow, DecisionRow
from tests.databases import PG_ADMIN, postgres_schema
from tests.e2e.prefect_server import postgres_database, prefect_server, stop
from tests.helpers import loaded

REPO = Path(__file__).resolve().parents[2]
CASES = 800  # enough chunks (16 review, ~50 generation) for both workers to share
WORKER = [sys.executable, "-m", "prefect", "worker", "start", "--pool", "legal-flows"]
pytestmark = pytest.mark.slow


def run_at_once(env: dict[str, str], deployment: str, parameters: dict, runs: int = 2) -> list:
    """Start `runs` flow runs of a deployment together and wait for all to finish."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    async def go() -> list:
        started = [
            await run_deployment(deployment, parameters=parameters, timeout=0) for _ in range(runs)
        ]
        async with get_client() as client:
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                found = [await client.read_flow_run(r.id) for r in started]
                if all(r.state and r.state.is_final() for r in found):
                    return found
                await asyncio.sleep(1)
        raise AssertionError(f"{deployment}: runs did not finish")

    with temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]}):
        return asyncio.run(go())


def test_two_workers_share_review_and_generation_without_doing_anything_twice(tmp_path):
    with (
        postgres_schema() as url,
        postgres_database(PG_ADMIN) as prefect_db,
        prefect_server(tmp_path, prefect_db) as env,
    ):
        engine = get_engine(url)
        loaded(engine, tmp_path / "in", count=CASES)
        env |= {
            "LEGAL_FLOWS_DATABASE_URL": url,
            "LEGAL_FLOWS_HOME": str(tmp_path / "shared"),  # the document store all workers use
            "LEGAL_FLOWS_CHECKOUT": str(REPO),
            "PREFECT_WORKER_QUERY_SECONDS": "1",
        }
        setup = subprocess.run(  # the production recipe: pool, limits, prefect.yaml
            ["bash", str(REPO / "deploy" / "setup.sh")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert setup.returncode == 0, setup.stdout + setup.stderr
        workers = [
            subprocess.Popen(
                [*WORKER, "--limit", "1", "--name", f"worker-{n}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            for n in (1, 2)
        ]
        t_start = time.monotonic()
        try:
            reviews = run_at_once(
                env, "eligibility-review/nightly-review", {"as_of": "2026-11-29", "chunk_size": 50}
            )
            generations = run_at_once(
                env, "generate-documents/nightly-documents", {"chunk_size": 10}
            )
        finally:
            for worker in workers:
                stop(worker)
        print(f"scale-out: flows took {time.monotonic() - t_start:.1f} s")
        assert [r.state.type.value for r in reviews + generations] == ["COMPLETED"] * 4
        with session_scope(engine) as s:
            decided = Counter(s.execute(select(DecisionRow.case_id)).scalars())
            review_runs = set(s.execute(select(DecisionRow.flow_run_id)).scalars())
            documents = s.execute(
                select(
                    DOCUMENT.c.case_id, DOCUMENT.c.kind, DOCUMENT.c.format, DOCUMENT.c.flow_run_id
                )
            ).all()
            approved_left = s.execute(
                select(func.count()).where(CaseRow.stage == "approved")
            ).scalar_one()
        assert len(decided) == CASES
        assert set(decided.values()) == {1}  # every case decided exactly once
        assert review_runs <= {str(r.id) for r in reviews}
        assert Counter(d[:3] for d in documents).most_common(1)[0][1] == 1  # each document once
        assert approved_left == 0  # every approved case got its package
        by_run = Counter(d.flow_run_id for d in documents)
        assert set(by_run) == {str(r.id) for r in generations}  # both runs did part of the work
        by_case = {}
        for d in documents:
            by_case.setdefault(d.case_id, set()).add(d.flow_run_id)
        assert all(len(runs) == 1 for runs in by_case.values())  # each case by one run only
