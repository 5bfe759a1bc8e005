"""Planning judicial auction rounds under the price rules, and recording their results."""

from dataclasses import asdict
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from legal_flows.domain.auction import (
    MET_BY_PLANNING,
    NextStep,
    RoundPlan,
    RoundResult,
    check_round,
    next_round_number,
    propose_round,
    round_outcome,
)
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import CITATIONS, DeadlineKind, Source, valuation_deadlines
from legal_flows.domain.seizure import AssetKind, QueueEntry, after_disposal
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
    asset, number, previous = _next_round(uow, asset_id)
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
    asset, number, previous = _next_round(uow, asset_id)
    if asset.reference_price is None:
        raise InputError(f"asset {asset_id} has no reference price: `auction price` first")
    plan = propose_round(
        number=number,
        asset_kind=AssetKind(asset.kind),
        reference_price=asset.reference_price,
        notice_on=notice_on,
        tz=tz,
        previous_starting_price=previous.starting_price if previous else None,
        previous_failed_on=previous.result_on if previous else None,
        necessary_home=asset.necessary_home,
        home_exception=asset.home_exception or "",
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
) -> NextStep | None:
    """Record how a round ended; after a failure the next step is proposed, never silently."""
    ended = choice(RoundResult, result, "result")
    row = uow.enforcement.round(round_id)
    if row is None:
        raise InputError(f"no auction round with id {round_id}")
    outcome = round_outcome(
        number=row.number, starting_price=row.starting_price, result=ended, on=on, price=price
    )
    uow.enforcement.update_round(
        round_id, status=ended.value, result_on=on, price=price, buyer=buyer, bidders=bidders
    )
    if outcome.disposes_asset:
        queue = [
            QueueEntry(s.id, s.served_on, s.status)
            for s in uow.enforcement.seizures_on(row.asset_id)
        ]
        for change in after_disposal(queue):
            uow.enforcement.update_seizure(int(change.ref), now=now, status=change.status.value)
    step = outcome.next_step
    payload: dict[str, Any] = {"round": row.number, "result": result}
    if step:
        payload["next"] = {k: str(v) for k, v in asdict(step).items()}
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
    due = valuation_deadlines(fixed_on, calendar)
    rows = [
        DeadlineIn(
            kind=kind.value,
            due_on=day,
            citation=CITATIONS[kind],
            source=Source.ASSET,
            source_id=asset_id,
        )
        for kind, day in due.items()
    ]
    uow.deadlines.replace(asset.case_id, rows, source=(Source.ASSET, asset_id))
    payload = {"asset": asset_id, "reference_price": str(price)}
    uow.audit.append_for_case(
        actor, case_id=asset.case_id, action="asset.priced", payload=payload, at=now
    )
    return {k.value: v.isoformat() for k, v in due.items()}


def _next_round(uow: UnitOfWork, asset_id: int) -> tuple[Any, int, Any]:
    """The asset, the number its next round gets, and the last round."""
    asset = asset_of(uow, asset_id)
    rounds = uow.enforcement.rounds_of(asset_id)
    number = next_round_number([(r.number, r.status) for r in rounds], asset=asset_id)
    return asset, number, rounds[-1] if rounds else None
