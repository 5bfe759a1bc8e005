"""Four eyes: a proposal to overrule, to claim charges or to re-open, and its second person.

The maker's proposal changes nothing on the case; a different legal-staff user approves it
(then it is carried out, as the maker proposed it, on the case as the maker saw it) or
declines it. Every step is in the audit log with both names (domain.four_eyes).
"""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import insert, select, update

from legal_flows.domain.access import User, may_see_case
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.four_eyes import (
    ProposalKind,
    ProposalStatus,
    check_checker,
    reopen_target,
)
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import may_decide
from legal_flows.services.errors import CaseNotFound, ConflictError, InputError, NotVisible
from legal_flows.services.review.manual import ManualDecision, decide_case, not_decidable
from legal_flows.store.audit import Actor
from legal_flows.store.tables import CASE
from legal_flows.store.tables_control import PROPOSAL
from legal_flows.store.uow import UnitOfWork


@dataclass(frozen=True)
class Deciding:
    """What carrying out an approved decision proposal needs (the review's own inputs)."""

    as_of: date
    policy: Policy
    calendar: WorkCalendar
    tz: tzinfo


def propose(
    uow: UnitOfWork,
    *,
    kind: ProposalKind,
    proposed_by: str,
    reason: str,
    now: datetime,
    tz: tzinfo,
    account_id: str | None = None,
    case_id: int | None = None,
    viewer: User | None = None,
    action: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Record a proposal for a second person; refused now if it could not be carried out."""
    if not proposed_by.strip() or not reason.strip():
        raise InputError("a proposal needs the proposer's name and a reason")
    case = _case(uow, case_id=case_id, account_id=account_id, viewer=viewer)
    values = dict(action or {})
    if kind == ProposalKind.REOPEN:
        closed = uow.audit.last_for_case(case.account_id, "case.closed")
        values["to"] = reopen_target(case.stage, closed["stage"][0] if closed else None).value
    elif not may_decide(case.stage, overrule=kind == ProposalKind.OVERRULE):
        raise not_decidable(uow, case, tz)
    new = uow.session.execute(
        insert(PROPOSAL)
        .values(
            case_id=case.id,
            kind=kind.value,
            action=values,
            case_version=case.version,
            proposed_by=proposed_by,
            reason=reason,
            proposed_at=now,
            status=ProposalStatus.PENDING.value,
        )
        .returning(PROPOSAL.c.id)
    ).scalar_one()
    payload = {"proposal": new, "kind": kind.value, "action": values, "reason": reason}
    uow.audit.append_for_case(
        Actor(proposed_by), case_id=case.id, action="proposal.made", payload=payload, at=now
    )
    return {
        "proposal_id": new,
        "account_id": case.account_id,
        "kind": kind.value,
        "status": ProposalStatus.PENDING.value,
        "proposed_by": proposed_by,
        "needs": "a different legal-staff user to approve or decline it",
    }


def answer(
    uow: UnitOfWork,
    *,
    proposal_id: int,
    approve: bool,
    checker: str,
    reason: str,
    now: datetime,
    deciding: Deciding,
    viewer: User | None = None,
) -> dict[str, Any]:
    """The second person approves (the proposal is carried out) or declines it."""
    row = uow.session.execute(
        select(PROPOSAL).where(PROPOSAL.c.id == proposal_id).with_for_update()
    ).first()
    if row is None:
        raise InputError("no proposal with id {proposal_id}", proposal_id=proposal_id)
    case = _case(uow, case_id=row.case_id, viewer=viewer)
    check_checker(proposed_by=row.proposed_by, checker=checker, status=row.status)
    if not approve and not reason.strip():
        raise InputError("declining needs a reason")
    outcome: dict[str, Any] = {}
    if approve:
        if case.version != row.case_version:
            raise ConflictError(
                "case {account} changed since proposal {proposal_id} was made: "
                "decline it and propose again on the case as it is now",
                account=case.account_id,
                proposal_id=proposal_id,
            )
        outcome = _carry_out(uow, row, case, checker=checker, now=now, deciding=deciding)
    status = ProposalStatus.APPROVED if approve else ProposalStatus.DECLINED
    uow.session.execute(
        update(PROPOSAL)
        .where(PROPOSAL.c.id == proposal_id)
        .values(status=status.value, checked_by=checker, check_reason=reason, checked_at=now)
    )
    payload = {"proposal": proposal_id, "kind": row.kind, "by": row.proposed_by, "reason": reason}
    uow.audit.append_for_case(
        Actor(checker), case_id=case.id, action=f"proposal.{status.value}", payload=payload, at=now
    )
    return {"proposal_id": proposal_id, "status": status.value, "checked_by": checker, **outcome}


def pending(uow: UnitOfWork) -> list[dict[str, Any]]:
    query = (
        select(PROPOSAL, CASE.c.account_id)
        .join(CASE, CASE.c.id == PROPOSAL.c.case_id)
        .where(PROPOSAL.c.status == ProposalStatus.PENDING.value)
        .order_by(PROPOSAL.c.id)
    )
    return [
        {
            "id": r.id,
            "account_id": r.account_id,
            "case_id": r.case_id,
            "kind": r.kind,
            "kind_words": ProposalKind(r.kind).words,
            "action": r.action,
            "proposed_by": r.proposed_by,
            "reason": r.reason,
            "proposed_at": r.proposed_at.isoformat(timespec="minutes"),
        }
        for r in uow.session.execute(query)
    ]


def _carry_out(
    uow: UnitOfWork, row: Any, case: Any, *, checker: str, now: datetime, deciding: Deciding
) -> dict[str, Any]:
    kind = ProposalKind(row.kind)
    if kind == ProposalKind.REOPEN:
        target = reopen_target(case.stage, row.action["to"])
        uow.cases.update(case.id, now=now, stage=target.value)
        reopened = uow.deadlines.reopen_closed(case.id)
        payload = {
            "stage": [case.stage, target.value],
            "proposed_by": row.proposed_by,
            "deadlines": reopened,
        }
        uow.audit.append_for_case(
            Actor(checker), case_id=case.id, action="case.reopened", payload=payload, at=now
        )
        return {"stage": target.value}
    decided: ManualDecision = decide_case(
        uow,
        case_id=case.id,
        approve=bool(row.action["approve"]),
        reviewer=row.proposed_by,
        reason=f"{row.reason}（复核：{checker}）",
        as_of=deciding.as_of,
        now=now,
        policy=deciding.policy,
        calendar=deciding.calendar,
        tz=deciding.tz,
        overrule=kind == ProposalKind.OVERRULE,
        allow_charges=bool(row.action.get("allow_charges")),
        expected_version=row.case_version,
        checked_by=checker,
    )
    return {"stage": decided.stage, "outcome": decided.outcome}


def _case(
    uow: UnitOfWork,
    *,
    case_id: int | None = None,
    account_id: str | None = None,
    viewer: User | None = None,
) -> Any:
    case = uow.cases.find(id=case_id, account_id=account_id, lock=True)
    if viewer is not None and (
        case is None or not may_see_case(viewer.role, viewer.id, case.lawyer_id)
    ):
        raise NotVisible("case {case}", case=case_id if case_id is not None else account_id)
    if case is None:
        raise CaseNotFound(str(account_id or case_id))
    return case
