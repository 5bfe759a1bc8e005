"""One portfolio from intake to closing through the real services on both databases."""

from datetime import date

from sqlalchemy import func, select

from legal_flows.bootstrap import package_calendar
from legal_flows.demo.simulation import simulate
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.ledger import LedgerRules
from legal_flows.services.filing.generation import cases_needing_documents
from legal_flows.store.audit import verify_chain
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow
from tests.helpers import NOW, generate, loaded, review_all, uow, uows


def test_cases_go_from_intake_through_court_and_enforcement_to_closing(engine, tmp_path):
    loaded(engine, tmp_path, count=40)
    review_all(engine)
    store = DocumentStore(tmp_path / "docs")
    with uow(engine) as w:
        approved = cases_needing_documents(w)[:6]
    for case_id in approved:
        generate(engine, case_id, store)
    story = simulate(
        uows(engine),
        start=date(2026, 12, 1),
        cases=6,
        now=NOW,
        calendar=package_calendar(),
        rules=LedgerRules(),
    )
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
