"""The portal's tables: its users, their sign-in sessions and failed sign-ins."""

from datetime import datetime
from typing import ClassVar

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from legal_flows.store.types import UtcDateTime


class UserRow(SQLModel, table=True):
    """A person who signs in to the portal: admin, legal staff or lawyer."""

    __tablename__: ClassVar[str] = "portal_user"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(100), unique=True)
    role: str = Field(sa_type=String(16))
    password_hash: str = Field(sa_type=String(200))  # argon2id, with its own salt and cost
    active: bool = True
    created_at: datetime = Field(sa_type=UtcDateTime)


class PortalSessionRow(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the cookie's token is kept, so a copy of the
    database cannot be replayed as a session; the CSRF token travels in forms and headers."""

    __tablename__: ClassVar[str] = "portal_session"
    id: str = Field(sa_type=String(64), primary_key=True)
    user_id: int = Field(foreign_key="portal_user.id", index=True)
    csrf: str = Field(sa_type=String(64))
    created_at: datetime = Field(sa_type=UtcDateTime)
    expires_at: datetime = Field(sa_type=UtcDateTime, index=True)
    last_seen_at: datetime | None = Field(default=None, sa_type=UtcDateTime)  # idle timeout


class LoginFailureRow(SQLModel, table=True):
    """A failed sign-in, counted per client address and name to throttle password guessing
    (kept in the database so every portal process behind a load balancer sees the same
    count)."""

    __tablename__: ClassVar[str] = "login_failure"
    __table_args__ = (Index("ix_login_failure_address_at", "address", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(100), index=True)
    address: str = Field(default="", sa_type=String(64))
    at: datetime = Field(sa_type=UtcDateTime, index=True)


USER = UserRow.__table__  # type: ignore[attr-defined]
PORTAL_SESSION = PortalSessionRow.__table__  # type: ignore[attr-defined]
LOGIN_FAILURE = LoginFailureRow.__table__  # type: ignore[attr-defined]
