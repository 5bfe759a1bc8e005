"""Loading a case's dossier: everything its filing documents are written from."""

import re
from dataclasses import fields
from typing import Any, NamedTuple

from sqlalchemy import select

from legal_flows.documents.dossier import CollectionFacts, CreditorFacts, Dossier
from legal_flows.domain.creditor import settings_from
from legal_flows.services.errors import ConflictError
from legal_flows.store.tables import AGENT, CREDITOR, EVENT
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
    session = uow.session
    creditors = {} if creditors is None else creditors
    creditor = creditors.get(row.creditor_id)
    if creditor is None:
        creditor = creditors[row.creditor_id] = _creditor(uow, row.creditor_id)
    events = session.execute(
        select(
            EVENT.c.occurred_on,
            EVENT.c.kind,
            EVENT.c.delivered,
            EVENT.c.receipt_confirmed,
            EVENT.c.amount,
        )
        .where(EVENT.c.case_id == case_id)
        .order_by(EVENT.c.occurred_on)
    ).all()
    values = row._mapping
    dossier = Dossier(
        **{name: values[name] for name in _FROM_CASE},
        **{name: decision._mapping[name] for name in _FROM_DECISION},
        creditor=creditor,
        asset_leads=split_leads(row.asset_leads),
        collections=tuple(CollectionFacts(*e) for e in events),
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
