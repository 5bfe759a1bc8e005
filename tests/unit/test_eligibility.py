from datetime import date, timedelta
from decimal import Decimal

import pytest

from legal_flows.domain.claims import Claim
from legal_flows.domain.facts import CaseFacts, CollectionKind
from legal_flows.domain.policy import Policy
from legal_flows.domain.reasons import Outcome
from tests.unit.builders import AS_OF, codes, event, facts, review

K = CollectionKind
ZERO = Decimal("0.00")
NO_CHARGES = {"interest": ZERO, "penalty": ZERO, "fees": ZERO}


def message(case: CaseFacts, code: str) -> str:
    return next(r.message for r in review(case).reasons if r.code == code)


def test_ordinary_case_is_approved_with_its_procedure() -> None:
    decision = review(facts())
    assert decision.outcome is Outcome.APPROVED
    assert codes(decision) == {"procedure_small_claims", "payment_order_candidate"}
    assert decision.claim == Claim(
        Decimal("30000.00"), Decimal("5400.00"), Decimal("300.00"), Decimal("0.00")
    )
    assert not decision.criminal_referral_candidate


# --- limitation -----------------------------------------------------------------------------


def test_time_barred_case_is_rejected() -> None:
    case = facts(overdue_since=date(2023, 11, 27))  # expired on Friday 2026-11-27
    decision = review(case)
    assert decision.outcome is Outcome.REJECTED
    assert "time_barred" in codes(decision)
    assert "limitation expired on 2026-11-27" in message(case, "time_barred")


def test_expiry_on_saturday_rolls_so_the_case_is_not_yet_barred() -> None:
    case = facts(overdue_since=date(2023, 11, 28))  # 2026-11-28 rolls to Monday 11-30
    decision = review(case)
    assert decision.outcome is Outcome.APPROVED
    assert "time_barred" not in codes(decision)
    assert "expires on 2026-11-30, in 1 days" in message(case, "limitation_expiring")


@pytest.mark.parametrize(
    ("overdue_since", "days_left", "flagged"),
    [
        (date(2023, 11, 30), 89, True),  # expires Monday 2026-11-30
        (date(2023, 12, 1), 90, True),
        (date(2023, 12, 2), 91, False),
    ],
)
def test_limitation_expiring_within_ninety_days_is_flagged_but_approved(
    overdue_since: date, days_left: int, flagged: bool
) -> None:
    as_of = date(2026, 9, 2)  # a Wednesday: 89, 90 and 91 days on are working days
    decision = review(facts(overdue_since=overdue_since, balance_date=as_of), as_of=as_of)
    assert (decision.limitation.expires_on - as_of).days == days_left
    assert decision.outcome is Outcome.APPROVED
    assert ("limitation_expiring" in codes(decision)) is flagged


def test_repayment_after_expiry_waives_limitation_for_a_person_to_confirm() -> None:
    case = facts(
        overdue_since=date(2023, 3, 10), collections=(event(date(2026, 4, 1), K.REPAYMENT),)
    )
    decision = review(case)
    assert decision.outcome is Outcome.MANUAL_REVIEW  # 时效规定 §19 needs the debtor's proof
    assert "limitation_waived" in codes(decision)
    assert "time_barred" not in codes(decision)


def test_last_payment_after_default_interrupts_limitation() -> None:
    decision = review(facts(overdue_since=date(2023, 3, 10), last_payment_on=date(2024, 5, 12)))
    assert decision.outcome is Outcome.APPROVED
    assert decision.limitation.interrupted_by == "repayment"
    assert decision.limitation.expires_on == date(2027, 5, 12)


def test_last_payment_before_default_does_not_bar_a_live_claim() -> None:
    # Overdue since 2023-12-01: limitation runs to 2026-12-01 (actual: 2026-11-16, rejected).
    case = facts(overdue_since=date(2023, 12, 1), last_payment_on=date(2023, 11, 15))
    assert review(case).outcome is Outcome.APPROVED


# --- exclusions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "outcome"),
    [
        # 民法典 §§1159, 1161: the debt is the estate's; a person names the defendants.
        ("deceased", Outcome.MANUAL_REVIEW),
        ("disputed", Outcome.MANUAL_REVIEW),
    ],
)
def test_cardholder_status_decides_the_outcome(flag: str, outcome: Outcome) -> None:
    decision = review(facts(**{flag: True}))
    assert decision.outcome is outcome
    assert flag in codes(decision)


def test_a_bankruptcy_flag_rejects_only_where_personal_bankruptcy_law_applies() -> None:
    shenzhen = review(facts(bankrupt=True, registered_address="广东省深圳市南山区科技园1号"))
    assert shenzhen.outcome is Outcome.REJECTED
    assert "bankrupt" in codes(shenzhen)
    elsewhere = review(facts(bankrupt=True, registered_address="浙江省杭州市滨江区江南大道1号"))
    assert elsewhere.outcome is Outcome.MANUAL_REVIEW
    assert "bankrupt_unconfirmed" in codes(elsewhere)
    # The region list is the bank's policy (a new law elsewhere is one line).
    hangzhou = Policy(personal_bankruptcy_regions=("深圳", "杭州"))
    home = "浙江省杭州市滨江区江南大道1号"
    moved = review(facts(bankrupt=True, registered_address=home), policy=hangzhou)
    assert moved.outcome is Outcome.REJECTED


