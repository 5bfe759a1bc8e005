"""Generate, list, fetch, export and verify a case's filing documents."""

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from legal_flows.documents.catalog import CATALOG, TemplateSpec
from legal_flows.documents.compiled import CompiledTemplate
from legal_flows.documents.contexts import Context
from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.filing import DocumentKind
from legal_flows.domain.stages import Stage, check_transition, needing_documents
from legal_flows.services.audit import Actor
from legal_flows.services.errors import CaseNotFound, InputError
from legal_flows.settings import local_time
from legal_flows.store.tables import CASE, DOCUMENT

FORMAT = "docx"


@dataclass
class Generated:
    account_id: str
    created: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    superseded: int = 0


@dataclass
class Templates:
    """The templates of one run, each compiled once (an edit on disk is a new version)."""

    folder: Path
    _compiled: dict[str, tuple[tuple[int, int], str, CompiledTemplate]] = field(
        default_factory=dict
    )

    def load(self, spec: TemplateSpec) -> tuple[CompiledTemplate, str]:
        """Read and hash a template only when its file changed (size or mtime) since last use."""
        path = self.folder / spec.file
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
        cached = self._compiled.get(spec.file)
        if cached is None or cached[0] != stamp:
            data = path.read_bytes()
            cached = (stamp, sha256(data), CompiledTemplate(data, spec.file, spec.context))
            self._compiled[spec.file] = cached
        return cached[2], cached[1]


def canonical_sha(values: dict[str, Any]) -> str:
    body = json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256(body.encode())


@dataclass
class CaseDocuments:
    """A case's document rows, read once: what exists (by kind, template, data and format)
    and which kinds have a current version, so a package costs no query per document."""

    rows: dict[tuple[str, str, str, str], tuple[int, str]]
    current: set[str]


def case_documents(session: Session, case_id: int) -> CaseDocuments:
    found = session.execute(
        select(DOCUMENT.c.id, DOCUMENT.c.kind, DOCUMENT.c.template_sha, DOCUMENT.c.context_sha)
        .add_columns(DOCUMENT.c.format, DOCUMENT.c.status)
        .where(DOCUMENT.c.case_id == case_id)
    ).all()
    return CaseDocuments(
        {(r.kind, r.template_sha, r.context_sha, r.format): (r.id, r.status) for r in found},
        {r.kind for r in found if r.status == "current"},
    )


def store_rendered(
    session: Session,
    *,
    case_id: int,
    spec: TemplateSpec,
    template: CompiledTemplate,
    template_sha: str,
    context: Context,
    store: DocumentStore,
    actor: Actor,
    now: datetime,
    supersede: bool = True,
    known: CaseDocuments | None = None,
) -> tuple[str, int]:
    """One document: the same template and data reuse their row; anything new is rendered,
    stored before its row, and (with `supersede`) replaces the case's current one of its kind.
    `known`: the case's rows as read earlier in this transaction (kept up to date here)."""
    known = known or case_documents(session, case_id)
    kind = spec.kind.value
    context_sha = canonical_sha(context.model_dump())
    existing = known.rows.get((kind, template_sha, context_sha, FORMAT))
    if existing is not None and existing[1] == "current":
        return "reused", 0
    superseded = 0
    if supersede and kind in known.current:
        # Every format of the old version goes: its PDF copy too.
        superseded = supersede_current(session, {"case_id": case_id, "kind": kind})
    known.current.add(kind)
    if existing is not None:  # back to an earlier template or data: that row again
        session.execute(
            update(DOCUMENT).where(DOCUMENT.c.id == existing[0]).values(status="current")
        )
        return "reused", superseded
    output = template.render(context)
    digest = store.put(output, FORMAT)  # the file exists before its row can commit
    new_id = session.execute(
        insert(DOCUMENT)
        .values(
            case_id=case_id,
            kind=kind,
            format=FORMAT,
            template_name=spec.file,
            template_sha=template_sha,
            context_sha=context_sha,
            output_sha=digest,
            size=len(output),
            status="current",
            created_at=now,
            created_by=actor.name,
            flow_run_id=actor.flow_run_id,
        )
        .returning(DOCUMENT.c.id)
    ).scalar_one()
    known.rows[(kind, template_sha, context_sha, FORMAT)] = (new_id, "current")
    return "created", superseded


