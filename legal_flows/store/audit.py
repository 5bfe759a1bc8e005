"""The hash-chained audit log: every change appends a row holding its predecessor's SHA-256."""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, insert, select, text, update
from sqlmodel import Session

from legal_flows.store.tables import AUDIT, AUDIT_HEAD, CASE

GENESIS = "0" * 64
_AUDIT = AUDIT
# Any fixed number: on PostgreSQL appenders queue on this lock so the chain never forks.
_AUDIT_LOCK = 7_240_002


@dataclass(frozen=True)
class Actor:
    """Who made a change: a person's name, or a flow with its Prefect run id."""

    name: str
    flow_run_id: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    action: str
    entity: str
    entity_id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    rows: int
    head: str
    problem: str = ""


def _digest(row_id: int, prev: str, fields: Sequence[Any]) -> str:
    body = json.dumps([row_id, prev, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def _fields(row: dict[str, Any]) -> list[Any]:
    keys = ("at", "actor", "action", "entity", "entity_id", "flow_run_id", "payload")
    return [row[k] for k in keys]


def record(session: Session, actor: Actor, entries: Sequence[AuditEntry], *, at: datetime) -> None:
    """Append entries in order, in the caller's transaction, with one executemany."""
    if not entries:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _AUDIT_LOCK})
    last = session.execute(
        select(_AUDIT.c.id, _AUDIT.c.hash).order_by(_AUDIT.c.id.desc()).limit(1)
    ).first()
    last_id, prev = (last[0], last[1]) if last else (0, GENESIS)
    stamp = at.isoformat(timespec="microseconds")
    rows = []
    for offset, entry in enumerate(entries, start=1):
        row: dict[str, Any] = {
            "id": last_id + offset,
            "at": stamp,
            "actor": actor.name,
            "action": entry.action,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "flow_run_id": actor.flow_run_id,
            "payload": json.dumps(entry.payload, ensure_ascii=False, sort_keys=True, default=str),
            "prev_hash": prev,
        }
        row["hash"] = prev = _digest(last_id + offset, prev, _fields(row))
        rows.append(row)
    session.execute(insert(AUDIT), rows)
    head = {"last_id": rows[-1]["id"], "hash": rows[-1]["hash"]}
    moved = session.execute(update(AUDIT_HEAD).where(AUDIT_HEAD.c.id == 1).values(**head))
    if not cast(CursorResult[Any], moved).rowcount:
        session.execute(insert(AUDIT_HEAD).values(id=1, **head))


def record_for_case(
    session: Session,
    actor: Actor,
    *,
    case_id: int,
    action: str,
    payload: dict[str, Any],
    at: datetime,
) -> None:
    """One audit entry about a case known by its id (the log names it by account_id)."""
    account = session.execute(select(CASE.c.account_id).where(CASE.c.id == case_id)).scalar_one()
    record(session, actor, [AuditEntry(action, "case", account, payload)], at=at)


class AuditLog:
    """The audit log as the unit of work hands it to services: appends in its transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, actor: Actor, entries: Sequence[AuditEntry], *, at: datetime) -> None:
        record(self._session, actor, entries, at=at)

    def append_for_case(
        self, actor: Actor, *, case_id: int, action: str, payload: dict[str, Any], at: datetime
    ) -> None:
        record_for_case(
            self._session, actor, case_id=case_id, action=action, payload=payload, at=at
        )

    def verify(self) -> "ChainCheck":
        return verify_chain(self._session)

    def last_for_case(self, account_id: str, action: str) -> dict[str, Any] | None:
        """The payload of the case's latest entry of this action, if any."""
        payload = self._session.execute(
            select(_AUDIT.c.payload)
            .where(
                _AUDIT.c.entity == "case",
                _AUDIT.c.entity_id == account_id,
                _AUDIT.c.action == action,
            )
            .order_by(_AUDIT.c.id.desc())
            .limit(1)
        ).scalar()
        return None if payload is None else dict(json.loads(payload))


def verify_chain(session: Session, batch: int = 5000) -> ChainCheck:
    """Walk the log in id order: an edited, deleted or reordered row breaks the chain."""
    prev, count, last_id = GENESIS, 0, 0
    columns = [
        _AUDIT.c[name]
        for name in "id at actor action entity entity_id flow_run_id payload prev_hash hash".split()
    ]
    while True:
        chunk = session.execute(
            select(*columns).where(_AUDIT.c.id > last_id).order_by(_AUDIT.c.id).limit(batch)
        ).all()
        if not chunk:
            return _check_head(session, count, last_id, prev)
        for r in chunk:
            row = r._asdict()
            if row["id"] != count + 1:
                return ChainCheck(
                    False, count, prev, f"row {count + 1} is missing (next is {row['id']})"
                )
            if row["prev_hash"] != prev:
                return ChainCheck(
                    False, count, prev, f"row {row['id']} does not follow row {count}"
                )
            if _digest(row["id"], prev, _fields(row)) != row["hash"]:
                return ChainCheck(False, count, prev, f"row {row['id']} was altered")
            prev = row["hash"]
            count += 1
            last_id = row["id"]


def _check_head(session: Session, count: int, last_id: int, last_hash: str) -> ChainCheck:
    head = session.execute(select(AUDIT_HEAD.c.last_id, AUDIT_HEAD.c.hash)).first()
    if head is None:
        if count:
            return ChainCheck(False, count, last_hash, "the audit head record is missing")
        return ChainCheck(True, 0, last_hash)
    if head.last_id != last_id or head.hash != last_hash:
        problem = f"the log ends at row {last_id} but its head records row {head.last_id}"
        return ChainCheck(False, count, last_hash, problem + ": newest rows were removed")
    return ChainCheck(True, count, last_hash)
