"""The asset register and its seizures: expiry, renewal deadlines, waiting-list promotion."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from legal_flows.domain.deadlines import CITATIONS, DeadlineKind, reference_price_due
from legal_flows.domain.seizure import (
    AssetKind,
    QueueEntry,
    Stage,
    expiry,
    promote_next,
    renewal_deadline,
    renewed_expiry,
)
from legal_flows.services.audit import Actor, record_for_case
from legal_flows.services.config import work_calendar
from legal_flows.services.errors import InputError
from legal_flows.services.filing.package import case_id_of
from legal_flows.store.tables import DEADLINE
from legal_flows.store.tables_enforcement import ASSET, SEIZURE

MEASURES = {"freeze": "冻结", "seize": "查封", "detain": "扣押"}
RENEWAL = DeadlineKind.SEIZURE_RENEWAL.value


def add_asset(
    session: Session,
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
    try:
        asset_kind = AssetKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in AssetKind)
        raise InputError(f"unknown asset kind {kind!r}; one of: {known}") from None
    case_id = case_id_of(session, account_id)
    new = session.execute(
        insert(ASSET)
        .values(
            case_id=case_id,
            kind=asset_kind.value,
            description=description,
            identifier=identifier,
            estimated_value=value,
            necessary_home=necessary_home,
            created_at=now,
        )
        .returning(ASSET.c.id)
    ).scalar_one()
    payload = {"asset": new, "kind": asset_kind.value, "necessary_home": necessary_home}
    record_for_case(session, actor, case_id=case_id, action="asset.added", payload=payload, at=now)
    return int(new)


@dataclass(frozen=True)
class SeizureView:
    id: int
    status: str
    expires_on: date | None
    renewal_due_on: date | None


def record_seizure(
    session: Session,
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
) -> SeizureView:
    """A first seizure runs from its effective date; a waiting-list one has no period until
    it is promoted (SEIZE-03)."""
    if measure not in MEASURES:
        raise InputError(f"unknown measure {measure!r}; one of: {', '.join(MEASURES)}")
    asset = _asset(session, asset_id)
    seizure_stage = Stage(stage)
    status = "waiting" if waiting else "active"
    expires = (
        None
        if waiting
        else expiry(AssetKind(asset.kind), effective=effective_on, preserved_on=preserved_on)
    )
    new = session.execute(
        insert(SEIZURE)
        .values(
            asset_id=asset_id,
            case_id=asset.case_id,
            measure=measure,
            stage=seizure_stage.value,
            ruling_no=ruling_no,
            effective_on=effective_on,
            preserved_on=preserved_on,
            served_on=served_on or effective_on,
            expires_on=expires,
            status=status,
            updated_at=now,
        )
        .returning(SEIZURE.c.id)
    ).scalar_one()
    due = _set_renewal_deadline(session, new, asset.case_id, seizure_stage, expires)
    if seizure_stage == Stage.ENFORCEMENT and not waiting:
        # VAL-01: an asset seized for sale needs its reference price started within 30 days.
        session.execute(
            insert(DEADLINE).values(
                case_id=asset.case_id,
                kind=DeadlineKind.REFERENCE_PRICE.value,
                due_on=reference_price_due(effective_on, work_calendar()),
                status="open",
                citation=CITATIONS[DeadlineKind.REFERENCE_PRICE],
                source_ref=f"asset:{asset_id}:{new}",
            )
        )
    record_for_case(
        session,
        actor,
        case_id=asset.case_id,
        action="seizure.recorded",
        payload={"seizure": new, "status": status},
        at=now,
    )
    return SeizureView(int(new), status, expires, due)


def renew_seizure(
    session: Session, *, seizure_id: int, renewed_on: date, months: int, actor: Actor, now: datetime
) -> SeizureView:
    row = _seizure(session, seizure_id)
    if row.status != "active":
        raise InputError(f"seizure {seizure_id} is {row.status}: only an active one can be renewed")
    asset = _asset(session, row.asset_id)
    new_expiry = renewed_expiry(
        AssetKind(asset.kind), current_expiry=row.expires_on, renewed_on=renewed_on, months=months
    )
    session.execute(
        update(SEIZURE)
        .where(SEIZURE.c.id == seizure_id)
        .values(expires_on=new_expiry, renewals=SEIZURE.c.renewals + 1, updated_at=now)
    )
    due = _set_renewal_deadline(session, seizure_id, row.case_id, Stage(row.stage), new_expiry)
    record_for_case(
        session,
        actor,
        case_id=row.case_id,
        action="seizure.renewed",
        payload={"seizure": seizure_id, "until": str(new_expiry)},
        at=now,
    )
    return SeizureView(seizure_id, "active", new_expiry, due)


def release_seizure(
    session: Session, *, seizure_id: int, released_on: date, actor: Actor, now: datetime
) -> list[SeizureView]:
    """Release one seizure; the earliest waiting-list seizure of that asset takes effect."""
    row = _seizure(session, seizure_id)
    asset = _asset(session, row.asset_id)
    queue = session.execute(select(SEIZURE).where(SEIZURE.c.asset_id == row.asset_id)).all()
    entries = [QueueEntry(str(s.id), s.served_on, s.status) for s in queue]
    changed = []
    for entry in promote_next(entries, str(seizure_id)):
        before = next(s for s in queue if str(s.id) == entry.ref)
        if entry.status == before.status:
            continue
        values: dict[str, Any] = {"status": entry.status, "updated_at": now}
        expires = None
        if entry.status == "active":  # its own period starts now (practice; UNVERIFIED per rules)
            expires = expiry(AssetKind(asset.kind), effective=released_on)
            values |= {"effective_on": released_on, "expires_on": expires}
        session.execute(update(SEIZURE).where(SEIZURE.c.id == before.id).values(**values))
        due = _set_renewal_deadline(
            session, before.id, before.case_id, Stage(before.stage), expires
        )
        changed.append(SeizureView(before.id, entry.status, expires, due))
    record_for_case(
        session,
        actor,
        case_id=row.case_id,
        action="seizure.released",
        payload={"seizure": seizure_id},
        at=now,
    )
    return changed


def lapse_expired(session: Session, *, as_of: date) -> int:
    """查封规定 §27: a measure not renewed by its expiry simply ends."""
    result = session.execute(
        update(SEIZURE)
        .where(SEIZURE.c.status == "active", SEIZURE.c.expires_on < as_of)
        .values(status="lapsed")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def list_assets(session: Session, account_id: str) -> list[dict[str, Any]]:
    case_id = case_id_of(session, account_id)
    assets = session.execute(
        select(ASSET).where(ASSET.c.case_id == case_id).order_by(ASSET.c.id)
    ).all()
    seizures = session.execute(
        select(SEIZURE).where(SEIZURE.c.case_id == case_id).order_by(SEIZURE.c.id)
    ).all()
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
        for a in assets
    ]


def _set_renewal_deadline(
    session: Session, seizure_id: int, case_id: int, stage: Stage, expires: date | None
) -> date | None:
    ref = f"seizure:{seizure_id}"
    session.execute(
        delete(DEADLINE).where(DEADLINE.c.case_id == case_id, DEADLINE.c.source_ref == ref)
    )
    if expires is None:
        return None
    due = renewal_deadline(stage, expires, work_calendar())
    session.execute(
        insert(DEADLINE).values(
            case_id=case_id,
            kind=RENEWAL,
            due_on=due,
            status="open",
            citation=CITATIONS[DeadlineKind.SEIZURE_RENEWAL],
            source_ref=ref,
            note=f"expires {expires.isoformat()}",
        )
    )
    return due


def _asset(session: Session, asset_id: int) -> Any:
    row = session.execute(select(ASSET).where(ASSET.c.id == asset_id)).first()
    if row is None:
        raise InputError(f"no asset with id {asset_id}")
    return row


def _seizure(session: Session, seizure_id: int) -> Any:
    row = session.execute(select(SEIZURE).where(SEIZURE.c.id == seizure_id)).first()
    if row is None:
        raise InputError(f"no seizure with id {seizure_id}")
    return row
