"""Eligibility review in chunks: claim, decide in pure code, write with executemany, fail one
by one."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import StatementError

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.eligibility import ReviewDecision, review_case
from legal_flows.domain.errors import DomainError, Told, told_parts
from legal_flows.domain.limitation import limitation_watched
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import AWAITING_REVIEW, Stage, review_path
from legal_flows.services.errors import ConflictError
from legal_flows.services.review.facts import (
    case_rows,
    collections_by_case,
    creditor_facts,
    to_facts,
)
from legal_flows.services.review.limitation import limitation_row
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.db import connection_lost
from legal_flows.store.deadlines import next_due_on
from legal_flows.store.tables import CASE, DECISION
from legal_flows.store.uow import UnitOfWork

_AWAITING = [s.value for s in AWAITING_REVIEW]


@dataclass
class ChunkResult:
    reviewed: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    failed: list[dict[str, Any]] = field(default_factory=list)  # each case not decided: failure()
    claimed: int = 0  # cases this chunk took (the last chunk of a run takes none)
    last_id: int = 0  # the highest id it took: where the next chunk starts

    def merge(self, other: "ChunkResult") -> None:
        self.reviewed += other.reviewed
        self.outcomes.update(other.outcomes)
        self.reasons.update(other.reasons)
        self.failed.extend(other.failed)
        self.claimed += other.claimed


def pending_case_ids(uow: UnitOfWork) -> list[int]:
    """Cases waiting for an automatic review, oldest first."""
    return uow.cases.ids_in(AWAITING_REVIEW)


def decision_values(case_id: int, decision: ReviewDecision) -> dict[str, Any]:
    """A review_decision row's own columns (the caller adds who, when and as of what date)."""
    claim = decision.claim
    return {
        "case_id": case_id,
        "outcome": decision.outcome.value,
        "reasons": [r.as_dict() for r in decision.reasons],
        "procedure": decision.procedure.value,
        "payment_order_candidate": decision.payment_order_candidate,
        "criminal_referral_candidate": decision.criminal_referral_candidate,
        "limitation_expires_on": decision.limitation.expires_on,
        "claim_principal": claim.principal,
        "claim_interest": claim.interest,
        "claim_penalty": claim.penalty,
        "claim_fees": claim.fees,
        "claim_total": claim.total,
    }


@dataclass(frozen=True)
class _Planned:
    row: Any
    decision: ReviewDecision
    stages: list[Stage]


def review_chunk(
    uow: UnitOfWork,
    *,
    case_ids: Sequence[int],
    as_of: date,
    actor: Actor,
    now: datetime,
    policy: Policy,
    calendar: WorkCalendar,
) -> ChunkResult:
    """Decide the given cases (those still awaiting review) in the unit of work."""
    limit = max(len(case_ids), 1)
    return _review(uow, list(case_ids), 0, limit, as_of, actor, now, policy, calendar)


def review_next(
    uow: UnitOfWork,
    *,
    after: int,
    size: int,
    as_of: date,
    actor: Actor,
    now: datetime,
    policy: Policy,
    calendar: WorkCalendar,
) -> ChunkResult:
    """Take the next `size` cases awaiting review with ids above `after` and decide them.

    Cases another worker is deciding are skipped (Cases.take); `last_id` of the result is
    where the caller goes on, so a case that failed is not taken again by the same run.
    """
    return _review(uow, None, after, size, as_of, actor, now, policy, calendar)


def failure(account_id: str, exc: BaseException) -> dict[str, Any]:
    """A case a chunk could not decide or write: its account, the first line of why in English
    (the run's log and result) and why as a template and values, which the flows page says in
    the reader's language."""
    why = (str(exc).splitlines() or [""])[0]
    if isinstance(exc, Told):
        told = exc
    elif isinstance(exc, StatementError):
        told = Told("the database refused the case: {detail}", detail=why)
    else:  # a fault of ours in reading the case: named, so it can be found and mended
        told = Told(
            "the case could not be decided ({kind}): {detail}", kind=type(exc).__name__, detail=why
        )
    template, values = told_parts(told)
    return {
        "account_id": account_id,
        "error": f"{type(exc).__name__}: {why}",
        "template": template,
        "values": values,
    }


def refresh_after_review(uow: UnitOfWork) -> None:
    """After a run moved many cases: statistics for the stages as they are now, so the
    generation run that follows takes its approved cases through the primary key instead of
    reading and sorting all of them per chunk. Only card_case: decisions are found by their
    (case_id, id) index whatever the statistics say."""
    uow.refresh_statistics([CASE])


