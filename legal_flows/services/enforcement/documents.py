"""The enforcement stage's documents: the application (强制执行申请书) and renewals (续行申请书)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session

from legal_flows.documents.builders_enforcement import (
    enforcement_application_context,
    in_lieu_context,
    seizure_renewal_context,
)
from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.contexts import Context
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.court import CourtEvent
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.filing import DocumentKind
from legal_flows.domain.seizure import AssetKind, rule_for
from legal_flows.services.audit import Actor, record_for_case
from legal_flows.services.enforcement.proceeds import balance
from legal_flows.services.errors import InputError
from legal_flows.services.filing.dossier import load_dossier
from legal_flows.services.filing.package import Templates, case_id_of, store_rendered
from legal_flows.store.db import session_scope
from legal_flows.store.tables import COURT_EVENT, DEADLINE
from legal_flows.store.tables_enforcement import ASSET, AUCTION, SEIZURE


def generate_enforcement_application(
    session: Session,
    *,
    account_id: str,
    as_of: date,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
) -> str:
    """The application with the judgment, what is still owed and the doubled interest to `as_of`."""
    case_id = case_id_of(session, account_id)
    dossier, _, case = load_dossier(session, case_id)
    case_no = case.court_case_no
    effective = session.execute(
        select(COURT_EVENT.c.occurred_on).where(
            COURT_EVENT.c.case_id == case_id, COURT_EVENT.c.code == CourtEvent.EFFECTIVE.value
        )
    ).scalar()
    context = enforcement_application_context(
        dossier,
        case_no=case_no,
        effective_on=effective,
        owed=balance(session, case_id).owed,
        as_of=as_of,
        signed_on=as_of,
    )
    return _render(
        session,
        case_id=case_id,
        kind=DocumentKind.ENFORCEMENT_APPLICATION,
        context=context,
        store=store,
        templates=templates,
        actor=actor,
        now=now,
    )


def generate_due_renewals(
    engine: Engine,
    *,
    as_of: date,
    lead_days: int,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
) -> int:
    """A 续行 application for each active seizure whose renewal deadline is within the lead
    time; the same seizure and expiry make the same document, so it is generated once."""
    with session_scope(engine, read_only=True) as session:
        due = session.execute(
            select(DEADLINE.c.case_id, DEADLINE.c.source_ref, DEADLINE.c.due_on).where(
                DEADLINE.c.kind == DeadlineKind.SEIZURE_RENEWAL.value,
                DEADLINE.c.status == "open",
                DEADLINE.c.due_on <= date.fromordinal(as_of.toordinal() + lead_days),
            )
        ).all()
    created = 0
    for case_id, ref, file_by in due:
        seizure_id = int(ref.split(":")[1])
        with session_scope(engine) as session:
            seizure = session.execute(select(SEIZURE).where(SEIZURE.c.id == seizure_id)).one()
            if seizure.status != "active":
                continue
            asset = session.execute(select(ASSET).where(ASSET.c.id == seizure.asset_id)).one()
            dossier, _, case = load_dossier(session, case_id)
            case_no = case.court_case_no
            context = seizure_renewal_context(
                dossier,
                case_no=case_no or seizure.ruling_no,
                measure=seizure.measure,
                months=rule_for(file_by).months[AssetKind(asset.kind)],
                asset=asset.description,
                identifier=asset.identifier,
                ruling_no=seizure.ruling_no,
                expires_on=seizure.expires_on,
                # Dated the day it must be filed by: the same seizure and expiry give the same
                # document whichever day the sweep first sees it (generated once).
                signed_on=file_by,
            )
            outcome = _render(
                session,
                case_id=case_id,
                kind=DocumentKind.SEIZURE_RENEWAL,
                context=context,
                store=store,
                templates=templates,
                actor=actor,
                now=now,
                supersede=False,
                payload={"seizure": seizure_id},
            )
            created += outcome == "created"
    return created


def generate_in_lieu_application(
    session: Session,
    *,
    round_id: int,
    as_of: date,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
) -> str:
    """After a failed round, the application to take the asset at its reserve price (AUC-05)."""
    failed = session.execute(select(AUCTION).where(AUCTION.c.id == round_id)).first()
    if failed is None or failed.status != "failed":
        raise InputError(f"auction round {round_id} has not failed: nothing to take in lieu")
    asset = session.execute(select(ASSET).where(ASSET.c.id == failed.asset_id)).one()
    dossier, _, case = load_dossier(session, failed.case_id)
    case_no = case.court_case_no
    context = in_lieu_context(
        dossier,
        case_no=case_no or "本",
        description=asset.description,
        identifier=asset.identifier,
        round_number=failed.number,
        platform=failed.platform,
        failed_on=failed.result_on,
        reserve_price=failed.starting_price,
        claim_left=balance(session, failed.case_id).outstanding,
        signed_on=as_of,
    )
    return _render(
        session,
        case_id=failed.case_id,
        kind=DocumentKind.IN_LIEU,
        context=context,
        store=store,
        templates=templates,
        actor=actor,
        now=now,
        supersede=False,
        payload={"round": round_id},
    )


def _render(
    session: Session,
    *,
    case_id: int,
    kind: DocumentKind,
    context: Context,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
    supersede: bool = True,
    payload: dict[str, Any] | None = None,
) -> str:
    """Render one enforcement document for a case, store it once, audit it."""
    spec = CATALOG[kind]
    template, template_sha = templates.load(spec)
    outcome, _ = store_rendered(
        session,
        case_id=case_id,
        spec=spec,
        template=template,
        template_sha=template_sha,
        context=context,
        store=store,
        actor=actor,
        now=now,
        supersede=supersede,
    )
    if outcome == "created":
        record_for_case(
            session,
            actor,
            case_id=case_id,
            action=f"documents.{kind.value}",
            payload=payload or {},
            at=now,
        )
    return outcome
