"""The deadlines repository: a source's set replaced, deadlines met, passed ones marked."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Row,
    ScalarSelect,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlmodel import Session

from legal_flows.domain.deadlines import INFORMATIONAL, UNSETTLED, DeadlineKind, Source, Status
from legal_flows.store.tables import CASE, COURT_EVENT, DEADLINE
from legal_flows.store.tables_enforcement import SEIZURE

_INFORMATIONAL = [k.value for k in INFORMATIONAL]
_UNSETTLED = [s.value for s in UNSETTLED]


@dataclass(frozen=True)
class DeadlineIn:
    """A deadline as a service writes it: what it is, when, why, and what it runs from."""

    kind: str
    due_on: date
    citation: str
    source: Source
    source_id: int
    seq: int = 0
    status: str = Status.OPEN.value
    note: str | None = None

    def values(self, case_id: int) -> dict[str, Any]:
        return {
            "case_id": case_id,
            "kind": self.kind,
            "due_on": self.due_on,
            "status": self.status,
            "citation": self.citation,
            "source_kind": self.source.value,
            "source_id": self.source_id,
            "seq": self.seq,
            "note": self.note or None,
        }


def next_due_on() -> ScalarSelect[Any]:
    """A case's earliest unsettled deadline, for `card_case.next_due_on` in an UPDATE of the
    case (correlated to the row being updated)."""
    return (
        select(func.min(DEADLINE.c.due_on))
        .where(DEADLINE.c.case_id == CASE.c.id, DEADLINE.c.status.in_(_UNSETTLED))
        .correlate(CASE)
        .scalar_subquery()
    )


class Deadlines:
    def __init__(self, session: Session) -> None:
        self._session = session

    def replace(
        self,
        case_id: int,
        rows: Sequence[DeadlineIn],
        *,
        kinds: Iterable[str] | None = None,
        source: tuple[Source, int] | None = None,
    ) -> None:
        """The case's deadlines of these kinds, or from this source, become `rows`."""
        where = [DEADLINE.c.case_id == case_id]
        if kinds is not None:
            where.append(DEADLINE.c.kind.in_(list(kinds)))
        if source is not None:
            where += [DEADLINE.c.source_kind == source[0].value, DEADLINE.c.source_id == source[1]]
        self._session.execute(delete(DEADLINE).where(*where))
        if rows:
            self._session.execute(insert(DEADLINE), [r.values(case_id) for r in rows])
        self._refresh([case_id])

    def replace_kind(
        self, kind: str, rows: dict[int, DeadlineIn | None], *, refresh_cases: bool = True
    ) -> None:
        """For many cases at once: each case's deadline of `kind` becomes its row (or none).

        `refresh_cases=False`: the caller updates these cases next and sets their
        `next_due_on` to `next_due_on()` in that same UPDATE (one pass over the rows, not two).
        """
        if not rows:
            return
        self._session.execute(
            delete(DEADLINE).where(DEADLINE.c.case_id.in_(list(rows)), DEADLINE.c.kind == kind)
        )
        new = [r.values(case_id) for case_id, r in rows.items() if r is not None]
        if new:
            self._session.execute(insert(DEADLINE), new)
        if refresh_cases:
            self._refresh(list(rows))

    def meet(
        self, case_id: int, kinds: Iterable[str], *, sources: Sequence[tuple[Source, int]] = ()
    ) -> int:
        """Mark the case's deadlines of these kinds met (only those from `sources`, if given)."""
        where = [DEADLINE.c.case_id == case_id, DEADLINE.c.kind.in_(list(kinds))]
        if sources:
            where.append(or_(*(_from(kind, ident) for kind, ident in sources)))
        result = self._session.execute(update(DEADLINE).where(*where).values(status="met"))
        self._refresh([case_id])
        return int(cast(CursorResult[Any], result).rowcount)

    def meet_for_asset(self, case_id: int, asset_id: int, kinds: Iterable[str]) -> int:
        """VAL-01's deadlines of one asset: from its price, or from any seizure of it."""
        seizures = select(SEIZURE.c.id).where(SEIZURE.c.asset_id == asset_id)
        where = or_(
            _from(Source.ASSET, asset_id),
            (DEADLINE.c.source_kind == Source.SEIZURE.value) & DEADLINE.c.source_id.in_(seizures),
        )
        result = self._session.execute(
            update(DEADLINE)
            .where(DEADLINE.c.case_id == case_id, DEADLINE.c.kind.in_(list(kinds)), where)
            .values(status="met")
        )
        self._refresh([case_id])
        return int(cast(CursorResult[Any], result).rowcount)

    def close_unsettled(self, case_id: int) -> int:
        """The case ended: its open and missed deadlines ask nothing more (closed)."""
        result = self._session.execute(
            update(DEADLINE)
            .where(
                DEADLINE.c.case_id == case_id,
                DEADLINE.c.status.in_([Status.OPEN.value, Status.MISSED.value]),
            )
            .values(status=Status.CLOSED.value)
        )
        self._refresh([case_id])
        return int(cast(CursorResult[Any], result).rowcount)

    def reopen_closed(self, case_id: int) -> int:
        """A re-opened case: what its closing closed asks again (the next sweep marks what has
        passed missed again; its alerts were raised once already)."""
        result = self._session.execute(
            update(DEADLINE)
            .where(DEADLINE.c.case_id == case_id, DEADLINE.c.status == Status.CLOSED.value)
            .values(status=Status.OPEN.value)
        )
        self._refresh([case_id])
        return int(cast(CursorResult[Any], result).rowcount)

    def mark_passed(self, as_of: date) -> int:
        """Open deadlines whose day has passed: missed, or elapsed for the windows that run
        for someone else (domain.deadlines.status_at, tested against it); returns missed."""
        passed = (DEADLINE.c.status == Status.OPEN.value) & (DEADLINE.c.due_on < as_of)
        missed = self._session.execute(
            update(DEADLINE)
            .where(passed, DEADLINE.c.kind.not_in(_INFORMATIONAL))
            .values(status=Status.MISSED.value)
        )
        elapsed = self._session.execute(
            update(DEADLINE)
            .where(passed, DEADLINE.c.kind.in_(_INFORMATIONAL))
            .values(status=Status.ELAPSED.value)
            .returning(DEADLINE.c.case_id)
        )
        # A missed deadline still asks something; an elapsed window no longer does.
        self._refresh(sorted(set(elapsed.scalars())))
        return int(cast(CursorResult[Any], missed).rowcount)

    def _refresh(self, case_ids: Sequence[int]) -> None:
        """Each case's earliest unsettled deadline, kept on the case for the case list (one
        indexed column instead of an aggregate over every deadline of every case)."""
        earliest = next_due_on()
        for start in range(0, len(case_ids), 5000):
            chunk = list(case_ids[start : start + 5000])
            self._session.execute(
                update(CASE).where(CASE.c.id.in_(chunk)).values(next_due_on=earliest)
            )

    def to_sweep(self, horizon: date) -> list[Row[Any]]:
        """Open deadlines due by `horizon`, and every missed one, with their case's account."""
        query = (
            select(DEADLINE, CASE.c.account_id)
            .join(CASE, CASE.c.id == DEADLINE.c.case_id)
            .where(
                ((DEADLINE.c.status == Status.OPEN.value) & (DEADLINE.c.due_on <= horizon))
                | (DEADLINE.c.status == Status.MISSED.value)
            )
            .order_by(DEADLINE.c.due_on)
        )
        return list(self._session.execute(query).all())

    def open_due(self, kind: str, *, by: date) -> list[Row[Any]]:
        query = select(DEADLINE).where(
            DEADLINE.c.kind == kind,
            DEADLINE.c.status == Status.OPEN.value,
            DEADLINE.c.due_on <= by,
        )
        return list(self._session.execute(query).all())

    def listing(self, where: Sequence[ColumnElement[bool]]) -> list[Row[Any]]:
        """Deadlines by due date with their case's account and, for display, the event
        they run from."""
        query = (
            select(DEADLINE, CASE.c.account_id, COURT_EVENT.c.code, COURT_EVENT.c.occurred_on)
            .add_columns(COURT_EVENT.c.party, SEIZURE.c.asset_id)
            .join(CASE, CASE.c.id == DEADLINE.c.case_id)
            .outerjoin(
                COURT_EVENT,
                (DEADLINE.c.source_kind == Source.COURT_EVENT.value)
                & (COURT_EVENT.c.id == DEADLINE.c.source_id),
            )
            .outerjoin(
                SEIZURE,
                (DEADLINE.c.source_kind == Source.SEIZURE.value)
                & (SEIZURE.c.id == DEADLINE.c.source_id),
            )
            .where(*where)
            .order_by(DEADLINE.c.due_on, CASE.c.account_id)
        )
        return list(self._session.execute(query).all())

    def count_open_after(self, day: date, *, up_to: int) -> int:
        """How many open deadlines fall after `day`, counting no further than `up_to`: a
        bounded walk of the (status, due_on) index however many there are."""
        after = (
            select(DEADLINE.c.id)
            .where(DEADLINE.c.status == Status.OPEN.value, DEADLINE.c.due_on > day)
            .limit(up_to)
            .subquery()
        )
        return int(self._session.execute(select(func.count()).select_from(after)).scalar_one())

    def cases_open_from(self, day: date) -> list[int]:
        """Cases with an open deadline due on or after `day` (the status and due-date index)."""
        query = (
            select(DEADLINE.c.case_id)
            .where(DEADLINE.c.status == Status.OPEN.value, DEADLINE.c.due_on >= day)
            .distinct()
            .order_by(DEADLINE.c.case_id)
        )
        return list(self._session.execute(query).scalars())

    def of_case(self, case_id: int) -> list[Row[Any]]:
        query = select(DEADLINE).where(DEADLINE.c.case_id == case_id).order_by(DEADLINE.c.due_on)
        return list(self._session.execute(query).all())


