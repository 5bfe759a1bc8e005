"""The enforcement stage's documents: the application, renewals and the in-lieu application."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.compiled import Templates
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.inputs import (
    EnforcementFacts,
    InLieuFacts,
    RenewalFacts,
    ResumptionFacts,
)
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.auction import Mode
from legal_flows.domain.auction_outcomes import may_take_in_lieu
from legal_flows.domain.court import CourtEvent
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.filing import DocumentKind
from legal_flows.domain.ledger import LedgerRules, debt_ledger
from legal_flows.domain.seizure import AssetKind, SeizureStage, SeizureStatus, rule_for
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.court.instrument import instrument_of
from legal_flows.services.enforcement.proceeds import balance, case_debt, payments_of
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
    rules: LedgerRules,
    due_instalments: tuple[tuple[int, date, Decimal], ...] = (),
) -> str:
    """The application from the instrument on record and the ledger on `as_of`: what it
    awarded and is still owed, its continuing interest, the doubled interest to that day;
    without recorded terms the claim is taken as awarded (`cases show` says so).
    `due_instalments`: a plan without acceleration asks only for these."""
    case_id = case_id_of(uow, account_id)
    dossier, _, case = load_dossier(uow, case_id)
    instrument = instrument_of(uow, case_id)
    if instrument is None:
        raise InputError(
            "case {account_id} has no judgment, mediation, payment order or ruling on record",
            account_id=account_id,
        )
    # The court is asked for what the instrument ordered: costs it does not state (as
    # recorded) are not claimed on an estimate.
    debt = case_debt(uow, case_id, cost_cap=rules.cost_cap, for_court=True)
    facts = EnforcementFacts(
        instrument=instrument.kind,
        case_no=instrument.case_no or case.court_case_no,
        effective_on=debt.effective_on,
        terms=debt.terms,
        ledger=debt_ledger(debt, payments_of(uow, case_id), as_of, rules),
        as_of=as_of,
        due_instalments=due_instalments,
        signed_on=as_of,
    )
    run = Rendering(templates, store, actor, now)
    return _render(
        uow, run, dossier, facts, case_id=case_id, kind=DocumentKind.ENFORCEMENT_APPLICATION
    )


def generate_resumption_application(
    uow: UnitOfWork,
    *,
    account_id: str,
    plan: Any,
    missed: Any,
    plan_unpaid: Decimal,
    as_of: date,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
    rules: LedgerRules,
) -> str:
    """The 恢复执行申请书 after a settlement's missed instalment (执行和解规定 §9): the original
    instrument enforced again for what the ledger shows owed on `as_of`."""
    case_id = case_id_of(uow, account_id)
    dossier, _, case = load_dossier(uow, case_id)
    instrument = instrument_of(uow, case_id)
    if instrument is None:
        raise InputError(
            "case {account_id} has no instrument on record to resume enforcing",
            account_id=account_id,
        )
    ledger = balance(uow, case_id, as_of=as_of, rules=rules, for_court=True)
    facts = ResumptionFacts(
        instrument=instrument.kind,
        instrument_case_no=instrument.case_no or case.court_case_no or "",
        enforcement_case_no=enforcement_case_no(uow, case_id) or "本",
        agreed_on=plan.agreed_on,
        missed_due=missed.due,
        missed_amount=missed.unpaid,
        plan_unpaid=plan_unpaid,
        owed=ledger.claim_left,
        signed_on=as_of,
    )
    run = Rendering(templates, store, actor, now)
    payload = {"plan": plan.id, "instalment": missed.seq}
    return _render(
        uow,
        run,
        dossier,
        facts,
        case_id=case_id,
        kind=DocumentKind.RESUMPTION,
        supersede=False,
        payload=payload,
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
    time, once per expiry (the seizure remembers it), dated the day it is made and naming the
    case by its enforcement 案号 once there is one."""
    due = uow.deadlines.open_due(
        DeadlineKind.SEIZURE_RENEWAL.value, by=as_of + timedelta(days=lead_days)
    )
    run = Rendering(templates, store, actor, now)
    created = 0
    for deadline in due:
        seizure = uow.enforcement.seizure(deadline.source_id)
        if seizure is None or seizure.status != SeizureStatus.ACTIVE:
            continue
        if seizure.renewal_applied_for == seizure.expires_on:
            continue  # written already for this expiry
        asset = uow.enforcement.asset(seizure.asset_id)
        assert asset is not None  # a seizure's asset is a foreign key
        dossier, _, case = load_dossier(uow, deadline.case_id)
        facts = RenewalFacts(
            case_no=enforcement_case_no(uow, deadline.case_id)
            or case.court_case_no
            or seizure.ruling_no,
            preservation=seizure.stage == SeizureStage.PRESERVATION,
            measure=seizure.measure,
            months=rule_for(deadline.due_on).months[AssetKind(asset.kind)],
            asset=asset.description,
            identifier=asset.identifier,
            ruling_no=seizure.ruling_no,
            expires_on=seizure.expires_on,
            signed_on=as_of,  # the day it is made
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
        uow.enforcement.update_seizure(seizure.id, now=now, renewal_applied_for=seizure.expires_on)
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
    rules: LedgerRules,
) -> str:
    """After a failed round, the application to take the asset at its reserve price (AUC-05),
    against what the ledger shows the bank is owed on `as_of` (the enforcement fee is the
    court's, not the bank's claim)."""
    failed = uow.enforcement.round(round_id)
    if failed is None or not may_take_in_lieu(failed.status):
        raise InputError(
            "auction round {round_id} has not failed: nothing to take in lieu", round_id=round_id
        )
    if failed.mode == Mode.SALE:
        # An unsold 变卖 is at the second auction's price: the application names that auction.
        auctions = [r for r in uow.enforcement.rounds_of(failed.asset_id) if r.mode == Mode.AUCTION]
        failed = auctions[-1]
    asset = uow.enforcement.asset(failed.asset_id)
    assert asset is not None  # a round's asset is a foreign key
    dossier, _, case = load_dossier(uow, failed.case_id)
    facts = InLieuFacts(
        case_no=enforcement_case_no(uow, failed.case_id) or case.court_case_no or "本",
        description=asset.description,
        identifier=asset.identifier,
        round_number=failed.number,
        platform=failed.platform,
        failed_on=failed.result_on,
        reserve_price=failed.starting_price,
        claim_left=balance(
            uow, failed.case_id, as_of=as_of, rules=rules, for_court=True
        ).claim_left,
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


def enforcement_case_no(uow: UnitOfWork, case_id: int) -> str | None:
    """The 执 案号 the court gave the enforcement case, once registered."""
    row = uow.events.latest_of(case_id, [CourtEvent.ENFORCEMENT_REGISTERED.value])
    return row.case_no if row is not None else None


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
