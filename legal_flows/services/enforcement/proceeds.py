"""Money received, and the debt ledger it is applied in: what a case owes on a day."""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from legal_flows.domain.court import CourtEvent
from legal_flows.domain.distribution import ProceedsSource
from legal_flows.domain.fees import costs_borne_by_debtor
from legal_flows.domain.instrument import InstrumentKind
from legal_flows.domain.ledger import LABELS, Debt, Ledger, LedgerRules, Payment, debt_ledger
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.court.instrument import claim_as_awarded, instrument_of
from legal_flows.services.errors import ConflictError, InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork

# 交纳办法 §15: a case ending in mediation or withdrawal pays half the filing fee.
_ENDED_BY = {
    CourtEvent.MEDIATION.value: "mediation",
    CourtEvent.WITHDRAWAL.value: "withdrawal",
}


def case_debt(uow: UnitOfWork, case_id: int, *, cost_cap: Decimal) -> Debt:
    """What the ledger starts from: the recorded instrument's terms; without them the claim
    of the decision in force taken as awarded, with the court costs the debtor bears (the
    filing fee by the procedure the court used, the preservation fee on what was preserved)."""
    case = uow.cases.find(id=case_id)
    decision = uow.cases.decision(case.decision_id if case else None)
    if case is None or decision is None:
        raise ConflictError("the case has no decision in force: nothing is claimed yet")
    instrument = instrument_of(uow, case_id)
    if instrument is not None and instrument.terms is not None:
        terms = instrument.terms
    else:
        terms = claim_as_awarded(
            decision,
            annual_rate=case.annual_rate,
            balance_date=case.balance_date,
            cost_cap=cost_cap,
        )
        codes = uow.events.codes(case_id)
        preserved = None
        if CourtEvent.PRESERVATION_RULED.value in codes:
            preserved = uow.events.preserved_amount(case_id) or decision.claim_total
        procedure = uow.events.procedure_used(case_id) or decision.procedure
        if instrument is not None and instrument.kind == InstrumentKind.PAYMENT_ORDER:
            procedure = "payment_order"  # 交纳办法 §14(3): a third
        ended_by = next((v for k, v in _ENDED_BY.items() if k in codes), "")
        costs = costs_borne_by_debtor(
            decision.claim_total, procedure=procedure, ended_by=ended_by, preserved=preserved
        )
        terms = replace(terms, award=replace(terms.award, costs=costs))
    if instrument is None:
        source = "起诉状诉讼请求（尚无生效法律文书）"
        effective_on = None
    else:
        source = f"{instrument.case_no or case.court_case_no or ''}{instrument.kind.words}"
        effective_on = uow.events.first_on(case_id, CourtEvent.EFFECTIVE)
    enforcement_on = uow.events.first_on(case_id, CourtEvent.ENFORCEMENT_REGISTERED)
    return Debt(terms, source, effective_on, enforcement_on)


def payments_of(uow: UnitOfWork, case_id: int) -> list[Payment]:
    return [Payment(r.received_on, r.amount) for r in uow.enforcement.proceeds_of(case_id)]


def balance(uow: UnitOfWork, case_id: int, *, as_of: date, rules: LedgerRules) -> Ledger:
    """The case's ledger on `as_of`: every charge to that day, every payment applied."""
    debt = case_debt(uow, case_id, cost_cap=rules.cost_cap)
    return debt_ledger(debt, payments_of(uow, case_id), as_of, rules)


def ledger_detail(ledger: Ledger) -> dict[str, Any]:
    """`balance --json` and `cases show --json`'s `balance`: the payoff quote by item, each
    line with its base, days, rate and citation, each payment with how it was applied."""

    def money(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    return {
        "as_of": ledger.as_of.isoformat(),
        "source": ledger.source,
        "lines": [
            {
                "item": line.item,
                "label": LABELS[line.item],
                "amount": str(line.amount),
                "base": money(line.base),
                "from": line.from_on.isoformat() if line.from_on else None,
                "to": line.to_on.isoformat() if line.to_on else None,
                "days": line.days,
                "rate": None if line.rate is None else str(line.rate),
                "per": line.per or None,
                "citation": line.citation,
            }
            for line in ledger.lines
        ],
        "payments": [
            {
                "on": p.on.isoformat(),
                "amount": str(p.amount),
                "applied": {k: str(v) for k, v in p.paid.items() if v},
                "surplus": str(p.surplus),
            }
            for p in ledger.payments
        ],
        "owed": {k: str(v) for k, v in ledger.owed.items()},
        "late_base": str(ledger.late_base),
        "received": str(ledger.received),
        "outstanding": str(ledger.outstanding),
        "surplus": str(ledger.surplus),
    }


def record_proceeds(
    uow: UnitOfWork,
    *,
    account_id: str,
    amount: Decimal,
    source: str,
    received_on: date,
    actor: Actor,
    now: datetime,
    rules: LedgerRules,
) -> dict[str, Any]:
    """Apply money received in law's order on the day it was received (the ledger replays
    every payment, so a payment entered late is applied where its date puts it)."""
    origin = choice(ProceedsSource, source, "source")
    if amount <= 0:
        raise InputError("an amount received must be positive")
    case_id = case_id_of(uow, account_id)
    debt = case_debt(uow, case_id, cost_cap=rules.cost_cap)
    payments = payments_of(uow, case_id)
    ledger = debt_ledger(debt, [*payments, Payment(received_on, amount)], received_on, rules)
    applied = [p for p in ledger.payments if p.on == received_on][-1]
    uow.enforcement.add_proceeds(
        case_id=case_id,
        received_on=received_on,
        amount=amount,
        source=origin.value,
        applied={k: str(v) for k, v in applied.paid.items() if v},
        created_at=now,
    )
    payload = {"amount": str(amount), "source": source, "surplus": str(applied.surplus)}
    uow.audit.append_for_case(
        actor, case_id=case_id, action="proceeds.received", payload=payload, at=now
    )
    buckets = ledger.bucket_paid(applied)
    return {
        "account_id": account_id,
        "applied": {k: str(v) for k, v in buckets.items()},
        "outstanding": str(ledger.outstanding),
        "surplus": str(applied.surplus),
        "fully_paid": ledger.outstanding == 0,
    }
