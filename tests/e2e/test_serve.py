"""`legal-flows serve` against a real `prefect server start`: the deployments and schedules."""

import asyncio
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime

import pytest

from legal_flows.api.deployments import FINAL
from legal_flows.api.flows import FlowStart, FlowStarter
from legal_flows.services.errors import ConflictError
from legal_flows.settings import Settings
from tests.e2e.prefect_server import prefect_server, stop

AS_OF = date(2026, 11, 29)


@pytest.mark.slow
def test_serve_registers_the_scheduled_deployments_and_runs_the_portals_starts(tmp_path):
    with prefect_server(tmp_path) as env:
        env["LEGAL_FLOWS_HOME"] = str(tmp_path / "data")
        env["PREFECT_RUNNER_POLL_FREQUENCY"] = "1"  # the served runner picks a run up at once
        served = subprocess.Popen(
            [sys.executable, "-m", "legal_flows", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            found = _deployments(env["PREFECT_API_URL"], env, expect=3)
            start = _portal_start(env["PREFECT_API_URL"])
        finally:
            stop(served)
    schedules = {name: (s.cron, s.timezone) for name, s in found.items()}
    assert schedules == {
        "daily-sweep": ("0 7 * * *", "Asia/Shanghai"),
        "nightly-review": ("0 1 * * *", "Asia/Shanghai"),
        "nightly-documents": ("0 2 * * *", "Asia/Shanghai"),
    }
    # The portal did no flow work itself: the served process ran the sweep on its database.
    assert (start.state, start.told, start.failures) == ("completed", None, [])
    assert (tmp_path / "data").exists()


def _portal_start(api: str, seconds: float = 90) -> FlowStart:
    """The portal's sweep start with a server configured: a run of the daily-sweep deployment,
    which the served runner executes; the flows page follows its state from the server."""
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    starter = FlowStarter(Settings(task_workers=1))
    ui = api.removesuffix("/api")
    with temporary_settings(updates={PREFECT_API_URL: api, PREFECT_UI_URL: ui}):
        start = starter.claim("sweep", user="staff", now=datetime.now(UTC), as_of=AS_OF)
        starter.run(start)
        assert start.state == "scheduled", start.told
        assert start.link == f"{ui}/runs/flow-run/{start.flow_run_id}"
        with pytest.raises(ConflictError):  # one start of a flow at a time, queued or running
            starter.claim("sweep", user="staff", now=datetime.now(UTC), as_of=AS_OF)
        deadline = time.monotonic() + seconds
        while start.state not in FINAL and time.monotonic() < deadline:
            time.sleep(1)
            starter.followed()
    return start


def _deployments(api: str, env: dict[str, str], expect: int, seconds: float = 120) -> dict:
    os.environ["PREFECT_API_URL"] = api
    try:
        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings

        async def read() -> dict:
            async with get_client() as client:
                out = {}
                for d in await client.read_deployments():
                    if d.schedules:
                        out[d.name] = d.schedules[0].schedule
                return out

        deadline = time.monotonic() + seconds
        while True:
            with temporary_settings(updates={PREFECT_API_URL: api}):
                found = asyncio.run(read())
            if len(found) >= expect or time.monotonic() > deadline:
                return found
            time.sleep(1)
    finally:
        os.environ.pop("PREFECT_API_URL", None)
