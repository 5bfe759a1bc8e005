"""The case list of a legal department's day: search, filters, sorting, pages, CSV export.

A lawyer sees only the cases assigned to them; names and ID numbers are masked in every row
(the search still finds a holder by full name or by the last four of the ID number).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlmodel import Session

from legal_flows.domain.access import Permission, User, may
from legal_flows.domain.deadlines import UNSETTLED, status_at
from legal_flows.domain.identity import mask_id_number, mask_name
from legal_flows.domain.stages import Stage
from legal_flows.services.court.deadlines import calendar_marks
from legal_flows.services.errors import InputError
from legal_flows.store.tables import CASE, DEADLINE, DEBTOR, DECISION
from legal_flows.store.tables_portal import USER
from legal_flows.store.uow import UnitOfWork

_UNSETTLED = [s.value for s in UNSETTLED]
_ID_TAIL = re.compile(r"^\d{3}[\dXx]$")
SORTS = (
    "next_deadline",
    "account_id",
    "stage",
    "holder",
    "court",
    "court_case_no",
    "claim_total",
    "lawyer",
)
EXPORT_LIMIT = 100_000


@dataclass(frozen=True)
class CaseFilter:
    """What the list is narrowed to and ordered by (every field optional)."""

    q: str = ""  # account id, 案号, the holder's full name, or the ID number's last four
    stage: str | None = None
    lawyer: str | None = None
    unassigned: bool = False
    court: str | None = None
    due_within: int | None = None  # the next deadline within this many days
    overdue: bool = False  # the next deadline already passed
    sort: str = "next_deadline"
    descending: bool = False


def visible_cases(
    uow: UnitOfWork,
    *,
    user: User,
    as_of: date,
    covered_years: frozenset[int],
    limit: int = 200,
    offset: int = 0,
    filters: CaseFilter | None = None,
) -> dict[str, Any]:
    """One page of the cases this user may see, with the next deadline of each.

    The page's ids are found first, joining only what the filters and the order need; the
    rest of each row is read for those ids alone (100,000 cases: bench/case_list.py)."""
    wanted = filters or CaseFilter()
    session = uow.session
    base, order = _selection(user, as_of, wanted)
    total = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    ids = list(session.execute(base.order_by(*order).limit(limit).offset(offset)).scalars())
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": _items(session, _rows(session, ids), as_of, covered_years),
    }


def export_rows(
    uow: UnitOfWork, *, user: User, as_of: date, filters: CaseFilter, covered_years: frozenset[int]
) -> list[dict[str, Any]]:
    """Every case the filters find (masked, as on the page), for a CSV file."""
    base, order = _selection(user, as_of, filters)
    ids = list(uow.session.execute(base.order_by(*order).limit(EXPORT_LIMIT)).scalars())
    out = []
    for start in range(0, len(ids), 5000):
        rows = _rows(uow.session, ids[start : start + 5000])
        for item in _items(uow.session, rows, as_of, covered_years):
            deadline = item.pop("next_deadline") or {}
            out.append(
                item
                | {
                    "next_deadline": deadline.get("kind", ""),
                    "due_on": deadline.get("due_on", ""),
                    "status": deadline.get("status", ""),
                    "provisional": bool(deadline.get("provisional")),
                }
            )
    return out


def _selection(user: User, as_of: date, f: CaseFilter) -> tuple[Any, list[Any]]:
    """The ids the filters find, and their order: joined only to what those need."""
    if f.sort not in SORTS:
        raise InputError("sort: one of {sorts}", sorts=", ".join(SORTS))
    if f.stage and f.stage not in {s.value for s in Stage}:
        raise InputError("unknown stage {stage}", stage=f.stage)
    q = f.q.strip()
    query: Any = select(CASE.c.id).select_from(CASE)
    if q or f.sort == "holder":
        query = query.join(DEBTOR, DEBTOR.c.id == CASE.c.debtor_id)
    if (f.lawyer and not f.unassigned) or f.sort == "lawyer":
        query = query.outerjoin(USER, USER.c.id == CASE.c.lawyer_id)
    if f.sort == "claim_total":
        query = query.outerjoin(DECISION, DECISION.c.id == CASE.c.decision_id)
    where: list[ColumnElement[bool]] = []
    if not may(user.role, Permission.SEE_ALL_CASES):
        where.append(CASE.c.lawyer_id == user.id)
    if f.stage:
        where.append(CASE.c.stage == f.stage)
    if q:
        where.append(_search(q))
    if f.unassigned:
        where.append(CASE.c.lawyer_id.is_(None))
    elif f.lawyer:
        where.append(USER.c.name == f.lawyer)
    if f.court:
        where.append(CASE.c.court == f.court)
    if f.overdue:
        where.append(CASE.c.next_due_on < as_of)
    if f.due_within is not None:
        where.append(CASE.c.next_due_on <= as_of + timedelta(days=f.due_within))
    column = {
        "next_deadline": CASE.c.next_due_on,
        "account_id": CASE.c.account_id,
        "stage": CASE.c.stage,
        "holder": DEBTOR.c.name,
        "court": CASE.c.court,
        "court_case_no": CASE.c.court_case_no,
        "claim_total": DECISION.c.claim_total,
        "lawyer": USER.c.name,
    }[f.sort]
    ordered = column.desc() if f.descending else column.asc()
    # Cases without a value (no deadline, no lawyer) last either way; ties by account.
    return query.where(*where), [column.is_(None), ordered, CASE.c.account_id]


def _rows(session: Session, ids: list[int]) -> list[Any]:
    """Each page row in full, in the order of `ids`."""
    if not ids:
        return []
    query = (
        select(
            CASE.c.id,
            CASE.c.account_id,
            CASE.c.stage,
            CASE.c.court,
            CASE.c.court_case_no,
            DEBTOR.c.name,
            DEBTOR.c.id_number,
            DECISION.c.claim_total,
            USER.c.name.label("lawyer"),
            CASE.c.next_due_on.label("due_on"),
        )
        .join(DEBTOR, DEBTOR.c.id == CASE.c.debtor_id)
        .outerjoin(DECISION, DECISION.c.id == CASE.c.decision_id)
        .outerjoin(USER, USER.c.id == CASE.c.lawyer_id)
        .where(CASE.c.id.in_(ids))
    )
    found = {r.id: r for r in session.execute(query)}
    return [found[i] for i in ids if i in found]


def _search(q: str) -> ColumnElement[bool]:
    """One box for what a person has at hand: the account, the 案号 (or part of it), the
    holder's full name, or the last four of the ID number."""
    if _ID_TAIL.match(q):
        tail: ColumnElement[bool] = DEBTOR.c.id_number.like(f"%{q.upper()}")
        return tail
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(
        CASE.c.account_id.like(f"{escaped}%", escape="\\"),
        CASE.c.court_case_no.like(f"%{escaped}%", escape="\\"),
        DEBTOR.c.name == q,
    )


