"""Routing, payment order and criminal-referral screen, as `review_case` reports them."""

from datetime import date
from decimal import Decimal

import pytest

from legal_flows.domain.eligibility import ReviewDecision
from legal_flows.domain.facts import CollectionKind, CollectionRecord
from legal_flows.domain.reasons import Outcome
from legal_flows.domain.routing import Procedure
from tests.unit.builders import AS_OF, codes, event, facts, review

K = CollectionKind
ZERO = Decimal("0.00")
NO_CHARGES = {"interest": ZERO, "penalty": ZERO, "fees": ZERO}


# --- procedure (ROUTE-01, ROUTE-02), with the default wage base of 124,110 ----------------------


@pytest.mark.parametrize(
    ("principal", "procedure"),
    [
        ("62055.00", Procedure.SMALL_CLAIMS),  # exactly 0.5 × 124,110
        ("62055.01", Procedure.SIMPLIFIED),
        ("248220.00", Procedure.SIMPLIFIED),  # 2 × 124,110: small claims only if agreed
        # 民诉法 §160: the simplified procedure has no amount cap (the 2 × wage rule was wrong).
        ("248220.01", Procedure.SIMPLIFIED),
        ("5000000.00", Procedure.SIMPLIFIED),
    ],
)
def test_procedure_follows_the_wage_base_boundaries(principal: str, procedure: Procedure) -> None:
    decision = review(facts(principal=Decimal(principal), **NO_CHARGES))
    assert decision.procedure is procedure
    assert f"procedure_{procedure.value}" in codes(decision)


def test_between_half_and_twice_the_wage_base_small_claims_need_both_parties_agreement() -> None:
    inside = review(facts(principal=Decimal("248220.00"), **NO_CHARGES))
    (why,) = [r for r in inside.reasons if r.code == "procedure_simplified"]
    assert "both parties agree" in why.message
    assert "§165" in why.message
    outside = review(facts(principal=Decimal("248220.01"), **NO_CHARGES))
    (why,) = [r for r in outside.reasons if r.code == "procedure_simplified"]
    assert "agree" not in why.message
    assert "no amount cap" in why.message


def test_charges_count_towards_the_amount_that_routes_the_claim() -> None:
    decision = review(facts(principal=Decimal("60000.00"), interest=Decimal("2055.01")))
    assert decision.claim.total == Decimal("62355.01")
    assert decision.procedure is Procedure.SIMPLIFIED


def test_unknown_whereabouts_force_ordinary_procedure_and_no_payment_order() -> None:
    decision = review(facts(whereabouts_unknown=True))
    assert decision.claim.total == Decimal("35700.00")  # would be small claims otherwise
    assert decision.procedure is Procedure.ORDINARY
    assert not decision.payment_order_candidate
    assert "payment_order_candidate" not in codes(decision)
    reason = next(r for r in decision.reasons if r.code == "procedure_ordinary")
    assert "257" in reason.citation


# --- payment order (ROUTE-03) -----------------------------------------------------------------


def test_reachable_undisputed_debtor_is_a_payment_order_candidate() -> None:
    decision = review(facts())
    assert decision.payment_order_candidate
    assert "payment_order_candidate" in codes(decision)


@pytest.mark.parametrize(
    "overrides",
    [
        {"disputed": True},
        {"phone": None, "registered_address": None},
        {"whereabouts_unknown": True},
        {"annual_rate": ZERO},  # charges claimed without an interest clause (解释 §428)
    ],
    ids=["disputed", "unreachable", "whereabouts_unknown", "no_contract_rate"],
)
def test_payment_order_needs_a_reachable_undisputed_debtor(overrides: dict[str, object]) -> None:
    decision = review(facts(**overrides))
    assert not decision.payment_order_candidate
    assert "payment_order_candidate" not in codes(decision)


def test_debtor_reachable_by_phone_or_address_alone_can_get_a_payment_order() -> None:
    assert review(facts(phone=None)).payment_order_candidate
    assert review(facts(registered_address=None)).payment_order_candidate


def test_principal_only_claim_needs_no_contract_rate_for_a_payment_order() -> None:
    assert review(facts(annual_rate=ZERO, **NO_CHARGES)).payment_order_candidate


def test_blank_contact_details_do_not_make_the_debtor_reachable() -> None:
    assert not review(facts(phone="  ", registered_address=" ")).payment_order_candidate


# --- criminal referral screen (CRIM-01, CRIM-02), overdue since 2025-11-30 -------------------


def collected(
    on: date, kind: CollectionKind = K.SMS, *, confirmed: bool = True
) -> CollectionRecord:
    return event(on, kind, delivered=True, receipt_confirmed=confirmed)


FIRST, SECOND = date(2026, 1, 10), date(2026, 2, 9)  # 30 days apart
PAIR = (collected(FIRST), collected(SECOND, K.LETTER))
THREE_MONTHS_ON = date(2026, 5, 9)  # SECOND + 3 months


