"""Generating a case's filing package: one case, or the next one no other worker holds."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import StatementError
from sqlmodel import Session

from legal_flows.documents.catalog import CATALOG, Options
from legal_flows.documents.errors import DocumentError
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.errors import DomainError
from legal_flows.domain.filing import FILING_KINDS, DocumentKind, filing_package
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import GETS_DOCUMENTS, Stage, needing_documents
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.errors import InputError, ServiceError
from legal_flows.services.filing.dossier import load_dossier
from legal_flows.services.filing.package import (
    Generated,
    Templates,
    case_documents,
    mark_ready,
    store_rendered,
    supersede_current,
)
from legal_flows.store.claims import claim_cases
from legal_flows.store.db import connection_lost, session_scope
from legal_flows.store.tables import CASE


def generate_case_documents(
    engine: Engine,
    *,
    case_id: int,
    signed_on: date | None,
    actor: Actor,
    now: datetime,
    policy: Policy,
    store: DocumentStore,
    templates: Templates,
    demand_letter: bool = False,
) -> Generated:
    """Render the case's package in one transaction; files are in place before rows commit."""
    run = _Run(signed_on, actor, now, policy, store, templates, demand_letter)
    with session_scope(engine) as session:
        # Waits for a worker generating the same case, then finds its documents there.
        session.execute(select(CASE.c.id).where(CASE.c.id == case_id).with_for_update())
        generated, entry = _package(session, case_id, run)
        record(session, actor, [entry] if entry else [], at=now)
    return generated


@dataclass(frozen=True)
class _Run:
    """What every package of one run shares."""

    signed_on: date | None
    actor: Actor
    now: datetime
    policy: Policy
    store: DocumentStore
    templates: Templates
    demand_letter: bool


def _package(session: Session, case_id: int, run: _Run) -> tuple[Generated, AuditEntry | None]:
    """Render and store the case's package; the audit entry it needs is the caller's to
    append (one append per chunk holds the audit lock once, not once per case)."""
    dossier, decision, case = load_dossier(session, case_id)
    stage = case.stage
    if stage not in GETS_DOCUMENTS:
        raise InputError(f"case {dossier.account_id} is {stage}: only approved cases get documents")
    kinds = filing_package(
        outcome=decision.outcome,
        payment_order_candidate=decision.payment_order_candidate,
        prefer_payment_order=run.policy.prefer_payment_order,
        has_asset_leads=bool(dossier.asset_leads),
        demand_letter_requested=run.demand_letter,
    )
    options = Options(
        signed_on=run.signed_on or decision.as_of,
        cost_cap=run.policy.cost_cap_rate,
        preservation=DocumentKind.PRESERVATION in kinds,
    )
    result = Generated(dossier.account_id)
    known = case_documents(session, case_id)
    for kind in kinds:
        spec = CATALOG[kind]
        template, template_sha = run.templates.load(spec)
        assert spec.build is not None  # every filing-package kind has a builder
        outcome, superseded = store_rendered(
            session,
            case_id=case_id,
            spec=spec,
            template=template,
            template_sha=template_sha,
            context=spec.build(dossier, options),
            store=run.store,
            actor=run.actor,
            now=run.now,
            known=known,
        )
        result.superseded += superseded
        (result.created if outcome == "created" else result.reused).append(kind.value)
    for kind_left_out in {k.value for k in FILING_KINDS} - {k.value for k in kinds}:
        if kind_left_out in known.current:  # no longer part of the package
            key = {"case_id": case_id, "kind": kind_left_out}
            result.superseded += supersede_current(session, key)
    moved = mark_ready(session, case_id, stage, run.now)
    payload = {
        "created": result.created,
        "reused": result.reused,
        "superseded": result.superseded,
    }
    if moved:
        payload["stage"] = [stage, Stage.DOCUMENTS_READY.value]
    if result.created or result.superseded or moved:
        return result, AuditEntry("documents.generated", "case", dossier.account_id, payload)
    return result, None


@dataclass(frozen=True)
class Step:
    """One claimed case: its documents, or why it has none."""

    case_id: int
    generated: Generated | None
    error: str | None = None


def generate_chunk(
    engine: Engine,
    *,
    after: int,
    size: int,
    case_ids: list[int] | None,
    with_ready: bool,
    signed_on: date | None,
    actor: Actor,
    now: datetime,
    policy: Policy,
    store: DocumentStore,
    templates: Templates,
    demand_letter: bool = False,
) -> list[Step]:
    """Claim up to `size` cases past `after` that need their package (approved; with
    `with_ready` also documents_ready; or those of `case_ids`) and render them, in one
    transaction; an empty list when none is left.

    Cases another worker holds are skipped (store/claims.py). Each case is rendered in a
    savepoint: a case that cannot get its documents is returned with the reason, its writes
    undone, and the others go on. One commit and one audit append per chunk: the audit
    chain's lock, which every writer shares, is held once per chunk rather than per case.
    """
    if case_ids is not None:
        where: Any = CASE.c.id.in_(case_ids)
    else:
        where = CASE.c.stage.in_([s.value for s in needing_documents(with_ready=with_ready)])
    run = _Run(signed_on, actor, now, policy, store, templates, demand_letter)
    steps, entries = [], []
    # The store's batch ends (its files flushed to disk) before the session commits.
    with session_scope(engine) as session, store.batch():
        for case_id in claim_cases(session, where, after=after, limit=size):
            try:
                with session.begin_nested():
                    generated, entry = _package(session, case_id, run)
            except (DocumentError, ServiceError, DomainError, StatementError) as exc:
                if connection_lost(exc):
                    raise  # the task retries the chunk on a new connection
                steps.append(Step(case_id, None, str(exc).splitlines()[0]))
                continue
            steps.append(Step(case_id, generated))
            entries += [entry] if entry else []
        record(session, actor, entries, at=now)
    return steps
