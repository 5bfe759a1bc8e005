"""Assets and seizures on real databases: expiry, renewal deadline, promotion, lapse."""

import inspect
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.seizure import SeizureRefused
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.services.cases.queries import case_detail
from legal_flows.services.court.deadlines import list_deadlines
from legal_flows.services.enforcement.seizures import (
    add_asset,
    list_assets,
    record_seizure,
    release_seizure,
    renew_seizure,
)
from legal_flows.services.sweep.sweep import run_sweep
from legal_flows.store.tables_enforcement import SeizureRow
from tests.helpers import ACTOR, NOW, uow, uows

RULES = LedgerRules()


def in_session(engine, fn, **kw):
    """A service called in its own unit of work, by ACTOR at NOW (and with the holiday
    calendar, for the services that compute a deadline)."""
    if "calendar" in inspect.signature(fn).parameters:
        kw.setdefault("calendar", package_calendar())
    if "rules" in inspect.signature(fn).parameters:
        kw.setdefault("rules", RULES)
    with uow(engine) as w:
        return fn(w, actor=ACTOR, now=NOW, **kw)


def car_round(engine, car, *, notice_on, start, **kw):
    """A first round for the 60,000 car: 70% to start, a 10% deposit, 24 hours."""
    from datetime import timedelta

    from legal_flows.services.enforcement.auctions import plan_round

    values = {
        "platform": "p",
        "reference_price": Decimal("60000"),
        "starting_price": Decimal("42000"),
        "deposit": Decimal("4200"),
        "increment": Decimal("500"),
        **kw,
    }
    return in_session(
        engine,
        plan_round,
        asset_id=car,
        notice_on=notice_on,
        starts_at=start,
        ends_at=start + timedelta(days=1),
        **values,
    )


def sweep(engine, as_of):
    with uow(engine) as w:
        return run_sweep(
            w, as_of=as_of, policy=SweepPolicy(), actor=ACTOR, now=NOW, calendar=package_calendar()
        )


def asset(
    engine, account, kind, description, value, *, identifier, necessary_home=False, priced=None
):
    """An asset of the case in the register (assets add); `priced`: the day the court fixed
    its reference price at `value` (auction price), which a round needs."""
    from legal_flows.services.enforcement.auctions import fix_reference_price

    fields = {"kind": kind, "description": description, "identifier": identifier}
    fields |= {"value": value, "necessary_home": necessary_home}
    new = in_session(engine, add_asset, account_id=account, **fields)
    if priced:
        in_session(engine, fix_reference_price, asset_id=new, price=value, fixed_on=priced)
    return new


@pytest.fixture
def deposit(engine, ready) -> int:
    return asset(
        engine,
        ready,
        "deposit",
        "工商银行储蓄账户",
        Decimal("30000"),
        identifier="6222****1234 工商银行朝阳支行",
    )


def seize(engine, asset, **kw):
    fields = {
        "asset_id": asset,
        "measure": "freeze",
        "stage": "preservation",
        "ruling_no": "（2026）京0105民初7号之一",
        "effective_on": date(2026, 3, 1),
        "served_on": None,
        "preserved_on": None,
        "waiting": False,
        **kw,
    }
    return in_session(engine, record_seizure, **fields)


def test_a_frozen_deposit_expires_after_a_year_with_a_renewal_deadline_seven_days_before(
    engine, ready, deposit
):
    view = seize(engine, deposit)
    # Seven days before 2027-02-28 is Sunday the 21st: the filing is due Friday the 19th.
    assert (view.expires_on, view.renewal_due_on) == (date(2027, 2, 28), date(2027, 2, 19))
    with uow(engine) as s:
        rows = list_deadlines(s, as_of=date(2026, 12, 30), account_id=ready, due_within=60)
    assert [(r["kind"], r["due_on"]) for r in rows] == [("seizure_renewal", "2027-02-19")]


def test_renewal_moves_expiry_and_deadline_and_a_late_one_is_refused(engine, ready, deposit):
    view = seize(engine, deposit)
    renewed = in_session(
        engine, renew_seizure, seizure_id=view.id, renewed_on=date(2027, 2, 20), months=12
    )
    assert renewed.expires_on == date(2028, 2, 29)
    assert renewed.renewal_due_on == date(2028, 2, 22)
    with pytest.raises(SeizureRefused, match="lapsed"):
        in_session(
            engine, renew_seizure, seizure_id=view.id, renewed_on=date(2028, 3, 1), months=12
        )
    assert list_assets_for(engine, ready)[0]["seizures"][0]["renewals"] == 1


def list_assets_for(engine, account):
    with uow(engine) as s:
        return list_assets(s, account)


