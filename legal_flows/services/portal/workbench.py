"""The 工作台: a signed-in user's day — deadlines due and missed, the sweep's new alerts,
limitation running out on cases nobody holds, missed instalments, seizures expiring."""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select

from legal_flows.domain.access import Permission, User, may
from legal_flows.domain.deadlines import DeadlineKind, Status, urgency
from legal_flows.domain.seizure import SeizureStatus
from legal_flows.services.court.deadlines import calendar_marks
from legal_flows.services.enforcement.plans import missed_instalments
from legal_flows.store.tables import ALERT, CASE, DEADLINE
from legal_flows.store.tables_enforcement import ASSET, SEIZURE
from legal_flows.store.uow import UnitOfWork

WEEK = 7  # days ahead the workbench lists deadlines for
LIMITATION_DAYS = 90  # limitation dates this close, on a case with no lawyer
SEIZURE_DAYS = 60  # seizures expiring this soon (the renewal's longest alert lead)


def workbench(
    uow: UnitOfWork,
    *,
    user: User,
    as_of: date,
    grace_days: int,
    covered_years: frozenset[int],
) -> dict[str, Any]:
    """What the user has to act on today, each item with its days left and colour; a
    deadline's `calendar_confirmed` is false when its year has no official holiday schedule
    (`covered_years`: the package's and the loaded ones), and `provisional` when, open, it
    may move once that year is loaded."""
    mine = _visible(user)
    return {
        "as_of": as_of.isoformat(),
        "deadlines": _deadlines(uow, mine, as_of, covered_years),
        "new_alerts": _alerts(uow, mine, as_of),
        "limitation_unassigned": _limitation(uow, as_of, covered_years) if not mine else [],
        "instalments_missed": _instalments(uow, user, as_of, grace_days),
        "seizures_expiring": _seizures(uow, mine, as_of),
    }


def _visible(user: User) -> list[ColumnElement[bool]]:
    return [] if may(user.role, Permission.SEE_ALL_CASES) else [CASE.c.lawyer_id == user.id]


def _item(row: Any, as_of: date, due_on: date, kind: str) -> dict[str, Any]:
    left = (due_on - as_of).days
    return {
        "case_id": row.case_id,
        "account_id": row.account_id,
        "kind": kind,
        "due_on": due_on.isoformat(),
        "days_left": left,
        "urgency": urgency(left),
    }


def _deadlines(
    uow: UnitOfWork, mine: list[ColumnElement[bool]], as_of: date, covered: frozenset[int]
) -> dict[str, list[dict[str, Any]]]:
    query = (
        select(DEADLINE.c.case_id, DEADLINE.c.kind, DEADLINE.c.due_on, CASE.c.account_id)
        .add_columns(DEADLINE.c.status)
        .join(CASE, CASE.c.id == DEADLINE.c.case_id)
        .where(
            *mine,
            DEADLINE.c.status.in_([Status.OPEN.value, Status.MISSED.value]),
            DEADLINE.c.due_on <= as_of + timedelta(days=WEEK),
        )
        .order_by(DEADLINE.c.due_on, CASE.c.account_id)
    )
    out: dict[str, list[dict[str, Any]]] = {"missed": [], "today": [], "week": []}
    for r in uow.session.execute(query):
        item = _item(r, as_of, r.due_on, r.kind) | calendar_marks(r.status, r.due_on, covered)
        bucket = "missed" if r.due_on < as_of else "today" if r.due_on == as_of else "week"
        out[bucket].append(item)
    return out


def _alerts(uow: UnitOfWork, mine: list[ColumnElement[bool]], as_of: date) -> list[dict[str, Any]]:
    query = (
        select(ALERT, CASE.c.account_id)
        .outerjoin(CASE, CASE.c.id == ALERT.c.case_id)  # the calendar's has no case
        .where(*mine, ALERT.c.raised_on == as_of)
        .order_by(ALERT.c.id)
    )
    return [
        {
            "case_id": r.case_id,
            "account_id": r.account_id,
            "category": r.category,
            "kind": r.kind,
            "message": r.message,
        }
        for r in uow.session.execute(query)
    ]


def _limitation(uow: UnitOfWork, as_of: date, covered: frozenset[int]) -> list[dict[str, Any]]:
    query = (
        select(DEADLINE.c.case_id, DEADLINE.c.due_on, CASE.c.account_id)
        .join(CASE, CASE.c.id == DEADLINE.c.case_id)
        .where(
            DEADLINE.c.kind == DeadlineKind.LIMITATION.value,
            DEADLINE.c.status == Status.OPEN.value,
            DEADLINE.c.due_on <= as_of + timedelta(days=LIMITATION_DAYS),
            CASE.c.lawyer_id.is_(None),
        )
        .order_by(DEADLINE.c.due_on)
    )
    return [
        _item(r, as_of, r.due_on, "limitation") | calendar_marks(Status.OPEN, r.due_on, covered)
        for r in uow.session.execute(query)
    ]


def _instalments(uow: UnitOfWork, user: User, as_of: date, grace_days: int) -> list[dict[str, Any]]:
    mine = None  # staff: every plan; a lawyer: the plans of the cases they hold
    if not may(user.role, Permission.SEE_ALL_CASES):
        held = select(CASE.c.id).where(CASE.c.lawyer_id == user.id)
        mine = set(uow.session.execute(held).scalars())
    out = []
    for plan, missed in missed_instalments(uow, as_of=as_of, grace_days=grace_days, cases=mine):
        case = uow.cases.find(id=plan.case_id)
        assert case is not None  # a plan's case is a foreign key
        out.append(
            {
                "case_id": case.id,
                "account_id": case.account_id,
                "kind": plan.kind,
                "due_on": missed.due.isoformat(),
                "unpaid": f"{missed.unpaid:.2f}",
                "days_left": (missed.due - as_of).days,
                "urgency": urgency((missed.due - as_of).days),
            }
        )
    return out


def _seizures(
    uow: UnitOfWork, mine: list[ColumnElement[bool]], as_of: date
) -> list[dict[str, Any]]:
    query = (
        select(
            SEIZURE.c.case_id,
            SEIZURE.c.expires_on,
            SEIZURE.c.measure,
            ASSET.c.description,
            CASE.c.account_id,
        )
        .join(ASSET, ASSET.c.id == SEIZURE.c.asset_id)
        .join(CASE, CASE.c.id == SEIZURE.c.case_id)
        .where(
            *mine,
            SEIZURE.c.status == SeizureStatus.ACTIVE.value,
            SEIZURE.c.expires_on <= as_of + timedelta(days=SEIZURE_DAYS),
        )
        .order_by(SEIZURE.c.expires_on)
    )
    return [
        {**_item(r, as_of, r.expires_on, r.measure), "asset": r.description}
        for r in uow.session.execute(query)
    ]
