"""Errors raised by the pure domain; the CLI and API translate them once at the edge."""

from typing import Any

from legal_flows.domain.reasons import Phrase


class Told(Exception):
    """An error told as a message template and its values (`Told("… {stage} …", stage=…)`),
    so the edge can say it in the reader's language (legal_flows.i18n.said); str() is English.

    The template is the catalogue's msgid (legal_flows/i18n/zh_CN.po); a value that is itself
    a Told is said in the same language, a date in the reader's date format.
    """

    def __init__(self, message: str = "", /, **values: object) -> None:
        super().__init__(message.format(**values) if values else message)
        self.template, self.values = message, values


class Lines(tuple[BaseException, ...]):
    """Several told errors as one value of another, each on a line of its own (a file's
    faults, say): str() is the English, said() each in the reader's language."""

    def __str__(self) -> str:
        return "\n".join(f"  {e}" for e in self)


def told_parts(error: BaseException) -> tuple[str, dict[str, Any]]:
    """A told error's template and values as data a report can carry (JSON, Prefect results):
    a told error inside it as a phrase (`{"template", "values"}`, said in the reader's
    language in its turn), any other exception as its English text, since it is not data."""
    template = getattr(error, "template", "") or str(error)
    values = getattr(error, "values", {}) or {}
    return template, {k: _as_data(v) for k, v in values.items()}


def _as_data(value: object) -> object:
    if isinstance(value, Told):
        return Phrase(*told_parts(value))
    if isinstance(value, Lines):
        return [_as_data(e) for e in value]
    return str(value) if isinstance(value, BaseException) else value


class DomainError(Told):
    """A business rule refused an action."""


class IllegalTransition(DomainError):
    """A case was asked to move between two stages the transition table does not connect."""

    def __init__(self, from_stage: str, to_stage: str) -> None:
        super().__init__(
            "illegal stage transition: {from_stage} -> {to_stage}",
            from_stage=from_stage,
            to_stage=to_stage,
        )
        self.from_stage = from_stage
        self.to_stage = to_stage


class InvalidValue(DomainError):
    """A value failed a legal or format check (ID number, card number, credit code...)."""
