"""The unit of work: one transaction and the repositories every use case shares.

After cosmicpython's `unit_of_work.py`: a service is handed a unit of work and finds a case,
writes a deadline or appends to the audit log through it, never with its own SQL for those.
The edge (a CLI command, an API route, a flow task) opens it and so decides where the
transaction begins and ends: it commits when the block ends and rolls back if it raises.
Queries of their own (a list for a page, a report) a service runs on `uow.session`.
"""

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from sqlalchemy import Engine, Table, text
from sqlmodel import Session

from legal_flows.store.audit import AuditLog
from legal_flows.store.cases import Cases
from legal_flows.store.court_events import CourtEvents
from legal_flows.store.db import is_sqlite, session_scope
from legal_flows.store.deadlines import Deadlines
from legal_flows.store.documents import Documents
from legal_flows.store.enforcement import Enforcement


class UnitOfWork:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.cases = Cases(session)
        self.deadlines = Deadlines(session)
        self.events = CourtEvents(session)
        self.documents = Documents(session)
        self.enforcement = Enforcement(session)
        self.audit = AuditLog(session)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part that may fail alone: its writes are undone, the rest of the unit stays."""
        with self.session.begin_nested():
            yield

    @property
    def on_sqlite(self) -> bool:
        return is_sqlite(self.session.get_bind())  # type: ignore[arg-type]

    def refresh_statistics(self, tables: Sequence[Table]) -> None:
        """ANALYZE tables a bulk write just changed (PostgreSQL), so the next queries are
        planned for what is there now. Autovacuum may be off, or not have run yet when the
        nightly review starts after an import: without statistics the planner took each
        review chunk by reading and sorting every pending case (23 ms a chunk with 60,000
        pending, growing with them) where the primary key reads just the chunk (1.2 ms)."""
        if not self.on_sqlite:
            for table in tables:
                self.session.execute(text(f'ANALYZE "{table.name}"'))


@contextmanager
def unit_of_work(
    engine: Engine, *, read_only: bool = False, dry_run: bool = False
) -> Iterator[UnitOfWork]:
    """`read_only` units do not queue behind SQLite's writer (they must not write); `dry_run`
    units roll back what they wrote."""
    with session_scope(engine, read_only=read_only, dry_run=dry_run) as session:
        yield UnitOfWork(session)


class UnitsOfWork(Protocol):
    """What a batch use case is handed when its contract is one transaction per chunk or
    per row (imports, feeds): it opens as many units as it needs, each committed alone."""

    def __call__(self, *, read_only: bool = False) -> AbstractContextManager[UnitOfWork]: ...