def test_releasing_our_seizure_promotes_the_earliest_waiting_one(engine, ready, deposit):
    ours = seize(engine, deposit)
    later = seize(engine, deposit, waiting=True, served_on=date(2026, 4, 2), ruling_no="B")
    earlier = seize(engine, deposit, waiting=True, served_on=date(2026, 3, 20), ruling_no="A")
    changed = in_session(engine, release_seizure, seizure_id=ours.id, released_on=date(2026, 6, 1))
    assert {(v.id, v.status) for v in changed} == {(ours.id, "released"), (earlier.id, "active")}
    promoted = next(v for v in changed if v.id == earlier.id)
    assert promoted.expires_on == date(2027, 5, 31)
    with uow(engine) as s:
        status = s.session.execute(
            select(SeizureRow.status).where(SeizureRow.id == later.id)
        ).scalar_one()
    assert status == "waiting"


def test_the_sweep_lapses_a_seizure_not_renewed_in_time_and_flags_the_renewal_as_missed(
    engine, ready, deposit
):
    seize(engine, deposit)
    result = sweep(engine, date(2027, 3, 2))
    assert result.lapsed_seizures == 1
    assert ("missed", "seizure_renewal") in {(i["category"], i["kind"]) for i in result.items}
    assert list_assets_for(engine, ready)[0]["seizures"][0]["status"] == "lapsed"


def test_a_lapsed_seizure_promotes_the_earliest_waiting_one_as_a_release_does(
    engine, ready, deposit
):
    """查封规定 §§26-27: ours expires 2027-02-28 unrenewed; the earliest waiting seizure takes
    effect the next day with its own year and renewal deadline; once only."""
    ours = seize(engine, deposit)
    later = seize(engine, deposit, waiting=True, served_on=date(2026, 4, 2), ruling_no="B")
    earlier = seize(engine, deposit, waiting=True, served_on=date(2026, 3, 20), ruling_no="A")
    assert sweep(engine, date(2027, 2, 28)).lapsed_seizures == 0  # its last day
    assert sweep(engine, date(2027, 3, 1)).lapsed_seizures == 1
    seizures = {v["id"]: v for v in list_assets_for(engine, ready)[0]["seizures"]}
    assert seizures[ours.id]["status"] == "lapsed"
    assert seizures[earlier.id]["status"] == "active"
    assert seizures[earlier.id]["expires_on"] == "2028-02-29"  # a year from 2027-03-01
    assert seizures[later.id]["status"] == "waiting"
    with uow(engine) as s:
        rows = list_deadlines(s, as_of=date(2027, 3, 1), account_id=ready, due_within=400)
    assert ("seizure_renewal", "2028-02-22") in {(r["kind"], r["due_on"]) for r in rows}
    assert sweep(engine, date(2027, 3, 2)).lapsed_seizures == 0  # the promoted one is in force


def test_unknown_asset_kind_is_refused_naming_the_choices(engine, ready):
    from legal_flows.services.errors import InputError

    with pytest.raises(InputError, match="one of: deposit, movable"):
        asset(engine, ready, "boat", "x", None, identifier="")


def test_auction_rounds_are_planned_under_the_price_rules_and_a_failure_proposes_the_next(
    engine, ready
):
    from datetime import datetime, timedelta

    from legal_flows.domain.auction import AuctionRuleBroken
    from legal_flows.services.enforcement.auctions import (
        fix_reference_price,
        plan_round,
        record_result,
    )

    flat = asset(
        engine,
        ready,
        "real_estate",
        "住宅",
        Decimal("1000000"),
        identifier="京(2020)朝阳区不动产权第1号",
    )
    start = datetime(2026, 6, 1, 10, 0, tzinfo=NOW.tzinfo)
    base = {
        "asset_id": flat,
        "platform": "人民法院诉讼资产网",
        "reference_price": Decimal("1000000"),
        "deposit": Decimal("70000"),
        "increment": Decimal("5000"),
        "notice_on": date(2026, 5, 2),
        "starts_at": start,
        "ends_at": start + timedelta(days=1),
    }
    # No round before the court has fixed the reference price (参考价规定 §§1, 30).
    with pytest.raises(AuctionRuleBroken, match="VAL-01"):
        in_session(engine, plan_round, **base, starting_price=Decimal("700000"))
    fixed = {"asset_id": flat, "price": Decimal("1000000"), "fixed_on": date(2026, 4, 20)}
    in_session(engine, fix_reference_price, **fixed)
    with pytest.raises(AuctionRuleBroken, match="AUC-01"):
        in_session(engine, plan_round, **base, starting_price=Decimal("699999.99"))
    first = in_session(engine, plan_round, **base, starting_price=Decimal("700000"))
    step = in_session(
        engine,
        record_result,
        round_id=first,
        result="failed",
        on=date(2026, 6, 2),
        price=None,
        buyer=None,
    )
    assert (step.action, step.lowest_starting_price) == ("reauction", Decimal("560000.00"))
    second = {
        **base,
        "notice_on": date(2026, 6, 10),
        "starts_at": start + timedelta(days=25),
        "ends_at": start + timedelta(days=26),
        "deposit": Decimal("56000"),
    }
    with pytest.raises(AuctionRuleBroken, match="80% of the previous"):
        in_session(engine, plan_round, **second, starting_price=Decimal("550000"))
    in_session(engine, plan_round, **second, starting_price=Decimal("560000"))


