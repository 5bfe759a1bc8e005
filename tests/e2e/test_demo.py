"""`legal-flows demo` exactly as a new user runs it: a real process, its own Prefect API."""

import os
import subprocess
import sys
import time

import pytest


@pytest.mark.slow
def test_demo_runs_intake_and_review_through_prefect_and_prints_the_summary(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "LEGAL_FLOWS_"))}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect"), "LEGAL_FLOWS_HOME": str(tmp_path / "data")}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "legal_flows", "demo", "--count", "200", "--as-of", "2026-11-29"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "200 cases by outcome" in out
    for heading in ("approved", "rejected", "manual_review", "Manual-review queue", "time_barred"):
        assert heading in out
    assert "Most common rejection reasons" in out
    # ...and on through documents, court, enforcement and auction to closing and the report.
    assert "document(s) written" in out
    assert "closed {" in out
    assert (tmp_path / "data" / "reports" / "demo-report.html").is_file()
    assert (tmp_path / "data" / "legal_flows.db").is_file()
    # The simulated court history ends by the demo's as-of day, never in its future.
    import sqlite3

    with sqlite3.connect(tmp_path / "data" / "legal_flows.db") as db:
        (last,) = db.execute("SELECT max(occurred_on) FROM court_event").fetchone()
        (proceeds,) = db.execute("SELECT max(received_on) FROM proceeds").fetchone()
    assert "2026-08-01" < last <= "2026-11-29"
    assert proceeds <= "2026-11-29"
    print(f"demo took {elapsed:.1f} s with a fresh Prefect database")
