"""Many writers on one case at once (a reviewer's decision, court events, lawyer assignment,
document downloads): each write stands or is refused whole, and the audit chain stays valid."""

import contextlib
import threading
from datetime import date

from sqlalchemy import select

from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.access import User
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.services.cases.lawyers import assign_lawyer
from legal_flows.services.court.events import record_court_event
from legal_flows.services.errors import ConflictError
from legal_flows.services.portal.users import add_user
from legal_flows.services.portal.views import download_document
from legal_flows.store.audit import Actor
from legal_flows.store.tables import AUDIT, DOCUMENT, CaseRow
from tests.helpers import ACTOR, NOW, decide, first_in_stage, generate, loaded, review_all, uow

ROUNDS = 15


def test_concurrent_writers_on_one_case_keep_the_audit_chain_valid(engine, tmp_path):
    loaded(engine, tmp_path / "in", count=40)
    review_all(engine)
    store = DocumentStore(tmp_path / "docs")
    with uow(engine) as s:
        target = s.session.execute(
            select(CaseRow.id, CaseRow.account_id).where(CaseRow.stage == "approved")
        ).first()
        add_user(
            s, name="zhang.lawyer", role="lawyer", password="a long secret", actor=ACTOR, now=NOW
        )
    generate(engine, target.id, store)
    with uow(engine) as s:
        document_id = (
            s.session.execute(select(DOCUMENT.c.id).where(DOCUMENT.c.case_id == target.id))
            .scalars()
            .first()
        )
    manual = first_in_stage(engine, "manual_review")
    staff = User(0, "li.staff", "legal_staff")
    errors: list[BaseException] = []

    def court_events():
        for n, code in enumerate(["submitted", "registered", "fee_notice", "fee_paid", "served"]):
            with uow(engine) as s:
                record_court_event(
                    s,
                    account_id=target.account_id,
                    code=code,
                    on=date(2026, 12, 1 + n),
                    actor=Actor("court-feed"),
                    now=NOW,
                    calendar=WorkCalendar(),
                    case_no="(2026)京0105民初12345号" if code == "registered" else None,
                    party="被告" if code == "served" else "",
                )

    def assignments():
        for n in range(ROUNDS):
            with uow(engine) as s:
                lawyer = "zhang.lawyer" if n % 2 == 0 else None
                assign_lawyer(s, account_id=target.account_id, lawyer=lawyer, actor=ACTOR, now=NOW)

    def downloads():
        for _ in range(ROUNDS):
            with uow(engine) as s:
                download_document(s, store, user=staff, document_id=document_id, now=NOW)

    def reviewers():
        for name in ("甲", "乙", "丙"):
            # Only the first decides; the others are refused whole (someone decided first).
            with contextlib.suppress(ConflictError):
                decide(engine, manual, name, approve=name == "甲")

    def guarded(work):
        def run():
            try:
                work()
            except BaseException as exc:
                errors.append(exc)

        return run

    threads = [
        threading.Thread(target=guarded(w))
        for w in (court_events, assignments, downloads, reviewers, downloads)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with uow(engine) as s:
        check = s.audit.verify()
        actions = list(
            s.session.execute(
                select(AUDIT.c.action).where(AUDIT.c.entity_id.in_([target.account_id, manual]))
            ).scalars()
        )
        stage = s.session.execute(select(CaseRow.stage).where(CaseRow.id == target.id)).scalar_one()
    assert check.ok, check.problem
    assert actions.count("document.downloaded") == 2 * ROUNDS
    assert actions.count("case.lawyer_assigned") == ROUNDS
    assert actions.count("case.decided") == 1
    assert stage == "served"