def test_termination_is_refused_while_a_seized_asset_is_being_auctioned(engine, ready):
    """终本规定 §1(3): 终本 needs the assets found to be beyond disposal; a planned round says
    one is still being disposed of."""
    from datetime import datetime

    from legal_flows.domain.court import TerminationRefused
    from tests.helpers import judged_and_enforced, record, record_history

    history = judged_and_enforced(
        effective_on=date(2026, 4, 1), applied_on=date(2026, 4, 20), registered_on=date(2026, 4, 24)
    )
    record_history(engine, ready, history)
    for code, on in (
        ("enforcement_notice", date(2026, 4, 28)),
        ("consumption_ban", date(2026, 4, 28)),
        ("investigation_exhausted", date(2026, 7, 1)),
        ("applicant_heard", date(2026, 7, 10)),
    ):
        record(engine, ready, code, on)
    car = asset(
        engine,
        ready,
        "vehicle",
        "轿车",
        Decimal("60000"),
        identifier="京A1",
        priced=date(2026, 6, 1),
    )
    start = datetime(2026, 9, 1, 10, 0, tzinfo=NOW.tzinfo)
    car_round(engine, car, notice_on=date(2026, 8, 10), start=start)
    with pytest.raises(TerminationRefused, match="still in disposal"):
        record(engine, ready, "terminated", date(2026, 8, 20))


def test_a_necessary_home_is_not_auctioned_without_a_recorded_exception(engine, ready):
    from datetime import datetime, timedelta

    from legal_flows.domain.auction import AuctionRuleBroken
    from legal_flows.services.enforcement.auctions import plan_round

    home = asset(
        engine,
        ready,
        "real_estate",
        "唯一住房",
        Decimal("800000"),
        identifier="x",
        necessary_home=True,
        priced=date(2026, 5, 1),
    )
    start = datetime(2026, 6, 1, 10, 0, tzinfo=NOW.tzinfo)
    plan = {
        "asset_id": home,
        "platform": "p",
        "reference_price": Decimal("800000"),
        "starting_price": Decimal("560000"),
        "deposit": Decimal("56000"),
        "increment": Decimal("1000"),
        "notice_on": date(2026, 5, 1),
        "starts_at": start,
        "ends_at": start + timedelta(days=1),
    }
    with pytest.raises(AuctionRuleBroken, match="SEIZE-05"):
        in_session(engine, plan_round, **plan)
    in_session(
        engine, plan_round, **plan, home_exception="申请执行人提供五年租金 (执行异议复议规定 §20)"
    )


def test_money_received_pays_costs_first_and_the_case_closes_only_when_recovered(engine, ready):
    from legal_flows.domain.distribution import ClosingRefused
    from legal_flows.services.cases.closing import close_case
    from legal_flows.services.enforcement.proceeds import balance, record_proceeds
    from tests.helpers import set_case

    set_case(engine, ready, stage="disposition")

    def quote(on: date) -> Any:
        with uow(engine) as s:
            return balance(s, s.cases.id_of(ready), as_of=on, rules=RULES)

    owed = quote(date(2027, 1, 5)).owed
    assert owed["costs"] > 0  # the filing fee the court taxes on the debtor
    paid = min(Decimal("100"), owed["costs"])
    first = in_session(
        engine,
        record_proceeds,
        account_id=ready,
        amount=Decimal("100"),
        source="voluntary",
        received_on=date(2027, 1, 5),
        rules=RULES,
    )
    assert Decimal(first["applied"]["costs"]) == paid
    assert Decimal(first["applied"]["interest"]) == min(Decimal("100") - paid, owed["interest"])
    close = {"account_id": ready, "outcome": "recovered", "rules": RULES}
    with pytest.raises(ClosingRefused, match="still has money outstanding"):
        in_session(engine, close_case, **close, on=date(2027, 1, 5))
    # The continuing interest grows until the money comes: January's outstanding is not
    # March's.
    january, march = Decimal(first["outstanding"]), quote(date(2027, 3, 1)).outstanding
    assert march > january
    final = in_session(
        engine,
        record_proceeds,
        account_id=ready,
        amount=march + Decimal("10"),
        source="auction",
        received_on=date(2027, 3, 1),
        rules=RULES,
    )
    assert (final["fully_paid"], final["surplus"]) == (True, "10.00")
    assert in_session(engine, close_case, **close, on=date(2027, 3, 1)) == "closed_recovered"


def test_the_renewal_application_of_a_seizure_due_is_generated_once(
    engine, ready, deposit, tmp_path
):
    from legal_flows.documents.catalog import DEFAULT_TEMPLATES
    from legal_flows.documents.compiled import Templates
    from legal_flows.documents.storage import DocumentStore
    from legal_flows.services.enforcement.documents import generate_due_renewals
    from legal_flows.services.filing.package import list_documents

    seize(engine, deposit)  # renewal to be filed by 2027-02-19 (the 21st is a Sunday)
    store, templates = DocumentStore(tmp_path / "docs"), Templates(DEFAULT_TEMPLATES)
    run = {"lead_days": 60, "store": store, "templates": templates, "actor": ACTOR, "now": NOW}

    def renewals(as_of: date) -> int:
        with uow(engine) as w:
            return generate_due_renewals(w, as_of=as_of, **run)

    assert renewals(date(2026, 12, 1)) == 0  # not yet due
    assert renewals(date(2026, 12, 23)) == 1
    assert renewals(date(2026, 12, 24)) == 0  # once per expiry, though dated the day made
    with uow(engine) as s:
        docs = [
            d for d in list_documents(s, ready, tz=NOW.tzinfo) if d["kind"] == "seizure_renewal"
        ]
    assert len(docs) == 1
    text = _docx_text(store.get(docs[0]["sha256"], "docx"))
    assert "2026年12月23日" in text  # the day it was made, not the filing deadline
    assert "2027年2月19日" not in text


