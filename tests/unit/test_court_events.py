"""What recording a court event does to its case (domain.court.apply_event), worked through."""

from datetime import date

import pytest

from legal_flows.domain.court import (
    ContradictoryEvent,
    CourtEvent,
    CourtRecord,
    TerminationRefused,
    apply_event,
)
from legal_flows.domain.court_deadlines import court_deadlines
from legal_flows.domain.deadlines import performance_deadline
from legal_flows.domain.errors import IllegalTransition, InvalidValue
from legal_flows.domain.stages import Stage
from tests.unit.builders import CAL

E = CourtEvent


def rec(code: CourtEvent, on: date, **kw: str) -> CourtRecord:
    return CourtRecord(code, on, **kw)


ENFORCED = [
    rec(E.SUBMITTED, date(2026, 1, 5)),
    rec(E.REGISTERED, date(2026, 1, 9)),
    rec(E.JUDGMENT, date(2026, 3, 2)),
    rec(E.EFFECTIVE, date(2026, 4, 1)),
    rec(E.ENFORCEMENT_APPLIED, date(2026, 4, 20)),
    rec(E.ENFORCEMENT_REGISTERED, date(2026, 4, 24)),
    rec(E.ENFORCEMENT_NOTICE, date(2026, 4, 28)),
    rec(E.CONSUMPTION_BAN, date(2026, 4, 28)),
    rec(E.INVESTIGATION_EXHAUSTED, date(2026, 7, 1)),
    rec(E.APPLICANT_HEARD, date(2026, 7, 10)),
]


def test_submitting_the_complaint_files_the_case_and_meets_its_limitation_deadline():
    effect = apply_event(
        [], rec(E.SUBMITTED, date(2026, 1, 5)), stage="documents_ready", case_no=None
    )
    assert effect.moves == (Stage.FILED,)
    assert effect.meets_limitation  # 时效规定 §10: suing interrupts limitation


def test_a_registration_puts_its_trial_case_number_on_the_case_in_its_checked_form():
    effect = apply_event(
        ENFORCED[:1],
        rec(E.REGISTERED, date(2026, 1, 9)),
        stage="filed",
        case_no="(2026)京0105民初7号",
    )
    assert effect.moves == (Stage.REGISTERED,)
    assert effect.case_no == effect.trial_case_no == "（2026）京0105民初7号"
    assert not effect.meets_limitation


def test_an_enforcement_registration_keeps_its_number_on_the_event_not_the_case():
    effect = apply_event(
        ENFORCED[:5],
        rec(E.ENFORCEMENT_REGISTERED, date(2026, 4, 24)),
        stage="enforcement_applied",
        case_no="（2026）京0105执9号",
    )
    assert effect.case_no == "（2026）京0105执9号"
    assert effect.trial_case_no is None  # the trial's 案号 still names the case


def test_a_registration_without_its_case_number_is_refused():
    with pytest.raises(InvalidValue, match="needs its case number"):
        apply_event(ENFORCED[:1], rec(E.REGISTERED, date(2026, 1, 9)), stage="filed", case_no=None)


def test_an_event_behind_the_case_leaves_its_stage_where_it_is():
    late_service = rec(E.SERVED, date(2026, 1, 20), party="被告")
    effect = apply_event(ENFORCED[:3], late_service, stage="judged", case_no=None)
    assert effect.moves == ()


def test_an_event_past_the_case_walks_it_through_every_stage_between():
    effect = apply_event(
        ENFORCED[:2], rec(E.JUDGMENT, date(2026, 3, 2)), stage="registered", case_no=None
    )
    assert effect.moves == (Stage.SERVED, Stage.JUDGED)


def test_a_case_without_its_filing_package_cannot_be_filed():
    with pytest.raises(IllegalTransition, match="approved -> filed"):
        apply_event([], rec(E.SUBMITTED, date(2026, 1, 5)), stage="approved", case_no=None)


def test_a_contradictory_event_is_refused_naming_both():
    with pytest.raises(ContradictoryEvent, match="judgment on 2026-01-01 comes before registered"):
        apply_event(
            ENFORCED[:2], rec(E.JUDGMENT, date(2026, 1, 1)), stage="registered", case_no=None
        )


