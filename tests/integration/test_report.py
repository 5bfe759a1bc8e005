"""The recovery report on real databases: measures a manager reads, charts in the HTML."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from legal_flows.domain.court import CourtEvent, CourtRecord
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.reporting import AGING, CYCLES, aging_bucket, cycle_days, is_pursued
from legal_flows.i18n import translator
from legal_flows.services.enforcement.proceeds import balance, record_proceeds
from legal_flows.services.sweep.report import build_report, report_csv
from legal_flows.services.sweep.report_page import report_html
from legal_flows.store.tables import CaseRow
from tests.helpers import ACTOR, NOW, record, set_case, uow


def test_report_measures_recovery_average_claim_and_cycle_times(engine, ready):
    record(engine, ready, "submitted", date(2026, 3, 2))
    record(engine, ready, "registered", date(2026, 3, 6), case_no="（2026）京0105民初5号")
    set_case(engine, ready, stage="disposition")
    with uow(engine) as s:
        record_proceeds(
            s,
            account_id=ready,
            amount=Decimal("1000"),
            source="voluntary",
            received_on=date(2026, 9, 1),
            actor=ACTOR,
            now=NOW,
            rules=LedgerRules(),
        )
    as_of = date(2026, 11, 29)
    with uow(engine) as s:
        report = build_report(s, as_of=as_of)
        pursued = [
            c.id
            for c in s.session.execute(select(CaseRow)).scalars()
            if is_pursued(c.stage, Decimal(0) if c.decision_id else None)
        ]
        ledgers = [balance(s, i, as_of=as_of, rules=LedgerRules()).outstanding for i in pursued]
    assert Decimal(report["received"]) == Decimal("1000")
    # Each pursued case's debt is what its ledger says on the day, to the fen; with the
    # interest still running, a later report shows more owed.
    assert Decimal(report["outstanding"]) == sum(ledgers)
    by_court = sum(Decimal(v["outstanding"]) for v in report["by_court"].values())
    assert by_court == sum(ledgers)
    with uow(engine) as s:
        later = build_report(s, as_of=date(2027, 5, 29))
    assert Decimal(later["outstanding"]) > sum(ledgers)
    assert 0 < report["recovery_rate"] < 1
    assert report["repayment_rate"] > 0
    assert report["cycle_days"]["submitted→registered"] == 4.0
    assert sum(report["aging"].values()) == report["cases"]
    html = report_html(report, translator())
    assert html.count("<svg") >= 3
    assert "回收率（已回收 / 诉请金额）" in html
    assert f"<td>{translator().money(report['outstanding'])}</td>" in html  # ¥ and thousands
    assert "<th>案件数</th><th>诉请金额</th>" in html
    # The charts' labels are said too, and kept as text for the browser to draw.
    t = translator()
    first_cycle = f"{t.label('court_event', 'submitted')}→{t.label('court_event', 'registered')}"
    assert first_cycle in html.split("<svg")[3]
    stages = html.split("<svg")[1]
    assert all(t.label("stage", code) in stages for code in report["by_stage"])
    assert not any(f">{code}<" in html for code in report["by_stage"])
    assert "submitted→registered" not in html
    assert "recovery_rate" in report_csv(report)


def test_aging_buckets_and_cycle_days_worked_examples():
    assert aging_bucket(179) == "< 6 months"
    assert aging_bucket(365) == "1-2 years"
    assert aging_bucket(1200) == "> 3 years"
    history = [
        CourtRecord(CourtEvent.SUBMITTED, date(2026, 3, 2)),
        CourtRecord(CourtEvent.REGISTERED, date(2026, 3, 6)),
    ]
    assert cycle_days(history) == {"submitted→registered": 4}


def test_cases_assigned_in_the_portal_are_reported_under_their_lawyer(engine, ready):
    from legal_flows.services.cases.lawyers import assign_lawyer
    from legal_flows.services.portal.users import add_user

    with uow(engine) as s:
        add_user(
            s, name="zhang.lawyer", role="lawyer", password="a long secret", actor=ACTOR, now=NOW
        )
        before = build_report(s, as_of=date(2026, 11, 29))["by_lawyer"]
        assign_lawyer(s, account_id=ready, lawyer="zhang.lawyer", actor=ACTOR, now=NOW)
        after = build_report(s, as_of=date(2026, 11, 29))["by_lawyer"]
    assert "zhang.lawyer" not in before
    assert "zhang.lawyer" in after


def test_every_cycle_and_aging_bucket_the_page_shows_has_its_chinese_name():
    t = translator()
    for _name, start, end in CYCLES:
        assert t.label("court_event", start.value) != start.value
        assert t.label("court_event", end.value) != end.value
    for bucket in [label for _, label in AGING] + [aging_bucket(5_000)]:
        assert t.label("aging", bucket) != bucket
