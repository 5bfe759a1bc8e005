"""Failure-proofing: a run killed with SIGKILL, a database that drops its connections, or is
not there at all, and many writers on one case. Nothing is lost, nothing is doubled."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import psycopg
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from legal_flows.cli import app
from legal_flows.documents.storage import DocumentStore
from legal_flows.flows.eligibility import run_review
from legal_flows.store.db import dispose_all, get_engine, session_scope
from legal_flows.store.tables import CASE, DOCUMENT, EVENT, CaseRow, DecisionRow
from tests.databases import PG_ADMIN
from tests.helpers import loaded, portfolio, read_rows, review_all, with_creditors

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


@pytest.fixture
def env(app_env):
    """The environment a `legal-flows` subprocess runs in: this test's database and home,
    and the session's Prefect test server (no ephemeral server start per process)."""
    from prefect.settings import PREFECT_API_URL

    return os.environ | {"PREFECT_API_URL": str(PREFECT_API_URL.value())}


def start(env, *args):
    return subprocess.Popen(
        [sys.executable, "-m", "legal_flows", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: SIGKILL takes its children too
    )


def run_to_the_end(env, *args):
    done = subprocess.run(
        [sys.executable, "-m", "legal_flows", *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def count(engine, table, *where):
    with session_scope(engine, read_only=True) as s:
        return s.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def kill_when(process, ready, timeout=120.0):
    """SIGKILL the process group as soon as `ready()` holds; fails if the run ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, (
            f"finished before it could be killed: {process.stderr.read()}"
        )
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
            return
        time.sleep(0.02)
    raise AssertionError("the run never got going")


def test_generation_killed_mid_batch_then_rerun_leaves_each_document_once_and_no_partial_file(
    env, engine, tmp_path, app_env
):
    loaded(engine, tmp_path / "in", count=200)
    review_all(engine)
    approved = count(engine, CASE, CASE.c.stage == "approved")
    run = start(env, "generate")
    kill_when(run, lambda: count(engine, DOCUMENT) >= 40)
    interrupted = count(engine, CASE, CASE.c.stage == "approved")
    assert 0 < interrupted < approved  # killed in the middle, some cases done, some not
    store = DocumentStore(app_env / "documents")
    # What a kill during a file write leaves: a temporary file of a process that is gone.
    digest_dir = next(p for p in store.root.iterdir() if p.is_dir())
    (digest_dir / f".partial-{os.uname().nodename}-{run.pid}-x1y2z3.docx").write_bytes(b"PK")

    run_to_the_end(env, "generate")
    assert count(engine, CASE, CASE.c.stage == "approved") == 0
    assert count(engine, CASE, CASE.c.stage == "documents_ready") == approved
    with session_scope(engine) as s:
        rows = s.execute(select(DOCUMENT.c.case_id, DOCUMENT.c.kind, DOCUMENT.c.format)).all()
        hashes = set(s.execute(select(DOCUMENT.c.output_sha)).scalars())
    assert set(Counter(rows).values()) == {1}  # no document twice
    assert store.partials() == []
    files = {p.stem for p in store.root.glob("*/*.docx")}
    assert hashes <= files  # every row's file is there…
    verify = CliRunner().invoke(app, ["docs", "verify"])
    assert verify.exit_code == 0, verify.output  # …and holds the bytes its hash names


def test_import_killed_mid_file_then_rerun_lands_every_row_once(env, engine, tmp_path):
    pf = portfolio(tmp_path / "in", count=3000)
    with_creditors(engine, pf)
    accounts, collections = read_rows(pf.accounts), read_rows(pf.collections)
    args = ["import", str(pf.accounts), "--collections", str(pf.collections)]
    run = start(env, *args)
    kill_when(run, lambda: count(engine, CASE) > 0)
    landed = count(engine, CASE)
    assert landed < len(accounts)
    run_to_the_end(env, *args)
    assert count(engine, CASE) == len(accounts)
    assert count(engine, EVENT) == len(collections)
    with session_scope(engine) as s:
        assert s.execute(select(func.count(func.distinct(CASE.c.account_id)))).scalar_one() == len(
            accounts
        )


def test_review_survives_its_database_connections_being_cut_mid_flow(app_env, tmp_path, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("cutting server connections is a PostgreSQL test")
    tagged = db_url + "&application_name=lf_cut_test"
    os.environ["LEGAL_FLOWS_DATABASE_URL"] = tagged  # app_env's monkeypatch restores it
    engine = get_engine(tagged)
    loaded(engine, tmp_path, count=1500)
    outcome = {}
    flow = threading.Thread(
        target=lambda: outcome.update(run_review(as_of=None, workers=2, chunk_size=50))
    )
    flow.start()
    cuts = 0
    while flow.is_alive() and cuts < 3:
        if count(engine, DecisionRow) > cuts * 300:
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'lf_cut_test' AND pid <> pg_backend_pid()"
                )
            cuts += 1
        time.sleep(0.05)
    flow.join(300)
    dispose_all()
    assert cuts >= 1
    assert outcome["failed"] == []
    with session_scope(get_engine(tagged)) as s:
        per_case = Counter(s.execute(select(DecisionRow.case_id)).scalars())
        waiting = s.execute(
            select(func.count()).where(CaseRow.stage.in_(["intake", "review"]))
        ).scalar_one()
    assert len(per_case) == 1500  # every case decided…
    assert set(per_case.values()) == {1}  # …once: a cut chunk rolled back whole and re-ran
    assert waiting == 0


def test_an_unreachable_database_fails_with_one_clear_line(app_env, monkeypatch):
    monkeypatch.setenv("LEGAL_FLOWS_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:1/test")
    result = CliRunner().invoke(app, ["review"])
    assert result.exit_code == 1
    assert result.output.startswith("错误：数据库：")
    assert "127.0.0.1" in result.output
    assert len(result.output.strip().splitlines()) == 1
