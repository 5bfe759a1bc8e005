"""One case from judgment to closing, the ledger exact to the fen at every step: a partial
payment, two failed online auctions, no third, the asset taken in lieu, the rest paid."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.auction import AuctionRuleBroken
from legal_flows.domain.distribution import ClosingRefused
from legal_flows.domain.instrument import InstrumentKind, terms_from
from legal_flows.domain.ledger import LedgerRules
from legal_flows.services.cases.closing import close_case
from legal_flows.services.court.deadlines import list_deadlines
from legal_flows.services.enforcement.auctions import (
    fix_reference_price,
    plan_round,
    record_result,
)
from legal_flows.services.enforcement.proceeds import balance, record_proceeds
from legal_flows.services.enforcement.rulings import record_ruling
from legal_flows.services.enforcement.seizures import add_asset
from tests.helpers import ACTOR, NOW, judged_and_enforced, record, record_history, uow

D = Decimal
RULES = LedgerRules()  # waterfall of 民法典 §561, enforcement fee on what is enforced
TERMS = terms_from(
    {
        "award": {"principal": "30000", "interest": "1200", "costs": "287"},
        "continuing": {"base": "30000", "annual_rate": "0.18", "from": "2026-03-01"},
    },
    kind=InstrumentKind.JUDGMENT,
).as_dict()


def call(engine, fn, **kw):
    with uow(engine) as w:
        return fn(w, actor=ACTOR, now=NOW, **kw)


def pay(engine, account, amount, source, on):
    return call(
        engine,
        record_proceeds,
        account_id=account,
        amount=amount,
        source=source,
        received_on=on,
        rules=RULES,
    )


def fail(engine, round_id, on):
    """The round ended without a bid (流拍); the next step the rules propose."""
    return call(
        engine, record_result, round_id=round_id, result="failed", on=on, price=None, buyer=None
    )


def rnd(engine, car, *, starting, notice_on, starts_on):
    start = datetime.combine(starts_on, datetime.min.time(), tzinfo=NOW.tzinfo) + timedelta(
        hours=10
    )
    return call(
        engine,
        plan_round,
        asset_id=car,
        platform="人民法院诉讼资产网",
        reference_price=D("20000"),
        starting_price=D(starting),
        deposit=(D(starting) * D("0.1")).quantize(D("0.01")),
        increment=D("100"),
        notice_on=notice_on,
        starts_at=start,
        ends_at=start + timedelta(days=1),
    )


def test_from_judgment_to_closing_the_ledger_is_exact_to_the_fen(engine, ready):
    # Effective 06-10: perform by 06-20, late from 06-21; enforcement registered 07-05.
    record_history(engine, ready, judged_and_enforced(terms=TERMS))
    paid = pay(engine, ready, D("5000"), "transfer", date(2026, 8, 1))
    # Through 08-01: the enforcement fee on 5,000 enforced is 50 (交纳办法 §14); continuing
    # 30,000 × 18% × 154 days ÷ 365 = 2,278.356…; then costs 50 + 287, interest 1,200 +
    # 2,278.36, the principal the rest.
    assert paid["applied"] == {
        "costs": "337.00",
        "interest": "3478.36",
        "penalty": "0.00",
        "principal": "1184.64",
        "late": "0.00",
    }
    with uow(engine) as w:
        case_id = w.cases.id_of(ready)
        august = balance(w, case_id, as_of=date(2026, 8, 1), rules=RULES)
    # 06-21 … 08-01, 42 days on 30,287 (all but the interest) × 0.0175% = 222.609…
    assert august.owed["late"] == D("222.61")
    assert august.owed["principal"] == D("28815.36")

    car = call(
        engine,
        add_asset,
        account_id=ready,
        kind="vehicle",
        description="小型轿车",
        identifier="京A12345",
        value=D("20000"),
        necessary_home=False,
    )
    call(
        engine,
        fix_reference_price,
        asset_id=car,
        price=D("20000"),
        fixed_on=date(2026, 8, 1),
        calendar=package_calendar(),
    )
    first = rnd(
        engine, car, starting="14000", notice_on=date(2026, 8, 5), starts_on=date(2026, 8, 20)
    )
    fail(engine, first, date(2026, 8, 21))
    second = rnd(
        engine, car, starting="11200", notice_on=date(2026, 8, 25), starts_on=date(2026, 9, 1)
    )
    step = fail(engine, second, date(2026, 9, 2))
    assert step.action == "sale_or_in_lieu"
    with uow(engine) as w:
        told = [
            r["due_on"]
            for r in list_deadlines(w, as_of=date(2026, 8, 1), account_id=ready, due_within=60)
            if r["kind"] == "parties_notified"
        ]
    assert told == ["2026-08-02", "2026-08-22"]  # 3 days before each notice (网拍规定 §16)
    with pytest.raises(AuctionRuleBroken, match="AUC-06"):
        rnd(engine, car, starting="9000", notice_on=date(2026, 9, 10), starts_on=date(2026, 9, 17))

    ruled = call(
        engine,
        record_ruling,
        round_id=second,
        kind="in_lieu",
        on=date(2026, 10, 1),
        rules=RULES,
        calendar=package_calendar(),
    )
    # On 10-01 the in-lieu value 11,200 is applied: the fee on 16,200 enforced is 143 (93 more);
    # continuing 08-02 … 10-01, 61 days on 28,815.36 = 866.829…, doubled 61 days on 28,815.36
    # = 307.603… (with August's 222.61 unpaid: 530.21); 11,200 − 93 − 866.83 = 10,240.17 of
    # principal, 18,575.19 left. Paying it all would bring the fee on 35,596.35 (433.95):
    # 18,575.19 + 530.21 + 290.95 = 19,396.35.
    assert ruled["excess_to_pay"] == "0.00"
    assert ruled["outstanding"] == "19396.35"
    with pytest.raises(ClosingRefused):
        call(
            engine,
            close_case,
            account_id=ready,
            outcome="recovered",
            on=date(2026, 10, 1),
            rules=RULES,
        )
    final = pay(engine, ready, D("19396.35"), "voluntary", date(2026, 10, 1))
    assert (final["outstanding"], final["fully_paid"]) == ("0.00", True)
    assert final["applied"]["late"] == "530.21"  # last, after the judged debt (2014 解释 §4)
    closed = call(
        engine, close_case, account_id=ready, outcome="recovered", on=date(2026, 10, 1), rules=RULES
    )
    assert closed == "closed_recovered"


def test_the_cost_ledger_shows_the_refund_due_and_the_report_the_net_recovery(engine, ready):
    from legal_flows.domain.fees import filing_fee
    from legal_flows.services.enforcement.costs import cost_detail, record_cost
    from legal_flows.services.errors import InputError
    from legal_flows.services.sweep.report import build_report
    from legal_flows.store.tables import CaseRow, DecisionRow

    with uow(engine) as w:
        case = w.session.execute(select(CaseRow).where(CaseRow.account_id == ready)).scalar_one()
        claim = w.session.get(DecisionRow, case.decision_id).claim_total
    full, half = filing_fee(claim, procedure="ordinary"), filing_fee(claim, procedure="simplified")
    record(engine, ready, "submitted", date(2026, 3, 2))
    record(
        engine,
        ready,
        "registered",
        date(2026, 3, 6),
        case_no="（2026）京0105民初5号",
        procedure="simplified",
    )
    for kind, amount in (("filing_fee", full), ("notice_fee", D("260")), ("lawyer_fee", D("1500"))):
        call(engine, record_cost, account_id=ready, kind=kind, amount=amount, on=date(2026, 3, 3))

    def show():
        with uow(engine) as w:
            return cost_detail(w, account_id=ready, as_of=date(2026, 12, 1), rules=RULES)

    shown = show()
    assert (D(shown["filing_fee_charged"]), D(shown["refund_due"])) == (half, full - half)
    call(
        engine,
        record_cost,
        account_id=ready,
        kind="refund",
        amount=full - half,
        on=date(2026, 6, 1),
    )
    shown = show()
    assert D(shown["refund_due"]) == 0
    assert D(shown["spent"]) == half + D("1760")
    with pytest.raises(InputError, match="positive"):
        call(
            engine, record_cost, account_id=ready, kind="refund", amount=D("0"), on=date(2026, 6, 1)
        )
    pay(engine, ready, D("3000"), "voluntary", date(2026, 7, 1))
    shown = show()
    # Not in enforcement: the court kept nothing; 3,000 less what the bank spent.
    assert D(shown["net_recovery"]) == D("3000") - half - D("1760")
    with uow(engine) as w:
        report = build_report(w, as_of=date(2026, 12, 1), rules=RULES)
    assert D(report["net_recovery"]) == D(shown["net_recovery"])
    court = next(v for v in report["by_court"].values() if D(v["received"]) > 0)
    assert D(court["net_recovery"]) == D(shown["net_recovery"])


def test_a_judgment_silent_on_costs_shares_them_by_what_it_awarded_of_the_claim(engine, ready):
    from legal_flows.domain.fees import filing_fee
    from legal_flows.store.tables import CaseRow, DecisionRow

    with uow(engine) as w:
        case = w.session.execute(select(CaseRow).where(CaseRow.account_id == ready)).scalar_one()
        claim = w.session.get(DecisionRow, case.decision_id).claim_total
        procedure = w.session.get(DecisionRow, case.decision_id).procedure
    half_won = (claim / 2).quantize(D("0.01"))
    partial = terms_from({"award": {"principal": str(half_won)}}, kind=InstrumentKind.JUDGMENT)
    record_history(engine, ready, judged_and_enforced(terms=partial.as_dict()))
    with uow(engine) as w:
        case_id = w.cases.id_of(ready)
        owed = balance(w, case_id, as_of=date(2026, 6, 10), rules=RULES)
    fee = filing_fee(claim, procedure=procedure)
    assert owed.owed["costs"] == (fee * half_won / claim).quantize(D("0.01"))
    (line,) = [x for x in owed.lines if x.item == "costs"]
    assert "按支持金额占诉请比例估算" in line.citation
    assert "第二十九条" in line.citation
    # A paper to the court asks only for what the instrument ordered: no estimated costs.
    with uow(engine) as w:
        court = balance(w, case_id, as_of=date(2026, 6, 10), rules=RULES, for_court=True)
    assert court.owed["costs"] == 0
    assert court.owed["principal"] == owed.owed["principal"]


def test_after_two_failed_auctions_the_sale_window_then_in_lieu_at_its_price(
    engine, ready, tmp_path
):
    from legal_flows.documents.catalog import DEFAULT_TEMPLATES
    from legal_flows.documents.compiled import Templates
    from legal_flows.documents.storage import DocumentStore
    from legal_flows.domain.auction import RoundRefused
    from legal_flows.services.enforcement.auctions import plan_sale
    from legal_flows.services.enforcement.documents import generate_in_lieu_application

    record_history(engine, ready, judged_and_enforced(terms=TERMS))
    car = call(
        engine,
        add_asset,
        account_id=ready,
        kind="vehicle",
        description="小型轿车",
        identifier="京A12345",
        value=D("20000"),
        necessary_home=False,
    )
    call(
        engine,
        fix_reference_price,
        asset_id=car,
        price=D("20000"),
        fixed_on=date(2026, 7, 20),
        calendar=package_calendar(),
    )
    with pytest.raises(AuctionRuleBroken, match="AUC-09"):
        call(engine, plan_sale, asset_id=car, opens_on=date(2026, 8, 1), tz=NOW.tzinfo)
    first = rnd(
        engine, car, starting="14000", notice_on=date(2026, 8, 5), starts_on=date(2026, 8, 20)
    )
    fail(engine, first, date(2026, 8, 21))
    second = rnd(
        engine, car, starting="11200", notice_on=date(2026, 8, 25), starts_on=date(2026, 9, 1)
    )
    fail(engine, second, date(2026, 9, 2))
    sale = call(engine, plan_sale, asset_id=car, opens_on=date(2026, 9, 5), tz=NOW.tzinfo)
    assert (sale["price"], sale["closes_on"]) == ("11200.00", "2026-11-04")  # 60 days
    with pytest.raises(RoundRefused, match="变卖 already"):
        call(engine, plan_sale, asset_id=car, opens_on=date(2026, 9, 6), tz=NOW.tzinfo)
    step = fail(engine, sale["round_id"], date(2026, 11, 4))
    assert step.action == "in_lieu_or_lift"
    with pytest.raises(AuctionRuleBroken, match="AUC-06"):
        rnd(engine, car, starting="9000", notice_on=date(2026, 11, 5), starts_on=date(2026, 11, 12))
    store = DocumentStore(tmp_path / "docs")
    made = call(
        engine,
        generate_in_lieu_application,
        round_id=sale["round_id"],
        as_of=date(2026, 11, 5),
        store=store,
        templates=Templates(DEFAULT_TEMPLATES),
        rules=RULES,
    )
    assert made == "created"
    ruled = call(
        engine,
        record_ruling,
        calendar=package_calendar(),
        round_id=sale["round_id"],
        kind="in_lieu",
        on=date(2026, 11, 20),
        rules=RULES,
    )
    assert ruled["value"] == "11200.00"
