"""Document rendering on a Dask cluster, selected by configuration (prefect-dask)."""

from collections import Counter

import pytest
from sqlalchemy import func, select

from legal_flows.flows.documents import run_generation
from legal_flows.settings import load_settings
from legal_flows.store.db import session_scope
from legal_flows.store.tables import DOCUMENT, CaseRow
from tests.helpers import approved_cases

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


def test_generation_chunks_run_on_the_configured_dask_cluster(
    app_env, engine, tmp_path, monkeypatch, db_url
):
    if db_url.startswith("sqlite"):
        pytest.skip("a Dask cluster writes from several processes: PostgreSQL")
    from distributed import Client, LocalCluster, get_task_stream
    from prefect.settings import PREFECT_API_URL

    approved = approved_cases(engine, tmp_path, count=40)
    # The Dask workers are processes of their own: they read the same environment.
    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
    monkeypatch.setenv("LEGAL_FLOWS_TASK_WORKERS", "2")
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        monkeypatch.setenv("LEGAL_FLOWS_TASK_RUNNER", "dask")
        monkeypatch.setenv("LEGAL_FLOWS_DASK_ADDRESS", cluster.scheduler_address)
        with Client(cluster) as client, get_task_stream(client) as stream:
            summary = run_generation(load_settings(), chunk_size=5)
        workers = {t["worker"] for t in stream.data}
    assert summary["failed"] == []
    assert summary["cases"] == len(approved)
    assert len(workers) == 2  # both Dask workers rendered chunks
    with session_scope(engine) as s:
        keys = Counter(s.execute(select(DOCUMENT.c.case_id, DOCUMENT.c.kind)).all())
        left = s.execute(select(func.count()).where(CaseRow.stage == "approved")).scalar_one()
    assert set(keys.values()) == {1}
    assert left == 0


def test_dask_without_an_address_is_a_configuration_error(monkeypatch):
    from legal_flows.flows.runtime import generation_runner

    monkeypatch.setenv("LEGAL_FLOWS_TASK_RUNNER", "dask")
    monkeypatch.delenv("LEGAL_FLOWS_DASK_ADDRESS", raising=False)
    with pytest.raises(ValueError, match="LEGAL_FLOWS_DASK_ADDRESS"):
        generation_runner(load_settings())
