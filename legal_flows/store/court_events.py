"""The court events repository: a case's history as the domain reads it, and new events."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, insert, select
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
            )
            .returning(COURT_EVENT.c.id)
        ).scalar_one()
        return CourtRecord(event.code, event.on, event.party, event.detail, int(new))

    def first_on(self, case_id: int, code: CourtEvent) -> date | None:
        """The date of the case's first event of this kind, if any."""
        query = select(COURT_EVENT.c.occurred_on).where(
            COURT_EVENT.c.case_id == case_id, COURT_EVENT.c.code == code.value
        )
        return self._session.execute(query.order_by(COURT_EVENT.c.occurred_on)).scalar()

    def codes(self, case_id: int) -> set[str]:
        query = select(COURT_EVENT.c.code).where(COURT_EVENT.c.case_id == case_id)
        return set(self._session.execute(query).scalars())

    def rows(self, case_id: int) -> list[Row[Any]]:
        query = select(COURT_EVENT).where(COURT_EVENT.c.case_id == case_id)
        return list(self._session.execute(query.order_by(COURT_EVENT.c.occurred_on)).all())
