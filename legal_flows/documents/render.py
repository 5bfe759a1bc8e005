"""Strict, sandboxed, autoescaped rendering of a .docx template with docxtpl.

TECH-NOTES §4: without autoescape a value with `&` or `<` yields a .docx that saves without
error and then reads back truncated; StrictUndefined turns a missing value into an error
naming it; the sandbox refuses `''.__class__.__mro__` and friends.
"""

import io
import zipfile

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from legal_flows.documents.contexts import Context
from legal_flows.documents.errors import TemplateProblem

# A fixed timestamp for every zip entry: the same inputs give the same bytes (and hash).
_EPOCH = (1980, 1, 1, 0, 0, 0)


def jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render(template: bytes, name: str, context: Context) -> bytes:
    """Render `template` (the .docx bytes) with `context`; the result is reproducible bytes."""
    doc = DocxTemplate(io.BytesIO(template))
    env = jinja_env()
    declared = set(type(context).model_fields)
    unknown = sorted(doc.get_undeclared_template_variables(env) - declared)
    if unknown:
        raise TemplateProblem(f"{name}: unknown variable(s) {', '.join(unknown)}")
    try:
        doc.render(context.model_dump(), jinja_env=env, autoescape=True)
    except SecurityError as exc:
        raise TemplateProblem(f"{name}: refused unsafe expression ({exc})") from None
    except UndefinedError as exc:
        raise TemplateProblem(f"{name}: missing value: {exc}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"{name}: {type(exc).__name__}: {exc}") from None
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
