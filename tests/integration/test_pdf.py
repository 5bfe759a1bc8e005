"""PDF copies through a real LibreOffice (installed by .ci/run)."""

import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import select

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.pdf import check_libreoffice
from legal_flows.documents.pdf_pool import ConverterPool
from legal_flows.documents.storage import DocumentStore
from legal_flows.services.filing.dossier import load_dossier
from legal_flows.services.filing.pdf import convert_to_pdf
from legal_flows.store.tables import DocumentRow
from tests.helpers import ACTOR, NOW, alive, approved_cases, generate, office_pids_of, uow, uows


def converted(tmp_path, documents: dict[str, bytes]) -> dict[str, bytes]:
    """Every document's PDF, by a pool of persistent converters (none may fail)."""
    pool = ConverterPool(tmp_path / "lo")
    try:
        pdfs, failed = pool.convert_each(documents)
    finally:
        pool.close()
    assert failed == {}
    return pdfs


@pytest.mark.usefixtures("libreoffice")
def test_pdf_copies_carry_the_holders_name_and_a_rerun_converts_nothing(engine, tmp_path):
    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    generate(engine, case_id, store)
    converters = ConverterPool(tmp_path / "lo")
    made = convert_to_pdf(
        uows(engine), case_ids=[case_id], converters=converters, store=store, actor=ACTOR, now=NOW
    )
    assert made == (4, [])
    with uow(engine) as w:
        holder = load_dossier(w, case_id)[0].holder_name
        pdf = w.session.execute(
            select(DocumentRow).where(DocumentRow.format == "pdf", DocumentRow.kind == "complaint")
        ).scalar_one()
    path = store.path(pdf.output_sha, "pdf")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert holder in text.replace(" ", "")
    assert "民事起诉状" in text
    again = convert_to_pdf(
        uows(engine), case_ids=[case_id], converters=converters, store=store, actor=ACTOR, now=NOW
    )
    converters.close()
    assert again == (0, [])


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    from legal_flows.documents import pdf

    pdf._soffice.cache_clear()
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError, match="PDF needs LibreOffice: `soffice` is not on PATH"):
        check_libreoffice()
    pdf._soffice.cache_clear()


def test_a_python_without_libreoffices_bridge_is_a_clear_error(tmp_path, monkeypatch):
    from legal_flows.documents import pdf

    if not shutil.which("soffice"):
        pytest.skip("soffice not installed: the first check fails before this one")
    pdf._uno_python.cache_clear()
    monkeypatch.setattr(pdf, "UNO_PYTHON", sys.executable)  # the venv's Python has no uno
    with pytest.raises(DocumentError, match="apt-get install python3-uno"):
        check_libreoffice()
    pdf._uno_python.cache_clear()


SECTIONS = ("当事人信息", "诉讼请求", "约定管辖和诉前保全", "事实与理由", "对纠纷解决方式的意愿")
WHOLE = (
    "11010519491231002X",
    "6222021234567890128",
    "12,345.67",
    "1,500.50",
    "13,846.17",
    "2026年11月29日",
    "2026年11月30日",
    "2025年6月1日",
    "1949年12月31日",
    "18.25%",
)


def _pages(pdf: bytes, tmp_path, name: str) -> list[list[str]]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\u2060", "")
    pages = [p for p in raw.split("\f") if p.strip()]
    return [[line.replace(" ", "") for line in p.splitlines() if line.strip()] for p in pages]


@pytest.mark.usefixtures("libreoffice")
def test_the_complaint_pdf_keeps_its_layout_whatever_its_length(tmp_path):
    """Page numbers on every page, no amount, date or number broken across lines, no section
    heading last on a page, the signature block never alone: for complaints whose collection
    history pushes the page breaks to different places."""
    from datetime import date, timedelta

    from legal_flows.documents.catalog import DEFAULT_TEMPLATES, spec_for
    from legal_flows.documents.dossier import CollectionFacts
    from legal_flows.documents.render import render
    from legal_flows.domain.filing import DocumentKind
    from tests.integration.test_templates import OPTIONS, dossier

    spec = spec_for(DocumentKind.COMPLAINT)
    template = (DEFAULT_TEMPLATES / spec.file).read_bytes()
    documents = {}
    for count in (0, 6, 12, 22):
        sms = tuple(
            CollectionFacts(date(2025, 7, 1) + timedelta(days=7 * i), "sms", True, False)
            for i in range(count)
        )
        context = spec.build(dossier(collections=sms), OPTIONS)
        documents[f"c{count}"] = render(template, spec.file, context)
    pdfs = converted(tmp_path, documents)
    for name, pdf in pdfs.items():
        pages = _pages(pdf, tmp_path, name)
        for number, lines in enumerate(pages, start=1):
            assert f"第{number}页共{len(pages)}页" in lines, (name, number)
            body = [line for line in lines if not line.startswith("第")]
            assert body[-1] not in SECTIONS, (name, number, body[-1])
        every = [line for lines in pages for line in lines]
        joined = "".join(every)
        for token in WHOLE:
            assert joined.count(token) > 0, token
            assert joined.count(token) == sum(line.count(token) for line in every), (name, token)
        last = next(lines for lines in pages if any("具状人" in line for line in lines))
        before_block = last[: next(i for i, line in enumerate(last) if line == "此致")]
        assert before_block, f"{name}: the signature block stands alone on its page"


