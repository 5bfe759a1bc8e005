"""Service-layer errors; the CLI turns each into a one-line message and a non-zero exit."""

from enum import StrEnum
from typing import TypeVar

from legal_flows.domain.errors import Told


class ServiceError(Told):
    """A use case could not be carried out (told as a template and its values)."""


class CaseNotFound(ServiceError):
    def __init__(self, account_id: str) -> None:
        super().__init__("no case with account_id '{account_id}'", account_id=account_id)
        self.account_id = account_id


class ConflictError(ServiceError):
    """Someone else changed the case first (optimistic locking) or it is no longer decidable."""


class InputError(ServiceError):
    """A file or option is unusable as a whole (missing columns, unreadable file, bad config)."""


class NotVisible(ServiceError):
    """A case or document the signed-in user may not see: answered like one that is absent."""


class Forbidden(ServiceError):
    """The user's role does not allow this action."""


Choice = TypeVar("Choice", bound=StrEnum)


def choice(kind: type[Choice], value: str, what: Told) -> Choice:
    """The member of `kind` named `value`, or an InputError naming every choice; `what` is
    the reader's word for the kind of choice, told at the call (so the catalogue check sees
    it)."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise InputError(
            "unknown {what} {value!r}; one of: {known}", what=what, value=value, known=known
        ) from None
