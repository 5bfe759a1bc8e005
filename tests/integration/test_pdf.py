"""PDF copies through a real LibreOffice (installed by .ci/run)."""

import os
import shutil
import subprocess

import pytest
from sqlalchemy import select

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.pdf import PdfConverter
from legal_flows.documents.storage import DocumentStore
from legal_flows.services.filing.dossier import load_dossier
from legal_flows.services.filing.pdf import convert_to_pdf
from legal_flows.store.tables import DocumentRow
from tests.helpers import ACTOR, NOW, approved_cases, generate, uow, uows


@pytest.fixture
def libreoffice() -> None:
    if shutil.which("soffice") and shutil.which("pdftotext"):
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice and poppler-utils must be installed in CI (.ci/run does it)")
    pytest.skip("soffice or pdftotext not installed (CI is unset)")


@pytest.mark.usefixtures("libreoffice")
def test_pdf_copies_carry_the_holders_name_and_a_rerun_converts_nothing(engine, tmp_path):
    case_id = approved_cases(engine, tmp_path)[0]
    store = DocumentStore(tmp_path / "docs")
    generate(engine, case_id, store)
    converter = PdfConverter(tmp_path / "lo")
    made = convert_to_pdf(
        uows(engine), case_ids=[case_id], converter=converter, store=store, actor=ACTOR, now=NOW
    )
    assert made == 4
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
        uows(engine), case_ids=[case_id], converter=converter, store=store, actor=ACTOR, now=NOW
    )
    assert again == 0


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError, match="PDF needs LibreOffice"):
        PdfConverter(tmp_path)
