"""Amounts, dates, ID and card numbers and 案号 kept whole on their line in the PDF.

LibreOffice breaks Chinese text between any two characters, digits included: measured here,
`12,345.67` came out as `12,3` / `45.67` and `2026年11月30日` as `2026年11` / `月30日`. Word
joiners (U+2060) alone do not stop its CJK line breaker; a run in a Western language does,
and joiners inside such a run then hold a date's or 案号's ideographs together too. So, for
the PDF copy only, each such token gets a run of its own in en-US with joiners between its
characters; the .docx a lawyer edits and searches keeps its plain text.
"""

import io
import re
import zipfile
from copy import deepcopy

from lxml import etree

BODY_PART = "word/document.xml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORD_JOINER = "\u2060"
TOKEN = re.compile(
    r"（\d{4}）[\u4e00-\u9fff]{1,2}\d{1,6}[\u4e00-\u9fff]{1,4}\d+号(?:之[一二三四五六七八九十]+)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日"
    r"|\d{17}[\dXx]"
    r"|\d[\d,]*(?:\.\d+)?%?"
)


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def keep_tokens_whole(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        root = etree.fromstring(src.read(BODY_PART))
        for run in list(root.iter(_q("r"))):
            _split(run)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == BODY_PART:
                    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
                dst.writestr(info, data)
    return out.getvalue()


def _split(run: etree._Element) -> None:
    texts = run.findall(_q("t"))
    if len(texts) != 1 or len(run) > 2 + (run.find(_q("rPr")) is not None):
        return  # a run with tabs, breaks or fields: left as it is
    text = texts[0].text or ""
    pieces = _pieces(text)
    if len(pieces) == 1 and not pieces[0][1]:
        return
    parent = run.getparent()
    if parent is None:
        return
    at = parent.index(run)
    for offset, (piece, token) in enumerate(pieces):
        new = deepcopy(run)
        t = new.find(_q("t"))
        assert t is not None
        t.text = WORD_JOINER.join(piece) if token else piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if token:
            _western(new)
        parent.insert(at + offset, new)
    parent.remove(run)


def _pieces(text: str) -> list[tuple[str, bool]]:
    pieces, last = [], 0
    for match in TOKEN.finditer(text):
        if len(match.group(0)) < 3:
            continue  # "1." of a numbered item, a short figure: nothing to break
        if match.start() > last:
            pieces.append((text[last : match.start()], False))
        pieces.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces or [(text, False)]


def _western(run: etree._Element) -> None:
    properties = run.find(_q("rPr"))
    if properties is None:
        properties = etree.SubElement(run, _q("rPr"))
        run.remove(properties)
        run.insert(0, properties)
    for old in properties.findall(_q("lang")):
        properties.remove(old)
    lang = etree.SubElement(properties, _q("lang"))
    lang.set(_q("val"), "en-US")
    lang.set(_q("eastAsia"), "en-US")
