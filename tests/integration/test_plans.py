"""Instalment plans on real databases: a settlement missed is alerted once and its 恢复执行申请书
written once; a mediation missed gets its 强制执行申请书; the two years restart (解释 §466)."""

import io
from datetime import date
from decimal import Decimal

from docx import Document

from legal_flows.bootstrap import package_calendar
from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.compiled import Templates
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.instrument import Instalment
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.services.court.deadlines import list_deadlines
from legal_flows.services.enforcement.plans import plan_detail, prepare_next_steps, record_plan
from legal_flows.services.enforcement.proceeds import record_proceeds
from legal_flows.services.filing.package import list_documents
from legal_flows.services.sweep.sweep import run_sweep
from tests.helpers import ACTOR, NOW, judged_and_enforced, record_history, uow

D = Decimal
SCHEDULE = (
    Instalment(date(2026, 8, 31), D("5000")),
    Instalment(date(2026, 9, 30), D("5000")),
    Instalment(date(2026, 10, 31), D("10000")),
)


def _plan(engine, account, kind):
    with uow(engine) as w:
        record_plan(
            w,
            account_id=account,
            kind=kind,
            schedule=SCHEDULE,
            agreed_on=date(2026, 8, 1),
            accelerates=False,
            actor=ACTOR,
            now=NOW,
            calendar=package_calendar(),
        )
    with uow(engine) as w:
        record_proceeds(
            w,
            account_id=account,
            amount=D("5000"),
            source="voluntary",
            received_on=date(2026, 8, 30),
            actor=ACTOR,
            now=NOW,
            rules=LedgerRules(),
        )


def _next_steps(engine, store, as_of):
    with uow(engine) as w:
        return prepare_next_steps(
            w,
            as_of=as_of,
            grace_days=15,
            store=store,
            templates=Templates(DEFAULT_TEMPLATES),
            actor=ACTOR,
            now=NOW,
            rules=LedgerRules(),
        )


def _sweep(engine, as_of):
    with uow(engine) as w:
        return run_sweep(
            w, as_of=as_of, policy=SweepPolicy(), actor=ACTOR, now=NOW, calendar=package_calendar()
        )


def test_a_missed_settlement_instalment_is_alerted_once_and_its_resumption_written_once(
    engine, ready, tmp_path
):
    record_history(engine, ready, judged_and_enforced())
    _plan(engine, ready, "enforcement_settlement")
    store = DocumentStore(tmp_path / "docs")
    # The second instalment (09-30) is unpaid; 15 days' grace end on 10-15.
    assert _next_steps(engine, store, date(2026, 10, 15)) == 0
    items = [i for i in _sweep(engine, date(2026, 10, 16)).items if i["kind"] == "instalment"]
    assert [i["message"][:7] for i in items] == ["执行和解第2期"]  # said in Chinese when raised
    assert "恢复执行申请书" in items[0]["message"]
    assert _sweep(engine, date(2026, 10, 17)).raised == 0  # once
    assert _next_steps(engine, store, date(2026, 10, 16)) == 1
    assert _next_steps(engine, store, date(2026, 10, 17)) == 0
    with uow(engine) as w:
        kinds = [d["kind"] for d in list_documents(w, ready, tz=NOW.tzinfo)]
        shown = plan_detail(w, account_id=ready, as_of=date(2026, 10, 16), grace_days=15)
        rows = list_deadlines(w, as_of=date(2026, 10, 16), account_id=ready, due_within=1000)
    assert kinds.count("resumption_application") == 1
    assert [i["status"] for i in shown["instalments"]] == ["paid", "missed", "open"]
    assert (shown["missed"], shown["next_step"], shown["unpaid"]) == (
        2,
        "resumption_application",
        "15000.00",
    )
    resume = package_calendar().rollover(date(2028, 10, 31)).due_on  # 解释 §466
    assert ("resume_enforcement", resume.isoformat()) in {(r["kind"], r["due_on"]) for r in rows}


def test_a_missed_mediation_instalment_prepares_the_enforcement_application(
    engine, ready, tmp_path
):
    record_history(engine, ready, judged_and_enforced())
    _plan(engine, ready, "mediation")
    store = DocumentStore(tmp_path / "docs")
    assert _next_steps(engine, store, date(2026, 10, 16)) == 1
    with uow(engine) as w:
        docs = {d["kind"]: d for d in list_documents(w, ready, tz=NOW.tzinfo)}
    assert "resumption_application" not in docs
    data = store.get(docs["enforcement_application"]["sha256"], "docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    # No acceleration: only the second instalment fell due unpaid; the third is kept.
    assert "已届履行期限尚未履行的分期款项共计人民币5,000.00元：第2期（2026年9月30日到期）" in text
    assert "第3期" not in text
    assert "其余分期款项履行期限届满后被执行人仍未履行的，申请执行人另行申请执行" in text
