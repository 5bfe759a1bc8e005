"""The enforcement stage's decisions, worked through: seizures start, renew and give way;
rounds end and follow; money owed by bucket, closing, the application's amounts."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from legal_flows.domain.auction import (
    MET_BY_PLANNING,
    AuctionRuleBroken,
    RoundRefused,
    RoundResult,
    next_round_number,
    online_auction,
)
from legal_flows.domain.auction_outcomes import may_take_in_lieu, round_outcome
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.distribution import (
    Closing,
    ClosingRefused,
    check_paid_in_full,
    in_lieu_excess,
)
from legal_flows.domain.instrument import (
    Award,
    Instalment,
    InstrumentKind,
    Terms,
    TermsProblem,
    terms_from,
)
from legal_flows.domain.ledger import Debt, Payment, debt_ledger
from legal_flows.domain.seizure import (
    AssetKind,
    Measure,
    QueueEntry,
    SeizureRefused,
    SeizureStage,
    SeizureStatus,
    after_disposal,
    has_lapsed,
    release,
    renew,
    start,
)
from legal_flows.domain.stages import Stage

D = Decimal


def test_a_first_seizure_holds_from_its_effective_date_a_waiting_one_has_no_period():
    first = start(
        AssetKind.DEPOSIT,
        stage=SeizureStage.PRESERVATION,
        effective=date(2026, 3, 1),
        preserved_on=None,
        waiting=False,
    )
    assert (first.status, first.expires_on) == (SeizureStatus.ACTIVE, date(2027, 2, 28))
    waiting = start(
        AssetKind.DEPOSIT,
        stage=SeizureStage.PRESERVATION,
        effective=date(2026, 3, 1),
        preserved_on=None,
        waiting=True,
    )
    assert (waiting.status, waiting.expires_on) == (SeizureStatus.WAITING, None)


def test_only_a_seizure_in_enforcement_starts_the_valuation_clock():
    # 参考价规定 §1 (VAL-01): an asset seized to be sold has its reference price started.
    def opens(stage: SeizureStage, waiting: bool) -> bool:
        return start(
            AssetKind.VEHICLE,
            stage=stage,
            effective=date(2026, 6, 1),
            preserved_on=None,
            waiting=waiting,
        ).opens_valuation

    assert opens(SeizureStage.ENFORCEMENT, waiting=False)
    assert not opens(SeizureStage.PRESERVATION, waiting=False)
    assert not opens(SeizureStage.ENFORCEMENT, waiting=True)


def test_a_preservation_carried_into_enforcement_counts_from_its_original_date():
    carried = start(
        AssetKind.DEPOSIT,
        stage=SeizureStage.ENFORCEMENT,
        effective=date(2026, 9, 1),
        preserved_on=date(2026, 3, 1),
        waiting=False,
    )
    assert carried.expires_on == date(2027, 2, 28)  # 解释 §168; 保全规定 §17


@pytest.mark.parametrize("status", ["waiting", "released", "lapsed", "void"])
def test_only_an_active_seizure_can_be_renewed(status):
    with pytest.raises(SeizureRefused, match="only an active one"):
        renew(
            AssetKind.DEPOSIT,
            status=status,
            current_expiry=date(2027, 2, 28),
            renewed_on=date(2027, 2, 1),
            months=12,
        )


def test_a_renewal_on_the_expiry_day_holds_and_a_day_later_is_too_late():
    def renewed(on: date) -> date:
        return renew(
            AssetKind.DEPOSIT,
            status="active",
            current_expiry=date(2027, 2, 28),
            renewed_on=on,
            months=12,
        )

    assert renewed(date(2027, 2, 28)) == date(2028, 2, 29)
    with pytest.raises(SeizureRefused, match="lapsed on 2027-02-28"):
        renewed(date(2027, 3, 1))


def test_a_seizure_past_its_expiry_lapses_the_day_after_not_on_it():
    # 查封规定 §27: a measure not renewed by its expiry ends.
    assert not has_lapsed("active", date(2027, 2, 28), date(2027, 2, 28))
    assert has_lapsed("active", date(2027, 2, 28), date(2027, 3, 1))
    assert not has_lapsed("waiting", None, date(2030, 1, 1))
    assert not has_lapsed("released", date(2027, 2, 28), date(2027, 3, 1))


def test_releasing_the_head_promotes_the_earliest_served_waiting_seizure_with_its_own_period():
    queue = [
        QueueEntry(1, date(2026, 1, 5), "active"),
        QueueEntry(2, date(2026, 2, 1), "waiting"),
        QueueEntry(3, date(2026, 1, 20), "waiting"),
    ]
    changes = {c.ref: c for c in release(queue, 1, on=date(2026, 6, 1), kind=AssetKind.DEPOSIT)}
    assert set(changes) == {1, 3}
    assert changes[1].status == SeizureStatus.RELEASED
    assert changes[3].status == SeizureStatus.ACTIVE
    assert (changes[3].effective_on, changes[3].expires_on) == (date(2026, 6, 1), date(2027, 5, 31))


def test_releasing_a_waiting_seizure_promotes_nothing_while_the_head_holds():
    queue = [QueueEntry(1, date(2026, 1, 5), "active"), QueueEntry(2, date(2026, 2, 1), "waiting")]
    changes = release(queue, 2, on=date(2026, 6, 1), kind=AssetKind.DEPOSIT)
    assert [(c.ref, c.status) for c in changes] == [(2, SeizureStatus.RELEASED)]


def test_an_asset_sold_whole_releases_its_seizure_and_voids_the_waiting_list():
    queue = [
        QueueEntry(1, date(2026, 1, 5), "active"),
        QueueEntry(2, date(2026, 2, 1), "waiting"),
        QueueEntry(3, date(2026, 1, 1), "released"),
    ]
    assert [(c.ref, c.status) for c in after_disposal(queue)] == [
        (1, SeizureStatus.RELEASED),
        (2, SeizureStatus.VOID),
    ]


def test_each_measure_is_named_as_rulings_name_it():
    assert [m.words for m in Measure] == ["冻结", "查封", "扣押"]


def test_a_sale_at_the_starting_price_stands_and_below_it_is_refused():
    sold = round_outcome(
        number=1,
        starting_price=D("42000"),
        result=RoundResult.SOLD,
        on=date(2026, 7, 21),
        price=D("42000"),
    )
    assert sold.next_step is None
    assert not sold.deposit_forfeited
    with pytest.raises(RoundRefused, match="at least the starting price 42000"):
        round_outcome(
            number=1,
            starting_price=D("42000"),
            result=RoundResult.SOLD,
            on=date(2026, 7, 21),
            price=D("41999.99"),
        )


def test_a_failed_round_gets_its_next_step():
    outcome = round_outcome(
        number=1,
        starting_price=D("42000"),
        result=RoundResult.FAILED,
        on=date(2026, 7, 21),
        price=None,
    )
    assert outcome.next_step is not None
    assert outcome.next_step.action == "reauction"
    assert outcome.next_step.lowest_starting_price == D("33600.00")  # 网拍规定 §26: −20% at most
    assert outcome.next_step.latest_start == date(2026, 8, 20)  # within 30 days


def test_a_buyers_default_is_no_failure_the_deposit_is_forfeited_and_the_price_kept():
    outcome = round_outcome(
        number=1,
        starting_price=D("42000"),
        result=RoundResult.DEFAULTED,
        on=date(2026, 7, 21),
        price=None,
    )
    assert outcome.deposit_forfeited
    assert outcome.next_step is not None
    assert outcome.next_step.action == "reauction_after_default"
    assert outcome.next_step.lowest_starting_price == D("42000")  # 网拍规定 §24
    assert "§24" in outcome.next_step.citation


def test_after_the_second_failure_comes_the_sale_window_then_in_lieu_not_a_third_auction():
    outcome = round_outcome(
        number=2,
        starting_price=D("33600"),
        result=RoundResult.FAILED,
        on=date(2026, 9, 1),
        price=None,
    )
    step = outcome.next_step
    assert step is not None
    assert (step.action, step.lowest_starting_price) == ("sale_or_in_lieu", D("33600"))
    assert step.latest_start == date(2026, 10, 31)  # a 60-day 变卖 window (practice)
    with pytest.raises(AuctionRuleBroken, match=r"AUC-06.*no third.*网拍规定 §26"):
        next_round_number([(1, "failed"), (2, "failed")], asset=7)
    # A re-run after a default is the same auction again: a failure after it is the second.
    assert online_auction([(1, "failed"), (2, "defaulted")]) == 2
    assert next_round_number([(1, "failed"), (2, "defaulted")], asset=7) == 3
    with pytest.raises(AuctionRuleBroken, match="AUC-06"):
        next_round_number([(1, "failed"), (2, "defaulted"), (3, "failed")], asset=7)


def test_a_withdrawn_round_gets_no_next_step_and_disposes_of_nothing():
    outcome = round_outcome(
        number=1,
        starting_price=D("42000"),
        result=RoundResult.WITHDRAWN,
        on=date(2026, 7, 21),
        price=None,
    )
    assert outcome.next_step is None


def test_a_round_follows_only_one_that_ended_unsold():
    assert next_round_number([], asset=7) == 1
    assert next_round_number([(1, "failed")], asset=7) == 2
    assert next_round_number([(1, "failed"), (2, "defaulted")], asset=7) == 3
    for status in ("planned", "sold", "withdrawn"):
        with pytest.raises(RoundRefused, match=f"round 1 of asset 7 is {status}"):
            next_round_number([(1, status)], asset=7)


def test_only_a_failed_round_can_be_taken_in_lieu():
    assert may_take_in_lieu("failed")
    assert not any(may_take_in_lieu(s) for s in ("planned", "sold", "defaulted", "withdrawn"))


def test_planning_a_round_shows_the_price_fixed_and_the_sale_started():
    assert set(MET_BY_PLANNING) == {DeadlineKind.REFERENCE_PRICE, DeadlineKind.SALE_START}


def test_a_case_closes_recovered_only_when_nothing_is_outstanding():
    assert Closing.RECOVERED.stage == Stage.CLOSED_RECOVERED
    assert Closing.RECOVERED.needs_nothing_outstanding
    assert not Closing.PARTLY_RECOVERED.needs_nothing_outstanding
    check_paid_in_full(D("0.00"), account_id="ACC1")
    with pytest.raises(ClosingRefused, match="ACC1 still has money outstanding"):
        check_paid_in_full(D("0.01"), account_id="ACC1")


JUDGED = Award(
    principal=D("50000"), interest=D("1200"), penalty=D("300"), fees=D("0"), costs=D("2300")
)


def test_the_doubled_interest_runs_from_the_day_after_the_performance_period():
    terms = Terms(JUDGED)  # 于本判决生效之日起十日内: effective 06-26, perform by 07-06
    effective = date(2026, 6, 26)
    assert terms.performance_deadline(effective) == date(2026, 7, 6)
    assert terms.late_from(effective) == date(2026, 7, 7)
    assert JUDGED.late_base == D("52600")  # principal + 违约金 + costs, not interest (§1)
    debt = Debt(terms, "判决书", effective_on=effective)
    assert debt_ledger(debt, [], date(2026, 7, 6)).owed["late"] == D("0")
    assert debt_ledger(debt, [], date(2026, 7, 7)).owed["late"] == D("9.21")  # 9.205, 1 day
    # 52,600 × 0.000175 × 146 days (07-07 … 11-29) = 1,343.93
    assert debt_ledger(debt, [], date(2026, 11, 29)).owed["late"] == D("1343.93")


def test_instalments_each_run_from_the_day_after_their_own_due_date():
    terms = Terms(
        JUDGED,
        instalments=(
            Instalment(date(2026, 8, 31), D("20000")),
            Instalment(date(2026, 9, 30), D("32600")),
        ),
    )
    effective = date(2026, 8, 1)
    assert terms.performance_deadline(effective) == date(2026, 9, 30)
    assert terms.late_from(effective) == date(2026, 9, 1)
    debt = Debt(terms, "调解书", effective_on=effective)
    # Nothing paid, 2026-10-10: 20,000 × 40 days + 32,600 × 10 days, at 0.0175% a day.
    assert debt_ledger(debt, [], date(2026, 10, 10)).owed["late"] == D("197.05")
    # 22,600 paid on the first due date pays the costs, interest, 违约金 and 18,800 of the
    # principal: 31,200 of the base unpaid, all of it the second instalment's, late 10 days.
    paid = [Payment(date(2026, 8, 31), D("22600"))]
    assert debt_ledger(debt, paid, date(2026, 10, 10)).owed["late"] == D("54.60")
    assert debt_ledger(debt, [], date(2026, 8, 31)).owed["late"] == D("0")


def test_recorded_terms_are_read_and_checked_key_by_key():
    terms = terms_from(
        {
            "award": {"principal": "50000", "interest": 1200, "costs": "2300"},
            "continuing": {"base": "50000", "annual_rate": "0.1825", "from": date(2026, 3, 1)},
        },
        kind=InstrumentKind.JUDGMENT,
    )
    assert terms.award.interest == D("1200.00")
    assert terms.continuing is not None
    assert terms.continuing.annual_rate == D("0.1825")
    assert terms.perform_within_days == 10
    order = terms_from({"award": {"principal": "1"}}, kind=InstrumentKind.PAYMENT_ORDER)
    assert order.perform_within_days == 0  # 民诉法 §227: due once the order takes effect
    for bad, said in (
        ({"award": {"principle": "1"}}, "unknown key(s) in [award]: principle"),
        ({"award": {"principal": "-1"}}, "award.principal = '-1' is not an amount"),
        ({"award": {"principal": "1"}, "perform_within": 5}, "unknown key(s): perform_within"),
        ({"award": {"principal": "1"}, "continuing": {"base": "1"}}, "needs annual_rate, from"),
        (
            {
                "award": {"principal": "1"},
                "continuing": {"base": 1, "annual_rate": 18.25, "from": "2026-01-01"},
            },
            "a yearly rate between 0 and 1",
        ),
        (
            {"award": {"principal": "1"}, "instalments": [{"due": "soon", "amount": 1}]},
            "instalments[0].due",
        ),
    ):
        with pytest.raises(TermsProblem, match=re.escape(said)):
            terms_from(bad, kind=InstrumentKind.JUDGMENT)


def test_the_instrument_is_named_as_it_is():
    assert [k.words for k in InstrumentKind] == ["民事判决书", "民事调解书", "支付令", "民事裁定书"]


def test_taking_an_asset_in_lieu_the_bank_pays_back_only_what_the_price_exceeds_its_claim():
    assert in_lieu_excess(D("33600"), D("30000")) == D("3600")
    assert in_lieu_excess(D("30000"), D("30000")) == D("0.00")
    assert in_lieu_excess(D("29999.99"), D("30000")) == D("0.00")


def _plan(**kw):
    from datetime import datetime

    from legal_flows.domain.auction import RoundPlan
    from legal_flows.domain.seizure import AssetKind

    values = {
        "number": 1,
        "asset_kind": AssetKind.VEHICLE,
        "reference_price": D("60000"),
        "starting_price": D("42000"),
        "deposit": D("4200"),
        "notice_on": date(2026, 7, 1),
        "starts_at": datetime(2026, 7, 20, 10),
        "ends_at": datetime(2026, 7, 21, 10),
        "fixed_reference": D("60000"),
        "fixed_on": date(2026, 6, 25),
    }
    return RoundPlan(**{**values, **kw})


def test_a_round_takes_the_reference_price_fixed_and_its_notice_falls_within_its_year():
    from legal_flows.domain.auction import check_round

    check_round(_plan())
    with pytest.raises(AuctionRuleBroken, match=r"VAL-02.*not the one fixed.*60000"):
        check_round(_plan(reference_price=D("65000"), starting_price=D("45500"), deposit=D("4550")))
    # 参考价规定 §27: fixed 2026-06-25, valid to 2027-06-25; a first notice on 06-25 is in time.
    check_round(
        _plan(
            notice_on=date(2027, 6, 25),
            starts_at=datetime(2027, 7, 12, 10),
            ends_at=datetime(2027, 7, 13, 10),
        )
    )
    with pytest.raises(AuctionRuleBroken, match=r"VAL-03.*参考价规定 §27"):
        check_round(
            _plan(
                notice_on=date(2027, 6, 26),
                starts_at=datetime(2027, 7, 12, 10),
                ends_at=datetime(2027, 7, 13, 10),
            )
        )


def test_the_re_auction_after_a_default_keeps_the_starting_price():
    from legal_flows.domain.auction import check_round

    again = {"number": 2, "level": 1, "after_default": True, "previous_starting_price": D("42000")}
    check_round(_plan(**again))
    with pytest.raises(AuctionRuleBroken, match=r"AUC-07.*keeps the starting price 42000"):
        check_round(_plan(**again, starting_price=D("40000"), deposit=D("4000")))


def test_the_sale_window_after_the_second_failure_is_the_banks_policy():
    from legal_flows.domain.distribution import EnforcementPolicy

    outcome = round_outcome(
        number=2,
        starting_price=D("33600"),
        result=RoundResult.FAILED,
        on=date(2026, 9, 1),
        price=None,
        sale_window_days=30,
    )
    assert outcome.next_step is not None
    assert outcome.next_step.latest_start == date(2026, 10, 1)
    assert "30 days" in outcome.next_step.explanation
    assert EnforcementPolicy().sale_window_days == 60
    assert EnforcementPolicy(sale_window_days=0).problems()
    assert EnforcementPolicy(instalment_grace_days=91).problems()
    assert (
        EnforcementPolicy(
            waterfall=("late", "costs", "interest", "penalty", "principal")
        ).problems()
        == []
    )


def test_a_buyer_who_defaulted_may_not_buy_in_the_re_auction():
    from legal_flows.domain.auction_outcomes import check_buyer

    check_buyer("乙", ["甲"])
    check_buyer(None, ["甲"])
    with pytest.raises(AuctionRuleBroken, match=r"AUC-08.*甲 defaulted.*网拍规定 §24"):
        check_buyer(" 甲", ["甲"])


def test_a_sale_window_follows_two_failed_auctions_once_and_unsold_leads_to_in_lieu_or_lifting():
    from legal_flows.domain.auction import check_sale
    from legal_flows.domain.auction_outcomes import sale_outcome

    with pytest.raises(AuctionRuleBroken, match=r"AUC-09.*\(1 so far\)"):
        check_sale([(1, "failed", "auction")], asset=7)
    check_sale([(1, "failed", "auction"), (2, "failed", "auction")], asset=7)
    with pytest.raises(RoundRefused, match="变卖 already"):
        check_sale(
            [(1, "failed", "auction"), (2, "failed", "auction"), (3, "planned", "sale")], asset=7
        )
    unsold = sale_outcome(
        starting_price=D("33600"), result=RoundResult.FAILED, on=date(2026, 11, 1), price=None
    )
    assert unsold.next_step is not None
    assert unsold.next_step.action == "in_lieu_or_lift"
    assert "§28" in unsold.next_step.citation
    with pytest.raises(RoundRefused, match="at least 33600"):
        sale_outcome(
            starting_price=D("33600"),
            result=RoundResult.SOLD,
            on=date(2026, 10, 1),
            price=D("33000"),
        )


def test_an_asset_is_in_disposal_until_its_ruling_or_its_unsold_sale_window():
    from legal_flows.domain.auction import in_disposal

    assert not in_disposal([])
    assert in_disposal([("planned", "auction", None)])
    assert in_disposal([("sold", "auction", None)])  # the sale ruling is not yet served
    assert not in_disposal([("sold", "auction", "sale")])
    assert in_disposal([("defaulted", "auction", None)])  # the re-run is due
    assert in_disposal([("failed", "auction", None)])  # a re-auction, or 变卖 after two
    assert not in_disposal(
        [("failed", "auction", None), ("failed", "auction", None), ("failed", "sale", None)]
    )
    assert not in_disposal([("failed", "auction", None), ("failed", "auction", "in_lieu")])
