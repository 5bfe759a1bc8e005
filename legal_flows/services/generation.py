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
from legal_flows.domain.stages import Stage
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.documents import (
    Generated,
    Templates,
    case_documents,
    mark_ready,
    store_rendered,
    supersede_current,
)
from legal_flows.services.dossier import load_dossier
from legal_flows.services.errors import InputError, ServiceError
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
    with session_scope(engine) as session:
        # Waits for a worker generating the same case, then finds its documents there.
        session.execute(select(CASE.c.id).where(CASE.c.id == case_id).with_for_update())
        return generate_in_session(
            session,
            case_id=case_id,
            signed_on=signed_on,
            actor=actor,
            now=now,
            policy=policy,
            store=store,
            templates=templates,
            demand_letter=demand_letter,
        )


def generate_in_session(
    session: Session,
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
    """The package of a case the caller holds (locked) in its open transaction."""
    dossier, decision = load_dossier(session, case_id)
    stage = session.execute(select(CASE.c.stage).where(CASE.c.id == case_id)).scalar_one()
    if stage not in (Stage.APPROVED, Stage.DOCUMENTS_READY):
        raise InputError(f"case {dossier.account_id} is {stage}: only approved cases get documents")
    kinds = filing_package(
        outcome=decision.outcome,
        payment_order_candidate=decision.payment_order_candidate,
        prefer_payment_order=policy.prefer_payment_order,
        has_asset_leads=bool(dossier.asset_leads),
        demand_letter_requested=demand_letter,
    )
    options = Options(
        signed_on=signed_on or decision.as_of,
        cost_cap=policy.cost_cap_rate,
        preservation=DocumentKind.PRESERVATION in kinds,
    )
    result = Generated(dossier.account_id)
    known = case_documents(session, case_id)
    for kind in kinds:
        spec = CATALOG[kind]
        template, template_sha = templates.load(spec)
        assert spec.build is not None  # every filing-package kind has a builder
        outcome, superseded = store_rendered(
            session,
            case_id=case_id,
            spec=spec,
            template=template,
            template_sha=template_sha,
            context=spec.build(dossier, options),
            store=store,
            actor=actor,
            now=now,
            known=known,
        )
        result.superseded += superseded
        (result.created if outcome == "created" else result.reused).append(kind.value)
    for kind_left_out in {k.value for k in FILING_KINDS} - {k.value for k in kinds}:
        if kind_left_out in known.current:  # no longer part of the package
            key = {"case_id": case_id, "kind": kind_left_out}
            result.superseded += supersede_current(session, key)
    moved = mark_ready(session, case_id, stage, now)
    payload = {
        "created": result.created,
        "reused": result.reused,
        "superseded": result.superseded,
    }
    if moved:
        payload["stage"] = [stage, Stage.DOCUMENTS_READY.value]
    if result.created or result.superseded or moved:
        record(
            session,
            actor,
            [AuditEntry("documents.generated", "case", dossier.account_id, payload)],
            at=now,
        )
    return result


@dataclass(frozen=True)
class Step:
    """One claimed case: its documents, or why it has none."""

    case_id: int
    generated: Generated | None
    error: str | None = None


def generate_next(
    engine: Engine,
    *,
    after: int,
    case_ids: list[int] | None,
    with_ready: bool,
    signed_on: date | None,
    actor: Actor,
    now: datetime,
    policy: Policy,
    store: DocumentStore,
    templates: Templates,
    demand_letter: bool = False,
) -> Step | None:
    """Claim the next case past `after` that needs its package (approved; with `with_ready`
    also documents_ready; or the next of `case_ids`) and render it; None when none is left.

    Cases another worker holds are skipped (store/claims.py). A case that cannot get its
    documents is returned with the reason, its transaction rolled back, so the caller moves on.
    """
    if case_ids is not None:
        where: Any = CASE.c.id.in_(case_ids)
    else:
        stages = [Stage.APPROVED.value] + ([Stage.DOCUMENTS_READY.value] if with_ready else [])
        where = CASE.c.stage.in_(stages)
    claimed = None
    try:
        with session_scope(engine) as session:
            ids = claim_cases(session, where, after=after, limit=1)
            if not ids:
                return None
            claimed = ids[0]
            generated = generate_in_session(
                session,
                case_id=claimed,
                signed_on=signed_on,
                actor=actor,
                now=now,
                policy=policy,
                store=store,
                templates=templates,
                demand_letter=demand_letter,
            )
        return Step(claimed, generated)
    except (DocumentError, ServiceError, DomainError, StatementError) as exc:
        if claimed is None or connection_lost(exc):
            raise
        return Step(claimed, None, str(exc).splitlines()[0])
