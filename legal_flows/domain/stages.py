"""The case stage machine: one literal table of allowed moves (ARCHITECTURE.md, "State")."""

from enum import StrEnum
from itertools import pairwise

from legal_flows.domain.errors import IllegalTransition


class Stage(StrEnum):
    INTAKE = "intake"
    REVIEW = "review"
    APPROVED = "approved"
    REJECTED = "rejected"
    MANUAL_REVIEW = "manual_review"
    DOCUMENTS_READY = "documents_ready"
    FILED = "filed"
    REGISTERED = "registered"  # 立案
    SERVED = "served"  # 送达
    JUDGED = "judged"  # 判决
    MEDIATED = "mediated"  # 调解
    WITHDRAWN = "withdrawn"  # 撤诉
    SETTLED = "settled"  # 和解
    EFFECTIVE = "effective"  # 生效
    ENFORCEMENT_APPLIED = "enforcement_applied"  # 申请执行
    ENFORCEMENT_REGISTERED = "enforcement_registered"  # 执行立案
    DISPOSITION = "disposition"  # 处置 (seizure, auction, distribution)
    CLOSED_RECOVERED = "closed_recovered"
    CLOSED_PARTLY_RECOVERED = "closed_partly_recovered"
    CLOSED_TERMINATED = "closed_terminated"  # 终结本次执行 (终本)
    CLOSED_UNCOLLECTABLE = "closed_uncollectable"


# The closed stages a case ends in (终本 is not one: enforcement may resume, 民诉法解释 §517).
CLOSED = frozenset(
    {Stage.CLOSED_RECOVERED, Stage.CLOSED_PARTLY_RECOVERED, Stage.CLOSED_UNCOLLECTABLE}
)
_CLOSINGS = tuple(sorted(CLOSED))

# Every allowed move, and only those. Moves back to REVIEW happen when re-imported data changes
# a case before it is filed; APPROVED <-> REJECTED is a named reviewer overruling a decision.
TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.INTAKE: frozenset({Stage.REVIEW}),
    Stage.REVIEW: frozenset({Stage.APPROVED, Stage.REJECTED, Stage.MANUAL_REVIEW}),
    Stage.MANUAL_REVIEW: frozenset({Stage.APPROVED, Stage.REJECTED, Stage.REVIEW}),
    Stage.APPROVED: frozenset({Stage.DOCUMENTS_READY, Stage.REJECTED, Stage.REVIEW, Stage.SETTLED}),
    Stage.REJECTED: frozenset({Stage.APPROVED, Stage.REVIEW, Stage.CLOSED_UNCOLLECTABLE}),
    Stage.DOCUMENTS_READY: frozenset({Stage.FILED, Stage.REVIEW, Stage.REJECTED, Stage.SETTLED}),
    Stage.FILED: frozenset({Stage.REGISTERED, Stage.WITHDRAWN, Stage.SETTLED}),
    Stage.REGISTERED: frozenset({Stage.SERVED, Stage.WITHDRAWN, Stage.SETTLED, Stage.MEDIATED}),
    Stage.SERVED: frozenset({Stage.JUDGED, Stage.MEDIATED, Stage.WITHDRAWN, Stage.SETTLED}),
    Stage.JUDGED: frozenset({Stage.EFFECTIVE, Stage.SETTLED}),
    Stage.MEDIATED: frozenset({Stage.EFFECTIVE}),
    Stage.WITHDRAWN: frozenset({Stage.REVIEW, *_CLOSINGS}),
    Stage.SETTLED: frozenset(_CLOSINGS),
    Stage.EFFECTIVE: frozenset({Stage.ENFORCEMENT_APPLIED, *_CLOSINGS}),
    Stage.ENFORCEMENT_APPLIED: frozenset({Stage.ENFORCEMENT_REGISTERED}),
    Stage.ENFORCEMENT_REGISTERED: frozenset(
        {Stage.DISPOSITION, Stage.CLOSED_TERMINATED, *_CLOSINGS}
    ),
    Stage.DISPOSITION: frozenset({Stage.CLOSED_TERMINATED, *_CLOSINGS}),
    # 民诉法解释 §517: after 终本 the creditor may resume enforcement (执恢) at any time.
    Stage.CLOSED_TERMINATED: frozenset({Stage.ENFORCEMENT_REGISTERED}),
    Stage.CLOSED_RECOVERED: frozenset(),
    Stage.CLOSED_PARTLY_RECOVERED: frozenset(),
    Stage.CLOSED_UNCOLLECTABLE: frozenset(),
}