def _from(kind: Source, ident: int) -> ColumnElement[bool]:
    same: ColumnElement[bool] = (DEADLINE.c.source_kind == kind.value) & (
        DEADLINE.c.source_id == ident
    )
    return same


@dataclass(frozen=True)
class DeadlineSource:
    """What a deadline runs from, read once from its listing row: `code` is the form scripts
    read (`deadlines --json`); the CLI says the same parts in the catalogue's words."""

    kind: Source
    ident: int
    asset: int | None = None  # the asset whose reference price a seizure's valuation fixes
    event: str | None = None  # the court event's code, when the deadline runs from one
    on: date | None = None  # the event's day
    party: str = ""  # who the event concerns (送达 to the defendant, say)
    check: int = 0  # the nth property check after 终本, counted on the deadline

    @property
    def code(self) -> str:
        """The event with its date and party (or the check's number), `seizure:ID`,
        `asset:ID:price`, `asset:ID:SEIZURE`, `review`, else `kind:ID`."""
        if self.kind == Source.CASE:
            return "review"
        if self.kind == Source.ASSET:
            return f"asset:{self.ident}:price"
        if self.kind == Source.SEIZURE:
            if self.asset is not None:
                return f"asset:{self.asset}:{self.ident}"
            return f"seizure:{self.ident}"
        if self.event is None or self.on is None:
            return f"{self.kind.value}:{self.ident}"
        return f"{self.event}:{self.on.isoformat()}:{self.check or self.party}"


def source_of(row: Row[Any]) -> DeadlineSource:
    """The parts of a `listing` row's source (the event and the seizure joined to it)."""
    kind = Source(row.source_kind)
    if kind == Source.SEIZURE and row.kind == DeadlineKind.REFERENCE_PRICE.value:
        return DeadlineSource(kind, row.source_id, asset=row.asset_id)
    if row.code is None:
        return DeadlineSource(kind, row.source_id)
    return DeadlineSource(
        kind,
        row.source_id,
        event=row.code,
        on=row.occurred_on,
        party=row.party or "",
        check=row.seq or 0,
    )
