"""One document of a case rendered and stored once: the same template and data are one row."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from legal_flows.documents.catalog import CATALOG, TemplateSpec
from legal_flows.documents.compiled import Templates
from legal_flows.documents.contexts import Context
from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.filing import DocumentKind
from legal_flows.store.audit import Actor
from legal_flows.store.documents import CURRENT, CaseDocuments, DocumentIn
from legal_flows.store.uow import UnitOfWork

FORMAT = "docx"
# A new document's row waiting for its package's insert, under its (kind, template, data,
# format) key.
Pending = tuple[tuple[str, str, str, str], DocumentIn]


def canonical_sha(values: dict[str, Any]) -> str:
    body = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256(body.encode())


@dataclass(frozen=True)
class Rendering:
    """What every document of one run shares: the templates, where the files go, who renders
    them and when."""

    templates: Templates
    store: DocumentStore
    actor: Actor
    now: datetime


def store_document(
    uow: UnitOfWork,
    run: Rendering,
    *,
    case_id: int,
    kind: DocumentKind,
    context: Context,
    supersede: bool = True,
    known: CaseDocuments | None = None,
    spec: TemplateSpec[Any] | None = None,
    pending: list[Pending] | None = None,
) -> tuple[str, int]:
    """One document: the same template and data reuse their row; anything new is rendered,
    stored before its row, and (with `supersede`) replaces the case's current one of its kind.
    `known`: the case's rows as read earlier in this transaction (kept up to date here).
    `spec`: the kind's template in the creditor's style (default: the kind's own).
    `pending`: where a new row waits to be inserted with the rest of its package
    (add_pending), instead of at once; its file is stored now either way.
    Returns ("created" | "reused", how many rows it superseded)."""
    spec = spec or CATALOG[kind]
    template, template_sha = run.templates.load(spec)
    known = known or uow.documents.of_case(case_id)
    context_sha = canonical_sha(context.model_dump())
    key = (kind.value, template_sha, context_sha, FORMAT)
    existing = known.rows.get(key)
    if existing is not None and existing[1] == CURRENT:
        return "reused", 0
    superseded = 0
    if supersede and kind.value in known.current:
        superseded = uow.documents.supersede(case_id, kind.value)  # its PDF copy too
    known.current.add(kind.value)
    if existing is not None:  # back to an earlier template or data: that row again
        uow.documents.make_current(existing[0])
        return "reused", superseded
    output = template.render(context)
    digest = run.store.put(output, FORMAT)  # the file exists before its row can commit
    row = DocumentIn(
        case_id=case_id,
        kind=kind.value,
        format=FORMAT,
        template_name=spec.file,
        template_sha=template_sha,
        context_sha=context_sha,
        output_sha=digest,
        size=len(output),
        created_at=run.now,
        created_by=run.actor.name,
        flow_run_id=run.actor.flow_run_id,
    )
    if pending is not None:
        pending.append((key, row))
    else:
        known.rows[key] = (uow.documents.add(row), CURRENT)
    return "created", superseded


def add_pending(uow: UnitOfWork, known: CaseDocuments, pending: list[Pending]) -> None:
    """A package's new rows in one statement: a round trip for each document was a tenth
    of a package's time."""
    ids = uow.documents.add_many([row for _, row in pending])
    for (key, _), new_id in zip(pending, ids, strict=True):
        known.rows[key] = (new_id, CURRENT)
