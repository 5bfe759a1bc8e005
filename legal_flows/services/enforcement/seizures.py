"""The asset register and its seizures: expiry, renewal deadlines, waiting-list promotion."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import CITATIONS, DeadlineKind, Source, reference_price_due
from legal_flows.domain.errors import Told
from legal_flows.domain.seizure import (
    AssetKind,
    Change,
    Measure,
    QueueEntry,
    SeizureStage,
    SeizureStatus,
    release,
    renew,
    renewal_deadline,
    start,
)
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.errors import InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.deadlines import DeadlineIn
from legal_flows.store.uow import UnitOfWork


def add_asset(
    uow: UnitOfWork,
    *,
    account_id: str,
    kind: str,
    description: str,
    identifier: str,
    value: Decimal | None,
    necessary_home: bool,
    actor: Actor,
    now: datetime,
) -> int:
    asset_kind = choice(AssetKind, kind, Told("asset kind"))
    case_id = case_id_of(uow, account_id)
    new = uow.enforcement.add_asset(
        case_id=case_id,
        kind=asset_kind.value,
        description=description,
        identifier=identifier,
        estimated_value=value,
        necessary_home=necessary_home,
        created_at=now,
    )
    payload = {"asset": new, "kind": asset_kind.value, "necessary_home": necessary_home}
    uow.audit.append_for_case(actor, case_id=case_id, action="asset.added", payload=payload, at=now)
    return new


@dataclass(frozen=True)
class SeizureView:
    id: int
    status: str
    expires_on: date | None
    renewal_due_on: date | None


def record_seizure(
    uow: UnitOfWork,
    *,
    asset_id: int,
    measure: str,
    stage: str,
    ruling_no: str,
    effective_on: date,
    served_on: date | None,
    preserved_on: date | None,
    waiting: bool,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
) -> SeizureView:
    """A seizure of a registered asset, with its period and its renewal deadline."""
    what = choice(Measure, measure, Told("measure"))
    asset = asset_of(uow, asset_id)
    seizure_stage = SeizureStage(stage)
    started = start(
        AssetKind(asset.kind),
        stage=seizure_stage,
        effective=effective_on,
        preserved_on=preserved_on,
        waiting=waiting,
    )
    new = uow.enforcement.add_seizure(
        asset_id=asset_id,
        case_id=asset.case_id,
        measure=what.value,
        stage=seizure_stage.value,
        ruling_no=ruling_no,
        effective_on=effective_on,
        preserved_on=preserved_on,
        served_on=served_on or effective_on,
        expires_on=started.expires_on,
        status=started.status.value,
        updated_at=now,
    )
    due = _set_renewal_deadline(
        uow, new, asset.case_id, seizure_stage, started.expires_on, calendar
    )
    if started.opens_valuation:
        uow.deadlines.replace(
            asset.case_id,
            valuation_rows(new, effective_on, calendar),
            kinds=[DeadlineKind.REFERENCE_PRICE.value],
            source=(Source.SEIZURE, new),
        )
    uow.audit.append_for_case(
        actor,
        case_id=asset.case_id,
        action="seizure.recorded",
        payload={"seizure": new, "status": started.status.value},
        at=now,
    )
    return SeizureView(new, started.status.value, started.expires_on, due)


def renew_seizure(
    uow: UnitOfWork,
    *,
    seizure_id: int,
    renewed_on: date,
    months: int,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
) -> SeizureView:
    row = _seizure(uow, seizure_id)
    asset = asset_of(uow, row.asset_id)
    new_expiry = renew(
        AssetKind(asset.kind),
        status=row.status,
        current_expiry=row.expires_on,
        renewed_on=renewed_on,
        months=months,
    )
    uow.enforcement.update_seizure(
        seizure_id, now=now, expires_on=new_expiry, renewals=row.renewals + 1
    )
    due = _set_renewal_deadline(
        uow, seizure_id, row.case_id, SeizureStage(row.stage), new_expiry, calendar
    )
    uow.audit.append_for_case(
        actor,
        case_id=row.case_id,
        action="seizure.renewed",
        payload={"seizure": seizure_id, "until": str(new_expiry)},
        at=now,
    )
    return SeizureView(seizure_id, "active", new_expiry, due)


def release_seizure(
    uow: UnitOfWork,
    *,
    seizure_id: int,
    released_on: date,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
) -> list[SeizureView]:
    """Release one seizure; the earliest waiting-list seizure of that asset takes effect."""
    row = _seizure(uow, seizure_id)
    changed = _end(
        uow, row, on=released_on, ended=SeizureStatus.RELEASED, now=now, calendar=calendar
    )
    uow.audit.append_for_case(
        actor,
        case_id=row.case_id,
        action="seizure.released",
        payload={"seizure": seizure_id},
        at=now,
    )
    return changed


def lapse_expired(
    uow: UnitOfWork, *, as_of: date, actor: Actor, now: datetime, calendar: WorkCalendar
) -> int:
    """Active seizures past their expiry lapse (查封规定 §27; domain.seizure.has_lapsed); on
    each asset the earliest waiting-list seizure then takes effect from the day after the
    expiry, as on a release (§26). Returns how many lapsed."""
    lapsed = uow.enforcement.expired(as_of)
    for row in lapsed:
        assert row.expires_on is not None  # only a seizure with a period expires
        day = row.expires_on + timedelta(days=1)
        changed = _end(uow, row, on=day, ended=SeizureStatus.LAPSED, now=now, calendar=calendar)
        promoted = [c.id for c in changed if c.status == SeizureStatus.ACTIVE.value]
        uow.audit.append_for_case(
            actor,
            case_id=row.case_id,
            action="seizure.lapsed",
            payload={
                "seizure": row.id,
                "expired_on": row.expires_on.isoformat(),
                "promoted": promoted,
            },
            at=now,
        )
    return len(lapsed)


def _end(
    uow: UnitOfWork,
    row: Any,
    *,
    on: date,
    ended: SeizureStatus,
    now: datetime,
    calendar: WorkCalendar,
) -> list[SeizureView]:
    """The seizure ends; the changes the domain gives for its asset's queue are applied."""
    asset = asset_of(uow, row.asset_id)
    queue = uow.enforcement.seizures_on(row.asset_id)
    entries = [QueueEntry(s.id, s.served_on, s.status) for s in queue]
    changes = release(entries, row.id, on=on, kind=AssetKind(asset.kind), ended=ended)
    return apply_changes(uow, queue, changes, now=now, calendar=calendar)


