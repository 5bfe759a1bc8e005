"""PDF copies of current documents: one LibreOffice run per batch, one row per PDF."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, and_, insert, select
from sqlalchemy.orm import aliased

from legal_flows.documents.pdf import PdfConverter
from legal_flows.documents.storage import DocumentStore
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CASE, DOCUMENT

_PDF = aliased(DOCUMENT)


def convert_to_pdf(
    engine: Engine,
    *,
    case_ids: Sequence[int],
    converter: PdfConverter,
    store: DocumentStore,
    actor: Actor,
    now: datetime,
) -> int:
    """Add a PDF next to every current .docx of these cases that has none; returns how many.

    A PDF row shares its .docx row's template and context hashes, so a rerun finds it and
    converts nothing (LibreOffice stamps a creation time, so PDFs are not byte-reproducible).
    """
    with session_scope(engine, read_only=True) as session:
        missing = session.execute(
            select(DOCUMENT, CASE.c.account_id)
            .join(CASE, CASE.c.id == DOCUMENT.c.case_id)
            .outerjoin(
                _PDF,
                and_(
                    _PDF.c.case_id == DOCUMENT.c.case_id,
                    _PDF.c.kind == DOCUMENT.c.kind,
                    _PDF.c.template_sha == DOCUMENT.c.template_sha,
                    _PDF.c.context_sha == DOCUMENT.c.context_sha,
                    _PDF.c.format == "pdf",
                ),
            )
            .where(
                DOCUMENT.c.case_id.in_(case_ids),
                DOCUMENT.c.format == "docx",
                DOCUMENT.c.status == "current",
                _PDF.c.id.is_(None),
            )
        ).all()
    if not missing:
        return 0
    sources = {f"{row.id}": store.get(row.output_sha, "docx") for row in missing}
    pdfs = converter.convert(sources)
    with session_scope(engine) as session:
        entries = []
        for row in missing:
            data = pdfs[f"{row.id}"]
            digest = store.put(data, "pdf")  # in place before the row commits
            session.execute(
                insert(DOCUMENT).values(
                    case_id=row.case_id,
                    kind=row.kind,
                    format="pdf",
                    template_name=row.template_name,
                    template_sha=row.template_sha,
                    context_sha=row.context_sha,
                    output_sha=digest,
                    size=len(data),
                    status="current",
                    created_at=now,
                    created_by=actor.name,
                    flow_run_id=actor.flow_run_id,
                )
            )
            entries.append(AuditEntry("document.pdf", "case", row.account_id, {"kind": row.kind}))
        record(session, actor, entries, at=now)
    return len(missing)
