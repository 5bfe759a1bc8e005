"""SQLModel tables. One suffix for the role: every table class ends in `Row`.

Money is NUMERIC(18, 2) read back as Decimal; stages and codes are plain strings (no native
PostgreSQL ENUM, whose new values would need hand-written ALTER TYPE migrations).
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from legal_flows.store.types import UtcDateTime, money


class CreditorRow(SQLModel, table=True):
    """A bank entity that sues: head office, branch or card centre (债权人)."""

    __tablename__: ClassVar[str] = "creditor"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=String(32), unique=True)
    name: str = Field(sa_type=String(200))
    address: str = Field(sa_type=String(300))
    credit_code: str = Field(sa_type=String(18))
    head_name: str = Field(sa_type=String(100))
    head_title: str = Field(sa_type=String(50))
    phone: str = Field(sa_type=String(50))
    # What the creditors file says beyond the above (domain.creditor.CreditorSettings).
    settings: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class AgentRow(SQLModel, table=True):
    """A lawyer or employee who may represent a creditor (委托代理人)."""

    __tablename__: ClassVar[str] = "agent"
    __table_args__ = (UniqueConstraint("creditor_id", "licence_no"),)
    id: int | None = Field(default=None, primary_key=True)
    creditor_id: int = Field(foreign_key="creditor.id", index=True)
    name: str = Field(sa_type=String(100))
    firm: str = Field(sa_type=String(200))
    licence_no: str = Field(sa_type=String(50))
    phone: str = Field(sa_type=String(50))


class DebtorRow(SQLModel, table=True):
    """A cardholder (被告). One person may hold several escalated cards."""

    __tablename__: ClassVar[str] = "debtor"
    id: int | None = Field(default=None, primary_key=True)
    id_number: str = Field(sa_type=String(18), unique=True)
    name: str = Field(sa_type=String(100))
    gender: str = Field(sa_type=String(4))
    birth_date: date
    ethnicity: str | None = Field(default=None, sa_type=String(20))
    registered_address: str = Field(sa_type=String(300))
    residence_address: str | None = Field(default=None, sa_type=String(300))
    residence_since: date | None = None  # living at residence_address since (解释 §4)
    employer: str | None = Field(default=None, sa_type=String(200))  # 工作单位
    occupation: str | None = Field(default=None, sa_type=String(100))  # 职务
    phone: str | None = Field(default=None, sa_type=String(30))
    email: str | None = Field(default=None, sa_type=String(200))


_case_version = Column("version", Integer, nullable=False, default=1)


class CaseRow(SQLModel, table=True):
    """One escalated card account on its way through the courts."""

    __tablename__: ClassVar[str] = "card_case"
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _case_version}
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(sa_type=String(64), unique=True)
    creditor_id: int = Field(foreign_key="creditor.id", index=True)
    debtor_id: int = Field(foreign_key="debtor.id", index=True)
    card_number: str = Field(sa_type=String(19))
    credit_limit: Decimal = money()
    principal: Decimal = money()
    interest: Decimal = money()
    penalty: Decimal = money()
    fees: Decimal = money()
    balance_date: date
    annual_rate: Decimal = Field(max_digits=9, decimal_places=6)
    card_issued_on: date
    overdue_since: date
    last_payment_on: date | None = None
    terms_notice_proven: bool = False
    agreed_court: str | None = Field(default=None, sa_type=String(200))
    asset_leads: str | None = Field(default=None, sa_type=Text)
    deceased: bool = False
    bankrupt: bool = False
    disputed: bool = False
    whereabouts_unknown: bool = False
    data_hash: str = Field(sa_type=String(64))
    stage: str = Field(sa_type=String(32), index=True)
    outcome: str | None = Field(default=None, sa_type=String(16), index=True)
    # The decision in force: claim, procedure and flags live there, once (None: not decided,
    # or its data changed since and it awaits review again).
    decision_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("review_decision.id", use_alter=True, name="fk_case_decision")
        ),
    )
    charges_allowed_by_reviewer: bool = False
    assigned_agent_id: int | None = Field(default=None, foreign_key="agent.id")
    # The lawyer who follows the case in the portal (a portal user with the lawyer role).
    lawyer_id: int | None = Field(default=None, foreign_key="portal_user.id", index=True)
    # The earliest open or missed deadline (kept by store.deadlines): the case list's order.
    next_due_on: date | None = Field(default=None, index=True)
    court: str | None = Field(default=None, sa_type=String(200))
    court_case_no: str | None = Field(default=None, sa_type=String(64))
    version: int = Field(default=1, sa_column=_case_version)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class CollectionEventRow(SQLModel, table=True):
    """One collection contact or limitation-relevant event; event_key makes re-import a no-op."""

    __tablename__: ClassVar[str] = "collection_event"
    __table_args__ = (UniqueConstraint("case_id", "event_key"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    event_key: str = Field(sa_type=String(64))
    occurred_on: date
    occurred_time: str | None = Field(default=None, sa_type=String(8))
    kind: str = Field(sa_type=String(24))
    delivered: bool = False
    receipt_confirmed: bool = False
    amount: Decimal | None = money(nullable=True)
    staff_id: str | None = Field(default=None, sa_type=String(64))
    note: str | None = Field(default=None, sa_type=Text)


class DecisionRow(SQLModel, table=True):
    """A review decision, automatic or by a named reviewer (审查意见): outcome, every reason,
    and what the case then carries: the claim, the procedure, limitation, candidate flags."""

    __tablename__: ClassVar[str] = "review_decision"
    # (case_id, id): a case's latest decision is one index probe; with case_id alone the
    # planner could walk the primary key backwards past a whole chunk's fresh decisions.
    __table_args__ = (Index("ix_review_decision_case_latest", "case_id", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id")
    outcome: str = Field(sa_type=String(16))
    decided_by: str = Field(sa_type=String(100))
    reviewer_reason: str | None = Field(default=None, sa_type=Text)
    reasons: list[dict[str, str]] = Field(default_factory=list, sa_type=JSON)
    as_of: date
    procedure: str = Field(sa_type=String(16))
    payment_order_candidate: bool = False
    criminal_referral_candidate: bool = False
    limitation_expires_on: date
    claim_principal: Decimal = money()
    claim_interest: Decimal = money()
    claim_penalty: Decimal = money()
    claim_fees: Decimal = money()
    claim_total: Decimal = money()
    flow_run_id: str | None = Field(default=None, sa_type=String(64))
    decided_at: datetime = Field(sa_type=UtcDateTime)


class CourtEventRow(SQLModel, table=True):
    """A court event on a case (立案, 送达, 判决…): date, party, source and who recorded it.
    The same event recorded twice stays one row (unique case, code, date, party)."""

    __tablename__: ClassVar[str] = "court_event"
    __table_args__ = (UniqueConstraint("case_id", "code", "occurred_on", "party"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    code: str = Field(sa_type=String(32))
    occurred_on: date
    party: str = Field(default="", sa_type=String(100))
    detail: str = Field(default="", sa_type=String(200))
    case_no: str | None = Field(default=None, sa_type=String(64))
    source: str = Field(default="manual", sa_type=String(16))
    received_at: datetime = Field(sa_type=UtcDateTime)
    recorded_by: str = Field(sa_type=String(100))
    # What a judgment, mediation, payment order or ruling decided (domain.instrument.Terms).
    terms: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    # At registration: the procedure the court uses (its acceptance notice), over the review's
    # prediction; with a preservation ruling: the amount it preserved (交纳办法 §14(2)).
    procedure: str | None = Field(default=None, sa_type=String(16))
    amount: Decimal | None = money(nullable=True)


class AlertRow(SQLModel, table=True):
    """An alert the sweep raised: its key makes it once-only; `sent_at` is set on delivery,
    so an alert a channel failed to deliver is tried again by the next sweep, never twice."""

    __tablename__: ClassVar[str] = "alert"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_type=String(200), unique=True)
    # None: an alert about no one case (the holiday calendar running out, domain.sweep)
    case_id: int | None = Field(default=None, foreign_key="card_case.id", index=True)
    category: str = Field(sa_type=String(16))
    kind: str = Field(sa_type=String(40))
    due_on: date | None = None
    message: str = Field(sa_type=Text)
    raised_on: date
    sent_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class DeadlineRow(SQLModel, table=True):
    """A computed deadline: kind, due date, citation, and what it runs from, a row named by
    its kind and id (domain.deadlines.Source) with `seq` the nth of a series from one row."""

    __tablename__: ClassVar[str] = "deadline"
    __table_args__ = (
        UniqueConstraint(
            "case_id", "kind", "source_kind", "source_id", "seq", name="uq_deadline_source"
        ),
        # The sweep's one access path: open rows up to a date, and missed rows.
        Index("ix_deadline_status_due_on", "status", "due_on"),
        # A case's earliest unsettled deadline (store/deadlines._refresh), per case: without
        # it the planner walks every open deadline of every case for each one (O(n²)).
        Index("ix_deadline_case_status_due_on", "case_id", "status", "due_on"),
        Index("ix_deadline_source", "source_kind", "source_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    # No index on case_id, status or due_on alone: the unique key and the indexes above
    # begin with case_id and status, and every reader of due dates asks for some statuses
    # too; each index more is one more write per deadline (migrations 0029, 0030).
    case_id: int = Field(foreign_key="card_case.id")
    kind: str = Field(sa_type=String(40))
    due_on: date
    status: str = Field(sa_type=String(12))
    citation: str = Field(sa_type=String(200))
    source_kind: str = Field(sa_type=String(16))
    source_id: int
    seq: int = 0
    note: str | None = Field(default=None, sa_type=Text)


class DocumentRow(SQLModel, table=True):
    """A generated document: which template and data made it, and the hash of what came out.

    The same case, kind, template and data is one row however often it is rendered; a new
    template or new data is a new row, and the row it replaces is marked superseded.
    """

    __tablename__: ClassVar[str] = "document"
    __table_args__ = (UniqueConstraint("case_id", "kind", "template_sha", "context_sha", "format"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    kind: str = Field(sa_type=String(40))
    format: str = Field(default="docx", sa_type=String(8))
    template_name: str = Field(sa_type=String(100))
    template_sha: str = Field(sa_type=String(64))
    context_sha: str = Field(sa_type=String(64))
    output_sha: str = Field(sa_type=String(64), index=True)
    size: int
    status: str = Field(default="current", sa_type=String(12))
    created_at: datetime = Field(sa_type=UtcDateTime)
    created_by: str = Field(sa_type=String(100))
    flow_run_id: str | None = Field(default=None, sa_type=String(64))


class AuditRow(SQLModel, table=True):
    """Append-only audit log; each row holds the SHA-256 of its predecessor (a hash chain).

    `at` is text so the hashed value round-trips exactly on every database.
    """

    __tablename__: ClassVar[str] = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: str = Field(sa_type=String(40))
    actor: str = Field(sa_type=String(100))
    action: str = Field(sa_type=String(64))
    entity: str = Field(sa_type=String(32))
    entity_id: str = Field(sa_type=String(64), index=True)
    flow_run_id: str | None = Field(default=None, sa_type=String(64))
    payload: str = Field(sa_type=Text)
    prev_hash: str = Field(sa_type=String(64))
    hash: str = Field(sa_type=String(64), unique=True)


class AuditHeadRow(SQLModel, table=True):
    """The audit chain's last link, written with every append: deleting the newest rows (which
    a hash chain alone cannot reveal) leaves the head pointing past the end."""

    __tablename__: ClassVar[str] = "audit_head"
    id: int = Field(default=1, primary_key=True)
    last_id: int
    hash: str = Field(sa_type=String(64))


# The enforcement stage's and the portal's tables live apart; importing them here registers
# them on the metadata Alembic and the schema checks read.
from legal_flows.store import tables_control as _control  # noqa: E402, F401
from legal_flows.store import tables_enforcement as _enforcement  # noqa: E402, F401
from legal_flows.store import tables_portal as _portal  # noqa: E402, F401

# Core tables for bulk reads and writes (TECH-NOTES §5: executemany, not the unit of work).
CREDITOR = CreditorRow.__table__  # type: ignore[attr-defined]
AGENT = AgentRow.__table__  # type: ignore[attr-defined]
DEBTOR = DebtorRow.__table__  # type: ignore[attr-defined]
CASE = CaseRow.__table__  # type: ignore[attr-defined]
EVENT = CollectionEventRow.__table__  # type: ignore[attr-defined]
DECISION = DecisionRow.__table__  # type: ignore[attr-defined]
AUDIT = AuditRow.__table__  # type: ignore[attr-defined]
AUDIT_HEAD = AuditHeadRow.__table__  # type: ignore[attr-defined]
DOCUMENT = DocumentRow.__table__  # type: ignore[attr-defined]
COURT_EVENT = CourtEventRow.__table__  # type: ignore[attr-defined]
DEADLINE = DeadlineRow.__table__  # type: ignore[attr-defined]
ALERT = AlertRow.__table__  # type: ignore[attr-defined]
