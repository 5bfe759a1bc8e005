"""Generating a case's filing package: one case, or the next ones no other worker holds."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import StatementError

from legal_flows.documents.catalog import ALL_SPECS, TemplateSpec, spec_for
from legal_flows.documents.compiled import Templates
from legal_flows.documents.contexts import Context
from legal_flows.documents.dossier import CreditorFacts, Dossier
from legal_flows.documents.errors import DocumentError, TemplateProblem
from legal_flows.documents.inputs import Options
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.errors import DomainError, Told, told_parts
from legal_flows.domain.filing import (
    FILING_KINDS,
    DocumentKind,
    filing_package,
    litigation_date,
    signing_date,
)
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import GETS_DOCUMENTS, Stage, needing_documents
from legal_flows.services.errors import InputError, ServiceError
from legal_flows.services.filing.dossier import CaseFile, Dossiers, load_dossier
from legal_flows.services.filing.render import Pending, Rendering, add_pending, store_document
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.db import connection_lost
from legal_flows.store.documents import CaseDocuments
from legal_flows.store.uow import UnitOfWork


@dataclass
class Generated:
    account_id: str
    created: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    superseded: int = 0


def check_filing_templates(templates: Templates) -> None:
    """The templates of a filing package pass the check, or nothing is rendered."""
    templates.require(s for s in ALL_SPECS if s.kind in FILING_KINDS)


def cases_needing_documents(uow: UnitOfWork, *, with_ready: bool = False) -> list[int]:
    """Approved cases (the stage moves to documents_ready once their package exists); with
    `with_ready`, also those already ready, whose package is checked and completed (PDFs)."""
    return uow.cases.ids_in(needing_documents(with_ready=with_ready))


def generate_case_documents(
    uow: UnitOfWork,
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
    """Render the case's package in the unit of work; files are in place before rows commit."""
    check_filing_templates(templates)
    run = _Run(signed_on, policy, demand_letter, Rendering(templates, store, actor, now))
    # Waits for a worker generating the same case, then finds its documents there.
    uow.cases.find(id=case_id, lock=True)
    generated, entry = _package(uow, case_id, run)
    uow.audit.append(actor, [entry] if entry else [], at=now)
    return generated


@dataclass(frozen=True)
class _Run:
    """What every package of one run shares."""

    signed_on: date | None
    policy: Policy
    demand_letter: bool
    rendering: Rendering
    # The creditors read so far, by id: a chunk reads each one once (they are few).
    creditors: dict[int, CreditorFacts] = field(default_factory=dict)


def _package(
    uow: UnitOfWork,
    case_id: int,
    run: _Run,
    file: CaseFile | None = None,
    known: CaseDocuments | None = None,
) -> tuple[Generated, AuditEntry | None]:
    """Render and store the case's package; the audit entry it needs is the caller's to
    append (one append per chunk holds the audit lock once, not once per case). `file` and
    `known`: the case's file and document rows, when a chunk read them for all its cases."""
    dossier, decision, case = file or load_dossier(uow, case_id, run.creditors)
    stage = case.stage
    if stage not in GETS_DOCUMENTS:
        raise InputError(
            "case {account_id} is {stage}: only approved cases get documents",
            account_id=dossier.account_id,
            stage=stage,
        )
    result = Generated(dossier.account_id)
    known = known or uow.documents.of_case(case_id)
    planned = package_contexts(
        dossier, decision, run.policy, signed_on=run.signed_on, demand_letter=run.demand_letter
    )
    pending: list[Pending] = []
    for kind, spec, context in planned:
        try:
            outcome, superseded = store_document(
                uow,
                run.rendering,
                case_id=case_id,
                kind=kind,
                context=context,
                known=known,
                spec=spec,
                pending=pending,
            )
        except TemplateProblem as exc:  # which case, and the template's own one line
            raise TemplateProblem(
                "{account_id}: {problem}", account_id=dossier.account_id, problem=exc
            ) from None
        result.superseded += superseded
        (result.created if outcome == "created" else result.reused).append(kind.value)
    add_pending(uow, known, pending)
    kinds = [kind for kind, _, _ in planned]
    for kind_left_out in {k.value for k in FILING_KINDS} - {k.value for k in kinds}:
        if kind_left_out in known.current:  # no longer part of the package
            result.superseded += uow.documents.supersede(case_id, kind_left_out)
    moved = stage != Stage.DOCUMENTS_READY
    if moved:
        uow.cases.move(case_id, stage, Stage.DOCUMENTS_READY, now=run.rendering.now)
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


