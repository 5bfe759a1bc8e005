"""Generating filing packages on real databases: idempotent, versioned, crash-safe."""

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.services.filing.generation import cases_needing_documents
from legal_flows.services.filing.package import export_package, list_documents, verify_documents
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, DocumentRow
from tests.helpers import NOW, approved_cases, generate, uow


def rows(engine):
    with session_scope(engine) as s:
        return s.execute(select(DocumentRow).order_by(DocumentRow.id)).scalars().all()


def test_approved_case_gets_its_package_and_becomes_documents_ready(engine, tmp_path):
    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    result = generate(engine, case_id, store)
    assert set(result.created) == {
        "complaint",
        "evidence_list",
        "power_of_attorney",
        "identity_certificate",
    }
    with session_scope(engine) as s:
        assert s.get(CaseRow, case_id).stage == "documents_ready"
    for row in rows(engine):
        data = store.get(row.output_sha, "docx")
        assert sha256(data) == row.output_sha
        Document(io.BytesIO(data))  # python-docx opens it


def test_generating_again_creates_no_new_rows_or_files(engine, tmp_path):
    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    generate(engine, case_id, store)
    before = [(r.id, r.output_sha) for r in rows(engine)]
    again = generate(engine, case_id, store)
    assert (again.created, again.superseded) == ([], 0)
    assert [(r.id, r.output_sha) for r in rows(engine)] == before
    assert len(list((tmp_path / "docs").rglob("*.docx"))) == len(before)


def test_changed_template_makes_a_new_version_and_keeps_the_old(engine, tmp_path):
    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    generate(engine, case_id, store)
    edited = tmp_path / "templates"
    shutil.copytree(DEFAULT_TEMPLATES, edited)
    doc = Document(edited / "complaint.docx")
    doc.add_paragraph("附：起诉状副本一份")
    doc.save(edited / "complaint.docx")
    result = generate(engine, case_id, store, templates=edited)
    assert result.created == ["complaint"]
    assert result.superseded == 1
    complaints = [r for r in rows(engine) if r.kind == "complaint"]
    assert [r.status for r in complaints] == ["superseded", "current"]
    assert complaints[0].template_sha != complaints[1].template_sha


class FailingStore(DocumentStore):
    """A disk that fails on the n-th write, as a crash in the middle of a batch would."""

    def __init__(self, root: Path, fail_at: int) -> None:
        super().__init__(root)
        self.writes, self.fail_at = 0, fail_at

    def put(self, data: bytes, extension: str) -> str:
        self.writes += 1
        if self.writes == self.fail_at:
            raise OSError("disk failed mid-batch")
        return super().put(data, extension)


def test_crash_mid_batch_leaves_no_orphan_rows_or_partial_files_and_a_rerun_completes(
    engine, tmp_path
):
    cases = approved_cases(engine, tmp_path)[:3]
    root = tmp_path / "docs"
    crashing = FailingStore(root, fail_at=6)  # second case, second document
    done: list[int] = []

    def batch() -> None:
        for case_id in cases:
            generate(engine, case_id, crashing)
            done.append(case_id)

    with pytest.raises(OSError, match="disk failed"):
        batch()
    assert len(done) == 1
    assert {r.case_id for r in rows(engine)} == {done[0]}  # the failed case wrote no row
    assert not list(root.rglob(".partial-*"))
    assert all(sha256(p.read_bytes()) == p.stem for p in root.rglob("*.docx"))
    store = DocumentStore(root)
    for case_id in cases:
        generate(engine, case_id, store)
    assert {r.case_id for r in rows(engine)} == set(cases)
    with session_scope(engine) as s:
        per_kind = s.execute(
            select(DocumentRow.case_id, DocumentRow.kind, func.count()).group_by(
                DocumentRow.case_id, DocumentRow.kind
            )
        ).all()
        assert all(n == 1 for _, _, n in per_kind)
    with uow(engine) as w:
        assert verify_documents(w, store) == []


def test_export_has_the_package_and_a_manifest_of_hashes_and_verify_finds_tampering(
    engine, tmp_path
):
    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    generate(engine, case_id, store, demand_letter=True)
    with uow(engine) as w:
        account = w.cases.account_of(case_id)
        target = export_package(w, store, account, tmp_path / "out" / "package.zip", tz=NOW.tzinfo)
        listed = list_documents(w, account, tz=NOW.tzinfo)
    with zipfile.ZipFile(target) as z:
        import json

        manifest = json.loads(z.read("manifest.json"))
        for doc in manifest["documents"]:
            assert sha256(z.read(doc["file"])) == doc["sha256"]
    assert {d["kind"] for d in manifest["documents"]} >= {"demand_letter", "complaint"}
    victim = store.path(listed[0]["sha256"], "docx")
    victim.write_bytes(victim.read_bytes() + b"x")
    with uow(engine) as w:
        assert [b["id"] for b in verify_documents(w, store)] == [listed[0]["id"]]


def test_ready_cases_are_revisited_only_when_asked_for_pdf_copies(engine, tmp_path):
    cases = approved_cases(engine, tmp_path)
    store = DocumentStore(tmp_path / "docs")
    generate(engine, cases[0], store)
    with uow(engine) as w:
        assert cases[0] not in cases_needing_documents(w)
        assert cases[0] in cases_needing_documents(w, with_ready=True)


def test_asset_leads_from_intake_add_a_preservation_application_naming_them(engine, tmp_path):
    from tests.helpers import set_case

    case_id = approved_cases(engine, tmp_path)[0]
    with session_scope(engine) as s:
        account = s.get(CaseRow, case_id).account_id
    set_case(engine, account, asset_leads="工商银行朝阳支行账户尾号1234；京A12345 小型轿车")
    store = DocumentStore(tmp_path / "docs")
    result = generate(engine, case_id, store)
    assert "preservation_application" in result.created
    preservation = next(r for r in rows(engine) if r.kind == "preservation_application")
    text = "\n".join(
        p.text for p in Document(io.BytesIO(store.get(preservation.output_sha, "docx"))).paragraphs
    )
    assert "工商银行朝阳支行账户尾号1234" in text
    assert "京A12345 小型轿车" in text
    assert "第九条第一款第六项" in text  # a bank is exempt from security


def test_a_demand_letter_goes_first_and_the_court_papers_are_dated_after_its_deadline(
    engine, tmp_path
):
    from datetime import date

    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    generate(engine, case_id, store, demand_letter=True, signed_on=date(2026, 12, 1))
    with uow(engine) as w:
        docs = {d["kind"]: d for d in list_documents(w, w.cases.account_of(case_id), tz=NOW.tzinfo)}

    def text(kind: str) -> str:
        doc = Document(io.BytesIO(store.get(docs[kind]["sha256"], "docx")))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)

    letter = text("demand_letter")
    assert "2026年12月1日" in letter  # the letter's own date
    assert "请您于2026年12月16日前清偿上述欠款" in letter
    complaint = text("complaint")
    assert "日期：2026年12月17日" in complaint  # the day after the letter's deadline
    assert "2026年12月1日" not in complaint
    assert "2026年12月17日" in text("power_of_attorney")
