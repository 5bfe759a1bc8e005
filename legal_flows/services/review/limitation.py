"""The limitation deadline a review sets (LIM-01), and the same computed on another calendar."""

from typing import Any

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import DeadlineKind, Source

# The review's own limitation rule: the default date plus the last repayment, then every
# interruption.
from legal_flows.domain.eligibility import limitation_of
from legal_flows.domain.limitation import LIMITATION_CITATION, LimitationStatus
from legal_flows.services.review.facts import case_rows, collections_by_case, to_facts
from legal_flows.store.deadlines import DeadlineIn
from legal_flows.store.uow import UnitOfWork


def limitation_row(case_id: int, limitation: LimitationStatus) -> DeadlineIn:
    """LIM-01's expiry as a deadline row, so the daily sweep finds it by due date."""
    kind = DeadlineKind.LIMITATION.value
    return DeadlineIn(
        kind=kind,
        due_on=limitation.expires_on,
        citation=LIMITATION_CITATION,
        source=Source.CASE,
        source_id=case_id,
        note=limitation.note or None,
    )


def limitation_rows(uow: UnitOfWork, case: Any, calendar: WorkCalendar) -> list[DeadlineIn]:
    """The case's limitation deadline as its review in force computed it (its facts, on its
    as-of date) but on `calendar`; none without a decision."""
    decision = uow.cases.decision(case.decision_id)
    if decision is None:
        return []
    row = case_rows(uow, [case.id])[0]
    collections = collections_by_case(uow, [case.id]).get(case.id, ())
    facts = to_facts(row, collections, {})  # the creditor's facts do not bear on limitation
    return [limitation_row(case.id, limitation_of(facts, decision.as_of, calendar))]