def _docx_text(data: bytes) -> str:
    import io

    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_enforcement_application_is_generated_from_the_effective_judgment(engine, ready, tmp_path):
    import io

    from docx import Document

    from legal_flows.documents.catalog import DEFAULT_TEMPLATES
    from legal_flows.documents.compiled import Templates
    from legal_flows.documents.storage import DocumentStore
    from legal_flows.services.enforcement.documents import generate_enforcement_application
    from legal_flows.services.filing.package import list_documents
    from tests.helpers import record

    for code, on, kw in (
        ("submitted", date(2026, 3, 2), {}),
        ("registered", date(2026, 3, 6), {"case_no": "（2026）京0105民初5号"}),
        ("judgment", date(2026, 5, 20), {}),
        ("effective", date(2026, 6, 26), {}),
    ):
        record(engine, ready, code, on, **kw)
    store = DocumentStore(tmp_path / "docs")
    outcome = in_session(
        engine,
        generate_enforcement_application,
        account_id=ready,
        as_of=date(2026, 11, 29),
        store=store,
        templates=Templates(DEFAULT_TEMPLATES),
        rules=RULES,
    )
    assert outcome == "created"
    with uow(engine) as s:
        doc = next(
            d
            for d in list_documents(s, ready, tz=NOW.tzinfo)
            if d["kind"] == "enforcement_application"
        )
    text = "\n".join(
        p.text for p in Document(io.BytesIO(store.get(doc["sha256"], "docx"))).paragraphs
    )
    assert "（2026）京0105民初5号民事判决书（2026年6月26日发生法律效力）" in text
    assert "迟延履行期间的加倍部分债务利息" in text
    with uow(engine) as s:
        shown = case_detail(s, ready, tz=NOW.tzinfo)["instrument"]
    assert shown["kind"] == "judgment"
    assert shown["taken_from_claim"] is True  # no --terms: the claim stands for the award
    assert "claim is taken as awarded" in shown["note"]


def test_the_enforcement_papers_follow_the_recorded_mediation(engine, ready, deposit, tmp_path):
    """A mediation's own terms: the application asks for what it awarded, names the 民事调解书,
    runs the doubled interest per instalment; the renewal and in-lieu papers then name the
    enforcement 案号 once the court registered it."""
    from legal_flows.documents.catalog import DEFAULT_TEMPLATES
    from legal_flows.documents.compiled import Templates
    from legal_flows.documents.storage import DocumentStore
    from legal_flows.domain.instrument import InstrumentKind, terms_from
    from legal_flows.services.enforcement.documents import (
        generate_due_renewals,
        generate_enforcement_application,
    )
    from legal_flows.services.filing.package import list_documents
    from tests.helpers import record

    agreed = terms_from(
        {
            "award": {"principal": "10000", "interest": "500", "costs": "50"},
            "instalments": [
                {"due": "2026-07-31", "amount": "5000"},
                {"due": "2026-08-31", "amount": "5550"},
            ],
        },
        kind=InstrumentKind.MEDIATION,
    ).as_dict()
    for code, on, kw in (
        ("submitted", date(2026, 3, 2), {}),
        ("registered", date(2026, 3, 6), {"case_no": "（2026）京0105民初7号"}),
        ("mediation", date(2026, 6, 1), {"terms": agreed}),
        ("effective", date(2026, 6, 1), {}),
        ("enforcement_applied", date(2026, 9, 10), {}),
        ("enforcement_registered", date(2026, 9, 15), {"case_no": "（2026）京0105执88号"}),
    ):
        record(engine, ready, code, on, **kw)
    store, templates = DocumentStore(tmp_path / "docs"), Templates(DEFAULT_TEMPLATES)
    in_session(
        engine,
        generate_enforcement_application,
        account_id=ready,
        as_of=date(2026, 9, 30),
        store=store,
        templates=templates,
        rules=RULES,
    )
    with uow(engine) as s:
        docs = {d["kind"]: d for d in list_documents(s, ready, tz=NOW.tzinfo)}
        shown = case_detail(s, ready, tz=NOW.tzinfo)["instrument"]
    assert shown["instrument"] == "民事调解书"
    assert shown["terms"]["award"]["principal"] == "10000.00"
    assert shown["taken_from_claim"] is False
    text = _docx_text(store.get(docs["enforcement_application"]["sha256"], "docx"))
    assert "（2026）京0105民初7号民事调解书" in text
    assert "1. 强制被执行人给付民事调解书确定的本金人民币10,000.00元；" in text
    # The base is the 10,050 awarded but the 500 of interest; unpaid, it is the later
    # instalments': 5,550 late 30 days (09-01 … 09-30) and 4,500 of the first late 61 days,
    # at 0.0175% a day: 29.14 + 48.04.
    assert "以人民币10,050.00元为基数" in text
    assert "暂计至2026年9月30日为人民币77.18元" in text
    seize(engine, deposit)
    with uow(engine) as w:
        assert (
            generate_due_renewals(
                w,
                as_of=date(2026, 12, 23),
                lead_days=60,
                store=store,
                templates=templates,
                actor=ACTOR,
                now=NOW,
            )
            == 1
        )
    with uow(engine) as s:
        renewal = next(
            d for d in list_documents(s, ready, tz=NOW.tzinfo) if d["kind"] == "seizure_renewal"
        )
    assert "（2026）京0105执88号一案" in _docx_text(store.get(renewal["sha256"], "docx"))


