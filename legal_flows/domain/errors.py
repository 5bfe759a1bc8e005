"""Errors raised by the pure domain; the CLI and API translate them once at the edge."""


class DomainError(Exception):
    """A business rule refused an action."""


class IllegalTransition(DomainError):
    """A case was asked to move between two stages the transition table does not connect."""

    def __init__(self, from_stage: str, to_stage: str) -> None:
        super().__init__(f"illegal stage transition: {from_stage} -> {to_stage}")
        self.from_stage = from_stage
        self.to_stage = to_stage


class InvalidValue(DomainError):
    """A value failed a legal or format check (ID number, card number, credit code...)."""