def test_a_deceased_cardholder_is_held_for_a_person_to_name_the_heirs() -> None:
    decision = review(facts(deceased=True))
    assert decision.outcome is Outcome.MANUAL_REVIEW
    (why,) = [r for r in decision.reasons if r.code == "deceased"]
    assert "遗产管理人" in why.message
    assert "1161" in why.citation


def test_rejection_beats_manual_review() -> None:
    case = facts(deceased=True, bankrupt=True, registered_address="广东省深圳市福田区1号")
    assert review(case).outcome is Outcome.REJECTED


# --- amount and completeness ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "outcome"),
    [("4999.99", Outcome.REJECTED), ("5000.00", Outcome.APPROVED)],
)
def test_claim_below_the_minimum_is_rejected(principal: str, outcome: Outcome) -> None:
    decision = review(facts(principal=Decimal(principal), **NO_CHARGES))
    assert decision.outcome is outcome
    assert ("below_minimum" in codes(decision)) is (outcome is Outcome.REJECTED)


def test_minimum_applies_to_the_claim_after_dropping_unproven_charges() -> None:
    case = facts(
        principal=Decimal("4800.00"), interest=Decimal("500.00"), terms_notice_proven=False
    )
    decision = review(case)
    assert decision.outcome is Outcome.REJECTED
    assert {"below_minimum", "terms_notice_unproven"} <= codes(decision)


@pytest.mark.parametrize(
    ("principal", "outcome"),
    [("1000000.00", Outcome.APPROVED), ("1000000.01", Outcome.MANUAL_REVIEW)],
)
def test_claim_above_the_review_threshold_needs_a_person(principal: str, outcome: Outcome) -> None:
    decision = review(facts(principal=Decimal(principal), **NO_CHARGES))
    assert decision.outcome is outcome
    assert ("above_review_threshold" in codes(decision)) is (outcome is Outcome.MANUAL_REVIEW)


def test_missing_complaint_data_lists_each_blank_field() -> None:
    case = facts(ethnicity=None, phone="  ", has_agent=False)
    assert review(case).outcome is Outcome.MANUAL_REVIEW
    text = message(case, "missing_data")
    assert "ethnicity (民族)" in text
    assert "phone (联系电话)" in text
    assert "creditor agent (委托代理人)" in text
    assert "registered_address" not in text


def test_missing_address_alone_is_listed() -> None:
    text = message(facts(registered_address=""), "missing_data")
    assert text == "the complaint needs: registered_address (户籍地址)"


# --- charges --------------------------------------------------------------------------------


def test_unproven_terms_leave_a_principal_only_claim() -> None:
    case = facts(terms_notice_proven=False)
    decision = review(case)
    assert decision.outcome is Outcome.APPROVED
    assert decision.claim == Claim(Decimal("30000.00"), ZERO, ZERO, ZERO)
    assert "5,700.00 of charges left out" in message(case, "terms_notice_unproven")


def test_reviewer_may_allow_charges_without_proof_of_notice() -> None:
    decision = review(facts(terms_notice_proven=False, charges_allowed_by_reviewer=True))
    assert "terms_notice_unproven" not in codes(decision)
    assert decision.claim.charges == Decimal("5700.00")


def test_unproven_terms_without_charges_need_no_reason() -> None:
    assert "terms_notice_unproven" not in codes(
        review(facts(terms_notice_proven=False, **NO_CHARGES))
    )


def test_charges_above_the_cap_are_cut_fees_first_then_penalty() -> None:
    case = facts(
        principal=Decimal("10000.00"),
        interest=Decimal("2200.00"),
        penalty=Decimal("400.00"),
        fees=Decimal("150.00"),
        overdue_since=AS_OF - timedelta(days=365),
    )
    decision = review(case)
    assert decision.outcome is Outcome.APPROVED
    assert decision.claim == Claim(
        Decimal("10000.00"), Decimal("2200.00"), Decimal("200.00"), Decimal("0.00")
    )
    text = message(case, "cost_above_cap")
    assert "27.50% a year" in text
    assert "claiming 2,400.00" in text


def test_reviewer_allowed_charges_are_still_capped() -> None:
    case = facts(
        terms_notice_proven=False, charges_allowed_by_reviewer=True, interest=Decimal("9000.00")
    )
    decision = review(case)
    assert "cost_above_cap" in codes(decision)
    # 30000 × 24% × 364 / 365 = 7180.27..., floored; the 300 penalty goes before interest.
    assert decision.claim.charges == Decimal("7180.27")
    assert decision.claim.penalty == ZERO