def test_termination_is_refused_until_three_months_after_enforcement_registration():
    # 终本规定 §1(4): more than three months; registered 2026-04-24.
    with pytest.raises(TerminationRefused, match=r"more than 3 months"):
        apply_event(
            ENFORCED,
            rec(E.TERMINATED, date(2026, 7, 24)),
            stage="enforcement_registered",
            case_no=None,
        )
    effect = apply_event(
        ENFORCED, rec(E.TERMINATED, date(2026, 7, 25)), stage="enforcement_registered", case_no=None
    )
    assert effect.moves == (Stage.CLOSED_TERMINATED,)


def test_termination_waits_for_the_applicant_a_missing_debtor_search_and_the_disposal():
    """终本规定 §1(3), §1(5), §5: each condition named when it is not met."""
    end = rec(E.TERMINATED, date(2026, 8, 3))
    unheard = [e for e in ENFORCED if e.code != E.APPLICANT_HEARD]
    with pytest.raises(TerminationRefused, match=r"applicant heard.*§5"):
        apply_event(unheard, end, stage="enforcement_registered", case_no=None)
    with pytest.raises(TerminationRefused, match=r"missing debtor searched for \(§1\(5\)\)"):
        apply_event(
            ENFORCED, end, stage="enforcement_registered", case_no=None, whereabouts_unknown=True
        )
    searched = [*ENFORCED, rec(E.DEBTOR_SEARCHED, date(2026, 7, 20))]
    effect = apply_event(
        searched, end, stage="enforcement_registered", case_no=None, whereabouts_unknown=True
    )
    assert effect.moves == (Stage.CLOSED_TERMINATED,)
    with pytest.raises(TerminationRefused, match=r"still in disposal \(§1\(3\)\)"):
        apply_event(
            ENFORCED, end, stage="enforcement_registered", case_no=None, disposal_pending=True
        )


def test_resuming_after_termination_brings_the_enforcement_back():
    # 民诉法解释 §517: after 终本 the creditor may resume (执恢) at any time.
    terminated = [*ENFORCED, rec(E.TERMINATED, date(2026, 8, 3))]
    effect = apply_event(
        terminated, rec(E.RESUMED, date(2027, 2, 1)), stage="closed_terminated", case_no=None
    )
    assert effect.moves == (Stage.ENFORCEMENT_REGISTERED,)


def test_a_case_that_was_rejected_cannot_be_walked_into_court():
    with pytest.raises(IllegalTransition, match="rejected -> filed"):
        apply_event([], rec(E.SUBMITTED, date(2026, 1, 5)), stage="rejected", case_no=None)


def test_without_a_decided_procedure_the_ordinary_periods_apply():
    history = [
        rec(E.SUBMITTED, date(2026, 1, 5)),
        rec(E.REGISTERED, date(2026, 1, 9)),
    ]
    assert court_deadlines(history, procedure=None, calendar=CAL) == court_deadlines(
        history, procedure="ordinary", calendar=CAL
    )
    limits = {
        p: next(
            d
            for d in court_deadlines(history, procedure=p, calendar=CAL)
            if d.kind == "trial_limit"
        )
        for p in ("ordinary", "small_claims")
    }
    assert limits["ordinary"].due_on == date(2026, 7, 9)  # 民诉法 §152: six months
    assert limits["small_claims"].due_on == date(2026, 3, 9)  # §168: two months


def test_the_performance_period_ends_ten_days_after_the_judgment_takes_effect():
    assert performance_deadline(date(2026, 6, 26)) == date(2026, 7, 6)
    assert performance_deadline(date(2026, 12, 25)) == date(2027, 1, 4)


def test_the_asset_checks_after_termination_are_numbered_from_one():
    terminated = [*ENFORCED, rec(E.TERMINATED, date(2026, 8, 3))]
    checks = [
        d
        for d in court_deadlines(terminated, procedure="ordinary", calendar=CAL)
        if d.kind == "asset_check"
    ]
    assert [d.seq for d in checks] == list(range(1, 11))  # 终本规定 §9: every 6 months, 5 years
    assert {d.source.code for d in checks} == {E.TERMINATED}
