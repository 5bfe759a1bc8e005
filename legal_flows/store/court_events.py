"""The court events repository: a case's history as the domain reads it, and new events."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlmodel import Session

from legal_flows.domain.court import CourtEvent, CourtRecord
from legal_flows.store.tables import COURT_EVENT


class CourtEvents:
    def __init__(self, session: Session) -> None:
        self._session = session

    def history(self, case_id: int) -> list[CourtRecord]:
        """Every event on record for the case, oldest first, each with its row's id."""
        rows = self._session.execute(
            select(
                COURT_EVENT.c.id,
                COURT_EVENT.c.code,
                COURT_EVENT.c.occurred_on,
                COURT_EVENT.c.party,
                COURT_EVENT.c.detail,
            )
            .where(COURT_EVENT.c.case_id == case_id)
            .order_by(COURT_EVENT.c.occurred_on, COURT_EVENT.c.id)
        )
        return [
            CourtRecord(CourtEvent(r.code), r.occurred_on, r.party, r.detail, r.id) for r in rows
        ]

    def add(
        self,
        case_id: int,
        event: CourtRecord,
        *,
        case_no: str | None,
        source: str,
        now: datetime,
        recorded_by: str,
        terms: dict[str, Any] | None = None,
        procedure: str | None = None,
        amount: Decimal | None = None,
    ) -> CourtRecord:
        """Store the event; returned with its new row's id."""
        new = self._session.execute(
            insert(COURT_EVENT)
            .values(
                case_id=case_id,
                code=event.code.value,
                occurred_on=event.on,
                party=event.party,
                detail=event.detail,
                case_no=case_no,
                source=source,
                received_at=now,
                recorded_by=recorded_by,
                terms=terms,
                procedure=procedure,
                amount=amount,
            )
            .returning(COURT_EVENT.c.id)
        ).scalar_one()
        return CourtRecord(event.code, event.on, event.party, event.detail, int(new))

    def set_terms(self, event_id: int, terms: dict[str, Any]) -> None:
        self._session.execute(
            update(COURT_EVENT).where(COURT_EVENT.c.id == event_id).values(terms=terms)
        )

    def latest_of(self, case_id: int, codes: Iterable[str]) -> Row[Any] | None:
        """The case's latest event of these kinds (by date, then as recorded)."""
        query = (
            select(COURT_EVENT)
            .where(COURT_EVENT.c.case_id == case_id, COURT_EVENT.c.code.in_(list(codes)))
            .order_by(COURT_EVENT.c.occurred_on.desc(), COURT_EVENT.c.id.desc())
        )
        return self._session.execute(query).first()

    def set_particulars(
        self, event_id: int, *, procedure: str | None, amount: Decimal | None
    ) -> None:
        values: dict[str, Any] = {}
        if procedure is not None:
            values["procedure"] = procedure
        if amount is not None:
            values["amount"] = amount
        if values:
            query = update(COURT_EVENT).where(COURT_EVENT.c.id == event_id).values(**values)
            self._session.execute(query)

    def procedure_used(self, case_id: int) -> str | None:
        """The procedure the court's registration recorded, if it did (the latest one given,
        as the fee rules read it)."""
        query = (
            select(COURT_EVENT.c.procedure)
            .where(
                COURT_EVENT.c.case_id == case_id,
                COURT_EVENT.c.code == CourtEvent.REGISTERED.value,
                COURT_EVENT.c.procedure.is_not(None),
            )
            .order_by(COURT_EVENT.c.occurred_on.desc(), COURT_EVENT.c.id.desc())
        )
        return self._session.execute(query).scalar()

    def rows(self, case_id: int) -> list[Row[Any]]:
        query = select(COURT_EVENT).where(COURT_EVENT.c.case_id == case_id)
        return list(self._session.execute(query.order_by(COURT_EVENT.c.occurred_on)).all())
