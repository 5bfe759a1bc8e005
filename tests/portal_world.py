"""One portal world per database: cases reviewed, two with documents, four users, assignments.

The `world` fixture (registered in tests/conftest.py) is built once per module: an argon2
hash and a document package per test would make the suite slow. Tests that write pick cases
no other test reads.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from legal_flows.api.app import create_app
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.stages import Stage
from legal_flows.services.cases.lawyers import assign_lawyer
from legal_flows.services.portal.users import add_user
from legal_flows.settings import load_settings
from legal_flows.store.db import dispose_all, get_engine
from tests.databases import postgres_schema
from tests.helpers import ACTOR, NOW, generate, loaded, review_all, uow

PASSWORD = "correct horse battery"
ADMIN, STAFF, LAWYER, OTHER_LAWYER = "wang.admin", "li.staff", "zhang.lawyer", "zhao.lawyer"


@dataclass
class World:
    home: Path
    url: str
    engine: Engine
    mine: int  # assigned to LAWYER, with documents
    theirs: int  # assigned to OTHER_LAWYER, with documents
    manual: list[int] = field(default_factory=list)  # waiting for a person, unassigned
    approved: list[int] = field(default_factory=list)  # without documents, unassigned

    def client(self) -> TestClient:
        return TestClient(create_app(load_settings()), follow_redirects=False)

    def signed_in(self, name: str) -> tuple[TestClient, str]:
        """A browser-like client with a session; returns the CSRF token for writes."""
        client = self.client()
        answer = client.post("/api/session", json={"name": name, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        return client, answer.json()["csrf_token"]


def _ids(engine: Engine, stage: str) -> list[int]:
    with uow(engine) as w:
        return w.cases.ids_in([Stage(stage)])


def _build(home: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("LEGAL_FLOWS_HOME", str(home))
    monkeypatch.setenv("LEGAL_FLOWS_DATABASE_URL", url)
    monkeypatch.setenv("LEGAL_FLOWS_TODAY", NOW.date().isoformat())
    monkeypatch.delenv("LEGAL_FLOWS_POLICY_FILE", raising=False)
    monkeypatch.delenv("LEGAL_FLOWS_CREDITORS", raising=False)
    engine = get_engine(url)
    loaded(engine, home / "in", count=40)
    review_all(engine)
    approved, manual = _ids(engine, "approved"), _ids(engine, "manual_review")
    store = DocumentStore(home / "documents")
    for case_id in approved[:2]:
        generate(engine, case_id, store)
    with uow(engine) as w:
        for name, role in [
            (ADMIN, "admin"),
            (STAFF, "legal_staff"),
            (LAWYER, "lawyer"),
            (OTHER_LAWYER, "lawyer"),
        ]:
            add_user(w, name=name, role=role, password=PASSWORD, actor=ACTOR, now=NOW)
        for case_id, lawyer in [(approved[0], LAWYER), (approved[1], OTHER_LAWYER)]:
            assign_lawyer(w, case_id=case_id, lawyer=lawyer, actor=ACTOR, now=NOW)
    return World(home, url, engine, approved[0], approved[1], manual, approved[2:])


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, prefect_api: None
) -> Iterator[World]:
    home = tmp_path_factory.mktemp("portal")
    with pytest.MonkeyPatch.context() as monkeypatch:
        if request.param == "sqlite":
            yield _build(home, f"sqlite:///{home / 'legal_flows.db'}", monkeypatch)
            dispose_all()
            return
        with postgres_schema() as url:
            yield _build(home, url, monkeypatch)
