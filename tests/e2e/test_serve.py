"""`legal-flows serve` against a real `prefect server start`: the deployments and schedules."""

import asyncio
import os
import subprocess
import sys
import time

import pytest

from tests.e2e.prefect_server import prefect_server, stop


@pytest.mark.slow
def test_serve_registers_the_scheduled_deployments_in_shanghai_time(tmp_path):
    with prefect_server(tmp_path) as env:
        env["LEGAL_FLOWS_HOME"] = str(tmp_path / "data")
        served = subprocess.Popen(
            [sys.executable, "-m", "legal_flows", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            found = _deployments(env["PREFECT_API_URL"], env, expect=3)
        finally:
            stop(served)
    schedules = {name: (s.cron, s.timezone) for name, s in found.items()}
    assert schedules == {
        "daily-sweep": ("0 7 * * *", "Asia/Shanghai"),
        "nightly-review": ("0 1 * * *", "Asia/Shanghai"),
        "nightly-documents": ("0 2 * * *", "Asia/Shanghai"),
    }


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
