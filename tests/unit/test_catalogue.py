"""Chinese first: every message a person can read is in the one catalogue.

The code writes its messages in English, as templates with named fields; these tests read
the source (the raised errors, the translator's calls, the pages' `_()` calls) and the
catalogue, so a new message without its Chinese fails here, not in front of a user.
"""

import ast
import re
import string
from functools import cache
from importlib.resources import files
from io import BytesIO
from pathlib import Path

from babel.messages.pofile import read_po

import legal_flows
from legal_flows.domain.errors import DomainError
from legal_flows.i18n import CHINESE, said, translator
from legal_flows.services.errors import InputError

PACKAGE = Path(legal_flows.__file__).parent
# Python's own exceptions are programming errors caught before a person sees them (the
# edge answers them with a generic message); everything else a module raises is told.
BUILTIN = {
    "AssertionError",
    "Exit",  # typer.Exit carries an exit code, no text
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "RuntimeError",
    "SecurityError",  # jinja's sandbox: caught in documents.render and told as a TemplateProblem
    "TypeError",
    "ValueError",
}
TRANSLATING = {"t", "_", "cli_t", "Told"}  # the translator, and a told message built to be said


@cache
def _catalogue() -> dict[tuple[str | None, str], str]:
    data = files("legal_flows.i18n").joinpath(f"{CHINESE}.po").read_bytes()
    return {
        (m.context, str(m.id)): str(m.string)
        for m in read_po(BytesIO(data))
        if m.id and m.string and not m.fuzzy
    }


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', '?')}"


def test_no_told_error_is_an_english_f_string():
    found = [
        _where(path, node)
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Raise)
        and isinstance(node.exc, ast.Call)
        and _name(node.exc) not in BUILTIN
        and node.exc.args
        and isinstance(node.exc.args[0], ast.JoinedStr | ast.BinOp)
    ]
    assert found == [], "raise these as a template and its values: " + ", ".join(found)


def test_every_raised_message_and_translated_string_has_its_chinese():
    messages: list[tuple[str, str]] = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            call = node.exc if isinstance(node, ast.Raise) else node
            if not isinstance(call, ast.Call) or not call.args:
                continue
            if isinstance(node, ast.Raise) and _name(call) in BUILTIN:
                continue
            if not isinstance(node, ast.Raise) and _name(call) not in TRANSLATING:
                continue
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
                messages.append((_where(path, node), first.value))
    catalogue = _catalogue()
    missing = [f"{where} {text!r}" for where, text in messages if (None, text) not in catalogue]
    assert len(messages) > 150
    assert missing == [], "add to zh_CN.po:\n" + "\n".join(missing)


def test_every_page_string_has_its_chinese():
    pattern = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)+)"\s*[,)]""")
    catalogue = _catalogue()
    missing = []
    for page in sorted((PACKAGE / "api" / "templates").glob("*.html")):
        for text in pattern.findall(page.read_text(encoding="utf-8")):
            if (None, text) not in catalogue:
                missing.append(f"{page.name}: {text!r}")
    assert missing == [], "add to zh_CN.po:\n" + "\n".join(missing)


def test_a_translation_names_only_fields_its_english_has():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    wrong = [
        f"{english!r}: {chinese!r}"
        for (context, english), chinese in _catalogue().items()
        if context is None and not fields(chinese) <= fields(english)
    ]
    assert wrong == []


def test_every_help_text_of_the_command_and_every_usage_word_has_its_chinese():
    import typer.main

    from legal_flows.cli import app
    from legal_flows.cli.framing import _ENGLISH, USAGE_FORMS, USAGE_WORDS

    helps: list[str] = []

    def walk(command) -> None:
        helps.extend(h for h in (command.help, command.short_help) if h)
        helps.extend(p.help for p in command.params if getattr(p, "help", None))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    catalogue = _catalogue()
    assert len(helps) > 150
    missing = [repr(h) for h in helps if ("cli_help", h) not in catalogue]
    words = [*USAGE_FORMS, *USAGE_WORDS, *_ENGLISH.values()]
    missing += [f"click: {w!r}" for w in words if ("click", w) not in catalogue]
    assert missing == [], "add to zh_CN.po:\n" + "\n".join(missing)
    moved = [w for w in USAGE_FORMS if catalogue[("click", w)].count("{") != w.count("{")]
    assert moved == []  # each form's parts are said in its Chinese too


def test_an_error_inside_an_error_and_its_dates_are_said_in_chinese():
    from datetime import date

    inner = DomainError(
        "illegal stage transition: {from_stage} -> {to_stage}", from_stage="a", to_stage="b"
    )
    outer = InputError("{file}: {problem}", file="terms.toml", problem=inner)
    chinese = said(translator(CHINESE), outer)
    assert chinese.startswith("terms.toml：") or chinese.startswith("terms.toml: ")
    assert "illegal" not in chinese
    when = InputError("no auction round with id {round_id}", round_id=3)
    assert said(translator(CHINESE), when) != str(when)
    assert said(translator(CHINESE), DomainError("{on}", on=date(2026, 12, 1))) == "2026年12月1日"
