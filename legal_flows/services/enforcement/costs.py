"""The bank's costs of a case: recorded as paid, summed with what the court owes back, and
the net recovery against the ledger's money received."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from legal_flows.domain.costs import CostEntry, CostKind, cost_summary, net_recovery
from legal_flows.domain.errors import Told
from legal_flows.domain.ledger import LedgerRules
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.enforcement.proceeds import balance, filing_fee_charged
from legal_flows.services.errors import ConflictError, InputError, choice
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork


def record_cost(
    uow: UnitOfWork,
    *,
    account_id: str,
    kind: str,
    amount: Decimal,
    on: date,
    note: str = "",
    actor: Actor,
    now: datetime,
) -> dict[str, Any]:
    """One cost paid (or a refund received) on a day; the same entry twice is two payments,
    so the caller records each payment once (the audit keeps who and when)."""
    cost = choice(CostKind, kind, Told("cost kind"))
    if amount <= 0:
        raise InputError("--amount: a cost or refund is a positive amount")
    case_id = case_id_of(uow, account_id)
    new = uow.enforcement.add_cost(
        case_id=case_id,
        kind=cost.value,
        amount=amount,
        paid_on=on,
        note=note.strip()[:200],
        recorded_by=actor.name,
        created_at=now,
    )
    payload = {"kind": cost.value, "amount": str(amount), "on": on.isoformat()}
    uow.audit.append_for_case(
        actor, case_id=case_id, action="cost.recorded", payload=payload, at=now
    )
    return {"id": new, "account_id": account_id, **payload}


def cost_detail(
    uow: UnitOfWork, *, account_id: str, as_of: date, rules: LedgerRules
) -> dict[str, Any]:
    """`costs show --json`: the entries; what the bank paid by kind, got back and is owed
    back; what the debtor was ordered to bear and has paid of it; the net recovery."""
    case_id = case_id_of(uow, account_id)
    case = uow.cases.find(id=case_id)
    decision = uow.cases.decision(case.decision_id if case else None)
    if decision is None:
        raise ConflictError("the case has no decision in force: nothing is claimed yet")
    rows = uow.enforcement.costs_of(case_id)
    entries = [CostEntry(CostKind(r.kind), r.amount, r.paid_on) for r in rows]
    charged = filing_fee_charged(decision, uow.events.rows(case_id))
    summary = cost_summary(entries, filing_fee_charged=charged)
    ledger = balance(uow, case_id, as_of=as_of, rules=rules)
    kept = ledger.paid("enforcement_fee")
    return {
        "account_id": account_id,
        "as_of": as_of.isoformat(),
        "entries": [
            {
                "kind": r.kind,
                "label": CostKind(r.kind).words,
                "amount": str(r.amount),
                "on": r.paid_on.isoformat(),
                "note": r.note,
            }
            for r in rows
        ],
        "outlays": {k: str(v) for k, v in summary.outlays.items()},
        "refunded": str(summary.refunded),
        "filing_fee_charged": str(charged),
        "refund_due": str(summary.refund_due),
        "spent": str(summary.spent),
        "borne_by_debtor": str(ledger.charged("costs")),
        "recovered_from_debtor": str(ledger.paid("costs")),
        "received": str(ledger.received),
        "court_kept": str(kept),
        "net_recovery": str(net_recovery(ledger.received, court_kept=kept, spent=summary.spent)),
    }
