"""`legal-flows portal` as a real process: a flow started from it brings up Prefect's temporary
server, and stopping the portal stops that server too."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar

import psutil
import pytest

from tests.e2e.prefect_server import free_port

PASSWORD = "a long enough secret"


def _env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "LEGAL_FLOWS_"))}
    return env | {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "LEGAL_FLOWS_HOME": str(tmp_path / "data"),
    }


def _prefect_servers(parent: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in parent.children(recursive=True):
        try:
            line = " ".join(child.cmdline())
        except psutil.NoSuchProcess:
            continue
        if "prefect" in line and ("server" in line or "uvicorn" in line):
            found.append(child)
    return found


@pytest.mark.slow
def test_stopping_the_portal_stops_the_prefect_server_its_flow_started(tmp_path):
    env = _env(tmp_path)
    cli = [sys.executable, "-m", "legal_flows"]
    subprocess.run(
        [*cli, "users", "add", "li.staff", "--role", "legal_staff", "--password-stdin"],
        input=PASSWORD,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    port = free_port()
    portal = subprocess.Popen(
        [*cli, "portal", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def call(method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        with opener.open(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                signed = call("POST", "/api/session", {"name": "li.staff", "password": PASSWORD})
                break
            except OSError:
                assert time.monotonic() < deadline, "the portal did not start"
                time.sleep(0.5)
        csrf = {"X-CSRF-Token": signed["csrf_token"]}
        call("POST", "/api/flows/sweep", {}, csrf)
        deadline = time.monotonic() + 120
        while call("GET", "/api/flows")[0]["state"] == "running":
            assert time.monotonic() < deadline, "the sweep did not end"
            time.sleep(1)
        servers = _prefect_servers(psutil.Process(portal.pid))
        assert servers, "the flow ran without Prefect's temporary server"
        # What systemd does on `stop`: SIGTERM to the portal process alone.
        portal.send_signal(signal.SIGTERM)
        portal.wait(timeout=60)
        _, alive = psutil.wait_procs(servers, timeout=30)
        assert not alive, [p.cmdline() for p in alive]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(portal.pid, signal.SIGKILL)  # whatever a failure left behind


def test_a_portal_that_started_no_flow_stops_without_importing_prefects_server(monkeypatch):
    """No flow ran, so no temporary server is there to stop: importing Prefect's server
    package only to find that out took 10 s and more of every stop."""
    from legal_flows.api.app import stop_prefect_servers

    monkeypatch.delitem(sys.modules, "prefect.server.api.server", raising=False)
    stop_prefect_servers()
    assert "prefect.server.api.server" not in sys.modules
