"""A named reviewer decides a case (审查决定): approve or reject, with a written reason."""

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import insert

from legal_flows.domain.access import User, may_see_case
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.eligibility import ReviewDecision, review_case
from legal_flows.domain.four_eyes import needs_second_person
from legal_flows.domain.policy import Policy
from legal_flows.domain.reasons import Label, Outcome, Reason
from legal_flows.domain.stages import OVERRULABLE, may_decide, reviewer_target
from legal_flows.services.errors import CaseNotFound, ConflictError, InputError, NotVisible
from legal_flows.services.review.automatic import decision_values
from legal_flows.services.review.facts import (
    case_rows,
    collections_by_case,
    creditor_facts,
    to_facts,
)
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import DECISION
from legal_flows.store.uow import UnitOfWork


@dataclass(frozen=True)
class ManualDecision:
    account_id: str
    outcome: str
    stage: str
    version: int


def decide_case(
    uow: UnitOfWork,
    *,
    approve: bool,
    reviewer: str,
    reason: str,
    as_of: date,
    now: datetime,
    policy: Policy,
    calendar: WorkCalendar,
    tz: tzinfo,
    account_id: str | None = None,
    case_id: int | None = None,
    viewer: User | None = None,
    overrule: bool = False,
    allow_charges: bool = False,
    expected_version: int | None = None,
    checked_by: str | None = None,
) -> ManualDecision:
    """Record a reviewer's decision on the case with this account or id; a case someone
    else decided first raises ConflictError; a `viewer` who may not see the case is answered
    as if it did not exist (NotVisible), checked on the locked row.

    The rules are applied again as of the decision date, so the decision row carries the
    claim, procedure and flags that hold when the reviewer signs (with charges, if allowed).

    An overrule, or leave to claim charges, is carried out only with a second person's
    approval (`checked_by`, services.review.proposals): without it, it is refused.
    """
    if not reviewer.strip() or not reason.strip():
        raise InputError("a decision needs the reviewer's name and a reason")
    if needs_second_person(overrule=overrule, allow_charges=allow_charges) and not checked_by:
        raise ConflictError(
            "overruling a decision or claiming charges without proven notice needs a second "
            "person: propose it, and a different legal-staff user approves it"
        )
    # FOR UPDATE (PostgreSQL): a second reviewer waits for the first to commit, then sees the
    # case already decided; SQLite's writer lock does the same there.
    case = uow.cases.find(id=case_id, account_id=account_id, lock=True)
    if viewer is not None and (
        case is None or not may_see_case(viewer.role, viewer.id, case.lawyer_id)
    ):
        raise NotVisible("case {case}", case=case_id if case_id is not None else account_id)
    if case is None:
        raise CaseNotFound(str(account_id))
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(
            "case {account} changed since you read it (version {read}, now {now}): "
            "reload and decide again",
            account=case.account_id,
            read=expected_version,
            now=case.version,
        )
    if not may_decide(case.stage, overrule=overrule):
        raise not_decidable(uow, case, tz)
    outcome = Outcome.APPROVED if approve else Outcome.REJECTED
    target = reviewer_target(case.stage, outcome)
    allowed = allow_charges or case.charges_allowed_by_reviewer
    automatic = _rules_as_of(uow, case, as_of, policy, calendar, allow_charges=allowed)
    verdict = Reason(
        "reviewer",
        "{outcome} by {reviewer}: {reason}",
        "bank litigation policy: manual review",
        values={
            "outcome": Label("decision", outcome.value),
            "reviewer": reviewer,
            "reason": reason,
        },
    )
    values = decision_values(case.id, automatic)
    values |= {"outcome": outcome.value, "reasons": [*values["reasons"], verdict.as_dict()]}
    decision_id = uow.session.execute(
        insert(DECISION)
        .values(**values, decided_by=reviewer, reviewer_reason=reason, as_of=as_of, decided_at=now)
        .returning(DECISION.c.id)
    ).scalar_one()
    version = uow.cases.update_version(
        case.id,
        case.version,
        now=now,
        stage=target.value,
        outcome=outcome.value,
        decision_id=decision_id,
        charges_allowed_by_reviewer=allowed,
    )
    if version is None:
        raise ConflictError(
            "case {account} was decided by someone else at the same moment: reload it",
            account=case.account_id,
        )
    payload = {"stage": [case.stage, target.value], "allow_charges": allowed, "reason": reason}
    if checked_by:
        payload["checked_by"] = checked_by
    entry = AuditEntry("case.decided", "case", case.account_id, payload)
    uow.audit.append(Actor(reviewer), [entry], at=now)
    return ManualDecision(case.account_id, outcome.value, target.value, version)


def not_decidable(uow: UnitOfWork, case: Any, tz: tzinfo) -> ConflictError:
    """The refusal of a decision on a case already decided (by whom, when), with the way on
    where there is one; four whole sentences, so each translates as one."""
    previous = uow.cases.decision(case.decision_id)
    values: dict[str, Any] = {"account": case.account_id, "stage": case.stage}
    overrulable = case.stage in OVERRULABLE
    if previous is None:
        if overrulable:
            return ConflictError(
                "case {account} is not awaiting a decision: it is {stage}; propose an overrule "
                "(--overrule) for a second person to approve",
                **values,
            )
        return ConflictError("case {account} is not awaiting a decision: it is {stage}", **values)
    # The time as text: a datetime value would be said as a date only.
    values |= {
        "by": previous.decided_by,
        "at": f"{previous.decided_at.astimezone(tz):%Y-%m-%d %H:%M}",
    }
    if overrulable:
        return ConflictError(
            "case {account} is not awaiting a decision: it is {stage} by {by} at {at}; propose "
            "an overrule (--overrule) for a second person to approve",
            **values,
        )
    return ConflictError(
        "case {account} is not awaiting a decision: it is {stage} by {by} at {at}", **values
    )


def _rules_as_of(
    uow: UnitOfWork,
    case: Any,
    as_of: date,
    policy: Policy,
    calendar: WorkCalendar,
    *,
    allow_charges: bool,
) -> ReviewDecision:
    session = uow.session
    row = case_rows(uow, [case.id])[0]
    events = collections_by_case(uow, [case.id]).get(case.id, ())
    facts = to_facts(row, events, creditor_facts(session))
    facts = dataclasses.replace(facts, charges_allowed_by_reviewer=allow_charges)
    return review_case(facts, policy=policy, as_of=as_of, calendar=calendar)
