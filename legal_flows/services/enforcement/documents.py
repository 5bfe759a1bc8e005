"""The enforcement stage's documents: the application, renewals and the in-lieu application."""

from datetime import date, datetime, timedelta
from typing import Any

from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.compiled import Templates
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.inputs import EnforcementFacts, InLieuFacts, RenewalFacts
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.auction import may_take_in_lieu
from legal_flows.domain.court import CourtEvent
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.filing import DocumentKind
from legal_flows.domain.seizure import AssetKind, SeizureStatus, rule_for
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.enforcement.proceeds import balance
from legal_flows.services.errors import InputError
from legal_flows.services.filing.dossier import load_dossier
from legal_flows.services.filing.render import Rendering, store_document
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork


def generate_enforcement_application(
    uow: UnitOfWork,
    *,
    account_id: str,
    as_of: date,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
) -> str:
    """The application with the judgment, what is still owed and the doubled interest to `as_of`."""
    case_id = case_id_of(uow, account_id)
    dossier, _, case = load_dossier(uow, case_id)
    facts = EnforcementFacts(
        case_no=case.court_case_no,
        effective_on=uow.events.first_on(case_id, CourtEvent.EFFECTIVE),
        owed=balance(uow, case_id).owed,
        as_of=as_of,
        signed_on=as_of,
    )
    run = Rendering(templates, store, actor, now)
    return _render(
        uow, run, dossier, facts, case_id=case_id, kind=DocumentKind.ENFORCEMENT_APPLICATION
    )


def generate_due_renewals(
    uow: UnitOfWork,
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
    due = uow.deadlines.open_due(
        DeadlineKind.SEIZURE_RENEWAL.value, by=as_of + timedelta(days=lead_days)
    )
    run = Rendering(templates, store, actor, now)
    created = 0
    for deadline in due:
        seizure = uow.enforcement.seizure(deadline.source_id)
        if seizure is None or seizure.status != SeizureStatus.ACTIVE:
            continue
        asset = uow.enforcement.asset(seizure.asset_id)
        assert asset is not None  # a seizure's asset is a foreign key
        dossier, _, case = load_dossier(uow, deadline.case_id)
        facts = RenewalFacts(
            case_no=case.court_case_no or seizure.ruling_no,
            measure=seizure.measure,
            months=rule_for(deadline.due_on).months[AssetKind(asset.kind)],
            asset=asset.description,
            identifier=asset.identifier,
            ruling_no=seizure.ruling_no,
            expires_on=seizure.expires_on,
            # Dated the day it must be filed by: the same seizure and expiry give the same
            # document whichever day the sweep first sees it (generated once).
            signed_on=deadline.due_on,
        )
        outcome = _render(
            uow,
            run,
            dossier,
            facts,
            case_id=deadline.case_id,
            kind=DocumentKind.SEIZURE_RENEWAL,
            supersede=False,
            payload={"seizure": seizure.id},
        )
        created += outcome == "created"
    return created


def generate_in_lieu_application(
    uow: UnitOfWork,
    *,
    round_id: int,
    as_of: date,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
) -> str:
    """After a failed round, the application to take the asset at its reserve price (AUC-05)."""
    failed = uow.enforcement.round(round_id)
    if failed is None or not may_take_in_lieu(failed.status):
        raise InputError(f"auction round {round_id} has not failed: nothing to take in lieu")
    asset = uow.enforcement.asset(failed.asset_id)
    assert asset is not None  # a round's asset is a foreign key
    dossier, _, case = load_dossier(uow, failed.case_id)
    facts = InLieuFacts(
        case_no=case.court_case_no or "本",
        description=asset.description,
        identifier=asset.identifier,
        round_number=failed.number,
        platform=failed.platform,
        failed_on=failed.result_on,
        reserve_price=failed.starting_price,
        claim_left=balance(uow, failed.case_id).outstanding,
        signed_on=as_of,
    )
    run = Rendering(templates, store, actor, now)
    return _render(
        uow,
        run,
        dossier,
        facts,
        case_id=failed.case_id,
        kind=DocumentKind.IN_LIEU,
        supersede=False,
        payload={"round": round_id},
    )


def _render(
    uow: UnitOfWork,
    run: Rendering,
    dossier: Dossier,
    facts: Any,
    *,
    case_id: int,
    kind: DocumentKind,
    supersede: bool = True,
    payload: dict[str, Any] | None = None,
) -> str:
    """Build one enforcement document from its facts, store it once, audit it."""
    context = CATALOG[kind].build(dossier, facts)
    outcome, _ = store_document(
        uow, run, case_id=case_id, kind=kind, context=context, supersede=supersede
    )
    if outcome == "created":
        action = f"documents.{kind.value}"
        payload = payload or {}
        uow.audit.append_for_case(
            run.actor, case_id=case_id, action=action, payload=payload, at=run.now
        )
    return outcome