# Stages at which the court holds the claim: imported data may no longer change the case.
_BEFORE_FILING = frozenset(
    {
        Stage.INTAKE,
        Stage.REVIEW,
        Stage.APPROVED,
        Stage.REJECTED,
        Stage.MANUAL_REVIEW,
        Stage.DOCUMENTS_READY,
    }
)
AWAITING_REVIEW = frozenset({Stage.INTAKE, Stage.REVIEW})
# Imported data changed before filing: the case is reviewed again, and what was decided on
# the old data (the decision, a reviewer's leave to claim charges) no longer holds.
REQUEUE_TO = Stage.REVIEW
# An approved case gets its filing package (and moves to documents_ready); a ready one may
# have it completed or renewed (PDF copies, a new template) until it is filed.
GETS_DOCUMENTS = (Stage.APPROVED, Stage.DOCUMENTS_READY)


def needing_documents(*, with_ready: bool) -> tuple[Stage, ...]:
    """The stages a generation run works: approved cases; ready ones too when their
    packages are to be completed."""
    return GETS_DOCUMENTS if with_ready else (Stage.APPROVED,)


# Automatic decisions a named reviewer may overrule before anything is filed.
OVERRULABLE = frozenset({Stage.APPROVED, Stage.REJECTED})


def can_move(from_stage: Stage, to_stage: Stage) -> bool:
    return to_stage in TRANSITIONS[from_stage]


def check_transition(from_stage: Stage | str, to_stage: Stage | str) -> Stage:
    """Return the target stage, or raise IllegalTransition naming both stages."""
    try:
        src, dst = Stage(from_stage), Stage(to_stage)
    except ValueError:
        raise IllegalTransition(str(from_stage), str(to_stage)) from None
    if not can_move(src, dst):
        raise IllegalTransition(src.value, dst.value)
    return dst


def is_filed(stage: Stage | str) -> bool:
    """Has the claim been handed to a court (so imported data can no longer change it)?"""
    return Stage(stage) not in _BEFORE_FILING


def path_to_review(stage: Stage | str) -> list[Stage]:
    """Moves that bring a not-yet-filed case back to awaiting review (data changed)."""
    current = Stage(stage)
    if current in AWAITING_REVIEW:
        return []
    return [check_transition(current, Stage.REVIEW)]


def review_path(stage: Stage | str, outcome: str) -> list[Stage]:
    """The moves an automatic review makes: into review (from intake), then to its outcome."""
    current = Stage(stage)
    path = [Stage.REVIEW] if current == Stage.INTAKE else []
    path.append(Stage(outcome))
    for src, dst in pairwise([current, *path]):
        check_transition(src, dst)
    return path


def reviewer_target(stage: Stage | str, outcome: str) -> Stage:
    """Where a reviewer's decision takes the case: the stage named like its outcome; a
    decision that confirms where the case stands (re-approving to allow charges) keeps it."""
    target = Stage(outcome)
    if Stage(stage) != target:
        check_transition(stage, target)
    return target


def may_decide(stage: Stage | str, *, overrule: bool) -> bool:
    """Can a named reviewer decide now? A case held for review, or an overruled decision."""
    current = Stage(stage)
    return current == Stage.MANUAL_REVIEW or (overrule and current in OVERRULABLE)


# The stages a court event can move a case through.
COURT_STAGES = frozenset(
    {
        Stage.FILED,
        Stage.REGISTERED,
        Stage.SERVED,
        Stage.JUDGED,
        Stage.MEDIATED,
        Stage.WITHDRAWN,
        Stage.EFFECTIVE,
        Stage.ENFORCEMENT_APPLIED,
        Stage.ENFORCEMENT_REGISTERED,
        Stage.CLOSED_TERMINATED,
    }
)


def path_between(
    from_stage: Stage | str, to_stage: Stage | str, *, through: frozenset[Stage] = COURT_STAGES
) -> list[Stage]:
    """The shortest chain of allowed moves within `through` (e.g. documents_ready → filed →
    registered), or IllegalTransition naming both stages when there is none: a court event
    never walks a rejected case through approval."""
    start, goal = Stage(from_stage), Stage(to_stage)
    previous: dict[Stage, Stage] = {}
    frontier = [start]
    while frontier and goal not in previous:
        nxt = []
        for stage in frontier:
            for move in sorted(TRANSITIONS[stage]):
                if move in through and move not in previous and move != start:
                    previous[move] = stage
                    nxt.append(move)
        frontier = nxt
    if goal not in previous:
        raise IllegalTransition(start.value, goal.value)
    path = [goal]
    while path[-1] != start and previous[path[-1]] != start:
        path.append(previous[path[-1]])
    return path[::-1]
