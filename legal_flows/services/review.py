"""Eligibility review: automatic decisions in chunks, and a named reviewer's decisions."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.eligibility import ReviewDecision, review_case
from legal_flows.domain.errors import DomainError
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import AWAITING_REVIEW, Stage, check_transition
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.errors import ConflictError
from legal_flows.services.facts import (
    case_rows,
    collections_by_case,
    creditors_with_agents,
    to_facts,
)
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, DecisionRow

_CASE = CaseRow.__table__  # type: ignore[attr-defined]
_DECISION = DecisionRow.__table__  # type: ignore[attr-defined]
_AWAITING = [s.value for s in AWAITING_REVIEW]


@dataclass
class ChunkResult:
    reviewed: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (account_id, why)

    def merge(self, other: "ChunkResult") -> None:
        self.reviewed += other.reviewed
        self.outcomes.update(other.outcomes)
        self.reasons.update(other.reasons)
        self.failed.extend(other.failed)


def pending_case_ids(session: Session) -> list[int]:
    """Cases waiting for an automatic review, oldest first."""
    query = select(_CASE.c.id).where(_CASE.c.stage.in_(_AWAITING)).order_by(_CASE.c.id)
    return list(session.execute(query).scalars())


@dataclass(frozen=True)
class _Planned:
    row: Any
    decision: ReviewDecision
    stages: list[Stage]


def review_chunk(
    engine: Engine,
    *,
    case_ids: Sequence[int],
    as_of: date,
    actor: Actor,
    now: datetime,
    policy: Policy,
    calendar: WorkCalendar,
) -> ChunkResult:
    """Decide a chunk in one transaction; a case that fails is reported and left unreviewed."""
    result = ChunkResult()
    with session_scope(engine) as session:
        rows = case_rows(session, case_ids, _AWAITING)
        events = collections_by_case(session, case_ids)
        agents = creditors_with_agents(session)
    planned = []
    for row in rows:
        try:
            facts = to_facts(row, events.get(row.id, ()), row.creditor_id in agents)
            decision = review_case(facts, policy=policy, as_of=as_of, calendar=calendar)
            path = [Stage.REVIEW] if row.stage == Stage.INTAKE else []
            path.append(Stage(decision.outcome.value))
            check_transition(row.stage, path[0])
            for a, b in pairwise(path):
                check_transition(a, b)
            planned.append(_Planned(row, decision, path))
        except (DomainError, ArithmeticError, ValueError, TypeError) as exc:
            result.failed.append((row.account_id, f"{type(exc).__name__}: {exc}"))
    try:
        with session_scope(engine) as session:
            _write(session, planned, as_of=as_of, actor=actor, now=now)
    except (SQLAlchemyError, ConflictError):
        # Fall back to one savepoint per case so one bad case cannot sink its whole chunk.
        planned = _write_one_by_one(
            engine, planned, as_of=as_of, actor=actor, now=now, result=result
        )
    for plan in planned:
        result.reviewed += 1
        result.outcomes[plan.decision.outcome.value] += 1
        result.reasons.update(r.code for r in plan.decision.reasons)
    return result


def _write_one_by_one(
    engine: Engine,
    planned: list[_Planned],
    *,
    as_of: date,
    actor: Actor,
    now: datetime,
    result: ChunkResult,
) -> list[_Planned]:
    done = []
    with session_scope(engine) as session:
        for plan in planned:
            try:
                with session.begin_nested():
                    _write(session, [plan], as_of=as_of, actor=actor, now=now)
                done.append(plan)
            except (SQLAlchemyError, ConflictError) as exc:
                why = str(exc).splitlines()[0]
                result.failed.append((plan.row.account_id, f"{type(exc).__name__}: {why}"))
    return done


def _write(
    session: Session,
    planned: list[_Planned],
    *,
    as_of: date,
    actor: Actor,
    now: datetime,
) -> None:
    if not planned:
        return
    updates, decisions, summary = [], [], {}
    for plan in planned:
        d, row = plan.decision, plan.row
        updates.append(
            {
                "b_id": row.id,
                "b_version": row.version,
                "stage": plan.stages[-1].value,
                "outcome": d.outcome.value,
                "procedure": d.procedure.value,
                "payment_order_candidate": d.payment_order_candidate,
                "criminal_referral_candidate": d.criminal_referral_candidate,
                "limitation_expires_on": d.limitation.expires_on,
                "claim_principal": d.claim.principal,
                "claim_interest": d.claim.interest,
                "claim_penalty": d.claim.penalty,
                "claim_fees": d.claim.fees,
                "claim_total": d.claim.total,
            }
        )
        decisions.append(
            {
                "case_id": row.id,
                "outcome": d.outcome.value,
                "reasons": [r.as_dict() for r in d.reasons],
                "claim_total": d.claim.total,
            }
        )
        summary[row.account_id] = [row.stage, d.outcome.value, sorted({r.code for r in d.reasons})]
    stmt = (
        update(_CASE)
        .where(_CASE.c.id == bindparam("b_id"), _CASE.c.version == bindparam("b_version"))
        .values(version=_CASE.c.version + 1, reviewed_as_of=as_of, updated_at=now)
    )
    # Values shared by the whole chunk are bound once in .values(), not once per row.
    changed = cast(CursorResult[Any], session.execute(stmt, updates)).rowcount
    if changed != len(updates):
        raise ConflictError("a case changed while it was being reviewed")
    shared = {"decided_by": actor.name, "as_of": as_of, "flow_run_id": actor.flow_run_id}
    session.execute(insert(_DECISION).values(**shared, decided_at=now), decisions)
    entry = AuditEntry("cases.reviewed", "review", f"as_of={as_of}", {"cases": summary})
    record(session, actor, [entry], at=now)
