"""A case's documents for people and the court: list, fetch, the package, its export, checks."""

import io
import json
import zipfile
from datetime import tzinfo
from pathlib import Path
from typing import Any

from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.filing import DocumentKind
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.errors import InputError
from legal_flows.store.documents import CURRENT
from legal_flows.store.uow import UnitOfWork


def list_documents(uow: UnitOfWork, account_id: str, *, tz: tzinfo) -> list[dict[str, Any]]:
    case_id = case_id_of(uow, account_id)
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
            "created_at": r.created_at.astimezone(tz).isoformat(timespec="seconds"),
            "created_by": r.created_by,
            "flow_run_id": r.flow_run_id,
        }
        for r in uow.documents.listing(case_id)
    ]


def read_document(uow: UnitOfWork, store: DocumentStore, document_id: int) -> tuple[Any, bytes]:
    row = uow.documents.get(document_id)
    if row is None:
        raise InputError("no document with id {document_id}", document_id=document_id)
    data = store.get(row.output_sha, row.format)
    if sha256(data) != row.output_sha:
        raise InputError(
            "document {document_id}: stored file no longer matches its hash",
            document_id=document_id,
        )
    return row, data


_ORDER = {kind.value: n for n, kind in enumerate(CATALOG)}


def file_name(n: int, doc: dict[str, Any], account_id: str, case_no: str | None) -> str:
    """`01_民事起诉状_ACC00000001[_（2026）京0105民初9号].docx`: numbered, the account (and the
    案号 once the court gave one) in every name, so files of many cases never mix."""
    parts = [f"{n:02d}", doc["title"], account_id, *([case_no] if case_no else [])]
    return "_".join(p.replace("/", "-") for p in parts) + f".{doc['format']}"


def download_name(account_id: str, case_no: str | None, kind: str, fmt: str) -> str:
    """`ACC00000001_（2026）京0105民初9号_民事起诉状.docx`: account, 案号 (once the court gave
    one) and the document's title, as a lawyer files it away."""
    parts = [account_id, *([case_no] if case_no else []), CATALOG[DocumentKind(kind)].title]
    return "_".join(p.replace("/", "-").replace("\\", "-") for p in parts) + f".{fmt}"


def package_files(
    uow: UnitOfWork, store: DocumentStore, account_id: str, *, tz: tzinfo
) -> dict[str, bytes]:
    """The current package: one file per document, numbered in the catalog's order (the
    order the court reads them, whatever order they were made in), and manifest.json."""
    current = [d for d in list_documents(uow, account_id, tz=tz) if d["status"] == CURRENT]
    if not current:
        raise InputError(
            "case {account_id} has no documents: run `legal-flows generate` first",
            account_id=account_id,
        )
    current.sort(key=lambda d: (_ORDER[d["kind"]], d["format"] != "docx", d["id"]))
    case = uow.cases.find(account_id=account_id)
    case_no = case.court_case_no if case is not None else None
    files = {}
    for n, doc in enumerate(current, start=1):
        name = file_name(n, doc, account_id, case_no)
        files[name] = read_document(uow, store, doc["id"])[1]
        doc["file"] = name
    manifest = {"account_id": account_id, "court_case_no": case_no, "documents": current}
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


def export_package(
    uow: UnitOfWork, store: DocumentStore, account_id: str, target: Path, *, tz: tzinfo
) -> Path:
    """The current package as a folder, or as a .zip when the target's name ends so."""
    files = package_files(uow, store, account_id, tz=tz)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(zip_bytes(files))
    else:
        target.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (target / name).write_bytes(data)
    return target


def verify_documents(uow: UnitOfWork, store: DocumentStore) -> list[dict[str, Any]]:
    """Every stored file against its row's hash: the ones missing or altered."""
    bad = []
    for r in uow.documents.hashes():
        if not store.matches(r.output_sha, r.format):
            bad.append({"id": r.id, "sha256": r.output_sha, "problem": "missing or altered"})
    return bad
