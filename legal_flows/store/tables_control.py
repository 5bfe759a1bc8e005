"""Proposals waiting for a second person (maker-checker, domain.four_eyes)."""

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, String, Text
from sqlmodel import Field, SQLModel

from legal_flows.store.types import UtcDateTime


class ProposalRow(SQLModel, table=True):
    """One person's proposal to set a rule's decision aside, and the second person's answer."""

    __tablename__: ClassVar[str] = "proposal"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    kind: str = Field(sa_type=String(16))  # overrule | allow_charges | reopen
    # What is to be done once approved (the decision's approve/reason flags, a re-open's stage).
    action: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    case_version: int  # the case as the maker saw it: a later change makes the proposal stale
    proposed_by: str = Field(sa_type=String(100))
    reason: str = Field(sa_type=Text)
    proposed_at: datetime = Field(sa_type=UtcDateTime)
    status: str = Field(default="pending", sa_type=String(10), index=True)
    checked_by: str | None = Field(default=None, sa_type=String(100))
    check_reason: str | None = Field(default=None, sa_type=Text)
    checked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


PROPOSAL = ProposalRow.__table__  # type: ignore[attr-defined]


class CourtPaperRow(SQLModel, table=True):
    """A paper the court issued (判决书, 裁定书, 受理通知书…) as scanned or received, in the case's
    file store by its SHA-256; who uploaded it and when."""

    __tablename__: ClassVar[str] = "court_paper"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    kind: str = Field(sa_type=String(24))
    filename: str = Field(sa_type=String(200))
    extension: str = Field(sa_type=String(8))  # pdf | png | jpg
    sha256: str = Field(sa_type=String(64))
    size: int
    received_on: date
    uploaded_by: str = Field(sa_type=String(100))
    uploaded_at: datetime = Field(sa_type=UtcDateTime)


COURT_PAPER = CourtPaperRow.__table__  # type: ignore[attr-defined]


class CalendarYearRow(SQLModel, table=True):
    """A year's official holiday schedule as loaded by the bank (`legal-flows calendar load`):
    it replaces the holiday package's data for that year; who loaded it and when."""

    __tablename__: ClassVar[str] = "calendar_year"
    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    source: str = Field(sa_type=Text)  # the State Council notice
    holidays: list[str] = Field(default_factory=list, sa_type=JSON)  # ISO dates, sorted
    workdays: list[str] = Field(default_factory=list, sa_type=JSON)
    loaded_by: str = Field(sa_type=String(100))
    loaded_at: datetime = Field(sa_type=UtcDateTime)


CALENDAR_YEAR = CalendarYearRow.__table__  # type: ignore[attr-defined]
