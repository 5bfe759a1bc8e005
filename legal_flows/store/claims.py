"""Work claiming: a worker takes cases by locking their rows for its transaction.

On PostgreSQL `FOR UPDATE SKIP LOCKED` hands each worker rows no other worker holds
(TECH-NOTES §5), so any number of flow runs, on any number of machines, can work one stage at
once without touching the same case; a worker that dies drops its connection and with it its
locks, so nothing stays claimed after a crash. SQLite drops the clause: there the writer lock,
taken at BEGIN, makes one worker at a time the only one (run one worker on SQLite).
"""

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlmodel import Session

from legal_flows.store.tables import CASE


def claim_cases(
    session: Session, where: ColumnElement[bool], *, after: int = 0, limit: int
) -> list[int]:
    """Lock up to `limit` matching cases with ids above `after`, lowest first, skipping those
    another worker holds; the locks last until the session's transaction ends."""
    query: Any = (
        select(CASE.c.id)
        .where(where, CASE.c.id > after)
        .order_by(CASE.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.execute(query).scalars())
