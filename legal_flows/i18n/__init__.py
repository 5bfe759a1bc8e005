"""The one message catalogue: what a person reads, in Chinese by default, English on request.

Messages are written in English in the code (the msgid) and translated in `zh_CN.po`, a
gettext catalogue legal staff and translators edit with any PO editor; it is read with Babel
when first needed (no compiled .mo file to keep in step). Labels of codes — stages, outcomes,
deadline kinds, statuses, roles — are messages with a context (msgctxt "stage", …), so the
same English word can be translated differently per kind. JSON keys and codes stay English.

Amounts read `¥38,416.53`; dates `2026年12月1日` in Chinese (ISO with the `iso` date format, and
always in English).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from io import BytesIO
from typing import Any

from babel.messages.pofile import read_po

CHINESE, ENGLISH = "zh_CN", "en"
LANGUAGES = (CHINESE, ENGLISH)


@cache
def _catalogue(language: str) -> Mapping[tuple[str | None, str], str]:
    """(context, msgid) → translation, for a language with a catalogue."""
    if language == ENGLISH:
        return {}
    data = files("legal_flows.i18n").joinpath(f"{language}.po").read_bytes()
    catalog = read_po(BytesIO(data), locale=language)
    out: dict[tuple[str | None, str], str] = {}
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            out[(message.context, str(message.id))] = str(message.string)
    return out


def pick(setting: str | None, accept_language: str | None = None) -> str:
    """The language: the setting when given, else the browser's first choice if it is one we
    have, else Chinese."""
    if setting in LANGUAGES:
        return setting
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return CHINESE
        if tag.startswith("en"):
            return ENGLISH
        if tag and tag != "*":
            break
    return CHINESE


@dataclass(frozen=True)
class Translator:
    language: str = CHINESE
    iso_dates: bool = False

    def __call__(self, message: str, /, **values: Any) -> str:
        """The message in this language, its `{name}` fields filled in."""
        text = _catalogue(self.language).get((None, message), message)
        return text.format(**values) if values else text

    def label(self, context: str, code: str | None) -> str:
        """A code's name (a stage, an outcome, a deadline kind…); the code itself if none."""
        if not code:
            return ""
        return _catalogue(self.language).get((context, code), code)

    def money(self, amount: Decimal | str | None) -> str:
        if amount is None or amount == "":
            return ""
        value = Decimal(str(amount))
        sign = "-" if value < 0 else ""
        return f"{sign}¥{abs(value):,.2f}"

    def day(self, value: date | str | None) -> str:
        if value is None or value == "":
            return ""
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        if self.iso_dates or self.language == ENGLISH:
            return day.isoformat()
        return f"{day.year}年{day.month}月{day.day}日"


def translator(language: str | None = None, *, iso_dates: bool = False) -> Translator:
    return Translator(language if language in LANGUAGES else CHINESE, iso_dates)


def said(t: Translator, error: BaseException) -> str:
    """An error in the reader's language: its template translated, then filled in (a value
    that is itself a told error is said too, a date in the reader's format)."""
    template = getattr(error, "template", None)
    if not isinstance(template, str) or not template:
        return str(error)
    values = {k: _value(t, v) for k, v in (getattr(error, "values", {}) or {}).items()}
    try:
        return t(template, **values)
    except (KeyError, IndexError, ValueError):  # a translation naming a field it lacks
        return str(error)


def said_failure(t: Translator, failure: Mapping[str, Any]) -> str:
    """Why a run's summary names a case (or a channel) as failed, in the reader's language:
    its `template` and `values` said when it carries them, else its English `error`."""
    template = failure.get("template")
    if isinstance(template, str) and template:
        values = {k: _value(t, v) for k, v in (failure.get("values") or {}).items()}
        try:
            return t(template, **values)
        except (KeyError, IndexError, ValueError):  # a translation naming a field it lacks
            pass
    return str(failure.get("error") or failure.get("reason") or "")


def _told(value: object) -> bool:
    return isinstance(value, BaseException) or (
        isinstance(value, Mapping) and isinstance(value.get("template"), str)
    )


def _value(t: Translator, value: object) -> object:
    if isinstance(value, BaseException):
        return said(t, value)
    if isinstance(value, tuple | list) and value and all(map(_told, value)):
        # Several told errors as one value (domain.errors.Lines, or the phrases told_parts
        # made of them): each on a line of its own.
        return "\n".join(f"  {_value(t, e)}" for e in value)
    if isinstance(value, Mapping) and isinstance(value.get("template"), str):
        # A told error carried as data (domain.errors.told_parts): said in its turn.
        inner = {k: _value(t, v) for k, v in (value.get("values") or {}).items()}
        return t(value["template"], **inner)
    if isinstance(value, date):
        return t.day(value)
    return value
