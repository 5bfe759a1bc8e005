"""A named reviewer decides a case (审查决定): approve or reject, with a written reason."""

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.eligibility import ReviewDecision, review_case
from legal_flows.domain.policy import Policy
from legal_flows.domain.reasons import Outcome, Reason
from legal_flows.domain.stages import OVERRULABLE, Stage, check_transition, may_decide
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.errors import CaseNotFound, ConflictError, InputError
from legal_flows.services.review.automatic import decision_values
from legal_flows.services.review.facts import (
    case_rows,
    collections_by_case,
    creditors_with_agents,
    to_facts,
)
from legal_flows.settings import local_time
from legal_flows.store.tables import CaseRow, DecisionRow


@dataclass(frozen=True)
class ManualDecision:
    account_id: str
    outcome: str
    stage: str
    version: int


def decide_case(
    session: Session,
    *,
    account_id: str,
    approve: bool,
    reviewer: str,
    reason: str,
    as_of: date,
    now: datetime,
    policy: Policy,
    calendar: WorkCalendar,
    overrule: bool = False,
    allow_charges: bool = False,
    expected_version: int | None = None,
) -> ManualDecision:
    """Record a reviewer's decision; a case someone else decided first raises ConflictError.

    The rules are applied again as of the decision date, so the decision row carries the
    claim, procedure and flags that hold when the reviewer signs (with charges, if allowed).
    """
    if not reviewer.strip() or not reason.strip():
        raise InputError("a decision needs the reviewer's name and a reason")
    # FOR UPDATE (PostgreSQL): a second reviewer waits for the first to commit, then sees the
    # case already decided; SQLite's writer lock does the same there.
    query = select(CaseRow).where(CaseRow.account_id == account_id).with_for_update()
    case = session.exec(query).first()
    if case is None:
        raise CaseNotFound(account_id)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"case {account_id} changed since you read it (version {expected_version}, "
            f"now {case.version}): reload and decide again"
        )
    if not may_decide(case.stage, overrule=overrule):
        raise ConflictError(_not_decidable(session, case))
    outcome = Outcome.APPROVED if approve else Outcome.REJECTED
    target = Stage(outcome.value)
    if case.stage != target:  # re-approving with --allow-charges keeps the stage
        check_transition(case.stage, target)
    allowed = allow_charges or case.charges_allowed_by_reviewer
    automatic = _rules_as_of(session, case, as_of, policy, calendar, allow_charges=allowed)
    verdict = Reason(
        "reviewer",
        f"{outcome.value} by {reviewer}: {reason}",
        "bank litigation policy: manual review",
    )
    values = decision_values(case.id, automatic)  # type: ignore[arg-type]
    values |= {"outcome": outcome.value, "reasons": [*values["reasons"], verdict.as_dict()]}
    row = DecisionRow(
        **values, decided_by=reviewer, reviewer_reason=reason, as_of=as_of, decided_at=now
    )
    session.add(row)
    session.flush()
    stage_before = case.stage
    case.stage, case.outcome, case.decision_id = target.value, outcome.value, row.id
    case.charges_allowed_by_reviewer = allowed
    case.updated_at = now
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(
            f"case {account_id} was decided by someone else at the same moment: reload it"
        ) from None
    payload = {"stage": [stage_before, case.stage], "allow_charges": allowed, "reason": reason}
    record(
        session, Actor(reviewer), [AuditEntry("case.decided", "case", account_id, payload)], at=now
    )
    return ManualDecision(account_id, outcome.value, case.stage, case.version)


def _not_decidable(session: Session, case: CaseRow) -> str:
    previous = session.get(DecisionRow, case.decision_id) if case.decision_id else None
    by = ""
    if previous is not None:
        by = f" by {previous.decided_by} at {local_time(previous.decided_at):%Y-%m-%d %H:%M}"
    hint = "; pass --overrule to change that decision" if case.stage in OVERRULABLE else ""
    return f"case {case.account_id} is not awaiting a decision: it is {case.stage}{by}{hint}"


def _rules_as_of(
    session: Session,
    case: CaseRow,
    as_of: date,
    policy: Policy,
    calendar: WorkCalendar,
    *,
    allow_charges: bool,
) -> ReviewDecision:
    case_id: int = case.id  # type: ignore[assignment]
    row = case_rows(session, [case_id])[0]
    events = collections_by_case(session, [case_id]).get(case_id, ())
    facts = to_facts(row, events, case.creditor_id in creditors_with_agents(session))
    facts = dataclasses.replace(facts, charges_allowed_by_reviewer=allow_charges)
    return review_case(facts, policy=policy, as_of=as_of, calendar=calendar)
