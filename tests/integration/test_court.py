"""Court events on real databases: stage moves, deadlines recomputed, contradictions refused."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.court import ContradictoryEvent
from legal_flows.domain.errors import IllegalTransition, InvalidValue
from legal_flows.services.court.deadlines import list_deadlines
from legal_flows.store.audit import verify_chain
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, CourtEventRow
from tests import helpers
from tests.helpers import ACTOR, first_in_stage, loaded, review_all, uow, uows

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def record(engine, account, code, on, now=NOW, **kw):
    return helpers.record(engine, account, code, on, now=now, **kw)


def stage(engine, account):
    with session_scope(engine) as s:
        return s.execute(select(CaseRow.stage).where(CaseRow.account_id == account)).scalar_one()


def deadlines(engine, account, as_of=date(2026, 11, 29)):
    with uow(engine) as w:
        return list_deadlines(w, as_of=as_of, account_id=account)


def test_events_move_the_case_and_set_deadlines_with_citations(engine, ready):
    record(engine, ready, "submitted", date(2026, 3, 2))
    assert stage(engine, ready) == "filed"
    record(engine, ready, "registered", date(2026, 3, 6), case_no="(2026)京0105民初12345号")
    record(engine, ready, "served", date(2026, 3, 20), party="被告")
    assert stage(engine, ready) == "served"
    kinds = {d["kind"]: d for d in deadlines(engine, ready, as_of=date(2026, 3, 21))}
    assert kinds["registration"]["status"] == "met"
    assert kinds["defence"]["due_on"] == "2026-04-07"  # 04-04 is 清明: the next working day
    assert kinds["defence"]["status"] == "open"
    assert kinds["defence"]["citation"] == "民诉法 (2023) §§95, 128"
    assert kinds["limitation"]["status"] == "met"  # suing interrupted it
    with session_scope(engine) as s:
        number = s.execute(
            select(CaseRow.court_case_no).where(CaseRow.account_id == ready)
        ).scalar_one()
        assert verify_chain(s).ok
    assert number == "（2026）京0105民初12345号"


def test_the_same_event_twice_is_kept_once(engine, ready):
    assert record(engine, ready, "submitted", date(2026, 3, 2)).new
    assert not record(engine, ready, "submitted", date(2026, 3, 2)).new
    with session_scope(engine) as s:
        assert len(s.execute(select(CourtEventRow)).scalars().all()) == 1


def test_out_of_order_events_are_accepted_and_deadlines_recomputed_from_all(engine, ready):
    record(engine, ready, "judgment_served", date(2026, 9, 18), party="被告")
    record(engine, ready, "judgment", date(2026, 9, 1))
    record(engine, ready, "registered", date(2026, 3, 6), case_no="（2026）京0105民初1号")
    record(engine, ready, "submitted", date(2026, 3, 2))
    assert stage(engine, ready) == "judged"
    kinds = {d["kind"] for d in deadlines(engine, ready)}
    assert {"registration", "trial_limit"} <= kinds


def test_a_judgment_before_the_registration_on_record_is_refused_naming_both(engine, ready):
    record(engine, ready, "submitted", date(2026, 3, 2))
    record(engine, ready, "registered", date(2026, 3, 6), case_no="（2026）京0105民初1号")
    with pytest.raises(ContradictoryEvent, match="judgment on 2026-03-01 comes before registered"):
        record(engine, ready, "judgment", date(2026, 3, 1))
    assert stage(engine, ready) == "registered"


def test_registration_needs_a_well_formed_case_number(engine, ready):
    record(engine, ready, "submitted", date(2026, 3, 2))
    with pytest.raises(InvalidValue, match="needs its case number"):
        record(engine, ready, "registered", date(2026, 3, 6))
    with pytest.raises(InvalidValue, match="not a case number"):
        record(engine, ready, "registered", date(2026, 3, 6), case_no="12345")


def test_a_rejected_case_cannot_be_filed(engine, tmp_path):
    loaded(engine, tmp_path, count=30)
    review_all(engine)
    rejected = first_in_stage(engine, "rejected")
    with pytest.raises(IllegalTransition, match="rejected -> filed"):
        record(engine, rejected, "submitted", date(2026, 3, 2))


def test_reviewed_case_has_its_limitation_expiry_as_a_deadline(engine, tmp_path):
    loaded(engine, tmp_path, count=10)
    review_all(engine)
    account = first_in_stage(engine, "approved")
    limitation = [d for d in deadlines(engine, account) if d["kind"] == "limitation"]
    assert len(limitation) == 1
    assert limitation[0]["status"] == "open"
    assert "民法典" in limitation[0]["citation"]


def test_court_platform_export_is_imported_row_by_row(engine, ready, tmp_path):
    from legal_flows.services.court.feed import import_court_events

    lines = [
        {"account_id": ready, "event": "submitted", "on": "2026-03-02"},
        {
            "account_id": ready,
            "event": "registered",
            "on": "2026-03-06",
            "case_no": "（2026）京0105民初3号",
        },
        {
            "account_id": ready,
            "event": "registered",
            "on": "2026-03-06",
            "case_no": "（2026）京0105民初3号",
            "procedure": "ordinary",  # the court's procedure, recorded on the known event
        },
        {"account_id": "NOPE", "event": "served", "on": "2026-03-20"},
        {"account_id": ready, "event": "judgment", "on": "2026-03-01"},
        {"account_id": ready, "event": "served", "on": "2026-13-01"},
        {"account_id": ready, "event": "preservation_ruled", "on": "2026-03-04", "amount": "-5"},
        {"account_id": ready, "event": "fee_notice", "on": "2026-03-06", "procedure": "ordinary"},
    ]
    path = tmp_path / "court.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    report = import_court_events(
        uows(engine), path=path, actor=ACTOR, now=NOW, calendar=package_calendar()
    )
    assert (report.created, report.unchanged, report.rejected_rows) == (2, 1, 5)
    reasons = {e.row: (e.column, e.reason) for e in report.rejected}
    assert "no case with account_id 'NOPE'" in reasons[4][1]
    assert "comes before registered" in reasons[5][1]
    assert "date" in reasons[6][1]
    assert reasons[7] == ("amount", "must not be negative")
    assert reasons[8][0] == "procedure"
    assert "--procedure goes with registered" in reasons[8][1]
    assert stage(engine, ready) == "registered"
    with uow(engine) as s:
        assert s.events.procedure_used(s.cases.id_of(ready)) == "ordinary"


def test_enforcement_runs_to_termination_only_when_enf_05_holds_and_resumes(engine, ready):
    from legal_flows.domain.court import TerminationRefused

    for code, on, kw in (
        ("submitted", date(2025, 3, 2), {}),
        ("registered", date(2025, 3, 6), {"case_no": "（2025）京0105民初5号"}),
        ("judgment_served", date(2025, 6, 1), {"party": "被告"}),
        ("judgment", date(2025, 5, 20), {}),
        ("effective", date(2025, 6, 17), {}),
        ("enforcement_applied", date(2025, 7, 10), {}),
        ("enforcement_registered", date(2025, 7, 15), {"case_no": "（2025）京0105执900号"}),
    ):
        record(engine, ready, code, on, **kw)
    assert stage(engine, ready) == "enforcement_registered"
    with pytest.raises(TerminationRefused, match="consumption ban"):
        record(engine, ready, "terminated", date(2025, 11, 1))
    record(engine, ready, "enforcement_notice", date(2025, 7, 20))
    record(engine, ready, "consumption_ban", date(2025, 7, 20))
    record(engine, ready, "investigation_exhausted", date(2025, 10, 1))
    record(engine, ready, "applicant_heard", date(2025, 10, 10))
    with pytest.raises(TerminationRefused, match="more than 3 months"):
        record(engine, ready, "terminated", date(2025, 10, 15))
    record(engine, ready, "terminated", date(2025, 11, 1))
    assert stage(engine, ready) == "closed_terminated"
    checks = [d for d in deadlines(engine, ready) if d["kind"] == "asset_check"]
    assert len(checks) == 10  # every 6 months for 5 years
    # Six months after 终本 is 2026-05-01, Labour Day: the check is due after the holiday.
    assert checks[0]["due_on"] == "2026-05-06"
    record(engine, ready, "resumed", date(2026, 5, 10))
    assert stage(engine, ready) == "enforcement_registered"
    with session_scope(engine) as s:
        number = s.execute(
            select(CaseRow.court_case_no).where(CaseRow.account_id == ready)
        ).scalar_one()
    assert number == "（2025）京0105民初5号"  # the 执 number stays on its event


def test_setting_the_court_a_case_already_has_changes_nothing(engine, ready):
    from legal_flows.services.cases.venue import set_court
    from legal_flows.store.tables import CaseRow

    def version() -> int:
        with uow(engine) as s:
            return s.session.execute(
                select(CaseRow.version).where(CaseRow.account_id == ready)
            ).scalar_one()

    with uow(engine) as w:
        first = set_court(w, account_id=ready, court="永嘉县人民法院", actor=ACTOR, now=NOW)
    before = version()
    with uow(engine) as w:
        again = set_court(w, account_id=ready, court="永嘉县人民法院", actor=ACTOR, now=NOW)
    assert again == first
    assert version() == before


def test_a_running_appraisal_stops_the_trial_limit_so_no_sweep_marks_it_missed(engine, ready):
    from legal_flows.domain.sweep import SweepPolicy
    from legal_flows.services.sweep.sweep import run_sweep

    record(engine, ready, "submitted", date(2026, 3, 2))
    record(engine, ready, "registered", date(2026, 3, 6), case_no="（2026）京0105民初7号")
    record(engine, ready, "appraisal_started", date(2026, 4, 1))
    with uow(engine) as w:
        run_sweep(
            w,
            as_of=date(2026, 11, 1),  # the six months are long gone
            policy=SweepPolicy(),
            actor=ACTOR,
            now=NOW,
            calendar=package_calendar(),
        )
    limit = next(d for d in deadlines(engine, ready) if d["kind"] == "trial_limit")
    assert limit["status"] == "suspended"
    record(engine, ready, "appraisal_ended", date(2026, 10, 30))  # 213 days, both counted
    limit = next(d for d in deadlines(engine, ready) if d["kind"] == "trial_limit")
    # Simplified (the review's prediction): 2026-06-06 + 213 days = Tuesday 2027-01-05.
    assert (limit["status"], limit["due_on"]) == ("open", "2027-01-05")
