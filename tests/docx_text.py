"""A .docx read back as a clerk reads it: paragraphs and table rows in document order."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def reading_order(data: bytes) -> list[str]:
    """Each paragraph's text, and each table row as its cells' texts joined by ｜ (a merged
    cell once), in the order they appear in the body."""
    doc = Document(io.BytesIO(data))
    lines = []
    for block in doc.element.body:
        if block.tag == qn("w:p"):
            lines.append(Paragraph(block, doc).text)
        elif block.tag == qn("w:tbl"):
            for row in Table(block, doc).rows:
                cells = []
                for cell in row.cells:
                    if not cells or cell._tc is not cells[-1][0]:
                        cells.append((cell._tc, cell.text))
                lines.append("｜".join(text for _, text in cells))
    return lines


def row_of(lines: list[str], label: str) -> str:
    """The content of the table row whose label is `label`."""
    found = [line.split("｜", 1)[1] for line in lines if line.startswith(label + "｜")]
    assert len(found) == 1, (label, found)
    return found[0]
