"""Reason codes: what a review decided and why, with the law it rests on.

A reason's message is a catalogue template and its values (legal_flows/i18n/zh_CN.po), so a
person reads it in their language (legal_flows.i18n.reasons); `message` is the English text,
kept in the stored JSON for scripts. Nothing is translated at decision time, and the values
are JSON as they are built: the review runs tens of thousands of cases a second.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    MANUAL_REVIEW = "manual_review"


class Effect(StrEnum):
    """How a reason weighs on the outcome: REJECT beats MANUAL (a person decides) beats INFO."""

    REJECT = "reject"
    MANUAL = "manual"
    INFO = "info"


# The values a template takes are stored in the decision's JSON as they are, so they are
# JSON already: strings and numbers (a date as its ISO string, under a name ending in `_on`;
# an amount as cny() writes it), and these three, which are dicts and lists that print as
# their English.


class Phrase(dict[str, Any]):
    """A part of a message said on its own, given to a template as a value ("last
    interruption …" inside a limitation reason): `{"template": …, "values": {…}}`."""

    __slots__ = ()

    def __init__(self, template: str, values: Mapping[str, object] | None = None) -> None:
        super().__init__(template=template, values=dict(values) if values else {})

    def __str__(self) -> str:
        template: str = self["template"]
        return template.format_map(self["values"]) if self["values"] else template


class Label(dict[str, str]):
    """A code given as a value, shown by its label (`t.label(context, code)`) in the
    reader's language: `{"context": …, "code": …}`; the English is the code itself."""

    __slots__ = ()

    def __init__(self, context: str, code: str) -> None:
        super().__init__(context=context, code=code)

    def __str__(self) -> str:
        return self["code"]


class Listing(list[object]):
    """Values said as one: in English joined by ", ", in the reader's language by the
    catalogue's separator."""

    __slots__ = ()

    def __str__(self) -> str:
        return ", ".join(map(str, self))


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    template: str  # the catalogue's msgid; `message` is it filled with `values`, in English
    citation: str
    effect: Effect = Effect.INFO
    values: Mapping[str, object] | None = field(default=None, hash=False)

    @property
    def message(self) -> str:
        return self.template.format_map(self.values) if self.values else self.template

    def as_dict(self) -> dict[str, Any]:
        values = self.values  # nothing converted: as_dict runs for every reason of every review
        return {
            "code": self.code,
            "message": self.template.format_map(values) if values else self.template,
            "template": self.template,
            "values": dict(values) if values else {},
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
