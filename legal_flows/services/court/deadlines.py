"""Deadlines as `legal-flows deadlines` lists them: by due date, their status on a given day."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement

from legal_flows.domain.deadlines import MAY_BE_DUE, Status, provisional, stored_status_at
from legal_flows.domain.holidays import is_confirmed
from legal_flows.store.deadlines import source_of
from legal_flows.store.tables import CASE, DEADLINE
from legal_flows.store.uow import UnitOfWork


def calendar_marks(stored: str, due_on: date, covered_years: frozenset[int]) -> dict[str, bool]:
    """What every listing says of a deadline's day (domain.holidays.is_confirmed,
    domain.deadlines.provisional): final, or computed on weekends only; and, when still
    open on such a year, provisional, since loading the year computes it again."""
    return {
        "calendar_confirmed": is_confirmed(covered_years, due_on),
        "provisional": provisional(stored, due_on, covered_years),
    }


def list_deadlines(
    uow: UnitOfWork,
    *,
    as_of: date,
    account_id: str | None = None,
    due_within: int | None = None,
    overdue: bool = False,
    covered_years: frozenset[int] = frozenset(),
) -> list[dict[str, Any]]:
    """Deadlines by due date, their status as of `as_of` (domain.deadlines.status_at), read
    through the (status, due_on) index; `due_within` leaves out what is settled, `overdue` keeps
    only what is missed. `calendar_confirmed`: the due date's year has an official holiday
    schedule (`covered_years`, the package's or one the bank loaded), so the rollover to a
    working day is final; otherwise it counted weekends only and may still move. `source` is
    a store.deadlines.DeadlineSource: its `code` for scripts, its parts for words."""
    where: list[ColumnElement[bool]] = []
    if account_id:
        where.append(CASE.c.account_id == account_id)
    # Neither filter shows a met or closed row, which stays so on any day: leaving them out
    # in SQL reads through the (status, due_on) index.
    may_be_due = DEADLINE.c.status.in_([s.value for s in MAY_BE_DUE])
    if due_within is not None:
        where += [may_be_due, DEADLINE.c.due_on <= as_of + timedelta(days=due_within)]
    if overdue:  # a superset in SQL; the domain's status decides below
        where += [may_be_due, DEADLINE.c.due_on < as_of]
    out = []
    for row in uow.deadlines.listing(where):
        status = stored_status_at(row.kind, row.due_on, row.status, as_of)
        if due_within is not None and status in (Status.MET, Status.ELAPSED, Status.CLOSED):
            continue
        if overdue and status != Status.MISSED:
            continue
        out.append(
            {
                "account_id": row.account_id,
                "kind": row.kind,
                "due_on": row.due_on.isoformat(),
                "status": status.value,
                "citation": row.citation,
                "source": source_of(row),
                "note": row.note,
                **calendar_marks(row.status, row.due_on, covered_years),
            }
        )
    return out