@pytest.mark.usefixtures("libreoffice")
def test_every_document_kind_reads_right_as_pdf(tmp_path):
    """Each kind's sample as the court sees it on paper: its title, the parties, page numbers,
    its amounts and dates whole on their lines."""
    from legal_flows.documents.catalog import ALL_SPECS, DEFAULT_TEMPLATES
    from legal_flows.documents.render import render
    from tests.integration.test_templates import dossier, sample_inputs

    documents, titles = {}, {}
    for spec in ALL_SPECS:
        context = spec.build(dossier(), sample_inputs(spec.kind))
        name = spec.file.removesuffix(".docx")
        documents[name] = render((DEFAULT_TEMPLATES / spec.file).read_bytes(), spec.file, context)
        titles[name] = {"续行查封冻结申请书": "续行冻结申请书"}.get(spec.title, spec.title)
        titles[name] = titles[name].split("/")[-1].removeprefix("负责人")
    pdfs = converted(tmp_path, documents)
    for name, pdf in pdfs.items():
        pages = _pages(pdf, tmp_path, name)
        every = [line for lines in pages for line in lines]
        joined = "".join(every)
        assert titles[name] in joined, name
        assert "示例银行股份有限公司北京分行" in joined, name
        for number, lines in enumerate(pages, start=1):
            assert f"第{number}页共{len(pages)}页" in lines, (name, number)
        for token in ("2026年11月29日", "13,846.17", "12,345.67", "（2026）京0105执900号"):
            if token in joined:
                assert joined.count(token) == sum(line.count(token) for line in every), (
                    name,
                    token,
                )


# The database plays no part in what LibreOffice does: SQLite only, to spare the suite.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.usefixtures("libreoffice", "prefect_api")
def test_documents_libreoffice_cannot_finish_are_each_named_and_the_next_run_makes_their_pdfs(
    app_env, engine, tmp_path, monkeypatch
):
    from legal_flows.api.flows import _failure
    from legal_flows.flows.documents import run_generation
    from legal_flows.i18n import CHINESE, translator
    from legal_flows.settings import load_settings

    approved = approved_cases(engine, tmp_path, count=2)
    assert approved
    # LibreOffice "hangs" on every document: each converter is killed and the next started.
    monkeypatch.setenv("LEGAL_FLOWS_PDF_TIMEOUT_SECONDS", "0.01")
    first = run_generation(load_settings(), pdf=True)
    assert first["cases"] == len(approved)  # the packages are made and committed
    assert first["pdf"] == 0
    with uow(engine) as w:
        kept = w.session.execute(select(DocumentRow.case_id, DocumentRow.format)).all()
    assert {f for _, f in kept} == {"docx"}  # no PDF row, and so no PDF a row could point to
    # Each document is named, with its case.
    assert sorted(f["case_id"] for f in first["failed"]) == sorted(c for c, _ in kept)
    complaint = next(f for f in first["failed"] if f["kind"] == "complaint")
    shown = _failure(complaint, translator(CHINESE))
    assert "民事起诉状的 PDF 副本尚未生成，下次运行时补做：LibreOffice 未在" in shown
    store = app_env / "documents"
    assert list(store.rglob("*.docx"))
    assert not list(store.rglob("*.pdf"))
    monkeypatch.delenv("LEGAL_FLOWS_PDF_TIMEOUT_SECONDS")
    second = run_generation(load_settings(), pdf=True)
    assert second["failed"] == []
    assert second["pdf"] == len(kept)  # each document's PDF, made by the next run
    assert not _libreoffice_left_running()  # the run stopped its converters


def _libreoffice_left_running() -> list[int]:
    """This process's converters' LibreOffice processes still alive (none other is counted:
    tests in other processes run their own)."""
    return [pid for pid in office_pids_of(os.getpid()) if alive(pid)]


@pytest.mark.usefixtures("prefect_api")
def test_the_libreoffice_limit_an_operator_creates_holds_a_slot_while_a_converter_works():
    from contextlib import nullcontext

    from prefect import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate

    from legal_flows.flows.documents import PDF_LIMIT, libreoffice_slot

    # None created: the converters go ahead and Prefect is asked for no slot (it would warn
    # at every one that the limit does not exist).
    assert libreoffice_slot() is nullcontext
    with get_client(sync_client=True) as client:
        client.create_global_concurrency_limit(
            GlobalConcurrencyLimitCreate(name=PDF_LIMIT, limit=2)
        )
        try:
            with libreoffice_slot()():
                held = client.read_global_concurrency_limit_by_name(PDF_LIMIT).active_slots
            after = client.read_global_concurrency_limit_by_name(PDF_LIMIT).active_slots
        finally:
            client.delete_global_concurrency_limit_by_name(PDF_LIMIT)
    assert (held, after) == (1, 0)
