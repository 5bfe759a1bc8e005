"""Loading the domain's CaseFacts for many cases with two queries, no ORM objects.

The columns read are the fields of `domain.facts.CaseFacts`, found by name on the case or
its cardholder: a fact the rules need is declared once, there (and in the tables).
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlmodel import Session

from legal_flows.domain.facts import CaseFacts, CollectionKind, CollectionRecord
from legal_flows.store.tables import AGENT, CREDITOR
from legal_flows.store.uow import UnitOfWork

# Facts that do not come from a column of the case or cardholder: the creditor's.
_DERIVED = ("has_agent", "performance_court", "collections")
FACT_COLUMNS = tuple(f.name for f in dataclasses.fields(CaseFacts) if f.name not in _DERIVED)
# Beside the facts, what a review needs of each case: who it is, where it is, its version.
CASE_COLUMNS = ("id", "account_id", "stage", "version", "creditor_id", *FACT_COLUMNS)
_KINDS = {k.value: k for k in CollectionKind}
_FACTS = slice(CASE_COLUMNS.index(FACT_COLUMNS[0]), len(CASE_COLUMNS))
# The facts read from a row come first in CaseFacts, in its order: to_facts passes them by
# position, which is a third of the review's reading time at a hundred thousand cases.
if [f.name for f in dataclasses.fields(CaseFacts)][: len(FACT_COLUMNS)] != list(FACT_COLUMNS):
    raise ImportError("CaseFacts must declare its derived facts after the stored ones")
# The check above is what types the positions; mypy cannot see it.
_by_position: Callable[..., CaseFacts] = CaseFacts


def case_rows(
    uow: UnitOfWork, case_ids: Sequence[int], stages: Sequence[str] | None = None
) -> list[Row[Any]]:
    return uow.cases.rows(case_ids, CASE_COLUMNS, stages=stages)


def collections_by_case(
    uow: UnitOfWork, case_ids: Sequence[int]
) -> dict[int, tuple[CollectionRecord, ...]]:
    return {
        case_id: tuple(
            CollectionRecord(on, _KINDS[kind], delivered, receipt, amount)
            for _, on, kind, delivered, receipt, amount in events
        )
        for case_id, events in uow.cases.collection_events(case_ids).items()
    }


@dataclass(frozen=True)
class CreditorFacts:
    """What the review reads of a creditor: whether it has an agent to sign, and the court
    of the place of performance when it chose to sue there."""

    has_agent: bool
    performance_court: str | None


def creditor_facts(session: Session) -> dict[int, CreditorFacts]:
    with_agents = set(session.execute(select(AGENT.c.creditor_id).distinct()).scalars())
    return {
        row.id: CreditorFacts(
            row.id in with_agents, (row.settings or {}).get("performance_court") or None
        )
        for row in session.execute(select(CREDITOR.c.id, CREDITOR.c.settings))
    }


_NO_CREDITOR = CreditorFacts(has_agent=False, performance_court=None)


def to_facts(
    row: Row[Any],
    collections: tuple[CollectionRecord, ...],
    creditors: dict[int, CreditorFacts],
) -> CaseFacts:
    creditor = creditors.get(row.creditor_id, _NO_CREDITOR)
    return _by_position(
        *row[_FACTS],  # by position: CASE_COLUMNS' order, as case_rows reads them
        has_agent=creditor.has_agent,
        performance_court=creditor.performance_court,
        collections=collections,
    )
