"""A template parsed and compiled once, rendered many times: the production rendering path.

docxtpl re-reads the .docx, re-patches its XML and re-compiles the Jinja template on every
render, then has python-docx re-write every part (TECH-NOTES §4: ~27 ms a document, most of
it repeated work). Here that work is done once per template: each render runs the compiled
Jinja template over the body, applies docxtpl's own post-processing (line breaks, table grid
fix) and writes only word/document.xml into a copy of the template's other, unchanged parts.
The sandbox, strict undefined and autoescape are the same as in `render.render`.
"""

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree

from legal_flows.documents.catalog import TemplateSpec
from legal_flows.documents.check import check_template
from legal_flows.documents.contexts import Context
from legal_flows.documents.errors import TemplateProblem
from legal_flows.documents.render import (
    _EPOCH,
    bounded,
    jinja_env,
    problem,
    render,
    unknown_variables,
)
from legal_flows.documents.storage import sha256
from legal_flows.domain.errors import Told
from legal_flows.domain.listing import listed

BODY_PART = "word/document.xml"
_TAGGED = re.compile(rb"\{\{|\{%")
_LISTING = re.compile("[\t\a\n\f]")  # what docxtpl's resolve_listing turns into Word's
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_W = "{" + _NS["w"] + "}"
# fix_tables adds columns when a row has more cells than the grid, and removes them when no
# row spans as many as the grid has (a cell spans its gridSpan, else one).
_GRID_CHANGES = etree.XPath(
    ".//w:tr[count(w:tc) > $n]"
    " or not(.//w:tr[count(w:tc[not(w:tcPr/w:gridSpan)])"
    " + sum(w:tc/w:tcPr/w:gridSpan/@w:val) >= $n])",
    namespaces=_NS,
)
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # its paragraphs, as it reads them


class CompiledTemplate:
    def __init__(self, template: bytes, name: str, context: type[Context]) -> None:
        self.name = name
        self.template = template
        self.doc = DocxTemplate(io.BytesIO(template))
        self.doc.init_docx()
        env = jinja_env()
        used = self.doc.get_undeclared_template_variables(env)
        unknown = sorted(used - set(context.model_fields))
        if unknown:
            raise unknown_variables(name, unknown)
        # Tags outside the body (headers, footers, footnotes, properties) are rare: such a
        # template takes docxtpl's own path, which renders every part.
        self.body_only = not _tags_outside_body(template)
        if not self.body_only:
            return
        body = re.sub(r"<w:p([ >])", r"\n<w:p\1", self.doc.patch_xml(self.doc.get_xml()))
        try:
            self.jinja = env.from_string(body)
        except TemplateError as exc:
            raise problem(name, exc) from None
        document = etree.tostring(self.doc.docx._element, encoding="unicode")
        start, end = document.index("<w:body"), document.rindex("</w:body>") + len("</w:body>")
        self.head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + document[:start]
        self.tail = document[end:]
        self.others = _zip_without(template, BODY_PART)

    def render(self, context: Context) -> bytes:
        if not self.body_only:
            return render(self.template, self.name, context)
        body = _fix_tables(self.doc, _resolve_listing(self.doc, self.body_xml(context)))
        document = self.head + etree.tostring(body, encoding="unicode") + self.tail
        out = io.BytesIO(self.others)
        with zipfile.ZipFile(out, "a") as docx:
            entry = zipfile.ZipInfo(BODY_PART, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            docx.writestr(entry, document.encode("utf-8"))
        return out.getvalue()

    def body_xml(self, context: Context) -> str:
        """The body as the template renders it, before docxtpl's post-processing."""
        try:
            xml = self.jinja.render(context.model_dump())
        except TemplateError as exc:
            raise problem(self.name, exc) from None
        bounded(self.name, len(xml))
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            xml = xml.replace(escaped, tag)
        return xml


def _resolve_listing(doc: DocxTemplate, xml: str) -> str:
    """docxtpl's resolve_listing (a tab, line break, new paragraph or page break in a value
    becomes Word's own), given only the paragraphs that hold one of those characters: it
    leaves any other as it is, and its three nested regexes over every run of every
    paragraph were a fifth of a package's time."""
    if not _LISTING.search(xml):
        return xml
    return _PARAGRAPH.sub(
        lambda m: doc.resolve_listing(m[0]) if _LISTING.search(m[0]) else m[0], xml
    )


def _fix_tables(doc: DocxTemplate, xml: str) -> Any:
    """docxtpl's fix_tables (a table's grid made to match its widest row after `{%tc %}`
    tags added or removed cells), with its walk over every row of every table in Python
    run only when some table needs it: two XPath tests a table say whether fix_tables would
    change anything (a row with more cells than the grid has columns; no row as wide as
    the grid). Otherwise the tree is what fix_tables would return."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    for table in tree.iter(_W + "tbl"):
        grid = table.find(_W + "tblGrid")
        if grid is None or _GRID_CHANGES(table, n=len(grid.findall(_W + "gridCol"))):
            return doc.fix_tables(xml)  # it changes the grid (or fails on one it lacks)
    return tree


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _tags_outside_body(template: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(template)) as docx:
        return any(
            _TAGGED.search(docx.read(name))
            for name in docx.namelist()
            if name != BODY_PART and name.endswith(".xml")
        )


def _zip_without(template: bytes, skip: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename == skip:
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


@dataclass
class Templates:
    """The templates of one run, each compiled once (an edit on disk is a new version)."""

    folder: Path
    _compiled: dict[str, tuple[tuple[int, int] | None, str, CompiledTemplate]] = field(
        default_factory=dict
    )

    _checked: dict[str, tuple[int, int]] = field(default_factory=dict)

    def require(self, specs: Iterable[TemplateSpec[Any]]) -> None:
        """Every template a run will use passes `templates check`, or the run stops here,
        before it writes anything, with each finding (file, paragraph, tag). A template is
        checked again only when its file changed."""
        found: list[Told] = []
        for spec in specs:
            path = self.folder / spec.file
            stamp = _stamp(path)
            if stamp is not None and self._checked.get(spec.file) == stamp:
                continue
            report = check_template(path, spec.context)
            found += [Told("{file} {finding}", file=spec.file, finding=f) for f in report.told()]
            if not report.problems and stamp is not None:
                self._checked[spec.file] = stamp
        if found:
            raise TemplateProblem(
                "templates failed the check; nothing was written:\n{findings}",
                findings=listed(found, "\n"),
            )

    def load(self, spec: TemplateSpec[Any]) -> tuple[CompiledTemplate, str]:
        """Read and hash a template only when its file changed (size or mtime) since last use;
        a template that fails the check is never compiled."""
        path = self.folder / spec.file
        stamp = _stamp(path)
        cached = self._compiled.get(spec.file)
        if cached is None or cached[0] != stamp:
            self.require([spec])  # compiled only once it passes; unchanged since, it still does
            data = path.read_bytes()
            cached = (stamp, sha256(data), CompiledTemplate(data, spec.file, spec.context))
            self._compiled[spec.file] = cached
        return cached[2], cached[1]
