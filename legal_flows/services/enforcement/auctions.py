"""Planning judicial auction rounds under the price rules, and recording their results."""

from dataclasses import asdict
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from legal_flows.domain.auction import (
    NextStep,
    RoundPlan,
    after_failure,
    check_round,
    propose_round,
)
from legal_flows.domain.deadlines import (
    CITATIONS,
    valuation_deadlines,
)
from legal_flows.domain.seizure import AFTER_DISPOSAL, AssetKind
from legal_flows.services.audit import Actor, record_for_case
from legal_flows.services.config import work_calendar
from legal_flows.services.errors import InputError
from legal_flows.store.tables import DEADLINE
from legal_flows.store.tables_enforcement import ASSET, AUCTION, SEIZURE

RESULTS = ("sold", "failed", "withdrawn", "suspended", "halted", "defaulted")


def plan_round(
    session: Session,
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
    asset, number, previous = _next_round(session, asset_id)
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
    # Planning a round means the price is fixed and the sale started: VAL-01 is met.
    _meet(session, asset.case_id, asset_id, ("reference_price", "sale_start"))
    new = session.execute(
        insert(AUCTION)
        .values(
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
        .returning(AUCTION.c.id)
    ).scalar_one()
    record_for_case(
        session,
        actor,
        case_id=asset.case_id,
        action="auction.planned",
        payload={"round": plan.number, "asset": asset_id},
        at=now,
    )
    return int(new)


def propose_plan(session: Session, *, asset_id: int, notice_on: date, tz: tzinfo) -> dict[str, Any]:
    """The earliest lawful next round of the asset if announced on `notice_on` (domain
    propose_round): the values `auction plan` takes, for legal staff to check and adjust."""
    asset, number, previous = _next_round(session, asset_id)
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
    session: Session,
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
    if result not in RESULTS:
        raise InputError(f"unknown result {result!r}; one of: {', '.join(RESULTS)}")
    row = session.execute(select(AUCTION).where(AUCTION.c.id == round_id)).first()
    if row is None:
        raise InputError(f"no auction round with id {round_id}")
    if result == "sold" and (price is None or price < row.starting_price):
        raise InputError(
            f"a sale needs a price of at least the starting price {row.starting_price}"
        )
    session.execute(
        update(AUCTION)
        .where(AUCTION.c.id == round_id)
        .values(status=result, result_on=on, price=price, buyer=buyer, bidders=bidders)
    )
    if result == "sold":
        for status, becomes in AFTER_DISPOSAL.items():
            session.execute(
                update(SEIZURE)
                .where(SEIZURE.c.asset_id == row.asset_id, SEIZURE.c.status == status)
                .values(status=becomes, updated_at=now)
            )
    step = (
        after_failure(row.number, row.starting_price, on)
        if result in ("failed", "defaulted")
        else None
    )
    payload: dict[str, Any] = {"round": row.number, "result": result}
    if step:
        payload["next"] = {k: str(v) for k, v in asdict(step).items()}
    record_for_case(
        session, actor, case_id=row.case_id, action="auction.result", payload=payload, at=now
    )
    return step


def fix_reference_price(
    session: Session, *, asset_id: int, price: Decimal, fixed_on: date, actor: Actor, now: datetime
) -> dict[str, str]:
    """VAL-01: the reference price is fixed; the sale must start within 10 days and the price
    holds for a year (参考价规定 §§27, 30)."""
    asset = session.execute(select(ASSET).where(ASSET.c.id == asset_id)).first()
    if asset is None:
        raise InputError(f"no asset with id {asset_id}")
    session.execute(
        update(ASSET)
        .where(ASSET.c.id == asset_id)
        .values(reference_price=price, reference_fixed_on=fixed_on)
    )
    _meet(session, asset.case_id, asset_id, ("reference_price",))
    due = valuation_deadlines(fixed_on, work_calendar())
    ref = f"asset:{asset_id}:price"
    session.execute(
        delete(DEADLINE).where(DEADLINE.c.case_id == asset.case_id, DEADLINE.c.source_ref == ref)
    )
    for kind, day in due.items():
        session.execute(
            insert(DEADLINE).values(
                case_id=asset.case_id,
                kind=kind.value,
                due_on=day,
                status="open",
                citation=CITATIONS[kind],
                source_ref=ref,
            )
        )
    payload = {"asset": asset_id, "reference_price": str(price)}
    record_for_case(
        session, actor, case_id=asset.case_id, action="asset.priced", payload=payload, at=now
    )
    return {k.value: v.isoformat() for k, v in due.items()}


def _next_round(session: Session, asset_id: int) -> tuple[Any, int, Any]:
    """The asset, the number its next round gets, and the last round (which must have
    failed: a round planned, running or sold has no successor)."""
    asset = session.execute(select(ASSET).where(ASSET.c.id == asset_id)).first()
    if asset is None:
        raise InputError(f"no asset with id {asset_id}")
    rounds = session.execute(
        select(AUCTION).where(AUCTION.c.asset_id == asset_id).order_by(AUCTION.c.number)
    ).all()
    if rounds and rounds[-1].status not in ("failed", "defaulted"):
        raise InputError(f"round {rounds[-1].number} of asset {asset_id} is {rounds[-1].status}")
    return asset, len(rounds) + 1, rounds[-1] if rounds else None


def _meet(session: Session, case_id: int, asset_id: int, kinds: tuple[str, ...]) -> None:
    session.execute(
        update(DEADLINE)
        .where(
            DEADLINE.c.case_id == case_id,
            DEADLINE.c.kind.in_(kinds),
            DEADLINE.c.source_ref.like(f"asset:{asset_id}:%"),
        )
        .values(status="met")
    )
