"""PDF copies of current documents: converted by the process's LibreOffice pool, one row per PDF."""

from collections.abc import Sequence
from contextlib import nullcontext
from datetime import datetime
from typing import NamedTuple

from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.errors import DocumentError
from legal_flows.documents.pdf_pool import ConverterPool, Slot
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.filing import DocumentKind
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.documents import DocumentIn
from legal_flows.store.uow import UnitsOfWork


class NotMade(NamedTuple):
    """A document whose PDF copy LibreOffice could not make, and why (told with the
    document's title and what happens next)."""

    case_id: int
    kind: str
    error: DocumentError


def _not_made(case_id: int, kind: str, why: DocumentError) -> NotMade:
    title = CATALOG[DocumentKind(kind)].title
    told = DocumentError(
        "no PDF copy of its {title} yet, the next run makes it: {why}", title=title, why=why
    )
    return NotMade(case_id, kind, told)


def convert_to_pdf(
    uows: UnitsOfWork,
    *,
    case_ids: Sequence[int],
    converters: ConverterPool,
    store: DocumentStore,
    actor: Actor,
    now: datetime,
    slot: Slot = nullcontext,
) -> tuple[int, list[NotMade]]:
    """Add a PDF next to every current .docx of these cases that has none; returns how many,
    and each document LibreOffice could not convert (its .docx row has no PDF yet, so the
    next run tries it again; nothing partial is stored).

    Two transactions with LibreOffice's work between them, so no lock is held while it works;
    `slot` is entered for each converter the batch uses (the flow's global concurrency limit).
    A PDF row shares its .docx row's template and context hashes, so a rerun finds it and
    converts nothing (LibreOffice stamps a creation time, so PDFs are not byte-reproducible).
    """
    with uows(read_only=True) as uow:
        missing = uow.documents.without_pdf(case_ids)
    if not missing:
        return 0, []
    sources = {f"{row.id}": store.get(row.output_sha, "docx") for row in missing}
    pdfs, failed = converters.convert_each(sources, slot)
    not_made = [
        _not_made(row.case_id, row.kind, failed[f"{row.id}"])
        for row in missing
        if f"{row.id}" in failed
    ]
    with uows() as uow:
        entries = []
        for row in missing:
            data = pdfs.get(f"{row.id}")
            if data is None:
                continue
            digest = store.put(data, "pdf")  # in place before the row commits
            uow.documents.add(
                DocumentIn(
                    case_id=row.case_id,
                    kind=row.kind,
                    format="pdf",
                    template_name=row.template_name,
                    template_sha=row.template_sha,
                    context_sha=row.context_sha,
                    output_sha=digest,
                    size=len(data),
                    created_at=now,
                    created_by=actor.name,
                    flow_run_id=actor.flow_run_id,
                )
            )
            entries.append(AuditEntry("document.pdf", "case", row.account_id, {"kind": row.kind}))
        uow.audit.append(actor, entries, at=now)
    return len(entries), not_made