def test_an_asset_seized_for_sale_needs_its_reference_price_within_thirty_days(engine, ready):
    from datetime import datetime

    car = asset(
        engine,
        ready,
        "vehicle",
        "轿车",
        Decimal("60000"),
        identifier="京A1",
        priced=date(2026, 6, 1),
    )
    seize(engine, car, measure="detain", stage="enforcement", effective_on=date(2026, 6, 1))
    with uow(engine) as s:
        rows = list_deadlines(s, as_of=date(2026, 6, 2), account_id=ready)
    reference = next(r for r in rows if r["kind"] == "reference_price")
    assert (reference["due_on"], reference["status"]) == ("2026-07-01", "open")
    start = datetime(2026, 7, 20, 10, 0, tzinfo=NOW.tzinfo)
    car_round(engine, car, notice_on=date(2026, 7, 1), start=start)
    with uow(engine) as s:
        rows = list_deadlines(s, as_of=date(2026, 7, 2), account_id=ready)
    assert next(r for r in rows if r["kind"] == "reference_price")["status"] == "met"


def test_platform_exports_of_seizure_status_apply_row_by_row(engine, ready, deposit, tmp_path):
    from legal_flows.services.enforcement.feed import import_seizure_status
    from tests.helpers import write_rows

    view = seize(engine, deposit)
    rows = [
        {"seizure_id": str(view.id), "action": "renewed", "on": "2027-02-20", "months": "12"},
        {"seizure_id": "999", "action": "released", "on": "2027-03-01", "months": ""},
        {"seizure_id": str(view.id), "action": "renewed", "on": "2027-02-20", "months": ""},
    ]
    report = import_seizure_status(
        uows(engine),
        path=write_rows(tmp_path / "s.csv", rows),
        actor=ACTOR,
        now=NOW,
        calendar=package_calendar(),
    )
    assert (report.created, report.rejected_rows) == (1, 2)
    assert {(e.row, e.column) for e in report.rejected} == {(3, "seizure_id"), (4, "months")}
    assert list_assets_for(engine, ready)[0]["seizures"][0]["expires_on"] == "2028-02-29"


def test_after_a_failed_round_the_in_lieu_application_is_generated(engine, ready, tmp_path):
    from datetime import datetime, timedelta

    from legal_flows.documents.catalog import DEFAULT_TEMPLATES
    from legal_flows.documents.compiled import Templates
    from legal_flows.documents.storage import DocumentStore
    from legal_flows.services.enforcement.auctions import plan_round, record_result
    from legal_flows.services.enforcement.documents import generate_in_lieu_application
    from legal_flows.services.errors import InputError
    from legal_flows.services.filing.package import list_documents

    car = asset(
        engine,
        ready,
        "vehicle",
        "轿车",
        Decimal("60000"),
        identifier="京A1",
        priced=date(2026, 6, 1),
    )
    start = datetime(2026, 7, 20, 10, 0, tzinfo=NOW.tzinfo)
    first = in_session(
        engine,
        plan_round,
        asset_id=car,
        platform="p",
        reference_price=Decimal("60000"),
        starting_price=Decimal("42000"),
        deposit=Decimal("4200"),
        increment=Decimal("500"),
        notice_on=date(2026, 7, 1),
        starts_at=start,
        ends_at=start + timedelta(days=1),
    )
    run = {
        "as_of": date(2026, 7, 25),
        "store": DocumentStore(tmp_path / "d"),
        "templates": Templates(DEFAULT_TEMPLATES),
    }
    with pytest.raises(InputError, match="has not failed"):
        in_session(engine, generate_in_lieu_application, round_id=first, **run)
    in_session(
        engine,
        record_result,
        round_id=first,
        result="failed",
        on=date(2026, 7, 21),
        price=None,
        buyer=None,
    )
    assert in_session(engine, generate_in_lieu_application, round_id=first, **run) == "created"
    assert in_session(engine, generate_in_lieu_application, round_id=first, **run) == "reused"
    with uow(engine) as s:
        assert any(
            d["kind"] == "in_lieu_application" for d in list_documents(s, ready, tz=NOW.tzinfo)
        )


