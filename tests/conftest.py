"""Shared fixtures: a real database per test (SQLite and PostgreSQL), one Prefect harness."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import prefect  # noqa: F401  (set Prefect's log handlers up on the real stderr, not a test's)
import psycopg
import pytest
from sqlalchemy import Engine

from legal_flows.flows import runtime as _runtime  # noqa: F401  (Prefect settings first)
from legal_flows.services.audit import Actor
from legal_flows.store.db import dispose_all, get_engine

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AS_OF = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
ACTOR = Actor("test")


def _postgres_up() -> bool:
    try:
        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
        return True
    except psycopg.OperationalError:
        return False


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose search path is a new, empty schema on the PostgreSQL server (dropped after)."""
    if not _postgres_up():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is down: CI must run the Postgres tests")
        pytest.skip("PostgreSQL on 127.0.0.1:5432 is not reachable (CI is unset)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        dispose_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a schema of its own on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'legal_flows.db'}"
        dispose_all()
        return
    with postgres_schema() as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Engine:
    return get_engine(db_url)


@pytest.fixture
def app_env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the settings (read by the CLI and by flow tasks) at this test's database."""
    home = tmp_path / "home"
    monkeypatch.setenv("LEGAL_FLOWS_HOME", str(home))
    monkeypatch.setenv("LEGAL_FLOWS_DATABASE_URL", db_url)
    monkeypatch.delenv("LEGAL_FLOWS_POLICY_FILE", raising=False)
    monkeypatch.delenv("LEGAL_FLOWS_CREDITORS", raising=False)
    return home


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """One Prefect test server for the whole session (a nested harness would kill it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