def supersede_current(session: Session, key: dict[str, Any]) -> int:
    stmt = (
        update(DOCUMENT)
        .where(*(DOCUMENT.c[k] == v for k, v in key.items()), DOCUMENT.c.status == "current")
        .values(status="superseded")
    )
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def mark_ready(session: Session, case_id: int, stage: str, now: datetime) -> bool:
    if stage == Stage.DOCUMENTS_READY:
        return False
    target = check_transition(stage, Stage.DOCUMENTS_READY)
    session.execute(
        update(CASE)
        .where(CASE.c.id == case_id)
        .values(stage=target.value, version=CASE.c.version + 1, updated_at=now)
    )
    return True


def cases_needing_documents(session: Session, *, with_ready: bool = False) -> list[int]:
    """Approved cases (the stage moves to documents_ready once their package exists); with
    `with_ready`, also those already ready, whose package is checked and completed (PDFs)."""
    stages = [s.value for s in needing_documents(with_ready=with_ready)]
    query = select(CASE.c.id).where(CASE.c.stage.in_(stages)).order_by(CASE.c.id)
    return list(session.execute(query).scalars())


def case_id_of(session: Session, account_id: str) -> int:
    found = session.execute(select(CASE.c.id).where(CASE.c.account_id == account_id)).scalar()
    if found is None:
        raise CaseNotFound(account_id)
    return int(found)


def list_documents(session: Session, account_id: str) -> list[dict[str, Any]]:
    case_id = case_id_of(session, account_id)
    rows = session.execute(
        select(DOCUMENT).where(DOCUMENT.c.case_id == case_id).order_by(DOCUMENT.c.id)
    )
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "title": CATALOG[DocumentKind(r.kind)].title,
            "status": r.status,
            "format": r.format,
            "template": r.template_name,
            "template_sha256": r.template_sha,
            "context_sha256": r.context_sha,
            "sha256": r.output_sha,
            "size": r.size,
            "created_at": local_time(r.created_at).isoformat(timespec="seconds"),
            "created_by": r.created_by,
            "flow_run_id": r.flow_run_id,
        }
        for r in rows
    ]


def read_document(session: Session, store: DocumentStore, document_id: int) -> tuple[Any, bytes]:
    row = session.execute(select(DOCUMENT).where(DOCUMENT.c.id == document_id)).first()
    if row is None:
        raise InputError(f"no document with id {document_id}")
    data = store.get(row.output_sha, row.format)
    if sha256(data) != row.output_sha:
        raise InputError(f"document {document_id}: stored file no longer matches its hash")
    return row, data


def package_files(session: Session, store: DocumentStore, account_id: str) -> dict[str, bytes]:
    """The current package: one file per document, numbered, and manifest.json (hashes)."""
    current = [d for d in list_documents(session, account_id) if d["status"] == "current"]
    if not current:
        raise InputError(f"case {account_id} has no documents: run `legal-flows generate` first")
    files = {}
    for n, doc in enumerate(current, start=1):
        name = f"{n:02d}_{doc['title'].replace('/', '-')}.{doc['format']}"
        files[name] = read_document(session, store, doc["id"])[1]
        doc["file"] = name
    manifest = {"account_id": account_id, "documents": current}
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def export_package(session: Session, store: DocumentStore, account_id: str, target: Path) -> Path:
    """The current package as a folder, or as a .zip when the target's name ends so."""
    files = package_files(session, store, account_id)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zip_bytes(files))
    else:
        target.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (target / name).write_bytes(data)
    return target


def verify_documents(session: Session, store: DocumentStore) -> list[dict[str, Any]]:
    """Every stored file against its row's hash: the ones missing or altered."""
    bad = []
    for r in session.execute(select(DOCUMENT.c.id, DOCUMENT.c.output_sha, DOCUMENT.c.format)):
        if not store.matches(r.output_sha, r.format):
            bad.append({"id": r.id, "sha256": r.output_sha, "problem": "missing or altered"})
    return bad
