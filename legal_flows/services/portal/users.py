"""Portal users, their passwords (argon2id) and sign-in sessions, with a sign-in throttle."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, or_, select, update

from legal_flows.domain.access import (
    FAILURE_WINDOW_MINUTES,
    MAX_ADDRESS_FAILURES,
    MAX_FAILURES,
    Role,
    User,
    name_delay,
    password_problem,
)
from legal_flows.services.errors import InputError
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables_portal import LOGIN_FAILURE, PORTAL_SESSION, USER
from legal_flows.store.uow import UnitOfWork

_hasher = PasswordHasher()  # argon2id with RFC 9106's low-memory parameters
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password
# and response times do not tell which names exist.
_DUMMY_HASH = _hasher.hash("legal-flows: no such user")


@dataclass(frozen=True)
class SignedIn:
    user: User
    token: str  # goes into the cookie only; the database keeps its SHA-256
    csrf: str
    expires_at: datetime


@dataclass(frozen=True)
class Refused:
    """A sign-in refused. Returned, not raised: the failure it counts must be committed."""

    message: str
    retry_after: int | None = None  # seconds, when the name is throttled


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(
    uow: UnitOfWork, *, name: str, role: str, password: str, actor: Actor, now: datetime
) -> User:
    name = name.strip()
    if not name:
        raise InputError("a user needs a name")
    if role not in {r.value for r in Role}:
        known = ", ".join(r.value for r in Role)
        raise InputError("unknown role {role!r}; one of: {known}", role=role, known=known)
    problem = password_problem(password, name)
    if problem:
        raise InputError("{problem}", problem=problem)
    if uow.session.execute(select(USER.c.id).where(USER.c.name == name)).first():
        raise InputError("a user named {name!r} exists already", name=name)
    values = {"name": name, "role": role, "password_hash": _hasher.hash(password)}
    inserted = insert(USER).values(**values, created_at=now).returning(USER.c.id)
    user_id = int(uow.session.execute(inserted).scalar_one())
    entry = AuditEntry("user.added", "user", name, {"role": role})
    uow.audit.append(actor, [entry], at=now)
    return User(user_id, name, role)


def set_password(uow: UnitOfWork, *, name: str, password: str, actor: Actor, now: datetime) -> None:
    problem = password_problem(password, name)
    if problem:
        raise InputError("{problem}", problem=problem)
    user_id = _user_id(uow, name)
    uow.session.execute(
        update(USER).where(USER.c.id == user_id).values(password_hash=_hasher.hash(password))
    )
    # A new password ends every session signed in with the old one.
    uow.session.execute(delete(PORTAL_SESSION).where(PORTAL_SESSION.c.user_id == user_id))
    uow.audit.append(actor, [AuditEntry("user.password_set", "user", name, {})], at=now)


def change_own_password(
    uow: UnitOfWork, *, user: User, current: str, new: str, token: str, now: datetime
) -> None:
    """The signed-in user's own new password: the current one first; the user's other
    sessions end, this one stays."""
    row = uow.session.execute(select(USER).where(USER.c.id == user.id)).one()
    if not _password_matches(row.password_hash, current):
        raise InputError("the current password is wrong")
    problem = password_problem(new, user.name)
    if problem:
        raise InputError("{problem}", problem=problem)
    uow.session.execute(
        update(USER).where(USER.c.id == user.id).values(password_hash=_hasher.hash(new))
    )
    uow.session.execute(
        delete(PORTAL_SESSION).where(
            PORTAL_SESSION.c.user_id == user.id, PORTAL_SESSION.c.id != _token_id(token)
        )
    )
    entry = AuditEntry("user.password_changed", "user", user.name, {})
    uow.audit.append(Actor(user.name), [entry], at=now)


def set_active(uow: UnitOfWork, *, name: str, active: bool, actor: Actor, now: datetime) -> None:
    user_id = _user_id(uow, name)
    uow.session.execute(update(USER).where(USER.c.id == user_id).values(active=active))
    if not active:
        uow.session.execute(delete(PORTAL_SESSION).where(PORTAL_SESSION.c.user_id == user_id))
    action = "user.enabled" if active else "user.disabled"
    uow.audit.append(actor, [AuditEntry(action, "user", name, {})], at=now)


def list_users(uow: UnitOfWork) -> list[dict[str, Any]]:
    query = select(USER.c.id, USER.c.name, USER.c.role, USER.c.active).order_by(USER.c.name)
    return [dict(r._mapping) for r in uow.session.execute(query)]


def lawyers(uow: UnitOfWork) -> list[User]:
    query = (
        select(USER.c.id, USER.c.name, USER.c.role)
        .where(USER.c.role == Role.LAWYER.value, USER.c.active.is_(True))
        .order_by(USER.c.name)
    )
    return [User(r.id, r.name, r.role) for r in uow.session.execute(query)]


def throttle(uow: UnitOfWork, *, name: str, address: str, now: datetime) -> Refused | float:
    """The throttle (domain.access) for a sign-in now: refused — five failures for a name from
    one address lock that pair until the oldest leaves the window, twenty from one address
    across names refuse that address — or the seconds to wait first (a name failing from many
    addresses is only slowed, so nobody can lock someone else out). A read: the edge waits
    outside any transaction (sign_in_delay), then signs in."""
    since = now - timedelta(minutes=FAILURE_WINDOW_MINUTES)
    rows = uow.session.execute(
        select(LOGIN_FAILURE.c.name, LOGIN_FAILURE.c.address, LOGIN_FAILURE.c.at)
        .where(
            LOGIN_FAILURE.c.at > since,
            or_(LOGIN_FAILURE.c.name == name, LOGIN_FAILURE.c.address == address),
        )
        .order_by(LOGIN_FAILURE.c.at)
    ).all()
    pair = [r.at for r in rows if r.name == name and r.address == address]
    if len(pair) >= MAX_FAILURES:
        return _throttled("too many failed sign-ins for this name", pair, MAX_FAILURES, now)
    spray = [r.at for r in rows if r.address == address]
    if len(spray) >= MAX_ADDRESS_FAILURES:
        return _throttled("too many failed sign-ins from here", spray, MAX_ADDRESS_FAILURES, now)
    return name_delay(sum(1 for r in rows if r.name == name))


def sign_in_delay(uow: UnitOfWork, *, name: str, address: str, now: datetime) -> float:
    """Seconds to wait before trying this sign-in (0 when it will be refused anyway)."""
    found = throttle(uow, name=name.strip(), address=address[:64], now=now)
    return 0.0 if isinstance(found, Refused) else found


def sign_in(
    uow: UnitOfWork,
    *,
    name: str,
    password: str,
    now: datetime,
    hours: int,
    address: str = "",
) -> SignedIn | Refused:
    """A new session for the right password; refused, and counted, otherwise (the throttle
    first; the edge has already waited the delay it asks for, sign_in_delay)."""
    name = name.strip()
    address = address[:64]
    found = throttle(uow, name=name, address=address, now=now)
    if isinstance(found, Refused):
        return found
    row = uow.session.execute(select(USER).where(USER.c.name == name)).first()
    if not _password_matches(row.password_hash if row else _DUMMY_HASH, password) or not (
        row and row.active
    ):
        uow.session.execute(insert(LOGIN_FAILURE).values(name=name, address=address, at=now))
        entry = AuditEntry("portal.sign_in_failed", "user", name, {"address": address})
        uow.audit.append(Actor(name or "?"), [entry], at=now)
        return Refused("wrong name or password")
    uow.session.execute(
        delete(LOGIN_FAILURE).where(
            LOGIN_FAILURE.c.name == name, LOGIN_FAILURE.c.address == address
        )
    )
    # Expired sessions are cleared on the way: no sweeper is needed for them.
    uow.session.execute(delete(PORTAL_SESSION).where(PORTAL_SESSION.c.expires_at <= now))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now + timedelta(hours=hours)
    uow.session.execute(
        insert(PORTAL_SESSION).values(
            id=_token_id(token),
            user_id=row.id,
            csrf=csrf,
            created_at=now,
            expires_at=expires,
            last_seen_at=now,
        )
    )
    uow.audit.append(Actor(name), [AuditEntry("portal.signed_in", "user", name, {})], at=now)
    return SignedIn(User(row.id, row.name, row.role), token, csrf, expires)


def _throttled(message: str, failures: list[datetime], limit: int, now: datetime) -> Refused:
    wait = failures[-limit] + timedelta(minutes=FAILURE_WINDOW_MINUTES) - now
    return Refused(f"{message}: try again later", retry_after=max(1, int(wait.total_seconds()) + 1))


def _password_matches(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Current:
    """The user behind a session cookie, with the session's CSRF token and when it was last
    used."""

    user: User
    csrf: str
    seen_at: datetime | None = None


# A session's last use is written at most this often (not on every page).
TOUCH_EVERY = timedelta(minutes=1)


def current_user(
    uow: UnitOfWork, *, token: str, now: datetime, idle_minutes: int | None = None
) -> Current | None:
    """The session's user; none once it expired, or sat unused `idle_minutes`."""
    seen = func.coalesce(PORTAL_SESSION.c.last_seen_at, PORTAL_SESSION.c.created_at)
    query = (
        select(USER.c.id, USER.c.name, USER.c.role, PORTAL_SESSION.c.csrf, seen.label("seen"))
        .join(PORTAL_SESSION, PORTAL_SESSION.c.user_id == USER.c.id)
        .where(
            PORTAL_SESSION.c.id == _token_id(token),
            PORTAL_SESSION.c.expires_at > now,
            USER.c.active.is_(True),
        )
    )
    if idle_minutes is not None:
        query = query.where(seen > now - timedelta(minutes=idle_minutes))
    row = uow.session.execute(query).first()
    return Current(User(row.id, row.name, row.role), row.csrf, row.seen) if row else None


def touch(uow: UnitOfWork, *, token: str, now: datetime) -> None:
    """The session was used now: its idle time starts again."""
    uow.session.execute(
        update(PORTAL_SESSION)
        .where(PORTAL_SESSION.c.id == _token_id(token))
        .values(last_seen_at=now)
    )


def sign_out(uow: UnitOfWork, *, token: str, now: datetime) -> None:
    found = uow.session.execute(
        select(USER.c.name)
        .join(PORTAL_SESSION, PORTAL_SESSION.c.user_id == USER.c.id)
        .where(PORTAL_SESSION.c.id == _token_id(token))
    ).scalar()
    uow.session.execute(delete(PORTAL_SESSION).where(PORTAL_SESSION.c.id == _token_id(token)))
    if found:
        uow.audit.append(Actor(found), [AuditEntry("portal.signed_out", "user", found, {})], at=now)


def _user_id(uow: UnitOfWork, name: str) -> int:
    found = uow.session.execute(select(USER.c.id).where(USER.c.name == name)).scalar()
    if found is None:
        raise InputError("no user named {name!r}", name=name)
    return int(found)
