"""The pool of persistent LibreOffice converters, with a real LibreOffice: a converter killed
from outside is started again and its document made; one that takes too long is killed, its
document named, and the next document made by a new one."""

import os
import signal
import threading

import pytest

from legal_flows.documents.catalog import DEFAULT_TEMPLATES, spec_for
from legal_flows.documents.pdf_pool import ConverterPool
from legal_flows.documents.render import render
from legal_flows.domain.filing import DocumentKind
from tests.helpers import alive

pytestmark = pytest.mark.usefixtures("libreoffice")


def _complaints(n: int) -> dict[str, bytes]:
    from tests.integration.test_templates import OPTIONS, dossier

    spec = spec_for(DocumentKind.COMPLAINT)
    template = (DEFAULT_TEMPLATES / spec.file).read_bytes()
    data = render(template, spec.file, spec.build(dossier(), OPTIONS))
    return {f"d{i}": data for i in range(n)}


@pytest.fixture
def pool(tmp_path):
    converters = ConverterPool(tmp_path / "lo", size=1)
    yield converters
    converters.close()


def test_a_converter_killed_mid_batch_is_started_again_and_every_pdf_is_made(pool):
    documents = _complaints(4)
    made, failed = pool.convert_each({"first": documents["d0"]})  # up, off the clock
    assert set(made) == {"first"}
    first_office = pool.started()[0].office_pid
    assert first_office is not None
    killer = threading.Timer(0.2, os.kill, (first_office, signal.SIGKILL))
    killer.start()  # while the batch is under way: the document in hand is tried again
    made, failed = pool.convert_each(documents)
    killer.join()
    assert failed == {}
    assert sorted(made) == sorted(documents)
    assert all(pdf.startswith(b"%PDF-") for pdf in made.values())
    assert pool.starts == 2
    assert not alive(first_office)


def test_a_document_that_takes_too_long_is_named_its_converter_killed_and_the_next_made(pool):
    documents = _complaints(1)
    pool.convert_each({"warm": documents["d0"]})
    hung = pool.started()[0].office_pid
    assert hung is not None
    pool.timeout = 0.05  # a complaint takes LibreOffice ~0.3 s: it "hangs"
    made, failed = pool.convert_each({"slow": documents["d0"]})
    assert made == {}
    assert str(failed["slow"]) == "LibreOffice did not finish in 0.05 s"
    assert not alive(hung)  # killed, not left to finish in the background
    pool.timeout = 120
    made, failed = pool.convert_each({"next": documents["d0"]})
    assert failed == {}
    assert made["next"].startswith(b"%PDF-")
    assert pool.starts == 2


def test_a_document_libreoffice_cannot_read_is_named_and_the_rest_are_made(pool):
    documents = _complaints(2) | {"broken": b"PK\x03\x04 not a word document"}
    made, failed = pool.convert_each(documents)
    assert sorted(made) == ["d0", "d1"]
    assert list(failed) == ["broken"]
    assert str(failed["broken"]).startswith("LibreOffice could not convert it: ")
    assert pool.starts == 1  # the converter was not lost over it


def test_the_pool_spreads_a_batch_over_its_converters_and_stops_them_on_close(tmp_path):
    converters = ConverterPool(tmp_path / "lo", size=2)
    made, failed = converters.convert_each(_complaints(4))
    offices = [c.office_pid for c in converters.started()]
    assert len(made) == 4
    assert failed == {}
    assert len(offices) == 2
    assert all(pid is not None and alive(pid) for pid in offices)
    converters.close()
    assert not [pid for pid in offices if pid is not None and alive(pid)]
    assert not list((tmp_path / "lo").iterdir())  # no profile piles up, run after run
