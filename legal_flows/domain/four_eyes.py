"""Four eyes (maker-checker) on the decisions that set the rules aside.

Overruling an automatic decision, claiming interest and charges without proven notice of the
card terms, and re-opening a closed case each change what the bank asks a court for, or
whether it asks at all, against what the rules decided. The bank's internal control wants a
second person on each: one legal-staff user proposes, a different one approves or declines,
and nothing changes until the approval. (A bank's own control, not a statute: 商业银行内部
控制指引 (2014) asks for incompatible duties to be kept apart — the article is UNVERIFIED — and
which decisions count is the bank's choice; these three are ours.)
"""

from collections.abc import Iterable
from enum import StrEnum

from legal_flows.domain.eligibility import CHARGES_LEFT_OUT
from legal_flows.domain.errors import DomainError
from legal_flows.domain.stages import CLOSED, OVERRULABLE, Stage, can_move


class ProposalKind(StrEnum):
    OVERRULE = "overrule"  # change an automatic approve/reject
    ALLOW_CHARGES = "allow_charges"  # claim charges though the terms notice is unproven
    REOPEN = "reopen"  # a closed case back to the stage it was closed from

    @property
    def words(self) -> str:
        return _WORDS[self]


_WORDS = {
    ProposalKind.OVERRULE: "推翻自动审查结论",
    ProposalKind.ALLOW_CHARGES: "未证明条款告知仍主张利息及费用",
    ProposalKind.REOPEN: "重新打开已结案件",
}


class ProposalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class FourEyesRefused(DomainError):
    """The second person is the first, or the proposal is no longer open."""


def needs_second_person(*, overrule: bool, allow_charges: bool) -> ProposalKind | None:
    """What a reviewer's decision needs a checker for (an overrule that also allows the
    charges is one proposal, of the overrule)."""
    if overrule:
        return ProposalKind.OVERRULE
    if allow_charges:
        return ProposalKind.ALLOW_CHARGES
    return None


def overruling(stage: Stage | str) -> Stage | None:
    """The outcome an overrule of the rules' decision proposes (the other one), or None when
    the case holds no automatic decision to overrule."""
    current = Stage(stage)
    if current not in OVERRULABLE:
        return None
    return Stage.REJECTED if current == Stage.APPROVED else Stage.APPROVED


def may_ask_for_charges(reason_codes: Iterable[str]) -> bool:
    """Leave to claim the charges is asked where the rules left them out for want of notice."""
    return CHARGES_LEFT_OUT in reason_codes


def check_checker(*, proposed_by: str, checker: str, status: str) -> None:
    """The checker is another person, and the proposal still waits for one."""
    if status != ProposalStatus.PENDING:
        raise FourEyesRefused("the proposal is {status} already", status=status)
    if not checker.strip():
        raise FourEyesRefused("the checker must give their name")
    if checker.strip().casefold() == proposed_by.strip().casefold():
        raise FourEyesRefused(
            "{checker} proposed this: a different legal-staff user must approve or decline it",
            checker=checker,
        )


def reopen_target(stage: Stage | str, closed_from: Stage | str | None) -> Stage:
    """A closed case re-opens to the stage it was closed from. (终本 is not closed this way:
    enforcement resumes with the court's `resumed` event, 民诉法解释 §517.)"""
    current = Stage(stage)
    if current not in CLOSED:
        raise FourEyesRefused(
            "only a closed case is re-opened; this one is {stage}", stage=current.value
        )
    if closed_from is None or not can_move(Stage(closed_from), current):
        raise FourEyesRefused(
            "the stage {stage} was closed from is not on record", stage=current.value
        )
    return Stage(closed_from)