# --- every decision explains itself in law and in Decimal money ------------------------------

_PAIR = (
    event(date(2026, 1, 10), K.SMS, delivered=True, receipt_confirmed=True),
    event(date(2026, 2, 9), K.LETTER, delivered=True, receipt_confirmed=True),
)
SCENARIOS = {
    "rejected_everything": facts(
        overdue_since=date(2023, 11, 20),
        principal=Decimal("4000.00"),
        terms_notice_proven=False,
        deceased=True,
        bankrupt=True,
        disputed=True,
        whereabouts_unknown=True,
        ethnicity=None,
        registered_address="广东省深圳市南山区科技园1号",
    ),
    "bankrupt_elsewhere": facts(bankrupt=True),
    "expiring": facts(overdue_since=date(2023, 12, 1)),
    "waived": facts(
        overdue_since=date(2023, 3, 10), collections=(event(date(2026, 4, 1), K.REPAYMENT),)
    ),
    "capped": facts(interest=Decimal("9000.00"), penalty=Decimal("123.45"), fees=Decimal("6.78")),
    "large": facts(principal=Decimal("2000000.00")),
    "simplified": facts(principal=Decimal("100000.00")),
    "referral": facts(principal=Decimal("50000.00"), collections=_PAIR),
}


def test_scenarios_raise_every_reason_code() -> None:
    raised = set().union(*(codes(review(case)) for case in SCENARIOS.values()))
    assert raised == {
        "time_barred",
        "limitation_expiring",
        "limitation_waived",
        "deceased",
        "bankrupt",
        "bankrupt_unconfirmed",
        "disputed",
        "terms_notice_unproven",
        "cost_above_cap",
        "below_minimum",
        "above_review_threshold",
        "missing_data",
        "procedure_small_claims",
        "procedure_simplified",
        "procedure_ordinary",
        "payment_order_candidate",
        "criminal_referral_candidate",
    }


@pytest.mark.parametrize("case", SCENARIOS.values(), ids=list(SCENARIOS))
def test_every_reason_has_a_message_and_a_citation(case: CaseFacts) -> None:
    for reason in review(case).reasons:
        assert reason.citation.strip(), reason.code
        assert reason.message.strip(), reason.code
        stored = {"code", "message", "template", "values", "citation", "effect"}
        assert set(reason.as_dict()) == stored


@pytest.mark.parametrize("case", SCENARIOS.values(), ids=list(SCENARIOS))
def test_claim_amounts_stay_decimal_to_the_fen(case: CaseFacts) -> None:
    claim = review(case).claim
    for amount in (claim.principal, claim.interest, claim.penalty, claim.fees, claim.total):
        assert type(amount) is Decimal
        assert amount == amount.quantize(Decimal("0.01"))


def test_short_default_period_sends_high_charges_to_a_person_instead_of_cutting_them() -> None:
    # 14 days of default cannot carry an annual rate: interest from before default counts too.
    case = facts(
        overdue_since=date(2026, 11, 15),
        balance_date=AS_OF,
        principal=Decimal("50000.00"),
        interest=Decimal("2000.00"),
        penalty=Decimal("0.00"),
    )
    decision = review(case)
    assert decision.outcome is Outcome.MANUAL_REVIEW
    assert "cost_period_short" in codes(decision)
    assert decision.claim.interest == Decimal("2000.00")


def test_rejected_case_is_never_a_payment_order_candidate() -> None:
    decision = review(facts(bankrupt=True, registered_address="广东省深圳市福田区1号"))
    assert decision.outcome is Outcome.REJECTED
    assert not decision.payment_order_candidate
    assert "payment_order_candidate" not in codes(decision)


# --- which court (JUR-01) ---------------------------------------------------------------------

HANGZHOU = "浙江省杭州市滨江区江南大道1号"


def test_a_residence_elsewhere_without_its_date_holds_the_case_for_the_court() -> None:
    case = facts(residence_address=HANGZHOU)
    decision = review(case)
    assert decision.outcome is Outcome.MANUAL_REVIEW
    held = next(r for r in decision.reasons if r.code == "court_unconfirmed")
    assert "经常居住地" in held.message
    assert "legal-flows cases court" in held.message
    assert "§§3-4" in held.citation


def test_a_dated_residence_or_a_set_court_settles_it() -> None:
    dated = facts(residence_address=HANGZHOU, residence_since=AS_OF - timedelta(days=30))
    assert "court_unconfirmed" not in codes(review(dated))
    assert review(dated).outcome is Outcome.APPROVED
    set_by_hand = facts(residence_address=HANGZHOU, court="杭州市滨江区人民法院")
    assert "court_unconfirmed" not in codes(review(set_by_hand))


def test_an_address_no_court_can_be_read_from_holds_the_case() -> None:
    decision = review(facts(registered_address="某某村三组"))
    assert "court_unconfirmed" in codes(decision)
    assert decision.outcome is Outcome.MANUAL_REVIEW
