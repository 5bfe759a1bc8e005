"""Strict, sandboxed, autoescaped rendering of a .docx template with docxtpl.

TECH-NOTES §4: without autoescape a value with `&` or `<` yields a .docx that saves without
error and then reads back truncated; StrictUndefined turns a missing value into an error
naming it; the sandbox refuses `''.__class__.__mro__` and friends.
"""

import io
import zipfile
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from legal_flows.documents.contexts import Context
from legal_flows.documents.errors import TemplateProblem

# A fixed timestamp for every zip entry: the same inputs give the same bytes (and hash).
_EPOCH = (1980, 1, 1, 0, 0, 0)


# A rendered body far larger than any filing document: a template gone wrong, refused.
MAX_OUTPUT_CHARS = 5_000_000


class _Sandbox(SandboxedEnvironment):
    """The sandbox, and no arithmetic: amounts come computed, and `'x' * 1000000` in a template
    would make a document of any size (intercepted operators are not folded at compile time)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator in self.intercepted_binops:
            raise SecurityError(f"arithmetic ({operator}) is not allowed in a template")
        return super().call_binop(context, operator, left, right)


def jinja_env() -> SandboxedEnvironment:
    return _Sandbox(undefined=StrictUndefined, autoescape=True)


def problem(name: str, exc: Exception) -> TemplateProblem:
    """A render error as legal staff read it, the engine's own words (English) quoted."""
    if isinstance(exc, SecurityError):
        return TemplateProblem(
            "template {name}: refused unsafe expression ({error})", name=name, error=str(exc)
        )
    if isinstance(exc, UndefinedError):
        return TemplateProblem(
            "template {name}: missing value ({error})", name=name, error=str(exc)
        )
    return TemplateProblem(
        "template {name} cannot be rendered ({kind}: {error})",
        name=name,
        kind=type(exc).__name__,
        error=str(exc),
    )


def bounded(name: str, size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise TemplateProblem(
            "template {name}: output too large ({size} characters), refused", name=name, size=size
        )


def unknown_variables(name: str, unknown: list[str]) -> TemplateProblem:
    return TemplateProblem(
        "template {name} uses unknown variable(s) {names}", name=name, names=", ".join(unknown)
    )


def render(template: bytes, name: str, context: Context) -> bytes:
    """Render `template` (the .docx bytes) with `context`; the result is reproducible bytes."""
    doc = DocxTemplate(io.BytesIO(template))
    env = jinja_env()
    declared = set(type(context).model_fields)
    unknown = sorted(doc.get_undeclared_template_variables(env) - declared)
    if unknown:
        raise unknown_variables(name, unknown)
    try:
        doc.render(context.model_dump(), jinja_env=env, autoescape=True)
    except TemplateError as exc:
        raise problem(name, exc) from None
    bounded(name, len(doc.get_xml()))
    out = io.BytesIO()
    doc.save(out)
    return reproducible(out.getvalue())


def reproducible(docx: bytes) -> bytes:
    """Rewrite the zip with fixed entry times, so equal documents are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