def test_renewal_alerts_come_at_each_step_once(engine, ready, deposit):
    seize(engine, deposit)  # file by 2027-02-19
    raised = [
        sweep(engine, day).raised
        for day in (
            date(2026, 12, 23),
            date(2026, 12, 24),
            date(2027, 1, 22),
            date(2027, 2, 6),
            date(2027, 2, 7),
        )
    ]
    # The first sweep also asks, once, for 2027's holiday schedule (test_calendar_alert.py).
    assert raised == [2, 0, 1, 1, 0]


def test_the_sale_ruling_not_the_bid_releases_our_seizure_and_voids_the_waiting_list(engine, ready):
    """民诉法解释 §491: ownership passes, and the seizures end, when the sale ruling is
    served; the winning bid alone leaves them in place."""
    from datetime import datetime, timedelta

    from legal_flows.domain.auction import RoundRefused
    from legal_flows.services.enforcement.auctions import plan_round, record_result
    from legal_flows.services.enforcement.rulings import record_ruling
    from legal_flows.services.errors import InputError

    car = asset(
        engine,
        ready,
        "vehicle",
        "轿车",
        Decimal("60000"),
        identifier="京A1",
        priced=date(2026, 6, 1),
    )
    seize(engine, car, measure="detain", stage="enforcement", effective_on=date(2026, 6, 1))
    seize(
        engine,
        car,
        measure="detain",
        stage="enforcement",
        effective_on=date(2026, 6, 5),
        waiting=True,
        ruling_no="B",
    )
    start = datetime(2026, 7, 20, 10, 0, tzinfo=NOW.tzinfo)
    first = in_session(
        engine,
        plan_round,
        asset_id=car,
        platform="p",
        reference_price=Decimal("60000"),
        starting_price=Decimal("42000"),
        deposit=Decimal("4200"),
        increment=Decimal("500"),
        notice_on=date(2026, 7, 1),
        starts_at=start,
        ends_at=start + timedelta(days=1),
    )
    in_session(
        engine,
        record_result,
        round_id=first,
        result="sold",
        on=date(2026, 7, 21),
        price=Decimal("45000"),
        buyer="甲",
    )
    statuses = [z["status"] for z in list_assets_for(engine, ready)[0]["seizures"]]
    assert statuses == ["active", "waiting"]  # the bid is not the transfer
    with pytest.raises(RoundRefused, match="in_lieu ruling needs a round that failed"):
        in_session(engine, record_ruling, round_id=first, kind="in_lieu", on=date(2026, 8, 5))
    ruled = in_session(engine, record_ruling, round_id=first, kind="sale", on=date(2026, 8, 5))
    assert (ruled["value"], ruled["seizures_ended"]) == ("45000.00", 2)
    statuses = [z["status"] for z in list_assets_for(engine, ready)[0]["seizures"]]
    assert statuses == ["released", "void"]
    with pytest.raises(InputError, match="already has its sale ruling"):
        in_session(engine, record_ruling, round_id=first, kind="sale", on=date(2026, 8, 6))


def test_a_partial_disposal_turns_the_next_waiting_seizure_on_the_part_left(engine, ready):
    """法发〔2004〕5号 §20: part of the asset sold, the earliest waiting-list seizure takes
    effect for the remainder, which is an asset of its own with its own period and renewal."""
    from datetime import datetime

    from legal_flows.services.enforcement.auctions import record_result
    from legal_flows.services.enforcement.rulings import record_ruling
    from legal_flows.services.errors import InputError

    land = asset(
        engine,
        ready,
        "real_estate",
        "土地使用权两宗（甲地块、乙地块）",
        Decimal("600000"),
        identifier="京(2019)顺义区不动产权第9号",
        priced=date(2026, 6, 1),
    )
    seize(engine, land, measure="seize", stage="enforcement", effective_on=date(2026, 6, 1))
    for n, served in ((1, date(2026, 6, 5)), (2, date(2026, 6, 9))):
        seize(
            engine,
            land,
            measure="seize",
            stage="enforcement",
            effective_on=served,
            served_on=served,
            waiting=True,
            ruling_no=f"轮候{n}",
        )
    start = datetime(2026, 7, 20, 10, 0, tzinfo=NOW.tzinfo)
    first = car_round(
        engine,
        land,
        notice_on=date(2026, 6, 15),
        start=start,
        reference_price=Decimal("600000"),
        starting_price=Decimal("420000"),
        deposit=Decimal("42000"),
    )
    sold = {"result": "sold", "on": date(2026, 7, 21), "price": Decimal("430000"), "buyer": "甲"}
    in_session(engine, record_result, round_id=first, **sold)
    with pytest.raises(InputError, match="remainder"):
        in_session(
            engine, record_ruling, round_id=first, kind="sale", on=date(2026, 8, 5), remainder="  "
        )
    ruled = in_session(
        engine,
        record_ruling,
        round_id=first,
        kind="sale",
        on=date(2026, 8, 5),
        remainder="乙地块",
    )
    assert ruled["seizures_ended"] == 1
    sold_asset, rest = list_assets_for(engine, ready)
    assert [z["status"] for z in sold_asset["seizures"]] == ["released"]
    assert (rest["id"], rest["description"]) == (ruled["remainder_asset"], "乙地块")
    # The first waiting seizure now holds the remainder for three years from the ruling day
    # (real estate, 解释 §485); the later one still waits behind it.
    (held, waiting) = rest["seizures"]
    assert (held["ruling_no"], held["status"]) == ("轮候1", "active")
    assert (held["effective_on"], held["expires_on"]) == ("2026-08-05", "2029-08-04")
    assert (waiting["ruling_no"], waiting["status"]) == ("轮候2", "waiting")
    with uow(engine) as w:
        kinds = [d["kind"] for d in list_deadlines(w, as_of=date(2026, 8, 6), account_id=ready)]
    assert "seizure_renewal" in kinds


