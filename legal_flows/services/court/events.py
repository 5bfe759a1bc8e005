"""Recording court events on a case, moving its stage and recomputing its deadlines."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from legal_flows.domain.auction import in_disposal
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.court import CourtEvent, CourtRecord, apply_event
from legal_flows.domain.court_deadlines import court_deadlines
from legal_flows.domain.deadlines import (
    FROM_COURT_EVENTS,
    DeadlineKind,
    Source,
    status_of,
)
from legal_flows.domain.errors import Told
from legal_flows.domain.routing import Procedure
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.court.instrument import INSTRUMENT_CODES, instrument_of
from legal_flows.services.errors import InputError, choice
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.deadlines import DeadlineIn
from legal_flows.store.uow import UnitOfWork

# Every court kind is replaced at once: the history gives them all (court_deadline_rows).
COURT_KINDS = [k.value for k in FROM_COURT_EVENTS]


@dataclass
class Recorded:
    account_id: str
    event: str
    new: bool
    stages: list[str] = field(default_factory=list)
    deadlines: int = 0


def record_court_event(
    uow: UnitOfWork,
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
    terms: dict[str, Any] | None = None,
    procedure: str | None = None,
    amount: Decimal | None = None,
) -> Recorded:
    """Record one event (the same one twice stays one), refusing a contradiction by name.
    `terms`: what a judgment, mediation, payment order or ruling decided (read_terms); the
    same event recorded again with other terms has its terms replaced. `procedure`: at
    registration, the procedure the court uses (it replaces the review's prediction for the
    trial limit and the filing fee); `amount`: what a preservation ruling preserved."""
    event = CourtRecord(
        choice(CourtEvent, code, Told("court event")), on, party.strip(), detail.strip()
    )
    if terms is not None and code not in INSTRUMENT_CODES:
        raise InputError(
            "terms go with {codes}, not {code}", codes=", ".join(INSTRUMENT_CODES), code=code
        )
    _check_particulars(event.code, procedure, amount)
    case = the_case(uow, account_id=account_id, lock=True)
    history = uow.events.history(case.id)
    if event in history:
        known = history[history.index(event)]
        assert known.id is not None  # the history comes from the store, with row ids
        if terms is not None:
            uow.events.set_terms(known.id, terms)
            entry = AuditEntry("court.terms", "case", account_id, {"event": code, "terms": terms})
            uow.audit.append(actor, [entry], at=now)
            _recompute(uow, case, history, now=now, calendar=calendar)  # the term may move
        if procedure is not None or amount is not None:
            uow.events.set_particulars(known.id, procedure=procedure, amount=amount)
            said = {"event": code, "procedure": procedure, "amount": amount and str(amount)}
            uow.audit.append(
                actor, [AuditEntry("court.particulars", "case", account_id, said)], at=now
            )
            _recompute(uow, case, history, now=now, calendar=calendar)
        return Recorded(account_id, code, new=False)
    terminating = event.code == CourtEvent.TERMINATED
    effect = apply_event(
        history,
        event,
        stage=case.stage,
        case_no=case_no,
        disposal_pending=terminating and _in_disposal(uow, case.id),
        whereabouts_unknown=bool(case.whereabouts_unknown),
    )
    stored = uow.events.add(
        case.id,
        event,
        case_no=effect.case_no,
        source=source,
        now=now,
        recorded_by=actor.name,
        terms=terms,
        procedure=procedure,
        amount=amount,
    )
    values: dict[str, object] = {}
    if effect.moves:
        values["stage"] = effect.moves[-1].value
    if effect.trial_case_no:
        values["court_case_no"] = effect.trial_case_no
    uow.cases.update(case.id, now=now, **values)
    count = _recompute(uow, case, [*history, stored], now=now, calendar=calendar)
    if effect.meets_limitation:
        uow.deadlines.meet(case.id, [DeadlineKind.LIMITATION.value])
    payload: dict[str, Any] = {
        "event": code,
        "on": on.isoformat(),
        "stages": [case.stage, *[m.value for m in effect.moves]],
    }
    if terms is not None:
        payload["terms"] = terms
    if procedure is not None:
        payload["procedure"] = procedure
    if amount is not None:
        payload["amount"] = str(amount)
    uow.audit.append(actor, [AuditEntry("court.event", "case", account_id, payload)], at=now)
    return Recorded(account_id, code, True, [m.value for m in effect.moves], count)


def _in_disposal(uow: UnitOfWork, case_id: int) -> bool:
    """A seized asset of the case is still being disposed of (domain.auction.in_disposal)."""
    return any(
        in_disposal([(r.status, r.mode, r.ruling) for r in uow.enforcement.rounds_of(asset.id)])
        for asset in uow.enforcement.assets_of(case_id)
    )


def _check_particulars(code: CourtEvent, procedure: str | None, amount: Decimal | None) -> None:
    if procedure is not None:
        if code != CourtEvent.REGISTERED:
            raise InputError("--procedure goes with registered, not {code}", code=code.value)
        choice(Procedure, procedure, Told("procedure"))
    if amount is not None:
        if code != CourtEvent.PRESERVATION_RULED:
            raise InputError("--amount goes with preservation_ruled, not {code}", code=code.value)
        if amount <= 0:
            raise InputError("--amount: the amount preserved must be positive")


def _recompute(
    uow: UnitOfWork, case: Any, history: list[CourtRecord], *, now: datetime, calendar: WorkCalendar
) -> int:
    """Replace the case's court deadlines with those the full history gives."""
    rows = court_deadline_rows(uow, case, history, today=now.date(), calendar=calendar)
    uow.deadlines.replace(case.id, rows, kinds=COURT_KINDS)
    return len(rows)


def court_deadline_rows(
    uow: UnitOfWork,
    case: Any,
    history: list[CourtRecord],
    *,
    today: date,
    calendar: WorkCalendar,
) -> list[DeadlineIn]:
    """The court deadlines the full history gives (out-of-order safe), each pointing at the
    event it runs from, under the procedure the court recorded at registration (else the
    review's prediction)."""
    decision = uow.cases.decision(case.decision_id)
    procedure = uow.events.procedure_used(case.id) or (decision.procedure if decision else None)
    effective = [e.on for e in history if e.code == CourtEvent.EFFECTIVE]
    instrument = instrument_of(uow, case.id)
    performance = None
    if effective and instrument is not None and instrument.terms is not None:
        performance = instrument.terms.performance_deadline(max(effective))
    computed = court_deadlines(
        history, procedure=procedure, calendar=calendar, performance_until=performance
    )
    rows = []
    for d in computed:
        assert d.source.id is not None  # the history comes from the store, with row ids
        rows.append(
            DeadlineIn(
                kind=d.kind.value,
                due_on=d.due_on,
                citation=d.citation,
                source=Source.COURT_EVENT,
                source_id=d.source.id,
                seq=d.seq,
                status=status_of(d, history, today).value,
                note=d.note,
            )
        )
    return rows