def _items(
    session: Session, rows: Sequence[Any], as_of: date, covered: frozenset[int]
) -> list[dict[str, Any]]:
    kinds = _deadline_kinds(session, [(r.id, r.due_on) for r in rows if r.due_on])
    return [
        {
            "id": r.id,
            "account_id": r.account_id,
            "stage": r.stage,
            "court": r.court,
            "court_case_no": r.court_case_no,
            "holder": mask_name(r.name),
            "id_number": mask_id_number(r.id_number),
            "claim_total": None if r.claim_total is None else f"{r.claim_total:.2f}",
            "lawyer": r.lawyer,
            "next_deadline": None
            if r.due_on is None
            else _next(*kinds.get(r.id, ("", "")), r.due_on, as_of, covered),
        }
        for r in rows
    ]


def _next(
    kind: str, stored: str, due_on: date, as_of: date, covered: frozenset[int]
) -> dict[str, Any]:
    """A case's next deadline as the list shows it: its status on the day, and whether its
    day is final (calendar_confirmed) or, open, may move when its year is loaded."""
    return {
        "kind": kind,
        "due_on": due_on.isoformat(),
        "status": status_at(kind, due_on, met=False, as_of=as_of).value,
        **calendar_marks(stored, due_on, covered),
    }


def _deadline_kinds(session: Session, keys: list[tuple[int, date]]) -> dict[int, tuple[str, str]]:
    """Each case's next deadline's kind and stored status, found by its due day."""
    if not keys:
        return {}
    rows = session.execute(
        select(DEADLINE.c.case_id, DEADLINE.c.due_on, DEADLINE.c.kind, DEADLINE.c.status)
        .where(DEADLINE.c.case_id.in_([k[0] for k in keys]))
        .where(DEADLINE.c.status.in_(_UNSETTLED))
        .order_by(DEADLINE.c.kind)
    )
    wanted = set(keys)
    out: dict[int, tuple[str, str]] = {}
    for r in rows:
        if (r.case_id, r.due_on) in wanted:
            out.setdefault(r.case_id, (r.kind, r.status))
    return out
