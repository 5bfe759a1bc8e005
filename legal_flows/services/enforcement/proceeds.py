"""Money received: applied by the waterfall against costs and the judged claim; closing."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from legal_flows.domain.court import CourtEvent
from legal_flows.domain.distribution import DEFAULT_WATERFALL, apply_payment
from legal_flows.domain.fees import costs_borne_by_debtor
from legal_flows.domain.money import ZERO
from legal_flows.domain.stages import Stage, check_transition
from legal_flows.services.audit import Actor, record_for_case
from legal_flows.services.errors import ConflictError, InputError
from legal_flows.services.filing.package import case_id_of
from legal_flows.store.tables import CASE, COURT_EVENT, DECISION
from legal_flows.store.tables_enforcement import PROCEEDS

SOURCES = ("auction", "transfer", "voluntary", "deduction")
CLOSINGS = {
    "recovered": Stage.CLOSED_RECOVERED,
    "partly_recovered": Stage.CLOSED_PARTLY_RECOVERED,
    # 终本 (closed_terminated) is not here: it is allowed only once ENF-05's conditions hold,
    # which the enforcement-events work records.
    "uncollectable": Stage.CLOSED_UNCOLLECTABLE,
    "settled": Stage.SETTLED,  # 和解: a settlement; recovered or partly recovered follows
}


@dataclass(frozen=True)
class Balance:
    owed: dict[str, Decimal]  # what the case still carries, per bucket
    received: Decimal

    @property
    def outstanding(self) -> Decimal:
        return sum(self.owed.values(), ZERO)


def balance(session: Session, case_id: int) -> Balance:
    """The claim of the decision in force plus the court fees the debtor bears (交纳办法 §29):
    filing, preservation when ruled, enforcement once applied for; less what was applied."""
    case = session.execute(select(CASE.c.decision_id).where(CASE.c.id == case_id)).one()
    decision = session.execute(select(DECISION).where(DECISION.c.id == case.decision_id)).first()
    if decision is None:
        raise ConflictError("the case has no decision in force: nothing is claimed yet")
    events = set(
        session.execute(
            select(COURT_EVENT.c.code).where(COURT_EVENT.c.case_id == case_id)
        ).scalars()
    )
    costs = costs_borne_by_debtor(
        decision.claim_total,
        procedure=decision.procedure,
        preserved=CourtEvent.PRESERVATION_RULED.value in events,
        enforced=CourtEvent.ENFORCEMENT_REGISTERED.value in events,
    )
    owed = {
        "costs": costs,
        "interest": decision.claim_interest + decision.claim_fees,
        "penalty": decision.claim_penalty,
        "principal": decision.claim_principal,
    }
    received = ZERO
    for row in session.execute(
        select(PROCEEDS.c.amount, PROCEEDS.c.applied).where(PROCEEDS.c.case_id == case_id)
    ):
        received += row.amount
        for bucket, paid in row.applied.items():
            owed[bucket] -= Decimal(paid)
    return Balance(owed, received)


def record_proceeds(
    session: Session,
    *,
    account_id: str,
    amount: Decimal,
    source: str,
    received_on: date,
    actor: Actor,
    now: datetime,
    order: tuple[str, ...] = DEFAULT_WATERFALL,
) -> dict[str, Any]:
    if source not in SOURCES:
        raise InputError(f"unknown source {source!r}; one of: {', '.join(SOURCES)}")
    if amount <= 0:
        raise InputError("an amount received must be positive")
    case_id = case_id_of(session, account_id)
    current = balance(session, case_id)
    applied = apply_payment(amount, current.owed, order)
    session.execute(
        insert(PROCEEDS).values(
            case_id=case_id,
            received_on=received_on,
            amount=amount,
            source=source,
            applied={k: str(v) for k, v in applied.paid.items()},
            created_at=now,
        )
    )
    payload = {"amount": str(amount), "source": source, "surplus": str(applied.surplus)}
    record_for_case(
        session, actor, case_id=case_id, action="proceeds.received", payload=payload, at=now
    )
    outstanding = sum(applied.remaining.values(), ZERO)
    return {
        "account_id": account_id,
        "applied": {k: str(v) for k, v in applied.paid.items()},
        "outstanding": str(outstanding),
        "surplus": str(applied.surplus),
        "fully_paid": outstanding == 0,
    }


def close_case(
    session: Session, *, account_id: str, outcome: str, actor: Actor, now: datetime
) -> str:
    """Close with an outcome; `recovered` only once nothing is outstanding."""
    if outcome not in CLOSINGS:
        raise InputError(f"unknown closing {outcome!r}; one of: {', '.join(CLOSINGS)}")
    case_id = case_id_of(session, account_id)
    stage = session.execute(select(CASE.c.stage).where(CASE.c.id == case_id)).scalar_one()
    target = check_transition(stage, CLOSINGS[outcome])
    if outcome == "recovered" and balance(session, case_id).outstanding > 0:
        raise ConflictError(
            f"case {account_id} still has money outstanding: close as partly_recovered"
        )
    session.execute(
        update(CASE)
        .where(CASE.c.id == case_id)
        .values(stage=target.value, version=CASE.c.version + 1, updated_at=now)
    )
    payload = {"stage": [stage, target.value]}
    record_for_case(session, actor, case_id=case_id, action="case.closed", payload=payload, at=now)
    return target.value
