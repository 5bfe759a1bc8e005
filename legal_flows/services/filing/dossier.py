"""Loading a case's dossier: everything its filing documents are written from."""

import re
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, NamedTuple

from sqlalchemy import select

from legal_flows.documents.dossier import CollectionFacts, CreditorFacts, Dossier
from legal_flows.domain.creditor import settings_from
from legal_flows.services.errors import ConflictError
from legal_flows.store.tables import AGENT, CREDITOR
from legal_flows.store.uow import UnitOfWork


def split_leads(text: str | None) -> tuple[str, ...]:
    parts = re.split(r"[;；\n]", text or "")
    return tuple(p.strip() for p in parts if p.strip())


class CaseFile(NamedTuple):
    """What documents are written from, read in one go: the dossier, the decision in force
    (claim, outcome, candidate flags) and the case row itself (stage, 案号)."""

    dossier: Dossier
    decision: Any
    case: Any


# A dossier's fields are its case's and cardholder's columns of the same name, the claim of
# the decision in force, and what is gathered for it: a field is declared once, in Dossier.
_GATHERED = ("creditor", "collections", "asset_leads")
_FROM_DECISION = tuple(f.name for f in fields(Dossier) if f.name.startswith("claim_"))
_FROM_CASE = tuple(
    f.name for f in fields(Dossier) if f.name not in _GATHERED and f.name not in _FROM_DECISION
)


def load_dossier(
    uow: UnitOfWork, case_id: int, creditors: dict[int, CreditorFacts] | None = None
) -> CaseFile:
    """The case's file. `creditors`: the creditors read so far in this transaction, by id;
    a run over many cases of a few creditors passes one, and reads each creditor once."""
    row = uow.cases.with_debtor(case_id)
    decision = uow.cases.decision(row.decision_id)
    if decision is None:
        raise ConflictError(
            "case {account_id} has no decision in force: review it first",
            account_id=row.account_id,
        )
    events = _events(uow, [case_id]).get(case_id, ())
    return _file(uow, row, decision, events, {} if creditors is None else creditors)


class Dossiers:
    """Many cases' files read at once, in three queries rather than four a case (a
    generation chunk's read); each built when asked for, so a case whose file cannot be
    made (no decision in force, a creditor's settings unreadable) fails alone."""

    def __init__(
        self, uow: UnitOfWork, case_ids: Sequence[int], creditors: dict[int, CreditorFacts]
    ) -> None:
        self._uow, self._creditors = uow, creditors
        self._rows = {row.id: row for row in uow.cases.with_debtors(case_ids)}
        decision_ids = [r.decision_id for r in self._rows.values() if r.decision_id is not None]
        self._decisions = uow.cases.decisions(decision_ids)
        self._events = _events(uow, case_ids)

    def file(self, case_id: int) -> CaseFile:
        row = self._rows.get(case_id)
        decision = self._decisions.get(row.decision_id) if row is not None else None
        if row is None or decision is None:
            return load_dossier(self._uow, case_id, self._creditors)  # it says why not
        events = self._events.get(case_id, ())
        return _file(self._uow, row, decision, events, self._creditors)


def _events(uow: UnitOfWork, case_ids: Sequence[int]) -> dict[int, tuple[CollectionFacts, ...]]:
    return {
        case_id: tuple(CollectionFacts(*event[1:]) for event in events)
        for case_id, events in uow.cases.collection_events(case_ids).items()
    }


def _file(
    uow: UnitOfWork,
    row: Any,
    decision: Any,
    events: tuple[CollectionFacts, ...],
    creditors: dict[int, CreditorFacts],
) -> CaseFile:
    creditor = creditors.get(row.creditor_id)
    if creditor is None:
        creditor = creditors[row.creditor_id] = _creditor(uow, row.creditor_id)
    values = row._mapping
    dossier = Dossier(
        **{name: values[name] for name in _FROM_CASE},
        **{name: decision._mapping[name] for name in _FROM_DECISION},
        creditor=creditor,
        asset_leads=split_leads(row.asset_leads),
        collections=events,
    )
    return CaseFile(dossier, decision, row)


def _creditor(uow: UnitOfWork, creditor_id: int) -> CreditorFacts:
    session = uow.session
    creditor = session.execute(select(CREDITOR).where(CREDITOR.c.id == creditor_id)).one()
    agents = session.execute(
        select(AGENT.c.name, AGENT.c.firm, AGENT.c.licence_no, AGENT.c.phone)
        .where(AGENT.c.creditor_id == creditor_id)
        .order_by(AGENT.c.id)
    ).all()
    return CreditorFacts(
        name=creditor.name,
        address=creditor.address,
        credit_code=creditor.credit_code,
        head_name=creditor.head_name,
        head_title=creditor.head_title,
        phone=creditor.phone,
        agents=tuple((a.name, a.firm, a.licence_no, a.phone) for a in agents),
        settings=settings_from(creditor.settings or {}),
    )
