"""A named reviewer decides a case (审查决定): approve or reject, with a written reason."""

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.claims import Claim
from legal_flows.domain.eligibility import review_case
from legal_flows.domain.policy import Policy
from legal_flows.domain.reasons import Effect, Outcome, Reason
from legal_flows.domain.stages import Stage, check_transition
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.errors import CaseNotFound, ConflictError, InputError
from legal_flows.services.facts import (
    case_rows,
    collections_by_case,
    creditors_with_agents,
    to_facts,
)
from legal_flows.settings import local_time
from legal_flows.store.tables import CaseRow, DecisionRow

_OPEN_FOR_OVERRULE = (Stage.APPROVED.value, Stage.REJECTED.value)


@dataclass(frozen=True)
class ManualDecision:
    account_id: str
    outcome: str
    stage: str
    version: int


def latest_decision(session: Session, case_id: int) -> DecisionRow | None:
    query = select(DecisionRow).where(DecisionRow.case_id == case_id)
    return session.exec(query.order_by(DecisionRow.id.desc())).first()  # type: ignore[union-attr]


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
    """Record a reviewer's decision; a case someone else decided first raises ConflictError."""
    if not reviewer.strip() or not reason.strip():
        raise InputError("a decision needs the reviewer's name and a reason")
    case = session.exec(select(CaseRow).where(CaseRow.account_id == account_id)).first()
    if case is None:
        raise CaseNotFound(account_id)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            f"case {account_id} changed since you read it (version {expected_version}, "
            f"now {case.version}): reload and decide again"
        )
    previous = latest_decision(session, case.id)  # type: ignore[arg-type]
    if case.stage != Stage.MANUAL_REVIEW and not (overrule and case.stage in _OPEN_FOR_OVERRULE):
        by = (
            f" by {previous.decided_by} at {local_time(previous.decided_at):%Y-%m-%d %H:%M}"
            if previous
            else ""
        )
        hint = (
            "; pass --overrule to change that decision" if case.stage in _OPEN_FOR_OVERRULE else ""
        )
        raise ConflictError(
            f"case {account_id} is not awaiting a decision: it is {case.stage}{by}{hint}"
        )
    outcome = Outcome.APPROVED if approve else Outcome.REJECTED
    target = Stage(outcome.value)
    if case.stage != target:  # re-approving with --allow-charges keeps the stage
        check_transition(case.stage, target)
    if allow_charges:
        claim = _claim_with_charges(session, case, as_of=as_of, policy=policy, calendar=calendar)
        case.charges_allowed_by_reviewer = True
        case.claim_principal, case.claim_interest = claim.principal, claim.interest
        case.claim_penalty, case.claim_fees, case.claim_total = (
            claim.penalty,
            claim.fees,
            claim.total,
        )
    stage_before = case.stage
    case.stage, case.outcome = target.value, outcome.value
    case.updated_at = now
    carried = [r for r in (previous.reasons if previous else []) if r.get("code") != "reviewer"]
    verdict = Reason(
        "reviewer",
        f"{'approved' if approve else 'rejected'} by {reviewer}: {reason}",
        "bank litigation policy: manual review",
        Effect.INFO,
    )
    session.add(
        DecisionRow(
            case_id=case.id,  # type: ignore[arg-type]
            outcome=outcome.value,
            decided_by=reviewer,
            reviewer_reason=reason,
            reasons=[*carried, verdict.as_dict()],
            as_of=as_of,
            claim_total=case.claim_total or case.principal,
            decided_at=now,
        )
    )
    payload = {
        "stage": [stage_before, case.stage],
        "reason": reason,
        "allow_charges": allow_charges,
    }
    entry = AuditEntry("case.decided", "case", account_id, payload)
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(
            f"case {account_id} was decided by someone else at the same moment: reload it"
        ) from None
    record(session, Actor(reviewer), [entry], at=now)
    return ManualDecision(account_id, outcome.value, case.stage, case.version)


def _claim_with_charges(
    session: Session, case: CaseRow, *, as_of: date, policy: Policy, calendar: WorkCalendar
) -> Claim:
    """The reviewer lets the charges be claimed despite unproven 提示说明: still capped (INT-01)."""
    case_id: int = case.id  # type: ignore[assignment]
    row = case_rows(session, [case_id], [case.stage])[0]
    events = collections_by_case(session, [case_id]).get(case_id, ())
    facts = to_facts(row, events, case.creditor_id in creditors_with_agents(session))
    facts = dataclasses.replace(facts, charges_allowed_by_reviewer=True)
    return review_case(facts, policy=policy, as_of=as_of, calendar=calendar).claim
