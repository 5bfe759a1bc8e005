"""Reason codes: what a review decided and why, with the law it rests on."""

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    MANUAL_REVIEW = "manual_review"


class Effect(StrEnum):
    """How a reason weighs on the outcome: REJECT beats MANUAL (a person decides) beats INFO."""

    REJECT = "reject"
    MANUAL = "manual"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    message: str
    citation: str
    effect: Effect = Effect.INFO

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "message": self.message,
            "citation": self.citation,
            "effect": self.effect.value,
        }


def outcome_of(reasons: tuple[Reason, ...] | list[Reason]) -> Outcome:
    effects = {r.effect for r in reasons}
    if Effect.REJECT in effects:
        return Outcome.REJECTED
    if Effect.MANUAL in effects:
        return Outcome.MANUAL_REVIEW
    return Outcome.APPROVED
