"""The ruling that ends a disposal (成交裁定, 以物抵债裁定): the asset's seizures, the doubled
interest on the value realised, the reserve price entered for an in-lieu transfer."""

from datetime import date, datetime
from typing import Any

from legal_flows.domain.auction_outcomes import Ruling, check_ruling
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.distribution import ProceedsSource
from legal_flows.domain.errors import Told
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.seizure import (
    AssetKind,
    QueueEntry,
    SeizureStatus,
    after_disposal,
    after_partial_disposal,
)
from legal_flows.services.enforcement.auctions import round_row
from legal_flows.services.enforcement.proceeds import record_proceeds
from legal_flows.services.enforcement.seizures import apply_changes, asset_of
from legal_flows.services.errors import InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork


def record_ruling(
    uow: UnitOfWork,
    *,
    round_id: int,
    kind: str,
    on: date,
    actor: Actor,
    now: datetime,
    rules: LedgerRules,
    calendar: WorkCalendar,
    remainder: str | None = None,
) -> dict[str, Any]:
    """The ruling that ends the disposal is served (民诉法解释 §491): the asset's seizures end
    (ours released, the waiting list void) and the doubled interest on the value realised
    stops that day. A sale's price is entered when the court pays it out (`proceeds record
    --source auction`); an in-lieu ruling enters the reserve price itself (拍卖变卖规定 §16).

    `remainder`: the ruling disposed of part of the asset only. The part left becomes an asset
    of its own (its own reference price and rounds), and its seizures go with it: the one
    that disposed ends, the earliest waiting one takes effect for the remainder."""
    ruling = choice(Ruling, kind, Told("ruling"))
    row = round_row(uow, round_id)
    check_ruling(ruling, row.status)
    if row.ruling is not None:
        raise InputError(
            "round {round_id} already has its {ruling} ruling of {on}",
            round_id=round_id,
            ruling=row.ruling,
            on=row.ruling_on,
        )
    if remainder is not None and not remainder.strip():
        raise InputError("remainder: describe the part of the asset left (e.g. 剩余房产)")
    uow.enforcement.update_round(round_id, ruling=ruling.value, ruling_on=on)
    seizures = uow.enforcement.seizures_on(row.asset_id)
    queue = [QueueEntry(s.id, s.served_on, s.status) for s in seizures]
    value = row.price if ruling == Ruling.SALE else row.starting_price
    payload: dict[str, Any] = {
        "round": row.number,
        "ruling": ruling.value,
        "on": on.isoformat(),
        "value": str(value),
    }
    if remainder is None:
        ended = after_disposal(queue)
        for change in ended:
            uow.enforcement.update_seizure(int(change.ref), now=now, status=change.status.value)
        count = len(ended)
    else:
        asset = asset_of(uow, row.asset_id)
        changes = after_partial_disposal(queue, on=on, kind=AssetKind(asset.kind))
        views = apply_changes(uow, seizures, changes, now=now, calendar=calendar)
        rest = uow.enforcement.add_asset(
            case_id=asset.case_id,
            kind=asset.kind,
            description=remainder.strip(),
            identifier=asset.identifier,
            estimated_value=None,
            necessary_home=asset.necessary_home,
            created_at=now,
        )
        live = (SeizureStatus.ACTIVE.value, SeizureStatus.WAITING.value)
        ended_ids = {v.id for v in views if v.status not in live}
        for s in seizures:
            if s.id not in ended_ids and s.status in live:
                uow.enforcement.update_seizure(s.id, now=now, asset_id=rest)
        count = len(ended_ids)
        payload |= {"remainder_asset": rest, "promoted": [v.id for v in views if v.status in live]}
    uow.audit.append_for_case(
        actor, case_id=row.case_id, action="auction.ruling", payload=payload, at=now
    )
    result: dict[str, Any] = {"round_id": round_id, **payload, "seizures_ended": count}
    if ruling == Ruling.IN_LIEU:
        case = uow.cases.find(id=row.case_id)
        assert case is not None  # a round's case is a foreign key
        applied = record_proceeds(
            uow,
            account_id=case.account_id,
            amount=value,
            source=ProceedsSource.IN_LIEU.value,
            received_on=on,
            actor=actor,
            now=now,
            rules=rules,
        )
        # 拍卖变卖规定 §16: the price above the debt is the bank's to pay back.
        result["excess_to_pay"] = applied["surplus"]
        result["outstanding"] = applied["outstanding"]
    return result