def package_contexts(
    dossier: Dossier,
    decision: Any,
    policy: Policy,
    *,
    signed_on: date | None,
    demand_letter: bool,
) -> list[tuple[DocumentKind, TemplateSpec[Any], Context]]:
    """The case's filing package: each document's kind, its template in the creditor's
    style and the context it is rendered from (documents/builders)."""
    kinds = filing_package(
        outcome=decision.outcome,
        payment_order_candidate=decision.payment_order_candidate,
        prefer_payment_order=policy.prefer_payment_order,
        has_asset_leads=bool(dossier.asset_leads),
        demand_letter_requested=demand_letter,
    )
    signing = signing_date(signed_on, reviewed_on=decision.as_of)
    options = Options(
        signed_on=litigation_date(signing, demand_letter=DocumentKind.DEMAND_LETTER in kinds),
        cost_cap=policy.cost_cap_rate,
        preservation=DocumentKind.PRESERVATION in kinds,
        letter_on=signing,
    )
    style = dossier.creditor.settings.complaint_style
    specs = [(kind, spec_for(kind, style)) for kind in kinds]
    return [(kind, spec, spec.build(dossier, options)) for kind, spec in specs]


@dataclass(frozen=True)
class Step:
    """One claimed case: its documents, or why it has none."""

    case_id: int
    generated: Generated | None
    error: str | None = None  # the first line of why, in English (logs, the flow's result)
    # Why as the catalogue's template and its values, so the flows page says it in Chinese.
    told: tuple[str, dict[str, Any]] | None = None


def generate_chunk(
    uow: UnitOfWork,
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
    """Take up to `size` cases past `after` that need their package (approved; with
    `with_ready` also documents_ready; given `case_ids`, those of them that may still get
    documents) and render them in the unit of work; an empty list when none is left.

    Cases another worker holds are skipped (Cases.take). Each case is rendered in a
    savepoint: a case that cannot get its documents is returned with the reason, its writes
    undone, and the others go on. One audit append per chunk: the audit chain's lock, which
    every writer shares, is held once per chunk rather than per case. The edge commits (its
    document store batch flushed to disk first).
    """
    # Cases asked for by id are taken whatever their stage: one that may not get documents
    # is reported as such (_package), not passed over in silence.
    stages = None if case_ids is not None else needing_documents(with_ready=with_ready)
    check_filing_templates(templates)  # a broken template stops the chunk before any case
    run = _Run(signed_on, policy, demand_letter, Rendering(templates, store, actor, now))
    steps, entries = [], []
    taken = uow.cases.take(stages, after=after, limit=size, ids=case_ids)
    files, documents = Dossiers(uow, taken, run.creditors), uow.documents.of_cases(taken)
    for case_id in taken:
        try:
            with uow.savepoint():
                generated, entry = _package(
                    uow, case_id, run, files.file(case_id), documents[case_id]
                )
        except (DocumentError, ServiceError, DomainError, StatementError) as exc:
            if connection_lost(exc):
                raise  # the task retries the chunk on a new connection
            told = told_parts(exc) if isinstance(exc, Told) else None
            steps.append(Step(case_id, None, str(exc).splitlines()[0], told))
            continue
        steps.append(Step(case_id, generated))
        entries += [entry] if entry else []
    uow.audit.append(actor, entries, at=now)
    return steps
