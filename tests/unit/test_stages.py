from collections import deque

import pytest

from legal_flows.domain.errors import IllegalTransition
from legal_flows.domain.stages import (
    GETS_DOCUMENTS,
    TRANSITIONS,
    Stage,
    can_move,
    check_transition,
    is_filed,
    may_decide,
    needing_documents,
    path_to_review,
    review_path,
)

S = Stage
FINAL = (S.CLOSED_RECOVERED, S.CLOSED_PARTLY_RECOVERED, S.CLOSED_UNCOLLECTABLE)
NOT_FILED = (S.INTAKE, S.REVIEW, S.APPROVED, S.REJECTED, S.MANUAL_REVIEW, S.DOCUMENTS_READY)


def _reachable_from(start: Stage) -> set[Stage]:
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in TRANSITIONS[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


@pytest.mark.parametrize(
    ("src", "dst"),
    [
        (S.INTAKE, S.REVIEW),
        (S.REVIEW, S.APPROVED),
        (S.REVIEW, S.MANUAL_REVIEW),
        (S.MANUAL_REVIEW, S.REJECTED),
        (S.APPROVED, S.REJECTED),  # a named reviewer overrules
        (S.REJECTED, S.APPROVED),
        (S.APPROVED, S.DOCUMENTS_READY),
        (S.DOCUMENTS_READY, S.FILED),
        (S.FILED, S.REGISTERED),
        (S.REGISTERED, S.SERVED),
        (S.SERVED, S.JUDGED),
        (S.JUDGED, S.EFFECTIVE),
        (S.MEDIATED, S.EFFECTIVE),
        (S.EFFECTIVE, S.ENFORCEMENT_APPLIED),
        (S.ENFORCEMENT_APPLIED, S.ENFORCEMENT_REGISTERED),
        (S.ENFORCEMENT_REGISTERED, S.DISPOSITION),
        (S.DISPOSITION, S.CLOSED_PARTLY_RECOVERED),
        (S.CLOSED_TERMINATED, S.ENFORCEMENT_REGISTERED),
        (S.WITHDRAWN, S.REVIEW),
        (S.SETTLED, S.CLOSED_RECOVERED),
    ],
)
def test_allowed_move_returns_the_target_stage(src: Stage, dst: Stage) -> None:
    assert can_move(src, dst)
    assert check_transition(src, dst) is dst
    assert check_transition(src.value, dst.value) is dst


@pytest.mark.parametrize(
    ("src", "dst"),
    [
        (S.INTAKE, S.APPROVED),  # must be reviewed first
        (S.REVIEW, S.FILED),
        (S.APPROVED, S.FILED),  # documents come first
        (S.FILED, S.REVIEW),  # the court holds the claim now
        (S.JUDGED, S.SERVED),
        (S.MEDIATED, S.SETTLED),
        (S.EFFECTIVE, S.ENFORCEMENT_REGISTERED),
        (S.CLOSED_RECOVERED, S.REVIEW),
        (S.CLOSED_TERMINATED, S.CLOSED_RECOVERED),
        (S.REVIEW, S.REVIEW),
    ],
)
def test_illegal_move_is_refused(src: Stage, dst: Stage) -> None:
    assert not can_move(src, dst)
    with pytest.raises(IllegalTransition):
        check_transition(src, dst)


def test_illegal_transition_message_names_both_stages() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(S.FILED, S.APPROVED)
    assert "filed" in str(caught.value)
    assert "approved" in str(caught.value)
    assert str(caught.value).index("filed") < str(caught.value).index("approved")
    assert (caught.value.from_stage, caught.value.to_stage) == ("filed", "approved")


def test_unknown_stage_name_is_an_illegal_transition_naming_it() -> None:
    with pytest.raises(IllegalTransition, match="intake -> nowhere"):
        check_transition("intake", "nowhere")


def test_every_stage_has_a_row_in_the_transition_table() -> None:
    assert set(TRANSITIONS) == set(Stage)
    assert all(set(targets) <= set(Stage) for targets in TRANSITIONS.values())


def test_every_stage_is_reachable_from_intake() -> None:
    assert _reachable_from(S.INTAKE) == set(Stage)


def test_every_open_stage_can_still_reach_a_closing() -> None:
    closings = {*FINAL, S.CLOSED_TERMINATED}
    for stage in set(Stage) - closings:
        assert _reachable_from(stage) & closings, stage


@pytest.mark.parametrize("closed", FINAL)
def test_closed_stages_are_final(closed: Stage) -> None:
    assert TRANSITIONS[closed] == frozenset()
    assert not any(can_move(closed, other) for other in Stage)


def test_terminated_enforcement_can_only_be_resumed() -> None:
    # 民诉法解释 §517: after 终本 the creditor may resume enforcement at any time.
    assert TRANSITIONS[S.CLOSED_TERMINATED] == frozenset({S.ENFORCEMENT_REGISTERED})


@pytest.mark.parametrize("stage", NOT_FILED)
def test_stages_before_filing_are_not_filed(stage: Stage) -> None:
    assert not is_filed(stage)
    assert not is_filed(stage.value)


@pytest.mark.parametrize("stage", sorted(set(Stage) - set(NOT_FILED)))
def test_stages_from_filing_on_are_filed(stage: Stage) -> None:
    assert is_filed(stage)


def test_is_filed_rejects_an_unknown_stage_name() -> None:
    with pytest.raises(ValueError, match="nowhere"):
        is_filed("nowhere")


@pytest.mark.parametrize("stage", [S.INTAKE, S.REVIEW])
def test_case_awaiting_review_needs_no_move_back(stage: Stage) -> None:
    assert path_to_review(stage) == []


@pytest.mark.parametrize(
    "stage", [S.APPROVED, S.REJECTED, S.MANUAL_REVIEW, S.DOCUMENTS_READY, "approved"]
)
def test_decided_unfiled_case_goes_back_to_review_in_one_move(stage: Stage | str) -> None:
    assert path_to_review(stage) == [S.REVIEW]


@pytest.mark.parametrize("stage", [S.FILED, S.REGISTERED, S.JUDGED, S.CLOSED_RECOVERED])
def test_filed_case_cannot_go_back_to_review(stage: Stage) -> None:
    with pytest.raises(IllegalTransition, match=f"{stage.value} -> review"):
        path_to_review(stage)


def test_automatic_review_of_a_new_case_passes_through_review() -> None:
    assert review_path(Stage.INTAKE, "approved") == [Stage.REVIEW, Stage.APPROVED]
    assert review_path(Stage.REVIEW, "manual_review") == [Stage.MANUAL_REVIEW]


def test_automatic_review_of_a_filed_case_is_illegal_and_names_both_stages() -> None:
    with pytest.raises(IllegalTransition, match="filed -> approved"):
        review_path(Stage.FILED, "approved")


def test_reviewer_decides_held_cases_and_overrules_only_when_asked() -> None:
    assert may_decide(Stage.MANUAL_REVIEW, overrule=False)
    assert not may_decide(Stage.APPROVED, overrule=False)
    assert may_decide(Stage.APPROVED, overrule=True)
    assert may_decide(Stage.REJECTED, overrule=True)
    assert not may_decide(Stage.FILED, overrule=True)


def test_a_generation_run_works_approved_cases_and_ready_ones_only_when_completing():
    assert needing_documents(with_ready=False) == (Stage.APPROVED,)
    assert set(needing_documents(with_ready=True)) == {Stage.APPROVED, Stage.DOCUMENTS_READY}
    assert Stage.FILED not in GETS_DOCUMENTS  # a filed package is the court's record
