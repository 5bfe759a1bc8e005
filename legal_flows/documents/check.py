"""`templates check`: what each template uses, and what would break it, before it is used.

Legal assistants edit the templates in Word, so each finding names the file, the paragraph
as Word counts them (table cells included, in reading order) and the tag, told as a catalogue
message the edge says in the reader's language: `第12段「{{ signed_on ｝｝」：标签括号写错了…`
(English: `paragraph 12, {{ signed_on ｝｝: malformed tag …`).
"""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from pydantic import BaseModel

from legal_flows.documents.catalog import ALL_SPECS
from legal_flows.documents.render import jinja_env
from legal_flows.domain.errors import Told

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG_OPEN = re.compile(r"\{\{|\{%")
_TAG_CLOSE = re.compile(r"\}\}|%\}")
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
# Something that looks like a tag, in any mix of half- and full-width braces and spaces…
_TAG_LIKE = re.compile(r"[{｛]\s*[{｛%][^{}｛｝]*?[%}｝]\s*[}｝]")
# …and what a working tag is: `{{` or `{%` written together, closed the same way.
_WELL_FORMED = re.compile(r"^(\{\{.*\}\}|\{%.*%\})$", re.S)
# A block tag: `{% for … %}`, docxtpl's `{%p if … %}` / `{%tr …%}`, with optional `-`.
_BLOCK = re.compile(r"^\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(\w+)")
_OPENERS = ("for", "if", "with", "filter", "macro", "call", "block", "autoescape")
_MIDDLES = {"else": ("if", "for"), "elif": ("if",)}


# How a finding names its place: by (paragraph known, tag known).
_PLACES = {
    (True, True): "paragraph {paragraph}, {tag}: {problem}",
    (True, False): "paragraph {paragraph}: {problem}",
    (False, True): "tag {tag}: {problem}",
    (False, False): "the template: {problem}",
}


@dataclass(frozen=True)
class Finding:
    """One problem: where (paragraph number, the tag as written) and what, told (the
    engine's own words, in English, are a value of it)."""

    paragraph: int | None
    tag: str
    problem: Told

    def told(self) -> Told:
        place = _PLACES[bool(self.paragraph), bool(self.tag)]
        return Told(place, paragraph=self.paragraph, tag=self.tag, problem=self.problem)

    def __str__(self) -> str:
        return str(self.told())


@dataclass
class TemplateReport:
    template: str
    variables: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        if str(finding) not in self.problems:
            self.findings.append(finding)

    def told(self) -> list[Told]:
        """Each finding, for the edge to say in the reader's language."""
        return [f.told() for f in self.findings]

    @property
    def problems(self) -> list[str]:
        """Each finding in English (a person reads `told()`, said)."""
        return [str(f) for f in self.findings]


def check_templates(folder: Path) -> list[TemplateReport]:
    return [check_template(folder / spec.file, spec.context) for spec in ALL_SPECS]


def check_template(path: Path, context: type[BaseModel]) -> TemplateReport:
    report = TemplateReport(path.name)
    if not path.is_file():
        report.add(Finding(None, "", Told("template file is missing")))
        return report
    try:
        doc = DocxTemplate(io.BytesIO(path.read_bytes()))
        doc.init_docx()
    except Exception as exc:
        report.add(Finding(None, "", Told("not a .docx: {error}", error=str(exc))))
        return report
    raw = doc.get_xml()
    paragraphs = ["".join(_TEXT.findall(p)) for p in _PARAGRAPH.findall(raw)]
    for number, text in enumerate(paragraphs, start=1):
        _paragraph_findings(number, text, report)
    try:
        tree = jinja_env().parse(doc.patch_xml(raw))
    except TemplateSyntaxError as exc:
        _blocks(paragraphs, report)
        if not report.findings:
            report.add(Finding(None, "", Told("broken tag: {error}", error=exc.message)))
        return report
    used: set[str] = set()
    problems: Problems = []
    _walk(tree, {}, context, used, problems)
    for needle, told in problems:
        where, tag = _locate(paragraphs, needle)
        report.add(Finding(where, tag, told))
    report.variables = sorted(used)
    return report


def _paragraph_findings(number: int, text: str, report: TemplateReport) -> None:
    # Braces Word or a typist broke apart (`{ {`, full-width ｛｛): printed as text otherwise.
    broken = False
    for match in _TAG_LIKE.finditer(text):
        if _WELL_FORMED.match(match.group(0)):
            continue
        broken = True
        report.add(
            Finding(number, match.group(0), Told("malformed tag: {tag!r}", tag=match.group(0)))
        )
    # A tag spread over two paragraphs: docxtpl glues the paragraphs together to mend it,
    # silently changing the layout (runs within one paragraph are fine).
    if not broken and len(_TAG_OPEN.findall(text)) != len(_TAG_CLOSE.findall(text)):
        report.add(Finding(number, text[:40], Told("tag split across paragraphs")))
    for tag in _TAG.findall(text):
        if tag.startswith("{{"):
            try:
                jinja_env().parse(tag)
            except TemplateSyntaxError as exc:
                report.add(Finding(number, tag, Told("broken tag: {error}", error=exc.message)))


