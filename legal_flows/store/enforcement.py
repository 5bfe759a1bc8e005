"""The enforcement repository: assets, their seizures and auction rounds, money received."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlmodel import Session

from legal_flows.domain.seizure import LAPSES_FROM
from legal_flows.store.tables_enforcement import (
    ASSET,
    AUCTION,
    CASE_COST,
    PAYMENT_PLAN,
    PROCEEDS,
    SEIZURE,
)


class Enforcement:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _insert(self, table: Any, values: dict[str, Any]) -> int:
        new = self._session.execute(insert(table).values(**values).returning(table.c.id))
        return int(new.scalar_one())

    # Assets (财产登记)
    def asset(self, asset_id: int) -> Row[Any] | None:
        return self._session.execute(select(ASSET).where(ASSET.c.id == asset_id)).first()

    def add_asset(self, **values: Any) -> int:
        return self._insert(ASSET, values)

    def update_asset(self, asset_id: int, **values: Any) -> None:
        self._session.execute(update(ASSET).where(ASSET.c.id == asset_id).values(**values))

    def assets_of(self, case_id: int) -> list[Row[Any]]:
        query = select(ASSET).where(ASSET.c.case_id == case_id).order_by(ASSET.c.id)
        return list(self._session.execute(query).all())

    # Seizures (查封/扣押/冻结)
    def seizure(self, seizure_id: int) -> Row[Any] | None:
        return self._session.execute(select(SEIZURE).where(SEIZURE.c.id == seizure_id)).first()

    def add_seizure(self, **values: Any) -> int:
        return self._insert(SEIZURE, values)

    def update_seizure(self, seizure_id: int, *, now: datetime, **values: Any) -> None:
        self._session.execute(
            update(SEIZURE).where(SEIZURE.c.id == seizure_id).values(**values, updated_at=now)
        )

    def seizures_on(self, asset_id: int) -> list[Row[Any]]:
        """The asset's seizures: the first and the waiting list (轮候), in id order."""
        query = select(SEIZURE).where(SEIZURE.c.asset_id == asset_id).order_by(SEIZURE.c.id)
        return list(self._session.execute(query).all())

    def seizures_of(self, case_id: int) -> list[Row[Any]]:
        query = select(SEIZURE).where(SEIZURE.c.case_id == case_id).order_by(SEIZURE.c.id)
        return list(self._session.execute(query).all())

    def expired(self, as_of: date) -> list[Row[Any]]:
        """Seizures in force past their expiry (domain.seizure.has_lapsed, tested against
        it), locked, oldest expiry first."""
        query = (
            select(SEIZURE)
            .where(SEIZURE.c.status.in_(LAPSES_FROM), SEIZURE.c.expires_on < as_of)
            .order_by(SEIZURE.c.expires_on, SEIZURE.c.id)
            .with_for_update()
        )
        return list(self._session.execute(query).all())

    # Auction rounds (一拍, 二拍…)
    def round(self, round_id: int) -> Row[Any] | None:
        return self._session.execute(select(AUCTION).where(AUCTION.c.id == round_id)).first()

    def rounds_of(self, asset_id: int) -> list[Row[Any]]:
        query = select(AUCTION).where(AUCTION.c.asset_id == asset_id).order_by(AUCTION.c.number)
        return list(self._session.execute(query).all())

    def sale_rulings(self, case_id: int | None = None) -> list[Row[Any]]:
        """Sale rulings served (case_id, ruling_on, price): each stops the doubled interest
        on its price; all cases' when no case is named (the report)."""
        query = select(AUCTION.c.case_id, AUCTION.c.ruling_on, AUCTION.c.price).where(
            AUCTION.c.ruling == "sale"
        )
        if case_id is not None:
            query = query.where(AUCTION.c.case_id == case_id)
        return list(self._session.execute(query.order_by(AUCTION.c.ruling_on)).all())

    def add_round(self, **values: Any) -> int:
        return self._insert(AUCTION, values)

    def update_round(self, round_id: int, **values: Any) -> None:
        self._session.execute(update(AUCTION).where(AUCTION.c.id == round_id).values(**values))

    # Money received (回款)
    def proceeds_of(self, case_id: int) -> list[Row[Any]]:
        query = select(PROCEEDS).where(PROCEEDS.c.case_id == case_id).order_by(PROCEEDS.c.id)
        return list(self._session.execute(query).all())

    def add_proceeds(self, **values: Any) -> int:
        return self._insert(PROCEEDS, values)

    # The bank's costs (fees advanced, 公告费, 评估费, lawyer fees, refunds)
    def costs_of(self, case_id: int | None = None) -> list[Row[Any]]:
        """A case's cost entries, oldest first; every case's when none is named (the report)."""
        query = select(CASE_COST)
        if case_id is not None:
            query = query.where(CASE_COST.c.case_id == case_id)
        return list(self._session.execute(query.order_by(CASE_COST.c.id)).all())

    def add_cost(self, **values: Any) -> int:
        return self._insert(CASE_COST, values)

    # Instalment plans (调解分期, 执行和解)
    def plan(self, plan_id: int) -> Row[Any] | None:
        query = select(PAYMENT_PLAN).where(PAYMENT_PLAN.c.id == plan_id)
        return self._session.execute(query).first()

    def plan_of(self, case_id: int) -> Row[Any] | None:
        """The case's latest plan (a new one replaces the earlier as the one followed)."""
        query = select(PAYMENT_PLAN).where(PAYMENT_PLAN.c.case_id == case_id)
        return self._session.execute(query.order_by(PAYMENT_PLAN.c.id.desc())).first()

    def plans(self) -> list[Row[Any]]:
        """Every case's latest plan (the sweep looks for missed instalments)."""
        latest = (
            select(func.max(PAYMENT_PLAN.c.id)).group_by(PAYMENT_PLAN.c.case_id).scalar_subquery()
        )
        query = select(PAYMENT_PLAN).where(PAYMENT_PLAN.c.id.in_(latest))
        return list(self._session.execute(query.order_by(PAYMENT_PLAN.c.id)).all())

    def add_plan(self, **values: Any) -> int:
        return self._insert(PAYMENT_PLAN, values)

    def update_plan(self, plan_id: int, **values: Any) -> None:
        query = update(PAYMENT_PLAN).where(PAYMENT_PLAN.c.id == plan_id).values(**values)
        self._session.execute(query)
