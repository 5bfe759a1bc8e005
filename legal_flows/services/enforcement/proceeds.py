"""Money received, and the debt ledger it is applied in: what a case owes on a day."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from legal_flows.domain.court import CourtEvent
from legal_flows.domain.distribution import ProceedsSource
from legal_flows.domain.errors import Told
from legal_flows.domain.fees import costs_borne_by_debtor, costs_in_proportion, filing_fee
from legal_flows.domain.instrument import InstrumentKind
from legal_flows.domain.ledger import LABELS, Debt, Ledger, LedgerRules, Payment, debt_ledger
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.court.instrument import Instrument, claim_as_awarded, instrument_from
from legal_flows.services.errors import ConflictError, InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork

# 交纳办法 §15: a case ending in mediation or withdrawal pays half the filing fee.
_ENDED_BY = {
    CourtEvent.MEDIATION.value: "mediation",
    CourtEvent.WITHDRAWAL.value: "withdrawal",
}
# Plain strings: the report runs these comparisons for every event of every case.
_REGISTERED = CourtEvent.REGISTERED.value
_PRESERVATION_RULED = CourtEvent.PRESERVATION_RULED.value
_EFFECTIVE = CourtEvent.EFFECTIVE.value
_ENFORCEMENT_REGISTERED = CourtEvent.ENFORCEMENT_REGISTERED.value


def case_debt(uow: UnitOfWork, case_id: int, *, cost_cap: Decimal, for_court: bool = False) -> Debt:
    """What the ledger starts from, for one case (see debt_from). `for_court`: the debt as a
    paper to the court states it — only what the instrument on record ordered, no estimate."""
    case = uow.cases.find(id=case_id)
    decision = uow.cases.decision(case.decision_id if case else None)
    if case is None or decision is None:
        raise ConflictError("the case has no decision in force: nothing is claimed yet")
    realised = [Payment(r.ruling_on, r.price) for r in uow.enforcement.sale_rulings(case_id)]
    return debt_from(
        case,
        decision,
        uow.events.rows(case_id),
        cost_cap=cost_cap,
        realised=realised,
        estimate_costs=not for_court,
    )


def debt_from(
    case: Any,
    decision: Any,
    events: Sequence[Any],
    *,
    cost_cap: Decimal,
    terms: dict[int, dict[str, Any]] | None = None,
    realised: Sequence[Payment] = (),
    estimate_costs: bool = True,
) -> Debt:
    """What the ledger starts from: the recorded instrument's terms; without them the claim
    of the decision in force taken as awarded, with the court costs the debtor bears (the
    filing fee by the procedure the court used, the preservation fee on what was preserved).
    `events` are the case's court event rows (the report passes them in bulk, with the
    instruments' `terms` by event id)."""
    ordered = sorted(events, key=lambda e: (e.occurred_on, e.id))
    instrument = instrument_from(ordered, terms)
    estimated = False
    if instrument is None or instrument.terms is None or not instrument.terms.costs_stated:
        costs = costs_borne_by_debtor(
            decision.claim_total,
            procedure=_procedure(ordered, instrument, decision.procedure),
            ended_by=_ended_by(ordered),
            preserved=_preserved(ordered, decision.claim_total),
        )
    if instrument is not None and instrument.terms is not None:
        awarded = instrument.terms
        if not awarded.costs_stated and estimate_costs:  # 交纳办法 §29: an estimate
            award = awarded.award
            won = award.principal + award.interest + award.penalty + award.fees
            share = costs_in_proportion(costs, awarded=won, claimed=decision.claim_total)
            awarded = replace(awarded, award=replace(award, costs=share))
            estimated = True
    else:
        awarded = claim_as_awarded(
            decision,
            annual_rate=case.annual_rate,
            balance_date=case.balance_date,
            cost_cap=cost_cap,
            costs=costs,
        )
    first: dict[str, date] = {}
    for e in ordered:
        first.setdefault(e.code, e.occurred_on)
    if instrument is None:
        return Debt(awarded, "起诉状诉讼请求（尚无生效法律文书）", None, None)
    return Debt(
        awarded,
        f"{instrument.case_no or case.court_case_no or ''}{instrument.kind.words}",
        first.get(_EFFECTIVE),
        first.get(_ENFORCEMENT_REGISTERED),
        tuple(realised),
        costs_estimated=estimated,
    )


def filing_fee_charged(decision: Any, events: Sequence[Any]) -> Decimal:
    """The filing fee as the court charges it on the case's history (the procedure it used,
    a mediation or withdrawal, a payment order; 交纳办法 §§14-16)."""
    ordered = sorted(events, key=lambda e: (e.occurred_on, e.id))
    instrument = instrument_from(ordered)
    return filing_fee(
        decision.claim_total,
        procedure=_procedure(ordered, instrument, decision.procedure),
        ended_by=_ended_by(ordered),
    )


def _ended_by(events: Sequence[Any]) -> str:
    """交纳办法 §15: how the case ended, if by mediation or withdrawal (the fee is halved)."""
    return next((_ENDED_BY[e.code] for e in events if e.code in _ENDED_BY), "")


def _procedure(events: Sequence[Any], instrument: Instrument | None, predicted: str) -> str:
    """交纳办法 §14(3): a third for a payment order; else the procedure the court recorded at
    registration (§16 halves simplified and small claims), else the review's prediction."""
    if instrument is not None and instrument.kind == InstrumentKind.PAYMENT_ORDER:
        return "payment_order"
    used = [e.procedure for e in events if e.code == _REGISTERED and e.procedure]
    return used[-1] if used else predicted


def _preserved(events: Sequence[Any], claim: Decimal) -> Decimal | None:
    """交纳办法 §14(2): the amount the ruling preserved (the claim when none was recorded)."""
    ruled = [e for e in events if e.code == _PRESERVATION_RULED]
    if not ruled:
        return None
    amounts = [e.amount for e in ruled if e.amount is not None]
    return amounts[-1] if amounts else claim


def payments_of(uow: UnitOfWork, case_id: int) -> list[Payment]:
    return [
        Payment(r.received_on, r.amount, r.source == ProceedsSource.AUCTION.value)
        for r in uow.enforcement.proceeds_of(case_id)
    ]


def balance(
    uow: UnitOfWork, case_id: int, *, as_of: date, rules: LedgerRules, for_court: bool = False
) -> Ledger:
    """The case's ledger on `as_of`: every charge to that day, every payment applied (as a
    paper to the court states it with `for_court`: no estimated costs)."""
    debt = case_debt(uow, case_id, cost_cap=rules.cost_cap, for_court=for_court)
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
    origin = choice(ProceedsSource, source, Told("source"))
    if amount <= 0:
        raise InputError("an amount received must be positive")
    case_id = case_id_of(uow, account_id)
    debt = case_debt(uow, case_id, cost_cap=rules.cost_cap)
    payments = payments_of(uow, case_id)
    new = Payment(received_on, amount, origin == ProceedsSource.AUCTION)
    ledger = debt_ledger(debt, [*payments, new], received_on, rules)
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
