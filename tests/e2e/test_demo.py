"""`legal-flows demo` exactly as a new user runs it: a real process, its own Prefect API."""

import os
import re
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
    # Prefect's console lines (English, UTC) stay off the terminal; its API keeps the runs' logs.
    assert "Finished in state" not in done.stderr + out
    assert "| INFO" not in done.stderr
    # In Chinese, as a new user reads it (LEGAL_FLOWS_LANGUAGE=en gives English).
    assert "200 件案件的审查结论" in out
    for heading in ("同意起诉", "不予起诉", "转人工审查", "人工审查队列", "诉讼时效已届满"):
        assert heading in out
    assert "最常见的不予起诉理由" in out
    # ...and on through documents, court, enforcement and auction to closing and the report.
    assert "生成文书" in out
    # Each closing is named as the reader knows it (结案（部分回收） 4、…), not by its code.
    closings = re.search(r"拍卖 \d+ 次；(.*)", out)
    assert closings is not None
    assert "结案（" in closings[1]
    assert not re.search(r"[A-Za-z_]", closings[1]), closings[1]
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
