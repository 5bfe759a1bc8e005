"""The browser tests' fixtures: one real `legal-flows portal` server process per module, on
that module's world, and Debian's Chromium driven by Playwright (no browser download)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# This machine has no way out: Chromium's background services would only wait on timeouts.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(world) -> Iterator[str]:
    """The portal on the module's world (its LEGAL_FLOWS_HOME and database are in the
    environment), its flows reporting to the session's Prefect test server: a flow started
    from /flows starts no ephemeral Prefect server of its own."""
    from prefect.settings import PREFECT_API_URL

    env = os.environ.copy()
    if PREFECT_API_URL.value():
        env["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
    port = _free_port()
    # Its log goes to a file: a pipe nobody reads would fill over a module's requests and
    # flow runs, and stop the server.
    log = world.home / f"portal-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "legal_flows", "portal", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/login", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(log.read_text(errors="replace")) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a busy machine: it had its chance to stop
            process.kill()
            process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it from Debian's packages")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
