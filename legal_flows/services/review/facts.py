"""Loading the domain's CaseFacts for many cases with two queries, no ORM objects."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlmodel import Session

from legal_flows.domain.facts import CaseFacts, CollectionKind, CollectionRecord
from legal_flows.store.tables import AGENT as _A
from legal_flows.store.tables import CASE as _C
from legal_flows.store.tables import DEBTOR as _D
from legal_flows.store.tables import EVENT as _E

CASE_COLUMNS = (
    _C.c.id,
    _C.c.account_id,
    _C.c.stage,
    _C.c.version,
    _C.c.creditor_id,
    _C.c.principal,
    _C.c.interest,
    _C.c.penalty,
    _C.c.fees,
    _C.c.balance_date,
    _C.c.overdue_since,
    _C.c.annual_rate,
    _C.c.last_payment_on,
    _C.c.terms_notice_proven,
    _C.c.charges_allowed_by_reviewer,
    _C.c.deceased,
    _C.c.bankrupt,
    _C.c.disputed,
    _C.c.whereabouts_unknown,
    _D.c.ethnicity,
    _D.c.registered_address,
    _D.c.phone,
)
_KINDS = {k.value: k for k in CollectionKind}


def case_rows(
    session: Session, case_ids: Sequence[int], stages: Sequence[str] | None = None
) -> list[Row[Any]]:
    query = (
        select(*CASE_COLUMNS)
        .join(_D, _D.c.id == _C.c.debtor_id)
        .where(_C.c.id.in_(case_ids))
        .order_by(_C.c.id)
    )
    if stages is not None:
        query = query.where(_C.c.stage.in_(stages))
    return list(session.execute(query).all())


def collections_by_case(
    session: Session, case_ids: Sequence[int]
) -> dict[int, tuple[CollectionRecord, ...]]:
    query = select(
        _E.c.case_id,
        _E.c.occurred_on,
        _E.c.kind,
        _E.c.delivered,
        _E.c.receipt_confirmed,
        _E.c.amount,
    ).where(_E.c.case_id.in_(case_ids))
    found: dict[int, list[CollectionRecord]] = defaultdict(list)
    for case_id, on, kind, delivered, receipt, amount in session.execute(query):
        found[case_id].append(CollectionRecord(on, _KINDS[kind], delivered, receipt, amount))
    return {k: tuple(v) for k, v in found.items()}


def creditors_with_agents(session: Session) -> set[int]:
    return set(session.execute(select(_A.c.creditor_id).distinct()).scalars())


def to_facts(
    row: Row[Any], collections: tuple[CollectionRecord, ...], has_agent: bool
) -> CaseFacts:
    return CaseFacts(
        principal=row.principal,
        interest=row.interest,
        penalty=row.penalty,
        fees=row.fees,
        balance_date=row.balance_date,
        overdue_since=row.overdue_since,
        annual_rate=row.annual_rate,
        last_payment_on=row.last_payment_on,
        terms_notice_proven=row.terms_notice_proven,
        charges_allowed_by_reviewer=row.charges_allowed_by_reviewer,
        deceased=row.deceased,
        bankrupt=row.bankrupt,
        disputed=row.disputed,
        whereabouts_unknown=row.whereabouts_unknown,
        ethnicity=row.ethnicity,
        registered_address=row.registered_address,
        phone=row.phone,
        has_agent=has_agent,
        collections=collections,
    )
