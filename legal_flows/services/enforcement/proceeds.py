"""Money received: applied by the waterfall against costs and the judged claim."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from legal_flows.domain.court import CourtEvent
from legal_flows.domain.distribution import (
    DEFAULT_WATERFALL,
    ProceedsSource,
    apply_payment,
    owed_buckets,
)
from legal_flows.domain.fees import costs_borne_by_debtor, enforcement_fee
from legal_flows.domain.money import ZERO
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.court.instrument import instrument_of
from legal_flows.services.errors import ConflictError, InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork


@dataclass(frozen=True)
class Balance:
    owed: dict[str, Decimal]  # what the case still carries, per bucket
    received: Decimal

    @property
    def outstanding(self) -> Decimal:
        return sum(self.owed.values(), ZERO)


def balance(uow: UnitOfWork, case_id: int) -> Balance:
    """The claim of the decision in force plus the court fees the debtor bears (交纳办法 §29):
    filing, preservation when ruled, enforcement once applied for; less what was applied."""
    case = uow.cases.find(id=case_id)
    decision = uow.cases.decision(case.decision_id if case else None)
    if decision is None:
        raise ConflictError("the case has no decision in force: nothing is claimed yet")
    events = uow.events.codes(case_id)
    enforced = CourtEvent.ENFORCEMENT_REGISTERED.value in events
    instrument = instrument_of(uow, case_id)
    if instrument is not None and instrument.terms is not None:
        # What the instrument awarded is the debt now; the enforcement fee comes on top.
        award = instrument.terms.award
        awarded = award.total - award.costs
        costs = award.costs + (enforcement_fee(awarded) if enforced else ZERO)
        owed = owed_buckets(
            principal=award.principal,
            interest=award.interest,
            penalty=award.penalty,
            fees=award.fees,
            costs=costs,
        )
    else:
        costs = costs_borne_by_debtor(
            decision.claim_total,
            procedure=decision.procedure,
            preserved=CourtEvent.PRESERVATION_RULED.value in events,
            enforced=enforced,
        )
        owed = owed_buckets(
            principal=decision.claim_principal,
            interest=decision.claim_interest,
            penalty=decision.claim_penalty,
            fees=decision.claim_fees,
            costs=costs,
        )
    received = ZERO
    for row in uow.enforcement.proceeds_of(case_id):
        received += row.amount
        for bucket, paid in row.applied.items():
            owed[bucket] -= Decimal(paid)
    return Balance(owed, received)


def record_proceeds(
    uow: UnitOfWork,
    *,
    account_id: str,
    amount: Decimal,
    source: str,
    received_on: date,
    actor: Actor,
    now: datetime,
    order: tuple[str, ...] = DEFAULT_WATERFALL,
) -> dict[str, Any]:
    origin = choice(ProceedsSource, source, "source")
    if amount <= 0:
        raise InputError("an amount received must be positive")
    case_id = case_id_of(uow, account_id)
    applied = apply_payment(amount, balance(uow, case_id).owed, order)
    uow.enforcement.add_proceeds(
        case_id=case_id,
        received_on=received_on,
        amount=amount,
        source=origin.value,
        applied={k: str(v) for k, v in applied.paid.items()},
        created_at=now,
    )
    payload = {"amount": str(amount), "source": source, "surplus": str(applied.surplus)}
    uow.audit.append_for_case(
        actor, case_id=case_id, action="proceeds.received", payload=payload, at=now
    )
    outstanding = sum(applied.remaining.values(), ZERO)
    return {
        "account_id": account_id,
        "applied": {k: str(v) for k, v in applied.paid.items()},
        "outstanding": str(outstanding),
        "surplus": str(applied.surplus),
        "fully_paid": outstanding == 0,
    }
