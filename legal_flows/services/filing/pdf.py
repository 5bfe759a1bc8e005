"""PDF copies of current documents: one LibreOffice run per batch, one row per PDF."""

from collections.abc import Sequence
from datetime import datetime

from legal_flows.documents.pdf import PdfConverter
from legal_flows.documents.storage import DocumentStore
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.documents import DocumentIn
from legal_flows.store.uow import UnitsOfWork


def convert_to_pdf(
    uows: UnitsOfWork,
    *,
    case_ids: Sequence[int],
    converter: PdfConverter,
    store: DocumentStore,
    actor: Actor,
    now: datetime,
) -> int:
    """Add a PDF next to every current .docx of these cases that has none; returns how many.

    Two transactions with LibreOffice's run between them, so no lock is held while it works.
    A PDF row shares its .docx row's template and context hashes, so a rerun finds it and
    converts nothing (LibreOffice stamps a creation time, so PDFs are not byte-reproducible).
    """
    with uows(read_only=True) as uow:
        missing = uow.documents.without_pdf(case_ids)
    if not missing:
        return 0
    sources = {f"{row.id}": store.get(row.output_sha, "docx") for row in missing}
    pdfs = converter.convert(sources)
    with uows() as uow:
        entries = []
        for row in missing:
            data = pdfs[f"{row.id}"]
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
    return len(missing)
