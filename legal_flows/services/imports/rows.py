"""Reading typed values out of one export row, one error per bad field, masked."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from legal_flows.domain.errors import Told, told_parts
from legal_flows.domain.identity import (
    mask_card_number,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
)

_MASKS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "card_number": mask_card_number,
    "holder_name": mask_name,
    "email": mask_email,
    "registered_address": mask_text,
    "residence_address": mask_text,
    "note": mask_text,
    "birth_date": lambda v: v[:4] + "-**-**",
}
# NUMERIC(18, 2) holds far more, but SQLite keeps NUMERIC as a double: below 10^12 yuan the
# fen survive the round trip exactly. No card debt comes near it.
MAX_AMOUNT = Decimal("1000000000000")
_T = TypeVar("_T")
_TRUE = {"true", "1", "是", "y", "yes"}
_FALSE = {"false", "0", "否", "n", "no"}
_DATE = re.compile(
    r"(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
    r"(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?"
)
PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}")


@dataclass(frozen=True)
class RowError:
    """A bad field of one row. `reason` is English, as the JSON report gives it to scripts;
    `reason_template` (a catalogue msgid) and `reason_values` let a person read it in their
    language (told())."""

    file: str
    row: int
    column: str
    value: str
    reason: str
    reason_template: str = ""  # "": the reason is its own msgid (it has no values)
    reason_values: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(
        cls, file: str, row: int, column: str, value: str, reason: str | Told, **values: Any
    ) -> "RowError":
        """The error with its reason as a template and its values, or as a told exception
        (whose template and values it takes)."""
        if isinstance(reason, Told):
            return cls(file, row, column, value, str(reason), *told_parts(reason))
        english = reason.format(**values) if values else reason
        return cls(file, row, column, value, english, reason, values)

    def told(self) -> Told:
        """The reason, for legal_flows.i18n.said."""
        return told_reason(self.reason_template or self.reason, self.reason_values)


def told_reason(template: str, values: Mapping[str, Any] | None = None) -> Told:
    """A rejected row's reason as the JSON report has it (`reason_template`, `reason_values`)."""
    return Told(template, **dict(values or {}))


def mask_value(column: str, value: str) -> str:
    masker = _MASKS.get(column)
    return masker(value) if masker and value else value


class RowReader:
    """Reads typed values out of one row, collecting an error per bad field instead of stopping."""

    def __init__(self, file: str, row: int, values: dict[str, str]) -> None:
        self.file, self.row, self.values = file, row, values
        self.errors: list[RowError] = []

    def fail(self, column: str, reason: str | Told, **values: Any) -> None:
        """Record a bad field: `reason` a template filled with `values`, or a told error."""
        masked = mask_value(column, self.values.get(column, ""))
        self.errors.append(RowError.of(self.file, self.row, column, masked, reason, **values))

    def text(
        self, column: str, *, required: bool = False, max_length: int | None = None
    ) -> str | None:
        """The cell's text; longer than `max_length` (what its column stores) is an error,
        never cut."""
        value = self.values.get(column, "")
        if not value:
            if required:
                self.fail(column, "required value is blank")
            return None
        limit = max_length
        if limit and len(value) > limit:
            self.fail(column, "longer than {limit} characters", limit=limit)
            return None
        return value

    def decimal(
        self, column: str, *, required: bool = False, positive: bool = False
    ) -> Decimal | None:
        raw = self.text(column, required=required)
        if raw is None:
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self.fail(column, "not a decimal number")
            return None
        if not value.is_finite():
            self.fail(column, "not a decimal number")
        elif value < 0:
            self.fail(column, "must not be negative")
        elif positive and value == 0:
            self.fail(column, "must be greater than 0")
        elif value >= MAX_AMOUNT:
            self.fail(column, "implausibly large (10^12 yuan or more)")
        elif column != "annual_rate" and value != value.quantize(Decimal("0.01")):
            self.fail(column, "more than 2 decimal places (amounts are in yuan and fen)")
        else:
            return value
        return None

    def when(self, column: str, *, required: bool = False) -> tuple[date, str | None] | None:
        raw = self.text(column, required=required)
        if raw is None:
            return None
        m = _DATE.fullmatch(raw)
        if not m:
            self.fail(column, "not a date (use YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)")
            return None
        year, *parts, clock = m.groups()
        month, day = next((a, b) for a, b in zip(parts[::2], parts[1::2], strict=True) if a)
        try:
            return date(int(year), int(month), int(day)), clock
        except ValueError:
            self.fail(column, "no such calendar date")
            return None

    def day(self, column: str, *, required: bool = False) -> date | None:
        found = self.when(column, required=required)
        return found[0] if found else None

    def flag(self, column: str) -> bool:
        raw = self.values.get(column, "").lower()
        if raw in _TRUE:
            return True
        if raw and raw not in _FALSE:
            self.fail(column, "not a yes/no value (true/false, 1/0, 是/否, Y/N)")
        return False
