"""Fixtures shared by the integration tests."""

import os
import shutil

import pytest

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.pdf import check_libreoffice
from tests.helpers import first_in_stage, loaded, review_all, set_case


@pytest.fixture
def ready(engine, tmp_path) -> str:
    """An approved case whose documents are ready: the court stages can begin."""
    loaded(engine, tmp_path, count=30)
    review_all(engine)
    account = first_in_stage(engine, "approved")
    set_case(engine, account, stage="documents_ready")
    return account


@pytest.fixture
def libreoffice() -> None:
    try:
        check_libreoffice()  # soffice, and the system Python's uno for the converters
        ready = bool(shutil.which("pdftotext"))
    except DocumentError:
        ready = False
    if ready:
        return
    if os.environ.get("CI"):
        pytest.fail(
            "LibreOffice, python3-uno and poppler-utils must be installed in CI (.ci/run does it)"
        )
    pytest.skip("soffice, python3-uno or pdftotext not installed (CI is unset)")
