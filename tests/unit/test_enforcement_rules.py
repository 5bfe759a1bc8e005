"""Enforcement rules with worked examples: fees, seizure periods, auction prices, waterfall."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from legal_flows.domain.auction import AuctionRuleBroken, RoundPlan, check_round
from legal_flows.domain.auction_outcomes import after_failure
from legal_flows.domain.calendar import WEEKENDS_ONLY
from legal_flows.domain.fees import enforcement_fee, filing_fee, preservation_fee
from legal_flows.domain.instrument import Award, Terms
from legal_flows.domain.ledger import Debt, Payment, debt_ledger
from legal_flows.domain.seizure import (
    AssetKind,
    QueueEntry,
    SeizureRefused,
    SeizureStage,
    expiry,
    promote_next,
    renewal_deadline,
    renewed_expiry,
    void_after_disposal,
)
from legal_flows.domain.sweep import SweepPolicy

D = Decimal


@pytest.mark.parametrize(
    ("claim", "fee"),
    [
        ("5000", "50.00"),  # up to 10,000: 50 flat
        ("10000", "50.00"),
        ("100000", "2300.00"),  # 50 + 2.5% × 90,000
        ("150000", "3300.00"),  # + 2% × 50,000
        ("1000000", "13800.00"),  # 50 + 2250 + 2000 + 4500 + 5000
    ],
)
def test_filing_fee_is_charged_cumulatively_by_band(claim, fee):
    assert filing_fee(D(claim)) == D(fee)


def test_filing_fee_halved_for_simplified_or_mediation_and_a_third_for_a_payment_order():
    assert filing_fee(D("100000"), procedure="simplified") == D("1150.00")
    assert filing_fee(D("100000"), ended_by="mediation") == D("1150.00")
    assert filing_fee(D("100000"), procedure="payment_order") == D("766.67")


def test_preservation_fee_bands_and_cap():
    assert preservation_fee(D("800")) == D("30.00")
    assert preservation_fee(D("50000")) == D("520.00")  # 30 + 1% × 49,000
    assert preservation_fee(D("2000000")) == D("5000.00")  # capped


def test_enforcement_fee_bands():
    assert enforcement_fee(D("100000")) == D("1400.00")  # 50 + 1.5% × 90,000


def test_a_freeze_of_deposits_holds_one_year_and_real_estate_three():
    assert expiry(AssetKind.DEPOSIT, effective=date(2026, 3, 1)) == date(2027, 2, 28)
    assert expiry(AssetKind.VEHICLE, effective=date(2026, 3, 1)) == date(2028, 2, 29)
    assert expiry(AssetKind.REAL_ESTATE, effective=date(2026, 3, 1)) == date(2029, 2, 28)


def test_a_seizure_is_judged_by_the_period_rule_in_force_on_its_effective_date():
    # 查封规定 (2004): 6 months for deposits before 民诉法解释 (2015) took effect on 2015-02-04.
    assert expiry(AssetKind.DEPOSIT, effective=date(2015, 2, 3)) == date(2015, 8, 2)
    assert expiry(AssetKind.DEPOSIT, effective=date(2015, 2, 4)) == date(2016, 2, 3)


def test_a_preservation_measure_carried_into_enforcement_keeps_its_original_start():
    assert expiry(
        AssetKind.DEPOSIT, effective=date(2026, 9, 1), preserved_on=date(2026, 3, 1)
    ) == date(2027, 2, 28)


def test_renewal_before_expiry_runs_on_and_after_expiry_is_refused():
    assert renewed_expiry(
        AssetKind.DEPOSIT, current_expiry=date(2027, 2, 28), renewed_on=date(2027, 2, 20), months=12
    ) == date(2028, 2, 29)
    with pytest.raises(SeizureRefused, match="lapsed on 2027-02-28"):
        renewed_expiry(
            AssetKind.DEPOSIT,
            current_expiry=date(2027, 2, 28),
            renewed_on=date(2027, 3, 1),
            months=12,
        )
    with pytest.raises(SeizureRefused, match="at most 12 months"):
        renewed_expiry(
            AssetKind.DEPOSIT,
            current_expiry=date(2027, 2, 28),
            renewed_on=date(2027, 2, 1),
            months=13,
        )


def test_preservation_renewal_must_be_filed_seven_days_before_expiry_with_alerts_before_that():
    # 2027-03-03 is a Wednesday: seven days before is Wednesday 2027-02-24.
    assert renewal_deadline(SeizureStage.PRESERVATION, date(2027, 3, 3), WEEKENDS_ONLY) == date(
        2027, 2, 24
    )
    # The sweep alerts at each of its steps before the filing deadline (SEIZE-02).
    deadline = renewal_deadline(SeizureStage.PRESERVATION, date(2027, 3, 3), WEEKENDS_ONLY)
    steps = SweepPolicy().alert_steps["seizure_renewal"]
    assert [deadline - timedelta(days=d) for d in steps] == [
        date(2026, 12, 26),
        date(2027, 1, 25),
        date(2027, 2, 9),
    ]


def test_a_renewal_due_on_a_rest_day_is_filed_on_the_working_day_before():
    # Seven days before 2027-02-28 is Sunday 2027-02-21: the filing moves to Friday the 19th.
    assert renewal_deadline(SeizureStage.PRESERVATION, date(2027, 2, 28), WEEKENDS_ONLY) == date(
        2027, 2, 19
    )


def test_releasing_the_head_seizure_promotes_the_earliest_waiting_entry():
    queue = [
        QueueEntry("ours", date(2026, 1, 5), "active"),
        QueueEntry("court-b", date(2026, 2, 1), "waiting"),
        QueueEntry("court-a", date(2026, 1, 20), "waiting"),
    ]
    after = {e.ref: e.status for e in promote_next(queue, "ours")}
    assert after == {"ours": "released", "court-a": "active", "court-b": "waiting"}
    assert {
        e.status for e in void_after_disposal(promote_next(queue, "ours")) if e.ref == "court-b"
    } == {"void"}


START = datetime(2026, 6, 1, 10, 0)


def plan(**overrides: object) -> RoundPlan:
    fields: dict[str, object] = {
        "number": 1,
        "asset_kind": AssetKind.REAL_ESTATE,
        "reference_price": D("1000000"),
        "starting_price": D("700000"),
        "deposit": D("70000"),
        "notice_on": date(2026, 5, 2),  # 30 days before
        "starts_at": START,
        "ends_at": START + timedelta(hours=24),
        "fixed_reference": D("1000000"),
        "fixed_on": date(2026, 4, 20),
        **overrides,
    }
    return RoundPlan(**fields)  # type: ignore[arg-type]


def test_no_round_is_planned_before_the_court_fixed_a_reference_price():
    with pytest.raises(AuctionRuleBroken, match=r"VAL-01.*参考价规定 §§1, 30"):
        check_round(plan(fixed_reference=None, fixed_on=None))


def test_first_round_at_exactly_seventy_percent_is_lawful_and_a_fen_less_is_not():
    check_round(plan())
    with pytest.raises(AuctionRuleBroken, match=r"AUC-01.*网拍规定 §10"):
        check_round(plan(starting_price=D("699999.99")))


def test_second_round_may_drop_by_at_most_twenty_percent():
    second = {"number": 2, "previous_starting_price": D("700000"), "notice_on": date(2026, 5, 17)}
    check_round(plan(**second, starting_price=D("560000"), deposit=D("56000")))
    with pytest.raises(AuctionRuleBroken, match="80% of the previous"):
        check_round(plan(**second, starting_price=D("559999.99"), deposit=D("56000")))


def test_notice_periods_differ_for_movables_and_real_estate_and_for_re_auctions():
    with pytest.raises(AuctionRuleBroken, match="AUC-02"):
        check_round(plan(notice_on=date(2026, 5, 3)))  # 29 days for real estate
    check_round(plan(asset_kind=AssetKind.VEHICLE, notice_on=date(2026, 5, 17)))  # 15 for movables


def test_deposit_between_five_and_twenty_percent_and_bidding_at_least_a_day():
    with pytest.raises(AuctionRuleBroken, match="AUC-03"):
        check_round(plan(deposit=D("34999.99")))
    check_round(plan(deposit=D("140000")))
    with pytest.raises(AuctionRuleBroken, match="AUC-04"):
        check_round(plan(ends_at=START + timedelta(hours=23)))


def test_re_auction_must_follow_a_failure_within_thirty_days():
    second = {
        "number": 2,
        "previous_starting_price": D("700000"),
        "starting_price": D("560000"),
        "deposit": D("56000"),
    }
    with pytest.raises(AuctionRuleBroken, match="AUC-05"):
        check_round(
            plan(**second, notice_on=date(2026, 5, 1), previous_failed_on=date(2026, 4, 30))
        )


def test_necessary_home_needs_a_recorded_exception_before_auction():
    with pytest.raises(AuctionRuleBroken, match="SEIZE-05"):
        check_round(plan(necessary_home=True))
    check_round(
        plan(necessary_home=True, home_exception="债权人提供5年租金 (执行异议复议规定 §20)")
    )


def test_after_a_failed_round_the_next_step_is_proposed_with_the_lowest_lawful_price():
    first = after_failure(1, D("700000"), date(2026, 6, 2))
    assert (first.action, first.lowest_starting_price, first.latest_start) == (
        "reauction",
        D("560000.00"),
        date(2026, 7, 2),
    )
    assert after_failure(2, D("560000"), date(2026, 7, 3)).action == "sale_or_in_lieu"


def test_money_received_pays_costs_then_interest_and_penalty_then_principal():
    award = Award(principal=D("50000"), interest=D("1200"), penalty=D("300"), costs=D("2300"))
    debt = Debt(Terms(award), "判决书")
    ledger = debt_ledger(debt, [Payment(date(2026, 8, 1), D("10000"))], date(2026, 8, 1))
    paid = ledger.bucket_paid(ledger.payments[0])
    assert paid == {
        "costs": D("2300"),
        "interest": D("1200"),
        "penalty": D("300"),
        "principal": D("6200"),
        "late": D("0"),
    }
    assert ledger.owed["principal"] == D("43800")
    over = debt_ledger(debt, [Payment(date(2026, 8, 1), D("60000"))], date(2026, 8, 1))
    assert over.surplus == D("6200")


def test_doubled_late_performance_interest_is_0_0175_percent_a_day():
    # Effective 06-26, perform by 07-06; 50,000 × 0.000175 × 30 days (07-07 … 08-05) = 262.50
    debt = Debt(Terms(Award(principal=D("50000"))), "判决书", effective_on=date(2026, 6, 26))
    assert debt_ledger(debt, [], date(2026, 8, 5)).owed["late"] == D("262.50")
    assert debt_ledger(debt, [], date(2026, 7, 6)).owed["late"] == D("0")


def test_on_a_partial_win_the_costs_are_shared_by_what_was_awarded_of_the_claim():
    from legal_flows.domain.fees import costs_in_proportion

    # 交纳办法 §29: 40,000 of a 50,000 claim won: 80% of 1,050 = 840.
    assert costs_in_proportion(D("1050"), awarded=D("40000"), claimed=D("50000")) == D("840.00")
    # At the whole claim, and above it (interest to a later day), the debtor bears all.
    assert costs_in_proportion(D("1050"), awarded=D("50000"), claimed=D("50000")) == D("1050")
    assert costs_in_proportion(D("1050"), awarded=D("50000.01"), claimed=D("50000")) == D("1050")
    # A fen short of the whole: 1,050 × 49,999.99 / 50,000 = 1,049.99979 → 1,050.00.
    share = costs_in_proportion(D("1050"), awarded=D("49999.99"), claimed=D("50000"))
    assert share == D("1050.00")
    assert costs_in_proportion(D("1050"), awarded=D("0"), claimed=D("50000")) == D("0.00")


def test_terms_without_costs_say_the_instrument_left_them_unstated():
    from legal_flows.domain.instrument import InstrumentKind, terms_from

    silent = terms_from({"award": {"principal": "40000"}}, kind=InstrumentKind.JUDGMENT)
    assert not silent.costs_stated
    # The stored form keeps it, and an explicit zero is a statement (the bank bears them).
    assert not terms_from(silent.as_dict(), kind=InstrumentKind.JUDGMENT).costs_stated
    zero = terms_from({"award": {"principal": "40000", "costs": "0"}}, kind=InstrumentKind.JUDGMENT)
    assert zero.costs_stated


def test_costs_borne_by_the_debtor_follow_the_procedure_used_and_the_amount_preserved():
    from legal_flows.domain.fees import costs_borne_by_debtor

    claim = D("100000")
    assert costs_borne_by_debtor(claim, procedure="ordinary") == D("2300.00")
    assert costs_borne_by_debtor(claim, procedure="simplified") == D("1150.00")  # §16
    assert costs_borne_by_debtor(claim, procedure="small_claims") == D("1150.00")
    assert costs_borne_by_debtor(claim, procedure="ordinary", ended_by="mediation") == D("1150.00")
    # Halved once, not twice (§§15-16).
    assert costs_borne_by_debtor(claim, procedure="simplified", ended_by="withdrawal") == D(
        "1150.00"
    )
    assert costs_borne_by_debtor(claim, procedure="payment_order") == D("766.67")  # §14(3)
    # + preservation on what the ruling preserved (§14(2)): 30 + 1% × 99,000 = 1,020 on the
    # claim, 30 + 1% × 29,000 = 320 on 30,000.
    assert costs_borne_by_debtor(claim, procedure="ordinary", preserved=claim) == D("3320.00")
    assert costs_borne_by_debtor(claim, procedure="ordinary", preserved=D("30000")) == D("2620.00")


def test_what_follows_a_failed_round_is_said_in_the_readers_language():
    from legal_flows.cli.auction_said import next_said
    from legal_flows.i18n import CHINESE, ENGLISH, translator

    second = after_failure(1, Decimal("100000.00"), date(2026, 7, 1))
    first, lowest = next_said(translator(CHINESE), second)
    assert first == "下一步：30日内在同一平台二拍，起拍价不低于一拍起拍价的80%（网拍规定 §26）"
    assert lowest == "最低合法起拍价 ¥80,000.00；须于 2026年7月31日 前开拍"
    sale = after_failure(2, Decimal("80000.00"), date(2026, 8, 1), sale_window_days=60)
    (said,) = next_said(translator(CHINESE), sale)[:1]
    assert "按本次起拍价变卖 60 日" in said
    assert "no third online auction" in next_said(translator(ENGLISH), sale)[0]
