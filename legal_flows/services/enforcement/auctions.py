"""Planning judicial auction rounds under the price rules, and recording their results."""

from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from legal_flows.domain.auction import (
    BIDDING_OPENS,
    MET_BY_PLANNING,
    SALE_WINDOW_DAYS,
    Mode,
    RoundPlan,
    RoundResult,
    check_round,
    check_sale,
    next_round_number,
    online_auction,
    propose_round,
)
from legal_flows.domain.auction_outcomes import NextStep, check_buyer, round_outcome, sale_outcome
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import (
    CITATIONS,
    DeadlineKind,
    Source,
    parties_notified_by,
    valuation_deadlines,
)
from legal_flows.domain.errors import Told
from legal_flows.domain.money import ZERO
from legal_flows.domain.seizure import AssetKind
from legal_flows.services.enforcement.seizures import asset_of
from legal_flows.services.errors import InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.deadlines import DeadlineIn
from legal_flows.store.uow import UnitOfWork


def plan_round(
    uow: UnitOfWork,
    *,
    asset_id: int,
    platform: str,
    reference_price: Decimal,
    starting_price: Decimal,
    deposit: Decimal,
    increment: Decimal,
    notice_on: date,
    starts_at: datetime,
    ends_at: datetime,
    home_exception: str = "",
    actor: Actor,
    now: datetime,
) -> int:
    """Plan the asset's next round; a plan breaking a rule is refused naming rule and law."""
    asset, number, previous, level = _next_round(uow, asset_id)
    plan = RoundPlan(
        number=number,
        asset_kind=AssetKind(asset.kind),
        reference_price=reference_price,
        starting_price=starting_price,
        deposit=deposit,
        notice_on=notice_on,
        starts_at=starts_at,
        ends_at=ends_at,
        previous_starting_price=previous.starting_price if previous else None,
        previous_failed_on=previous.result_on if previous else None,
        necessary_home=asset.necessary_home,
        home_exception=home_exception or (asset.home_exception or ""),
        level=level,
        after_default=previous is not None and previous.status == RoundResult.DEFAULTED,
        fixed_reference=asset.reference_price,
        fixed_on=asset.reference_fixed_on,
    )
    check_round(plan)
    uow.deadlines.meet_for_asset(asset.case_id, asset_id, [k.value for k in MET_BY_PLANNING])
    new = uow.enforcement.add_round(
        asset_id=asset_id,
        case_id=asset.case_id,
        number=plan.number,
        platform=platform,
        reference_price=reference_price,
        starting_price=starting_price,
        deposit=deposit,
        increment=increment,
        notice_on=notice_on,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    notify = DeadlineKind.PARTIES_NOTIFIED
    told_by = DeadlineIn(
        kind=notify.value,
        due_on=parties_notified_by(notice_on),
        citation=CITATIONS[notify],
        source=Source.ROUND,
        source_id=new,
        note=f"notice on {notice_on.isoformat()}",
    )
    uow.deadlines.replace(
        asset.case_id, [told_by], kinds=[notify.value], source=(Source.ROUND, new)
    )
    uow.audit.append_for_case(
        actor,
        case_id=asset.case_id,
        action="auction.planned",
        payload={"round": plan.number, "asset": asset_id},
        at=now,
    )
    return new


def propose_plan(uow: UnitOfWork, *, asset_id: int, notice_on: date, tz: tzinfo) -> dict[str, Any]:
    """The earliest lawful next round of the asset if announced on `notice_on` (domain
    propose_round): the values `auction plan` takes, for legal staff to check and adjust."""
    asset, number, previous, level = _next_round(uow, asset_id)
    if asset.reference_price is None:
        raise InputError(
            "asset {asset_id} has no reference price: `auction price` first", asset_id=asset_id
        )
    plan = propose_round(
        number=number,
        level=level,
        after_default=previous is not None and previous.status == RoundResult.DEFAULTED,
        asset_kind=AssetKind(asset.kind),
        reference_price=asset.reference_price,
        notice_on=notice_on,
        tz=tz,
        previous_starting_price=previous.starting_price if previous else None,
        previous_failed_on=previous.result_on if previous else None,
        necessary_home=asset.necessary_home,
        home_exception=asset.home_exception or "",
        fixed_on=asset.reference_fixed_on,
    )
    return {
        "asset_id": asset_id,
        "round": plan.number,
        "reference_price": f"{plan.reference_price:.2f}",
        "starting_price": f"{plan.starting_price:.2f}",
        "deposit": f"{plan.deposit:.2f}",
        "notice_on": plan.notice_on.isoformat(),
        "starts_at": plan.starts_at.isoformat(timespec="minutes"),
        "ends_at": plan.ends_at.isoformat(timespec="minutes"),
    }


def record_result(
    uow: UnitOfWork,
    *,
    round_id: int,
    result: str,
    on: date,
    price: Decimal | None,
    buyer: str | None,
    actor: Actor,
    now: datetime,
    bidders: int | None = None,
    sale_window_days: int = SALE_WINDOW_DAYS,
) -> NextStep | None:
    """Record how a round ended; after a failure the next step is proposed, never silently."""
    ended = choice(RoundResult, result, Told("result"))
    row = round_row(uow, round_id)
    rounds = uow.enforcement.rounds_of(row.asset_id)
    earlier = [(r.number, r.status) for r in rounds]
    if ended == RoundResult.SOLD:
        defaulted = [r.buyer for r in rounds if r.status == RoundResult.DEFAULTED and r.buyer]
        check_buyer(buyer, defaulted)
    if row.mode == Mode.SALE:
        outcome = sale_outcome(starting_price=row.starting_price, result=ended, on=on, price=price)
    else:
        outcome = round_outcome(
            number=online_auction([r for r in earlier if r[0] < row.number]),
            starting_price=row.starting_price,
            result=ended,
            on=on,
            price=price,
            sale_window_days=sale_window_days,
        )
    uow.enforcement.update_round(
        round_id, status=ended.value, result_on=on, price=price, buyer=buyer, bidders=bidders
    )
    step = outcome.next_step
    payload: dict[str, Any] = {"round": row.number, "result": result}
    if outcome.deposit_forfeited:
        # 网拍规定 §24: it pays the re-auction's costs and any shortfall, then the debt.
        payload["deposit_forfeited"] = str(row.deposit)
    if step:
        payload["next"] = {k: str(v) for k, v in step.data().items()}
    uow.audit.append_for_case(
        actor, case_id=row.case_id, action="auction.result", payload=payload, at=now
    )
    return step


def fix_reference_price(
    uow: UnitOfWork,
    *,
    asset_id: int,
    price: Decimal,
    fixed_on: date,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
) -> dict[str, str]:
    """VAL-01: the reference price is fixed; the sale must start within 10 days and the price
    holds for a year (参考价规定 §§27, 30)."""
    asset = asset_of(uow, asset_id)
    uow.enforcement.update_asset(asset_id, reference_price=price, reference_fixed_on=fixed_on)
    uow.deadlines.meet_for_asset(asset.case_id, asset_id, [DeadlineKind.REFERENCE_PRICE.value])
    rows = price_rows(asset_id, fixed_on, calendar)
    uow.deadlines.replace(asset.case_id, rows, source=(Source.ASSET, asset_id))
    payload = {"asset": asset_id, "reference_price": str(price)}
    uow.audit.append_for_case(
        actor, case_id=asset.case_id, action="asset.priced", payload=payload, at=now
    )
    return {r.kind: r.due_on.isoformat() for r in rows}


def price_rows(asset_id: int, fixed_on: date, calendar: WorkCalendar) -> list[DeadlineIn]:
    """The deadlines an asset's reference price fixed on `fixed_on` sets (VAL-01)."""
    return [
        DeadlineIn(
            kind=kind.value,
            due_on=day,
            citation=CITATIONS[kind],
            source=Source.ASSET,
            source_id=asset_id,
        )
        for kind, day in valuation_deadlines(fixed_on, calendar).items()
    ]


def plan_sale(
    uow: UnitOfWork,
    *,
    asset_id: int,
    opens_on: date,
    actor: Actor,
    now: datetime,
    tz: tzinfo,
    sale_window_days: int = SALE_WINDOW_DAYS,
) -> dict[str, Any]:
    """变卖 on the same platform after two failed online auctions (网拍规定 §26): a round of its
    own at the second auction's starting price, open for the policy's window (practice:
    60 days, UNVERIFIED); its result is recorded like a round's."""
    asset = asset_of(uow, asset_id)
    rounds = uow.enforcement.rounds_of(asset_id)
    check_sale([(r.number, r.status, r.mode) for r in rounds], asset=asset_id)
    last = rounds[-1]
    opens = datetime.combine(opens_on, BIDDING_OPENS, tzinfo=tz)
    new = uow.enforcement.add_round(
        asset_id=asset_id,
        case_id=asset.case_id,
        number=last.number + 1,
        platform=last.platform,
        reference_price=last.reference_price,
        starting_price=last.starting_price,
        deposit=ZERO,
        increment=ZERO,
        notice_on=opens_on,
        starts_at=opens,
        ends_at=opens + timedelta(days=sale_window_days),
        mode=Mode.SALE.value,
    )
    payload = {"round": last.number + 1, "asset": asset_id, "price": str(last.starting_price)}
    uow.audit.append_for_case(
        actor, case_id=asset.case_id, action="auction.sale_opened", payload=payload, at=now
    )
    return {
        "round_id": new,
        "asset_id": asset_id,
        "mode": Mode.SALE.value,
        "price": str(last.starting_price),
        "opens_on": opens_on.isoformat(),
        "closes_on": (opens_on + timedelta(days=sale_window_days)).isoformat(),
    }


def round_row(uow: UnitOfWork, round_id: int) -> Any:
    row = uow.enforcement.round(round_id)
    if row is None:
        raise InputError("no auction round with id {round_id}", round_id=round_id)
    return row


def _next_round(uow: UnitOfWork, asset_id: int) -> tuple[Any, int, Any, int]:
    """The asset, the number its next round gets, the last round, and which online auction
    the next one is (a re-run after a default is the same one again)."""
    asset = asset_of(uow, asset_id)
    rounds = uow.enforcement.rounds_of(asset_id)
    statuses = [(r.number, r.status) for r in rounds]
    number = next_round_number(statuses, asset=asset_id)
    return asset, number, rounds[-1] if rounds else None, online_auction(statuses)