def test_a_fixed_reference_price_starts_the_ten_day_sale_clock_and_a_year_of_validity(
    engine, ready
):
    from datetime import datetime, timedelta

    from legal_flows.services.enforcement.auctions import (
        fix_reference_price,
        plan_round,
        record_result,
    )
    from legal_flows.store.tables_enforcement import AuctionRoundRow

    car = asset(engine, ready, "vehicle", "轿车", Decimal("60000"), identifier="京A1")
    due = in_session(
        engine,
        fix_reference_price,
        asset_id=car,
        price=Decimal("58000"),
        fixed_on=date(2026, 6, 10),
    )
    # Ten days after fixing is Saturday 2026-06-20: the period ends on Monday the 22nd.
    assert due == {"sale_start": "2026-06-22", "price_validity": "2027-06-10"}
    start = datetime(2026, 7, 20, 10, 0, tzinfo=NOW.tzinfo)
    first = in_session(
        engine,
        plan_round,
        asset_id=car,
        platform="p",
        reference_price=Decimal("58000"),
        starting_price=Decimal("40600"),
        deposit=Decimal("4060"),
        increment=Decimal("500"),
        notice_on=date(2026, 6, 18),
        starts_at=start,
        ends_at=start + timedelta(days=1),
    )
    with uow(engine) as s:
        statuses = {
            r["kind"]: r["status"]
            for r in list_deadlines(s, as_of=date(2026, 6, 19), account_id=ready)
        }
    assert statuses["sale_start"] == "met"
    in_session(
        engine,
        record_result,
        round_id=first,
        result="sold",
        on=date(2026, 7, 21),
        price=Decimal("41000"),
        buyer="甲",
        bidders=3,
    )
    with uow(engine) as s:
        assert s.session.get(AuctionRoundRow, first).bidders == 3


def test_court_fees_are_charged_as_the_court_charges_them(engine, ready):
    """The filing fee by the procedure the court used (recorded at registration), the
    preservation fee on what the ruling preserved, the enforcement fee on what is enforced."""
    from legal_flows.domain.fees import enforcement_fee, filing_fee, preservation_fee
    from legal_flows.services.enforcement.proceeds import balance
    from legal_flows.services.errors import InputError
    from tests.helpers import record

    def owed(on: date = date(2026, 12, 1)) -> dict[str, Decimal]:
        with uow(engine) as s:
            return balance(s, s.cases.id_of(ready), as_of=on, rules=RULES).owed

    with uow(engine) as s:
        from legal_flows.store.tables import CaseRow, DecisionRow

        case = s.session.execute(select(CaseRow).where(CaseRow.account_id == ready)).scalar_one()
        decision = s.session.get(DecisionRow, case.decision_id)
    claim, predicted = decision.claim_total, decision.procedure
    assert owed()["costs"] == filing_fee(claim, procedure=predicted)
    record(engine, ready, "submitted", date(2026, 3, 2))
    record(engine, ready, "preservation_ruled", date(2026, 3, 4))
    assert owed()["costs"] == filing_fee(claim, procedure=predicted) + preservation_fee(claim)
    # The ruling's amount, recorded with it (交纳办法 §14(2)), replaces the claim as the base.
    record(engine, ready, "preservation_ruled", date(2026, 3, 4), amount=Decimal("30000"))
    assert preservation_fee(Decimal("30000")) == Decimal("320.00")
    full = filing_fee(claim, procedure="ordinary")
    record(
        engine,
        ready,
        "registered",
        date(2026, 3, 6),
        case_no="（2026）京0105民初5号",
        procedure="ordinary",
    )
    assert owed()["costs"] == full + Decimal("320.00")  # the court's procedure, not predicted
    with pytest.raises(InputError, match="--procedure goes with registered"):
        record(engine, ready, "submitted", date(2026, 3, 2), procedure="ordinary")
    with pytest.raises(InputError, match="summary"):
        record(engine, ready, "registered", date(2026, 3, 6), procedure="summary")
    for code, on, kw in (
        ("judgment", date(2026, 5, 20), {}),
        ("effective", date(2026, 6, 26), {}),
        ("enforcement_applied", date(2026, 7, 10), {}),
        ("enforcement_registered", date(2026, 7, 15), {"case_no": "（2026）京0105执5号"}),
    ):
        record(engine, ready, code, on, **kw)
    quote = owed()
    # Nothing enforced yet: the fee is the one paying the whole quote would bring (§20).
    whole = sum(quote.values(), Decimal(0))
    assert quote["enforcement_fee"] == enforcement_fee(whole)


