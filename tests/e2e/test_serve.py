"""`legal-flows serve` against a real `prefect server start`: the deployments and schedules."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"prefect server exited: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("prefect server did not become healthy")


@pytest.mark.slow
def test_serve_registers_the_scheduled_deployments_in_shanghai_time(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "LEGAL_FLOWS_"))}
    env |= {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "LEGAL_FLOWS_HOME": str(tmp_path / "data"),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    served = None
    try:
        _wait_healthy(api, server)
        env["PREFECT_API_URL"] = api
        served = subprocess.Popen(
            [sys.executable, "-m", "legal_flows", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        found = _deployments(api, env, expect=3)
        schedules = {name: (s.cron, s.timezone) for name, s in found.items()}
        assert schedules == {
            "daily-sweep": ("0 7 * * *", "Asia/Shanghai"),
            "nightly-review": ("0 1 * * *", "Asia/Shanghai"),
            "nightly-documents": ("0 2 * * *", "Asia/Shanghai"),
        }
    finally:
        for process in (served, server):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


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