def _blocks(paragraphs: list[str], report: TemplateReport) -> None:
    """Name the block tag without its end (or the end without its start), by paragraph."""
    stack: list[tuple[str, int, str]] = []
    for number, text in enumerate(paragraphs, start=1):
        for tag in _TAG.findall(text):
            found = _BLOCK.match(tag)
            if not found:
                continue
            name = found.group(1)
            if name in _OPENERS:
                stack.append((name, number, tag))
            elif name in _MIDDLES and not (stack and stack[-1][0] in _MIDDLES[name]):
                report.add(Finding(number, tag, Told("stray {name}", name=name)))
            elif name.startswith("end"):
                opened = name[3:]
                if stack and stack[-1][0] == opened:
                    stack.pop()
                    continue
                if stack:
                    top, at, start = stack.pop()
                    told = Told(
                        "{name} closes {top} of paragraph {at} ({start})",
                        name=name,
                        top=top,
                        at=at,
                        start=start,
                    )
                else:
                    told = Told("{name} without its {opened}", name=name, opened=opened)
                report.add(Finding(number, tag, told))
    for name, number, tag in stack:
        report.add(Finding(number, tag, Told("unclosed {name}: no end{name}", name=name)))


def _locate(paragraphs: list[str], needle: str) -> tuple[int | None, str]:
    """The first paragraph whose tags hold `needle`, and that tag."""
    before = "" if needle[0] in ".*'\"" else r"(?<![\w.])"
    pattern = re.compile(rf"{before}{re.escape(needle)}(?!\w)")
    for number, text in enumerate(paragraphs, start=1):
        for tag in _TAG.findall(text):
            if pattern.search(tag):
                return number, tag
    return None, needle


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {name: f.annotation for name, f in model.model_fields.items()}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, or the item model of a list field."""
    args = getattr(annotation, "__args__", ())
    candidate = args[0] if args else annotation
    return candidate if isinstance(candidate, type) and issubclass(candidate, BaseModel) else None


Problems = list[tuple[str, Told]]  # (text to find the tag by, the problem)


def _walk(
    node: nodes.Node,
    scope: dict[str, type[BaseModel] | None],
    root: type[BaseModel],
    used: set[str],
    problems: Problems,
) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, root, used, problems)
        item = _resolve(node.iter, scope, root, used, problems)
        inner = dict(scope)
        if isinstance(node.target, nodes.Name):
            inner[node.target.name] = item
        for child in node.body + node.else_:
            _walk(child, inner, root, used, problems)
        return
    if isinstance(node, nodes.Filter) and node.name == "attr":
        problems.append(("attr(", Told("unsafe filter: attr")))
    if isinstance(node, nodes.Mul | nodes.Pow):
        # Amounts come computed; `'x' * 1000000` would make a document of any size.
        problems.append(("*", Told("arithmetic is not allowed: * or **")))
    if isinstance(node, nodes.Getattr | nodes.Name | nodes.Getitem):
        _resolve(node, scope, root, used, problems)
        return
    for child in node.iter_child_nodes():
        _walk(child, scope, root, used, problems)


def _resolve(
    node: nodes.Node,
    scope: dict[str, type[BaseModel] | None],
    root: type[BaseModel],
    used: set[str],
    problems: Problems,
) -> type[BaseModel] | None:
    """Follow `a.b.c` through the context's models; report names the context lacks."""
    if isinstance(node, nodes.Getattr):
        if node.attr.startswith("_"):
            told = Told("unsafe attribute access: .{attr}", attr=node.attr)
            problems.append((f".{node.attr}", told))
            return None
        owner = _resolve(node.node, scope, root, used, problems)
        if owner is None:
            return None
        known = _fields(owner)
        if node.attr not in known:
            told = Told("unknown variable: {owner}.{name}", owner=owner.__name__, name=node.attr)
            problems.append((f".{node.attr}", told))
            return None
        return _model_of(known[node.attr])
    if isinstance(node, nodes.Name):
        if node.name in scope:
            return scope[node.name]
        used.add(node.name)
        known = _fields(root)
        if node.name not in known:
            problems.append((node.name, Told("unknown variable: {name}", name=node.name)))
            return None
        return _model_of(known[node.name])
    if isinstance(node, nodes.Getitem):
        key = node.arg
        value = key.value if isinstance(key, nodes.Const) else None
        if isinstance(value, str) and value.startswith("_"):
            problems.append((value, Told("unsafe item access: [{key!r}]", key=value)))
            return None
        _walk(key, scope, root, used, problems)
        return _resolve(node.node, scope, root, used, problems)
    for child in node.iter_child_nodes():
        _walk(child, scope, root, used, problems)
    return None