def referral(
    *collections: CollectionRecord, as_of: date = AS_OF, **overrides: object
) -> ReviewDecision:
    """The screen on a 50,000 principal, by default with the qualifying PAIR of collections."""
    fields = {"principal": Decimal("50000.00"), "collections": collections or PAIR, **overrides}
    return review(facts(**fields), as_of=as_of)


def is_referred(*collections: CollectionRecord, as_of: date = AS_OF, **overrides: object) -> bool:
    return referral(*collections, as_of=as_of, **overrides).criminal_referral_candidate


def test_two_confirmed_collections_and_three_months_unpaid_flag_a_referral() -> None:
    decision = referral()
    assert decision.criminal_referral_candidate
    assert decision.outcome is Outcome.APPROVED  # advisory only
    reason = next(r for r in decision.reasons if r.code == "criminal_referral_candidate")
    assert "2026-01-10 and 2026-02-09" in reason.message
    assert "数额较大" in reason.message
    assert "刑法 §196" in reason.citation


def test_confirmed_phone_calls_count_as_collections() -> None:
    assert is_referred(collected(FIRST, K.PHONE), collected(SECOND, K.PHONE))


def test_collections_twenty_nine_days_apart_are_not_enough() -> None:
    decision = referral(collected(FIRST), collected(date(2026, 2, 8)))
    assert not decision.criminal_referral_candidate
    assert "criminal_referral_candidate" not in codes(decision)


def test_a_single_collection_is_not_enough() -> None:
    assert not is_referred(collected(FIRST))


def test_collections_without_confirmed_receipt_do_not_count() -> None:
    assert not is_referred(collected(FIRST), collected(SECOND, confirmed=False))


def test_collection_on_the_default_day_does_not_count() -> None:
    # 2018 解释 §7(1): a collection must come after the card is overdue (here 2025-11-30).
    assert not is_referred(collected(date(2025, 11, 30)), collected(date(2026, 1, 5)))
    assert is_referred(collected(date(2025, 12, 1)), collected(date(2026, 1, 5)))


def test_non_contact_events_are_not_collections() -> None:
    police = event(FIRST, K.POLICE_REPORT, delivered=True, receipt_confirmed=True)
    assert not is_referred(police, collected(SECOND))


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(THREE_MONTHS_ON, False), (date(2026, 5, 10), True)],
    ids=["exactly_3_months", "3_months_and_a_day"],
)
def test_referral_needs_more_than_three_months_since_the_second(
    as_of: date, expected: bool
) -> None:
    decision = referral(as_of=as_of, balance_date=as_of)
    assert decision.criminal_referral_candidate is expected


@pytest.mark.parametrize(("principal", "expected"), [("49999.99", False), ("50000.00", True)])
def test_referral_needs_fifty_thousand_unpaid_principal(principal: str, expected: bool) -> None:
    assert is_referred(principal=Decimal(principal)) is expected


@pytest.mark.parametrize(
    "paid",
    [
        {"collections": (*PAIR, event(date(2026, 3, 1), K.REPAYMENT))},
        {"collections": (*PAIR, event(date(2026, 3, 1), K.ACCOUNT_DEBIT))},
        {"last_payment_on": date(2026, 3, 1)},
    ],
    ids=["repayment", "account_debit", "last_payment_on"],
)
def test_payment_after_the_second_collection_clears_the_referral(paid: dict[str, object]) -> None:
    assert not is_referred(**paid)


def test_payment_between_the_two_collections_answers_the_first() -> None:
    paid = event(date(2026, 1, 20), K.REPAYMENT, amount=Decimal("100.00"))
    assert not is_referred(*PAIR, paid)


def test_a_fresh_pair_of_collections_after_a_payment_counts() -> None:
    paid = event(date(2025, 12, 20), K.REPAYMENT, amount=Decimal("100.00"))
    assert is_referred(paid, *PAIR)


def test_payments_after_the_balance_date_reduce_the_unpaid_principal() -> None:
    # 2018 解释 §9: the unpaid principal when reported; here 50,000 less 100 paid after cut-off.
    decision = referral(principal=Decimal("50100.00"), balance_date=date(2026, 1, 1))
    assert decision.criminal_referral_candidate
    assert not referral(
        *PAIR,
        event(date(2026, 1, 5), K.ACCOUNT_DEBIT, amount=Decimal("100.01")),
        principal=Decimal("50100.00"),
        balance_date=date(2026, 1, 1),
    ).criminal_referral_candidate


def test_payment_after_as_of_is_not_yet_known() -> None:
    paid = event(date(2026, 6, 1), K.REPAYMENT)
    assert is_referred(*PAIR, paid, as_of=date(2026, 5, 20), balance_date=date(2026, 5, 20))


def test_half_a_million_unpaid_is_a_huge_amount() -> None:
    decision = referral(principal=Decimal("500000.00"))
    reason = next(r for r in decision.reasons if r.code == "criminal_referral_candidate")
    assert "数额巨大" in reason.message
