"""Recording court events on a case, moving its stage and recomputing its deadlines."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.court import (
    CourtEvent,
    CourtRecord,
    check_consistent,
    check_termination,
    event_case_number,
    is_behind,
    stage_reached,
)
from legal_flows.domain.deadlines import (
    FROM_COURT_EVENTS,
    DeadlineKind,
    court_deadlines,
    status_at,
    status_of,
)
from legal_flows.domain.stages import path_between
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.errors import CaseNotFound, InputError
from legal_flows.store.tables import CASE, COURT_EVENT, DEADLINE, DECISION

_COURT_KINDS = [k.value for k in FROM_COURT_EVENTS]


@dataclass
class Recorded:
    account_id: str
    event: str
    new: bool
    stages: list[str] = field(default_factory=list)
    deadlines: int = 0


def record_court_event(
    session: Session,
    *,
    account_id: str,
    code: str,
    on: date,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
    party: str = "",
    detail: str = "",
    case_no: str | None = None,
    source: str = "manual",
) -> Recorded:
    """Record one event (the same one twice stays one), refusing a contradiction by name."""
    try:
        event = CourtRecord(CourtEvent(code), on, party.strip(), detail.strip())
    except ValueError:
        known = ", ".join(e.value for e in CourtEvent)
        raise InputError(f"unknown court event {code!r}; one of: {known}") from None
    case = session.execute(
        select(CASE.c.id, CASE.c.stage, CASE.c.decision_id)
        .where(CASE.c.account_id == account_id)
        .with_for_update()
    ).first()
    if case is None:
        raise CaseNotFound(account_id)
    history = _history(session, case.id)
    if event in history:
        return Recorded(account_id, code, new=False)
    check_consistent(history, event)
    if event.code == CourtEvent.TERMINATED:
        check_termination([*history, event], on)
    number = event_case_number(event, case_no)
    target = stage_reached([*history, event])
    resumes = event.code == CourtEvent.RESUMED  # 执恢: back from 终本 to enforcement
    moving = target is not None and (
        is_behind(case.stage, target) or (resumes and case.stage != target)
    )
    moves = path_between(case.stage, target) if target and moving else []
    session.execute(
        insert(COURT_EVENT).values(
            case_id=case.id,
            code=event.code.value,
            occurred_on=on,
            party=event.party,
            detail=event.detail,
            case_no=number,
            source=source,
            received_at=now,
            recorded_by=actor.name,
        )
    )
    values: dict[str, Any] = {"updated_at": now, "version": CASE.c.version + 1}
    if moves:
        values["stage"] = moves[-1].value
    if (
        number and event.code == CourtEvent.REGISTERED
    ):  # the trial's 案号; 执 numbers stay on the event
        values["court_case_no"] = number
    session.execute(update(CASE).where(CASE.c.id == case.id).values(**values))
    count = _recompute(session, case.id, case.decision_id, [*history, event], now.date(), calendar)
    if event.code == CourtEvent.SUBMITTED:
        # 时效规定 §10: suing interrupts limitation; the limitation deadline is met.
        session.execute(
            update(DEADLINE)
            .where(DEADLINE.c.case_id == case.id, DEADLINE.c.kind == DeadlineKind.LIMITATION.value)
            .values(status="met")
        )
    payload = {
        "event": code,
        "on": on.isoformat(),
        "stages": [case.stage, *[m.value for m in moves]],
    }
    record(session, actor, [AuditEntry("court.event", "case", account_id, payload)], at=now)
    return Recorded(account_id, code, True, [m.value for m in moves], count)


def _history(session: Session, case_id: int) -> list[CourtRecord]:
    rows = session.execute(
        select(
            COURT_EVENT.c.code, COURT_EVENT.c.occurred_on, COURT_EVENT.c.party, COURT_EVENT.c.detail
        )
        .where(COURT_EVENT.c.case_id == case_id)
        .order_by(COURT_EVENT.c.occurred_on, COURT_EVENT.c.id)
    )
    return [CourtRecord(CourtEvent(r.code), r.occurred_on, r.party, r.detail) for r in rows]


def _recompute(
    session: Session,
    case_id: int,
    decision_id: int | None,
    history: list[CourtRecord],
    today: date,
    calendar: WorkCalendar,
) -> int:
    """Replace the case's court deadlines with those the full history gives (out-of-order safe)."""
    procedure = "ordinary"
    if decision_id is not None:
        found = session.execute(select(DECISION.c.procedure).where(DECISION.c.id == decision_id))
        procedure = found.scalar() or procedure
    computed = court_deadlines(history, procedure=procedure, calendar=calendar)
    session.execute(
        delete(DEADLINE).where(DEADLINE.c.case_id == case_id, DEADLINE.c.kind.in_(_COURT_KINDS))
    )
    if computed:
        session.execute(
            insert(DEADLINE),
            [
                {
                    "case_id": case_id,
                    "kind": d.kind.value,
                    "due_on": d.due_on,
                    "status": status_of(d, history, today).value,
                    "citation": d.citation,
                    "source_ref": d.source_ref[:64],
                    "note": d.note or None,
                }
                for d in computed
            ],
        )
    return len(computed)


def list_deadlines(
    session: Session,
    *,
    as_of: date,
    account_id: str | None = None,
    due_within: int | None = None,
    overdue: bool = False,
) -> list[dict[str, Any]]:
    """Deadlines by due date, their status as of `as_of`, through the due-date index."""
    query = (
        select(DEADLINE, CASE.c.account_id)
        .join(CASE, CASE.c.id == DEADLINE.c.case_id)
        .order_by(DEADLINE.c.due_on, CASE.c.account_id)
    )
    if account_id:
        query = query.where(CASE.c.account_id == account_id)
    if due_within is not None:
        query = query.where(DEADLINE.c.due_on <= as_of + timedelta(days=due_within))
    if overdue:
        query = query.where(DEADLINE.c.due_on < as_of, DEADLINE.c.status != "met")
    out = []
    for row in session.execute(query):
        status = status_at(row.kind, row.due_on, met=row.status == "met", as_of=as_of)
        if due_within is not None and status.value in ("met", "elapsed"):
            continue
        if overdue and status.value != "missed":
            continue
        out.append(
            {
                "account_id": row.account_id,
                "kind": row.kind,
                "due_on": row.due_on.isoformat(),
                "status": status.value,
                "citation": row.citation,
                "source": row.source_ref,
                "note": row.note,
            }
        )
    return out