def test_the_proposed_round_is_the_earliest_lawful_one_and_is_accepted_as_planned(engine, ready):
    from datetime import datetime

    from legal_flows.domain.auction import RoundRefused
    from legal_flows.services.enforcement.auctions import (
        fix_reference_price,
        plan_round,
        propose_plan,
        record_result,
    )
    from legal_flows.services.errors import InputError

    flat = asset(
        engine,
        ready,
        "real_estate",
        "朝阳区某小区3号楼201室",
        Decimal("2000000"),
        identifier="京(2020)朝阳区不动产权第0001号",
    )
    with uow(engine) as s, pytest.raises(InputError, match="no reference price"):
        propose_plan(s, asset_id=flat, notice_on=date(2026, 7, 1), tz=NOW.tzinfo)
    in_session(
        engine,
        fix_reference_price,
        asset_id=flat,
        price=Decimal("1800000"),
        fixed_on=date(2026, 6, 25),
    )

    def proposal(notice_on):
        with uow(engine) as s:
            return propose_plan(s, asset_id=flat, notice_on=notice_on, tz=NOW.tzinfo)

    first = proposal(date(2026, 7, 1))
    # Real estate: 30 days' notice, start at 70% of the reference price, deposit 10%.
    assert first == {
        "asset_id": flat,
        "round": 1,
        "reference_price": "1800000.00",
        "starting_price": "1260000.00",
        "deposit": "126000.00",
        "notice_on": "2026-07-01",
        "starts_at": "2026-07-31T10:00+08:00",
        "ends_at": "2026-08-01T10:00+08:00",
    }

    def plan(p):
        return in_session(
            engine,
            plan_round,
            asset_id=flat,
            platform="人民法院诉讼资产网",
            reference_price=Decimal(p["reference_price"]),
            starting_price=Decimal(p["starting_price"]),
            deposit=Decimal(p["deposit"]),
            increment=Decimal("5000"),
            notice_on=date.fromisoformat(p["notice_on"]),
            starts_at=datetime.fromisoformat(p["starts_at"]),
            ends_at=datetime.fromisoformat(p["ends_at"]),
        )

    round_id = plan(first)  # the rules accept what the system proposed
    in_session(
        engine,
        record_result,
        round_id=round_id,
        result="failed",
        on=date(2026, 8, 1),
        price=None,
        buyer=None,
    )
    second = proposal(date(2026, 8, 5))  # 二拍: 15 days' notice, 80% of the first
    assert (second["round"], second["starting_price"], second["starts_at"][:10]) == (
        2,
        "1008000.00",
        "2026-08-20",
    )
    plan(second)
    with uow(engine) as s, pytest.raises(RoundRefused, match=r"round 2 .* is planned"):
        propose_plan(s, asset_id=flat, notice_on=date(2026, 8, 6), tz=NOW.tzinfo)


def test_after_a_buyers_default_the_re_auction_keeps_the_price_and_refuses_that_buyer(
    engine, ready
):
    """网拍规定 §24: 悔拍 is no failure — the same starting price, the same auction again, and
    the defaulting buyer may not buy."""
    from datetime import datetime

    from legal_flows.domain.auction import AuctionRuleBroken
    from legal_flows.services.enforcement.auctions import record_result

    car = asset(
        engine,
        ready,
        "vehicle",
        "轿车",
        Decimal("60000"),
        identifier="京A1",
        priced=date(2026, 6, 1),
    )
    first = car_round(
        engine,
        car,
        notice_on=date(2026, 7, 1),
        start=datetime(2026, 7, 20, 10, 0, tzinfo=NOW.tzinfo),
    )
    step = in_session(
        engine,
        record_result,
        round_id=first,
        result="defaulted",
        on=date(2026, 7, 28),
        price=None,
        buyer="甲",
    )
    assert (step.action, step.lowest_starting_price) == (
        "reauction_after_default",
        Decimal("42000"),
    )
    rerun = {
        "notice_on": date(2026, 8, 1),
        "start": datetime(2026, 8, 16, 10, 0, tzinfo=NOW.tzinfo),
    }
    with pytest.raises(AuctionRuleBroken, match="AUC-07"):
        car_round(engine, car, **rerun, starting_price=Decimal("33600"), deposit=Decimal("3360"))
    again = car_round(engine, car, **rerun)  # 15 days' notice: still the first auction
    sale = {"round_id": again, "result": "sold", "on": date(2026, 8, 17), "price": Decimal("43000")}
    with pytest.raises(AuctionRuleBroken, match="AUC-08"):
        in_session(engine, record_result, **sale, buyer="甲")
    assert in_session(engine, record_result, **sale, buyer="乙") is None
