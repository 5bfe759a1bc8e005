"""Shared fixtures: a real database per test (SQLite and PostgreSQL), one Prefect harness."""

from collections.abc import Iterator
from pathlib import Path

import prefect  # noqa: F401  (set Prefect's log handlers up on the real stderr, not a test's)
import pytest
from sqlalchemy import Engine

from legal_flows.flows import runtime as _runtime  # noqa: F401  (Prefect settings first)
from legal_flows.store.db import dispose_all, get_engine
from tests.databases import postgres_schema
from tests.helpers import NOW
from tests.portal_world import world  # noqa: F401  (the portal tests' fixture)

TODAY = NOW.date()


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
    # "Today" is pinned (the one wiring reads it), so no test changes meaning as time passes.
    monkeypatch.setenv("LEGAL_FLOWS_TODAY", TODAY.isoformat())
    monkeypatch.delenv("LEGAL_FLOWS_POLICY_FILE", raising=False)
    monkeypatch.delenv("LEGAL_FLOWS_CREDITORS", raising=False)
    return home


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """One Prefect test server for the whole session (a nested harness would kill it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
