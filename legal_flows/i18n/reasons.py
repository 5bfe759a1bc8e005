"""A review reason as a person reads it: its stored template and values said in the reader's
language (legal_flows.domain.reasons writes them into the decision's JSON).

A value is a string or number, a date (an ISO string; its name ends in `_on`), a phrase said
on its own (`{"template", "values"}`), a code shown by its label (`{"context", "code"}`) or a
list of such values. A row stored before reasons had templates shows its English `message`.
"""

from collections.abc import Mapping
from typing import Any

from legal_flows.i18n import Translator


def reason_text(t: Translator, r: Mapping[str, Any]) -> str:
    template = r.get("template")
    if not isinstance(template, str) or not template:
        return str(r.get("message") or "")
    try:
        return _say(t, template, r.get("values") or {})
    except (KeyError, IndexError, TypeError, ValueError):  # a translation naming a field it lacks
        return str(r.get("message") or "")


def _say(t: Translator, template: str, values: Mapping[str, Any]) -> str:
    if not values:
        return t(template)
    return t(template, **{name: _value(t, name, v) for name, v in values.items()})


def _value(t: Translator, name: str, value: Any) -> Any:
    if isinstance(value, dict):
        if "template" in value:
            return _say(t, value["template"], value.get("values") or {})
        return t.label(value.get("context") or "", value.get("code"))
    if isinstance(value, list):
        return t(", ").join(str(_value(t, name, v)) for v in value)
    if name.endswith("_on") and isinstance(value, str) and value:
        return t.day(value)
    return value
