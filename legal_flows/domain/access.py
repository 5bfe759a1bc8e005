"""Who may do what in the portal: three roles and the permissions each one holds.

The bank's legal department decides this, not the law; it is kept here, in one table, so the
web pages, the JSON API and the CLI that manages users all read the same answer.
"""

import gzip
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files

from legal_flows.domain.errors import Told


class Role(StrEnum):
    ADMIN = "admin"
    LEGAL_STAFF = "legal_staff"
    LAWYER = "lawyer"


class Permission(StrEnum):
    SEE_ALL_CASES = "see_all_cases"  # a lawyer sees only the cases assigned to them
    DECIDE_REVIEWS = "decide_reviews"
    ASSIGN_LAWYERS = "assign_lawyers"
    START_FLOWS = "start_flows"
    MANAGE_USERS = "manage_users"
    RECORD_COURT_EVENTS = "record_court_events"  # a lawyer, on the cases they hold


_STAFF = frozenset(
    {
        Permission.SEE_ALL_CASES,
        Permission.DECIDE_REVIEWS,
        Permission.ASSIGN_LAWYERS,
        Permission.START_FLOWS,
        Permission.RECORD_COURT_EVENTS,
    }
)
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _STAFF | {Permission.MANAGE_USERS},
    Role.LEGAL_STAFF: _STAFF,
    Role.LAWYER: frozenset({Permission.RECORD_COURT_EVENTS}),
}


@dataclass(frozen=True)
class User:
    """A portal user, as the rules about who may see and do what need them."""

    id: int
    name: str
    role: str


def may(role: str, permission: Permission) -> bool:
    return permission in GRANTS.get(Role(role), frozenset())


def may_see_case(role: str, user_id: int, case_lawyer_id: int | None) -> bool:
    """Staff see every case; a lawyer only a case assigned to them."""
    return may(role, Permission.SEE_ALL_CASES) or case_lawyer_id == user_id


# Password rules: long enough to resist guessing; the throttle below does the rest.
MIN_PASSWORD_LENGTH = 10
# Sign-in throttle (OWASP Authentication Cheat Sheet, "account lockout" and "credential
# stuffing"): counted per client address and name together, so nobody can lock another
# person out from elsewhere. This many failures for a name from one address inside the window
# block that pair until the oldest leaves the window.
MAX_FAILURES = 5
FAILURE_WINDOW_MINUTES = 15
# One address failing across names (password spraying) is refused past this many.
MAX_ADDRESS_FAILURES = 20
# A name failing from many addresses is slowed, never locked: half a second per failure past
# MAX_FAILURES, three seconds at most.
NAME_DELAY_STEP = 0.5
NAME_DELAY_MAX = 3.0


def name_delay(failures: int) -> float:
    """Seconds to wait before checking a password for a name with `failures` recent failures
    (from any address)."""
    return min(NAME_DELAY_MAX, NAME_DELAY_STEP * max(0, failures - MAX_FAILURES + 1))


@cache
def _common_passwords() -> frozenset[str]:
    data = files("legal_flows.domain").joinpath("data/common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode().split())


def password_problem(password: str, name: str) -> Told | None:
    """Why a password may not be used (told, so the edge says it in the reader's language)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return Told("a password needs at least {length} characters", length=MIN_PASSWORD_LENGTH)
    if name.strip() and name.strip().lower() in password.lower():
        return Told("a password must not contain the user's name")
    if password.lower().strip() in _common_passwords():
        return Told("this password is on the list of common passwords: choose another")
    return None
