"""The shipped templates carry only the styles their pages use: LibreOffice imports every style
a .docx defines, and python-docx's 164 unused ones cost each PDF copy ~27 ms
(document_templates/lean.py says how that was measured)."""

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from legal_flows.documents.catalog import DEFAULT_TEMPLATES

_spec = importlib.util.spec_from_file_location("lean", DEFAULT_TEMPLATES.parent / "lean.py")
assert _spec is not None
assert _spec.loader is not None
lean = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lean)

SHIPPED = sorted(DEFAULT_TEMPLATES.glob("*.docx"))


def _style_ids(data: bytes) -> set[str]:
    return {style.style_id for style in Document(io.BytesIO(data)).styles}


def _parts(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return set(docx.namelist())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_a_shipped_template_defines_no_style_its_pages_do_not_use(path: Path):
    data = path.read_bytes()
    assert _style_ids(lean.lean(data)) == _style_ids(data)
    assert not {p for p in _parts(data) if lean.dropped(p)}
    assert len(_style_ids(data)) < 20  # python-docx's starting document defines 164


def test_lean_keeps_what_a_document_uses_and_the_styles_those_build_on():
    doc = Document()
    doc.add_paragraph("一、诉讼请求", style="Heading 1")
    doc.add_table(rows=1, cols=2).style = "Table Grid"
    doc.sections[0].footer.paragraphs[0].style = "Footer"
    out = io.BytesIO()
    doc.save(out)
    before = out.getvalue()

    after = lean.lean(before)

    kept = Document(io.BytesIO(after))
    assert kept.paragraphs[0].style.name == "Heading 1"
    assert kept.paragraphs[0].text == "一、诉讼请求"
    assert kept.tables[0].style.name == "Table Grid"
    ids = _style_ids(after)
    # Heading 1 is based on Normal and linked to its character style; the defaults stay.
    assert {"Heading1", "Heading1Char", "Normal", "TableGrid", "Footer", "FooterChar"} <= ids
    assert {"DefaultParagraphFont", "TableNormal", "NoList"} <= ids
    assert "Title" not in ids
    assert "Heading2" not in ids
    assert len(ids) < len(_style_ids(before)) / 5
    assert "word/stylesWithEffects.xml" in _parts(before)
    assert not {p for p in _parts(after) if lean.dropped(p)}
    # Every part the package lists is still in it: Word refuses a package naming a lost part.
    with zipfile.ZipFile(io.BytesIO(after)) as docx:
        listed = docx.read("[Content_Types].xml") + docx.read("word/_rels/document.xml.rels")
    assert b"stylesWithEffects" not in listed
    assert b"customXml" not in listed


def test_lean_names_a_file_it_cannot_trim_and_leaves_it_as_it_was(tmp_path, monkeypatch, capsys):
    bad, good = tmp_path / "bad.docx", tmp_path / "good.docx"
    bad.write_bytes(b"not a docx")
    doc = Document()
    doc.add_paragraph("授权委托书")
    doc.save(good)
    monkeypatch.setattr("sys.argv", ["lean.py", str(bad), str(tmp_path / "gone.docx"), str(good)])

    assert lean.main() == 1

    said = capsys.readouterr().err
    assert f"{bad}：未修改（不是 .docx 文件）" in said
    assert "gone.docx：未修改（找不到该文件）" in said
    assert bad.read_bytes() == b"not a docx"
    assert len(_style_ids(good.read_bytes())) < 20  # the good one after it is still trimmed