def apply_changes(
    uow: UnitOfWork,
    seizures: Sequence[Any],
    changes: Sequence[Change],
    *,
    now: datetime,
    calendar: WorkCalendar,
) -> list[SeizureView]:
    """Write the domain's changes to an asset's seizures; a seizure taking effect gets its
    renewal deadline."""
    queue = {s.id: s for s in seizures}
    changed = []
    for change in changes:
        seizure = queue[int(change.ref)]
        values: dict[str, Any] = {"status": change.status.value}
        if change.effective_on is not None:
            values |= {"effective_on": change.effective_on, "expires_on": change.expires_on}
        uow.enforcement.update_seizure(seizure.id, now=now, **values)
        if change.status == SeizureStatus.LAPSED:
            # Its renewal deadline stays as the sweep marked it (missed), before the lawyer.
            changed.append(SeizureView(seizure.id, change.status.value, seizure.expires_on, None))
            continue
        due = _set_renewal_deadline(
            uow,
            seizure.id,
            seizure.case_id,
            SeizureStage(seizure.stage),
            change.expires_on,
            calendar,
        )
        changed.append(SeizureView(seizure.id, change.status.value, change.expires_on, due))
    return changed


def list_assets(uow: UnitOfWork, account_id: str) -> list[dict[str, Any]]:
    case_id = case_id_of(uow, account_id)
    seizures = uow.enforcement.seizures_of(case_id)
    return [
        {
            "id": a.id,
            "kind": a.kind,
            "description": a.description,
            "identifier": a.identifier,
            "estimated_value": None if a.estimated_value is None else f"{a.estimated_value:.2f}",
            "necessary_home": a.necessary_home,
            "seizures": [
                {
                    "id": s.id,
                    "measure": s.measure,
                    "stage": s.stage,
                    "ruling_no": s.ruling_no,
                    "status": s.status,
                    "effective_on": s.effective_on.isoformat(),
                    "expires_on": s.expires_on.isoformat() if s.expires_on else None,
                    "renewals": s.renewals,
                }
                for s in seizures
                if s.asset_id == a.id
            ],
        }
        for a in uow.enforcement.assets_of(case_id)
    ]


def _set_renewal_deadline(
    uow: UnitOfWork,
    seizure_id: int,
    case_id: int,
    stage: SeizureStage,
    expires: date | None,
    calendar: WorkCalendar,
) -> date | None:
    """SEIZE-02: the seizure's renewal deadline, replaced (none while it has no period)."""
    rows = renewal_rows(seizure_id, stage, expires, calendar)
    kind = DeadlineKind.SEIZURE_RENEWAL.value
    uow.deadlines.replace(case_id, rows, kinds=[kind], source=(Source.SEIZURE, seizure_id))
    return rows[0].due_on if rows else None


def renewal_rows(
    seizure_id: int, stage: SeizureStage, expires: date | None, calendar: WorkCalendar
) -> list[DeadlineIn]:
    """The renewal deadline of a seizure expiring on `expires` (none without a period)."""
    if expires is None:
        return []
    kind = DeadlineKind.SEIZURE_RENEWAL
    return [
        DeadlineIn(
            kind=kind.value,
            due_on=renewal_deadline(stage, expires, calendar),
            citation=CITATIONS[kind],
            source=Source.SEIZURE,
            source_id=seizure_id,
            note=f"expires {expires.isoformat()}",
        )
    ]


def valuation_rows(seizure_id: int, effective_on: date, calendar: WorkCalendar) -> list[DeadlineIn]:
    """VAL-01: the reference price of an asset seized for sale, started within 30 days."""
    kind = DeadlineKind.REFERENCE_PRICE
    return [
        DeadlineIn(
            kind=kind.value,
            due_on=reference_price_due(effective_on, calendar),
            citation=CITATIONS[kind],
            source=Source.SEIZURE,
            source_id=seizure_id,
        )
    ]


def asset_of(uow: UnitOfWork, asset_id: int) -> Any:
    """The registered asset, or an InputError naming the id."""
    row = uow.enforcement.asset(asset_id)
    if row is None:
        raise InputError("no asset with id {asset_id}", asset_id=asset_id)
    return row


def _seizure(uow: UnitOfWork, seizure_id: int) -> Any:
    row = uow.enforcement.seizure(seizure_id)
    if row is None:
        raise InputError("no seizure with id {seizure_id}", seizure_id=seizure_id)
    return row
