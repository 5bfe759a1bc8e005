"""One portfolio from intake to closing through the real services on both databases."""

from datetime import date

from sqlalchemy import func, select

from legal_flows.demo.simulation import simulate
from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.policy import Policy
from legal_flows.services.audit import verify_chain
from legal_flows.services.config import work_calendar
from legal_flows.services.filing.generation import generate_case_documents
from legal_flows.services.filing.package import Templates, cases_needing_documents
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow
from tests.conftest import ACTOR, NOW
from tests.integration.test_review import loaded, review_all


def test_cases_go_from_intake_through_court_and_enforcement_to_closing(engine, tmp_path):
    loaded(engine, tmp_path, count=40)
    review_all(engine)
    store, templates = DocumentStore(tmp_path / "docs"), Templates(DEFAULT_TEMPLATES)
    with session_scope(engine) as s:
        approved = cases_needing_documents(s)[:6]
    for case_id in approved:
        generate_case_documents(
            engine,
            case_id=case_id,
            signed_on=None,
            actor=ACTOR,
            now=NOW,
            policy=Policy(),
            store=store,
            templates=templates,
        )
    story = simulate(engine, start=date(2026, 12, 1), cases=6, now=NOW, calendar=work_calendar())
    assert story.filed == 6
    assert sum(story.closed.values()) == 6
    with session_scope(engine) as s:
        stages = dict(
            s.execute(
                select(CaseRow.stage, func.count())
                .where(CaseRow.id.in_(approved))
                .group_by(CaseRow.stage)
            ).all()
        )
        assert verify_chain(s).ok
    assert set(stages) <= {"closed_recovered", "closed_partly_recovered", "closed_terminated"}
    assert stages.get("closed_recovered", 0) >= 1
