"""The cases repository: a case by id or account, locked or not; stage moves; work taking."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, Row, bindparam, insert, select, update
from sqlmodel import Session

from legal_flows.domain.stages import REQUEUE_TO, Stage, check_transition
from legal_flows.store.tables import CASE, DEBTOR, DECISION, EVENT

# A collection event as read: case_id, occurred_on, kind, delivered, receipt_confirmed, amount.
EventRow = tuple[int, date, str, bool, bool, Decimal | None]

# A case with its cardholder's columns by their names (`holder_name` for the name).
_WITH_DEBTOR = (
    select(CASE, *[c for c in DEBTOR.c if c.name not in ("id", "name")])
    .add_columns(DEBTOR.c.name.label("holder_name"))
    .join(DEBTOR, DEBTOR.c.id == CASE.c.debtor_id)
)
# A case requeued (domain.stages.REQUEUE_TO) loses what was decided on its old data.
_REQUEUED = {
    "stage": REQUEUE_TO.value,
    "outcome": None,
    "decision_id": None,
    "charges_allowed_by_reviewer": False,
}


class Cases:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(
        self, *, id: int | None = None, account_id: str | None = None, lock: bool = False
    ) -> Row[Any] | None:
        """The case row by id or by the bank's account id; `lock` holds it (FOR UPDATE on
        PostgreSQL; SQLite's writer lock holds everything) until the transaction ends."""
        query: Any = select(CASE)
        if id is not None:
            query = query.where(CASE.c.id == id)
        if account_id is not None:
            query = query.where(CASE.c.account_id == account_id)
        if lock:
            query = query.with_for_update()
        return self._session.execute(query).first()

    def with_debtor(self, case_id: int) -> Row[Any]:
        """The case row joined with its cardholder's (the debtor's columns by their names,
        `holder_name` for the name)."""
        return self._session.execute(_WITH_DEBTOR.where(CASE.c.id == case_id)).one()

    def with_debtors(self, case_ids: Sequence[int]) -> list[Row[Any]]:
        """Many cases as `with_debtor` reads one, in id order."""
        query = _WITH_DEBTOR.where(CASE.c.id.in_(case_ids)).order_by(CASE.c.id)
        return list(self._session.execute(query).all())

    def rows(
        self,
        case_ids: Sequence[int],
        names: Sequence[str],
        *,
        stages: Iterable[str] | None = None,
    ) -> list[Row[Any]]:
        """Many cases at once, with the named columns of the case or, failing that, of its
        cardholder, in id order (one query, no ORM objects: a review chunk's read)."""
        columns = [CASE.c[n] if n in CASE.c else DEBTOR.c[n] for n in names]
        query = (
            select(*columns)
            .join(DEBTOR, DEBTOR.c.id == CASE.c.debtor_id)
            .where(CASE.c.id.in_(case_ids))
            .order_by(CASE.c.id)
        )
        if stages is not None:
            query = query.where(CASE.c.stage.in_(list(stages)))
        return list(self._session.execute(query).all())

    def collection_events(self, case_ids: Sequence[int]) -> dict[int, list[EventRow]]:
        """Each case's collection events as EventRow, in the order they happened, same-day
        ones in the order they were imported: the review and the filing dossier read them
        alike, each into its own type."""
        query = (
            select(
                EVENT.c.case_id,
                EVENT.c.occurred_on,
                EVENT.c.kind,
                EVENT.c.delivered,
                EVENT.c.receipt_confirmed,
                EVENT.c.amount,
            )
            .where(EVENT.c.case_id.in_(case_ids))
            .order_by(EVENT.c.case_id, EVENT.c.occurred_on, EVENT.c.id)
        )
        found: dict[int, list[EventRow]] = {}
        for row in self._session.execute(query):
            found.setdefault(row[0], []).append(row)
        return found

    def id_of(self, account_id: str) -> int | None:
        found = self._session.execute(
            select(CASE.c.id).where(CASE.c.account_id == account_id)
        ).scalar()
        return None if found is None else int(found)

    def account_of(self, case_id: int) -> str:
        query = select(CASE.c.account_id).where(CASE.c.id == case_id)
        return str(self._session.execute(query).scalar_one())

    def decisions(self, decision_ids: Sequence[int]) -> dict[int, Row[Any]]:
        """Review decisions by id."""
        query = select(DECISION).where(DECISION.c.id.in_(decision_ids))
        return {row.id: row for row in self._session.execute(query)}

    def decision(self, decision_id: int | None) -> Row[Any] | None:
        """A review decision (the one in force, when given the case's decision_id)."""
        if decision_id is None:
            return None
        query = select(DECISION).where(DECISION.c.id == decision_id)
        return self._session.execute(query).first()

    def update(self, case_id: int, *, now: datetime, **values: Any) -> None:
        """Change a case's columns; every change is a new version (optimistic locking)."""
        self._session.execute(
            update(CASE)
            .where(CASE.c.id == case_id)
            .values(**values, version=CASE.c.version + 1, updated_at=now)
        )

    def update_version(
        self, case_id: int, version: int, *, now: datetime, **values: Any
    ) -> int | None:
        """Change a case only if it is still at `version`; its new version, or None when
        someone changed it first."""
        result = self._session.execute(
            update(CASE)
            .where(CASE.c.id == case_id, CASE.c.version == version)
            .values(**values, version=version + 1, updated_at=now)
        )
        return version + 1 if cast(CursorResult[Any], result).rowcount == 1 else None

    def move(self, case_id: int, stage: str, to: Stage, *, now: datetime, **values: Any) -> Stage:
        """Move a case from `stage` to `to` through the stage machine (IllegalTransition
        naming both stages otherwise), with any other columns the move changes."""
        target = check_transition(stage, to)
        self.update(case_id, now=now, stage=target.value, **values)
        return target

    def by_accounts(self, account_ids: Iterable[str], names: Sequence[str]) -> dict[str, Row[Any]]:
        """The cases with these accounts, their named columns, by account."""
        query = select(CASE.c.account_id, *[CASE.c[n] for n in names if n != "account_id"])
        found = self._session.execute(query.where(CASE.c.account_id.in_(list(account_ids))))
        return {r.account_id: r for r in found}

    def add_many(self, rows: Sequence[dict[str, Any]], *, now: datetime) -> None:
        """New cases, with executemany (TECH-NOTES §5: not one ORM object each)."""
        if rows:
            self._session.execute(insert(CASE).values(version=1, updated_at=now), rows)

    def update_many(
        self, rows: dict[int, dict[str, Any]], *, now: datetime, requeue: Iterable[int] = ()
    ) -> None:
        """Change many cases' columns at once, each its own values (by id); those in
        `requeue` go back to review as `requeue` sends them."""
        back = set(requeue)
        groups: dict[frozenset[str], list[dict[str, Any]]] = {}
        for case_id, values in rows.items():
            row = {**values, **(_REQUEUED if case_id in back else {}), "b_id": case_id}
            # executemany needs one set of columns per statement: requeued rows carry more.
            groups.setdefault(frozenset(row), []).append(row)
        statement = update(CASE).where(CASE.c.id == bindparam("b_id"))
        for group in groups.values():
            self._session.execute(
                statement.values(version=CASE.c.version + 1, updated_at=now), group
            )

    def requeue(self, case_ids: Sequence[int], *, now: datetime) -> None:
        """Back to review, without the decision and override its old data supported."""
        if case_ids:
            self._session.execute(
                update(CASE)
                .where(CASE.c.id.in_(case_ids))
                .values(**_REQUEUED, version=CASE.c.version + 1, updated_at=now)
            )

    def ids_in(self, stages: Iterable[Stage]) -> list[int]:
        """The ids of the cases in these stages, lowest first (a read: nothing is locked)."""
        query = select(CASE.c.id).where(CASE.c.stage.in_([s.value for s in stages]))
        return list(self._session.execute(query.order_by(CASE.c.id)).scalars())

    def take(
        self,
        stages: Iterable[Stage] | None,
        *,
        after: int = 0,
        limit: int,
        ids: Sequence[int] | None = None,
    ) -> list[int]:
        """Take up to `limit` cases in these stages (any stage: None; of `ids`, when given)
        with ids above `after`, lowest first, skipping those another worker holds.

        On PostgreSQL `FOR UPDATE SKIP LOCKED` hands each worker rows no other worker holds
        (TECH-NOTES §5), so any number of flow runs, on any number of machines, can work one
        stage at once without touching the same case; a worker that dies drops its connection
        and with it its locks, so nothing stays taken after a crash. SQLite drops the clause:
        there the writer lock, taken at BEGIN, makes one worker at a time the only one.
        """
        query: Any = (
            select(CASE.c.id)
            .where(CASE.c.id > after)
            .order_by(CASE.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        if stages is not None:
            query = query.where(CASE.c.stage.in_([s.value for s in stages]))
        if ids is not None:
            query = query.where(CASE.c.id.in_(ids))
        return list(self._session.execute(query).scalars())

    def versions(self, case_ids: Sequence[int]) -> dict[int, int]:
        """Lock these cases and read their versions (a chunk compares them before writing)."""
        query = select(CASE.c.id, CASE.c.version).where(CASE.c.id.in_(case_ids)).with_for_update()
        return {int(i): int(v) for i, v in self._session.execute(query).all()}

    def move_many(self, case_ids: Sequence[int], *, now: datetime, **values: Any) -> int:
        """One set-based UPDATE of many cases (their moves checked by the caller); returns
        how many rows it matched."""
        result = self._session.execute(
            update(CASE)
            .where(CASE.c.id.in_(case_ids))
            .values(**values, version=CASE.c.version + 1, updated_at=now)
        )
        return int(cast(CursorResult[Any], result).rowcount)