def _review(
    uow: UnitOfWork,
    ids_given: list[int] | None,
    after: int,
    limit: int,
    as_of: date,
    actor: Actor,
    now: datetime,
    policy: Policy,
    calendar: WorkCalendar,
) -> ChunkResult:
    """Take, read, decide and write in one unit of work: the row locks hold from the read to
    the commit, so no one else moves these cases in between; a crash rolls back all."""
    result = ChunkResult()
    ids = uow.cases.take(AWAITING_REVIEW, after=after, limit=limit, ids=ids_given)
    if not ids:
        return result
    result.claimed, result.last_id = len(ids), ids[-1]
    session = uow.session
    rows = case_rows(uow, ids, _AWAITING)
    events = collections_by_case(uow, ids)
    creditors = creditor_facts(session)
    planned = []
    for row in rows:
        try:
            facts = to_facts(row, events.get(row.id, ()), creditors)
            decision = review_case(facts, policy=policy, as_of=as_of, calendar=calendar)
            planned.append(_Planned(row, decision, review_path(row.stage, decision.outcome)))
        except (DomainError, ArithmeticError, ValueError, TypeError) as exc:
            result.failed.append(failure(row.account_id, exc))
    try:
        with uow.savepoint():
            _write(uow, planned, as_of=as_of, actor=actor, now=now)
    except (StatementError, ConflictError) as exc:
        if connection_lost(exc):
            raise  # the task retries the chunk on a new connection
        # Case by case, each in a savepoint, so one bad case cannot sink its chunk.
        planned = _write_one_by_one(uow, planned, as_of=as_of, actor=actor, now=now, result=result)
    # One audit row for what was written, appended last: the audit lock is held briefly.
    if planned:
        uow.audit.append(actor, [_audit_entry(planned, as_of)], at=now)
    for plan in planned:
        result.reviewed += 1
        result.outcomes[plan.decision.outcome.value] += 1
        result.reasons.update(r.code for r in plan.decision.reasons)
    return result


def _write_one_by_one(
    uow: UnitOfWork,
    planned: list[_Planned],
    *,
    as_of: date,
    actor: Actor,
    now: datetime,
    result: ChunkResult,
) -> list[_Planned]:
    done = []
    for plan in planned:
        try:
            with uow.savepoint():
                _write(uow, [plan], as_of=as_of, actor=actor, now=now)
            done.append(plan)
        except (StatementError, ConflictError) as exc:
            if connection_lost(exc):
                raise
            result.failed.append(failure(plan.row.account_id, exc))
    return done


def _write(
    uow: UnitOfWork, planned: list[_Planned], *, as_of: date, actor: Actor, now: datetime
) -> None:
    """Insert the decisions and the limitation deadlines, then move each case with one
    set-based UPDATE per target stage, which also sets its next due day.

    The UPDATE matches (id, version) pairs: a case changed by anyone since it was read is not
    matched, the count falls short, and the chunk is retried case by case (ConflictError).
    """
    if not planned:
        return
    # Values shared by the whole chunk are bound once in .values(), not once per row.
    shared = {"decided_by": actor.name, "as_of": as_of, "flow_run_id": actor.flow_run_id}
    uow.session.execute(
        insert(DECISION).values(**shared, decided_at=now),
        [decision_values(p.row.id, p.decision) for p in planned],
    )
    by_target: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for plan in planned:
        target = (plan.stages[-1].value, plan.decision.outcome.value)
        by_target[target].append((plan.row.id, plan.row.version))
    latest = (
        select(func.max(DECISION.c.id)).where(DECISION.c.case_id == CASE.c.id).scalar_subquery()
    )
    # Lock the chunk's rows (PostgreSQL; SQLite's writer lock is already held) and compare
    # versions: anything changed since it was read fails the chunk over to one by one.
    ids = [p.row.id for p in planned]
    if uow.cases.versions(ids) != {p.row.id: p.row.version for p in planned}:
        raise ConflictError("a case changed while it was being reviewed")
    # The deadlines first: each move then sets its case's next due day from them.
    _limitation_deadlines(uow, planned)
    due = next_due_on()
    for (stage, outcome), keys in by_target.items():
        moved = uow.cases.move_many(
            [k[0] for k in keys],
            now=now,
            stage=stage,
            outcome=outcome,
            decision_id=latest,
            next_due_on=due,
        )
        if moved != len(keys):
            raise ConflictError("a case changed while it was being reviewed")


def _limitation_deadlines(uow: UnitOfWork, planned: list[_Planned]) -> None:
    """LIM-01's expiry becomes a deadline row, so the daily sweep finds it by due date; a
    rejected case is not going to court, so its limitation raises no alarm."""
    uow.deadlines.replace_kind(
        DeadlineKind.LIMITATION.value,
        {
            p.row.id: limitation_row(p.row.id, p.decision.limitation)
            if limitation_watched(p.decision.outcome)
            else None
            for p in planned
        },
        refresh_cases=False,  # _write's moves set next_due_on
    )


def _audit_entry(planned: list[_Planned], as_of: date) -> AuditEntry:
    """One audit row per chunk: each case's move and outcome (the detail is in its decision)."""
    moves = {
        p.row.account_id: [
            p.row.stage,
            p.decision.outcome.value,
            sorted({r.code for r in p.decision.reasons}),
        ]
        for p in planned
    }
    return AuditEntry("cases.reviewed", "review", f"as_of={as_of}", {"cases": moves})
