"""Tables of the enforcement stage: the asset register, seizures, auction rounds, proceeds,
the bank's costs."""

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from legal_flows.store.types import UtcDateTime, money


class AssetRow(SQLModel, table=True):
    """A debtor's asset on a case's register (财产线索/查控结果)."""

    __tablename__: ClassVar[str] = "asset"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    kind: str = Field(sa_type=String(16))
    description: str = Field(sa_type=String(300))
    identifier: str = Field(default="", sa_type=String(200))  # account + bank, certificate, plate
    estimated_value: Decimal | None = money(nullable=True)
    necessary_home: bool = False  # 查封规定 §4: seizable, not to be auctioned without exception
    home_exception: str | None = Field(default=None, sa_type=Text)
    reference_price: Decimal | None = money(nullable=True)  # 参考价, once fixed
    reference_fixed_on: date | None = None
    created_at: datetime = Field(sa_type=UtcDateTime)


class SeizureRow(SQLModel, table=True):
    """A freeze, seizure or detention (冻结/查封/扣押) of one asset, first or waiting-list."""

    __tablename__: ClassVar[str] = "seizure"
    id: int | None = Field(default=None, primary_key=True)
    asset_id: int = Field(foreign_key="asset.id", index=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    measure: str = Field(sa_type=String(8))  # freeze | seize | detain
    stage: str = Field(sa_type=String(12))  # preservation | enforcement
    ruling_no: str = Field(sa_type=String(64))
    effective_on: date
    preserved_on: date | None = None  # original preservation date, counted on (解释 §168)
    served_on: date  # service of the assistance notice: the waiting-list order
    expires_on: date | None = None  # None while on the waiting list
    status: str = Field(sa_type=String(10), index=True)  # active|waiting|released|lapsed|void
    renewals: int = 0
    # The expiry a 续行 application was written for: one application per expiry.
    renewal_applied_for: date | None = None
    updated_at: datetime = Field(sa_type=UtcDateTime)


class AuctionRoundRow(SQLModel, table=True):
    """One judicial auction round of an asset (一拍, 二拍…) and its result."""

    __tablename__: ClassVar[str] = "auction_round"
    __table_args__ = (UniqueConstraint("asset_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    asset_id: int = Field(foreign_key="asset.id", index=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    number: int
    platform: str = Field(sa_type=String(50))
    reference_price: Decimal = money()
    starting_price: Decimal = money()
    deposit: Decimal = money()
    increment: Decimal = money()
    notice_on: date
    starts_at: datetime = Field(sa_type=UtcDateTime)
    ends_at: datetime = Field(sa_type=UtcDateTime)
    status: str = Field(default="planned", sa_type=String(12))
    result_on: date | None = None
    price: Decimal | None = money(nullable=True)
    buyer: str | None = Field(default=None, sa_type=String(100))
    bidders: int | None = None
    # The ruling that ended the disposal (domain.auction.Ruling) and the day it was served.
    ruling: str | None = Field(default=None, sa_type=String(12))
    ruling_on: date | None = None
    mode: str = Field(default="auction", sa_type=String(8))  # domain.auction.Mode


class ProceedsRow(SQLModel, table=True):
    """Money received on a case and how the waterfall applied it (回款)."""

    __tablename__: ClassVar[str] = "proceeds"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    received_on: date
    amount: Decimal = money()
    source: str = Field(sa_type=String(16))  # domain.distribution.ProceedsSource
    applied: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(sa_type=UtcDateTime)


class CaseCostRow(SQLModel, table=True):
    """What the bank paid out or got back on a case (domain.costs.CostKind)."""

    __tablename__: ClassVar[str] = "case_cost"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    kind: str = Field(sa_type=String(24))
    amount: Decimal = money()
    paid_on: date
    note: str = Field(default="", sa_type=String(200))
    recorded_by: str = Field(sa_type=String(100))
    created_at: datetime = Field(sa_type=UtcDateTime)


class PaymentPlanRow(SQLModel, table=True):
    """An instalment plan of a case (domain.plans): its schedule as [{due, amount}]."""

    __tablename__: ClassVar[str] = "payment_plan"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="card_case.id", index=True)
    kind: str = Field(sa_type=String(24))
    agreed_on: date
    accelerates: bool = False
    schedule: list[dict[str, str]] = Field(default_factory=list, sa_type=JSON)
    breach_prepared: int | None = None  # the instalment whose next step was written
    recorded_by: str = Field(sa_type=String(100))
    created_at: datetime = Field(sa_type=UtcDateTime)


ASSET = AssetRow.__table__  # type: ignore[attr-defined]
SEIZURE = SeizureRow.__table__  # type: ignore[attr-defined]
AUCTION = AuctionRoundRow.__table__  # type: ignore[attr-defined]
PROCEEDS = ProceedsRow.__table__  # type: ignore[attr-defined]
CASE_COST = CaseCostRow.__table__  # type: ignore[attr-defined]
PAYMENT_PLAN = PaymentPlanRow.__table__  # type: ignore[attr-defined]
