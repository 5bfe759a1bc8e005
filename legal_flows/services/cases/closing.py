"""Closing a case with its outcome: recovered, partly recovered, uncollectable, settled."""

from datetime import date, datetime

from legal_flows.domain.distribution import Closing, check_paid_in_full
from legal_flows.domain.errors import Told
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.stages import check_transition
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.enforcement.proceeds import balance
from legal_flows.services.errors import choice
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork


def close_case(
    uow: UnitOfWork,
    *,
    account_id: str,
    outcome: str,
    actor: Actor,
    now: datetime,
    on: date,
    rules: LedgerRules,
) -> str:
    """Close with an outcome on a day; `recovered` only when the ledger is zero that day
    (its continuing and doubled interest grow until the day the money comes)."""
    closing = choice(Closing, outcome, Told("closing"))
    case = the_case(uow, account_id=account_id, lock=True)
    # The move is checked before the money: closing a case still in court says so first.
    target = check_transition(case.stage, closing.stage)
    if closing.needs_nothing_outstanding:
        owed = balance(uow, case.id, as_of=on, rules=rules).outstanding
        check_paid_in_full(owed, account_id=account_id)
    uow.cases.move(case.id, case.stage, target, now=now)
    # Nothing more is asked of a closed case: no stale deadline stays before the lawyer.
    closed = uow.deadlines.close_unsettled(case.id)
    payload = {"stage": [case.stage, target.value], "on": on.isoformat(), "deadlines": closed}
    uow.audit.append_for_case(actor, case_id=case.id, action="case.closed", payload=payload, at=now)
    return target.value
