"""`templates check`: what each template uses, and what would break it, before it is used."""

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from pydantic import BaseModel

from legal_flows.documents.catalog import CATALOG
from legal_flows.documents.render import jinja_env

_TAG_OPEN = re.compile(r"\{\{|\{%")
_TAG_CLOSE = re.compile(r"\}\}|%\}")
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_MALFORMED = re.compile(r"\{\s+[{%]|[%}]\s+\}|[｛｝]{2}|｛%|%｝")


@dataclass
class TemplateReport:
    template: str
    variables: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_templates(folder: Path) -> list[TemplateReport]:
    return [check_template(folder / spec.file, spec.context) for spec in CATALOG.values()]


def check_template(path: Path, context: type[BaseModel]) -> TemplateReport:
    report = TemplateReport(path.name)
    if not path.is_file():
        report.problems.append("template file is missing")
        return report
    doc = DocxTemplate(io.BytesIO(path.read_bytes()))
    doc.init_docx()
    raw = doc.get_xml()
    report.problems += _split_tags(raw)
    xml = doc.patch_xml(raw)
    report.problems += _malformed_tags(xml)
    try:
        tree = jinja_env().parse(xml)
    except TemplateSyntaxError as exc:
        report.problems.append(f"unbalanced or broken tag near line {exc.lineno}: {exc.message}")
        return report
    used: set[str] = set()
    _walk(tree, {}, context, used, report.problems)
    report.variables = sorted(used)
    return report


def _split_tags(xml: str) -> list[str]:
    """A tag spread over two paragraphs: docxtpl glues the paragraphs together to mend it,
    silently changing the layout, so it is reported (runs within a paragraph are fine)."""
    problems = []
    for paragraph in _PARAGRAPH.findall(xml):
        text = "".join(_TEXT.findall(paragraph))
        if len(_TAG_OPEN.findall(text)) != len(_TAG_CLOSE.findall(text)):
            problems.append(f"tag split across paragraphs: {text[:60]!r}")
    return problems


def _malformed_tags(xml: str) -> list[str]:
    """Braces Word or a typist broke apart (`{ {`, full-width ｛｛): docxtpl prints them as text."""
    text = "".join(_TEXT.findall(xml))
    return [f"malformed tag: {m.group(0)!r}" for m in _MALFORMED.finditer(text)]


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {name: f.annotation for name, f in model.model_fields.items()}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, or the item model of a list field."""
    args = getattr(annotation, "__args__", ())
    candidate = args[0] if args else annotation
    return candidate if isinstance(candidate, type) and issubclass(candidate, BaseModel) else None


def _walk(
    node: nodes.Node,
    scope: dict[str, type[BaseModel] | None],
    root: type[BaseModel],
    used: set[str],
    problems: list[str],
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
    if isinstance(node, nodes.Getattr | nodes.Name):
        _resolve(node, scope, root, used, problems)
        return
    for child in node.iter_child_nodes():
        _walk(child, scope, root, used, problems)


def _resolve(
    node: nodes.Node,
    scope: dict[str, type[BaseModel] | None],
    root: type[BaseModel],
    used: set[str],
    problems: list[str],
) -> type[BaseModel] | None:
    """Follow `a.b.c` through the context's models; report names the context lacks."""
    if isinstance(node, nodes.Getattr):
        if node.attr.startswith("_"):
            problems.append(f"unsafe attribute access: .{node.attr}")
            return None
        owner = _resolve(node.node, scope, root, used, problems)
        if owner is None:
            return None
        known = _fields(owner)
        if node.attr not in known:
            problems.append(f"unknown variable: {owner.__name__}.{node.attr}")
            return None
        return _model_of(known[node.attr])
    if isinstance(node, nodes.Name):
        if node.name in scope:
            return scope[node.name]
        used.add(node.name)
        known = _fields(root)
        if node.name not in known:
            problems.append(f"unknown variable: {node.name}")
            return None
        return _model_of(known[node.name])
    if isinstance(node, nodes.Getitem):
        return _resolve(node.node, scope, root, used, problems)
    for child in node.iter_child_nodes():
        _walk(child, scope, root, used, problems)
    return None
