"""Validation of one intake row into a typed record, or into row errors naming each field."""

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from legal_flows.domain.errors import InvalidValue
from legal_flows.domain.facts import MONEY_KINDS, CollectionKind
from legal_flows.domain.identity import (
    mask_card_number,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
    parse_resident_id,
    validate_card_number,
)

ACCOUNT_REQUIRED = (
    "account_id creditor_code card_number holder_name id_number registered_address "
    "credit_limit principal interest balance_date annual_rate card_issued_on overdue_since"
).split()
ACCOUNT_OPTIONAL = (
    "gender birth_date ethnicity residence_address phone email penalty fees last_payment_on "
    "terms_notice_proven agreed_court deceased bankrupt disputed whereabouts_unknown"
).split()
COLLECTION_REQUIRED = ["account_id", "occurred_on", "kind"]
COLLECTION_OPTIONAL = ["delivered", "receipt_confirmed", "amount", "staff_id", "note"]

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
# Longest value each text column stores (store/tables.py); longer is an error, never cut.
MAX_LENGTH = {
    "account_id": 64,
    "creditor_code": 32,
    "holder_name": 100,
    "registered_address": 300,
    "residence_address": 300,
    "ethnicity": 20,
    "email": 200,
    "agreed_court": 200,
    "staff_id": 64,
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
_PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}")


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    column: str
    value: str
    reason: str


def mask_value(column: str, value: str) -> str:
    masker = _MASKS.get(column)
    return masker(value) if masker and value else value


class RowReader:
    """Reads typed values out of one row, collecting an error per bad field instead of stopping."""

    def __init__(self, file: str, row: int, values: dict[str, str]) -> None:
        self.file, self.row, self.values = file, row, values
        self.errors: list[RowError] = []

    def fail(self, column: str, reason: str) -> None:
        raw = self.values.get(column, "")
        self.errors.append(RowError(self.file, self.row, column, mask_value(column, raw), reason))

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.values.get(column, "")
        if not value:
            if required:
                self.fail(column, "required value is blank")
            return None
        limit = MAX_LENGTH.get(column)
        if limit and len(value) > limit:
            self.fail(column, f"longer than {limit} characters")
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


@dataclass(frozen=True)
class AccountRecord:
    account_id: str
    creditor_code: str
    card_number: str
    holder_name: str
    id_number: str
    gender: str
    birth_date: date
    ethnicity: str | None
    registered_address: str
    residence_address: str | None
    phone: str | None
    email: str | None
    credit_limit: Decimal
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    fees: Decimal
    balance_date: date
    annual_rate: Decimal
    card_issued_on: date
    overdue_since: date
    last_payment_on: date | None
    terms_notice_proven: bool
    agreed_court: str | None
    deceased: bool
    bankrupt: bool
    disputed: bool
    whereabouts_unknown: bool
    data_hash: str = field(default="", compare=False)


def _fingerprint(values: dict[str, object]) -> str:
    body = "|".join(f"{k}={values[k]}" for k in sorted(values))
    return hashlib.sha256(body.encode()).hexdigest()


def read_account(r: RowReader) -> AccountRecord | None:
    """One accounts-file row, checked field by field (intake-format.md, accounts file)."""
    s = {c: r.text(c, required=True) for c in ("account_id", "creditor_code", "holder_name")}
    s["registered_address"] = r.text("registered_address", required=True)
    card = _checked(r, "card_number", validate_card_number)
    rid = _checked(r, "id_number", parse_resident_id)
    gender = r.text("gender")
    if gender and rid:
        gender = {"m": "男", "male": "男", "f": "女", "female": "女"}.get(gender.lower(), gender)
        if gender != rid.gender:
            r.fail("gender", "conflicts with the gender the ID number encodes")
    birth = r.day("birth_date")
    if birth and rid and birth != rid.birth_date:
        r.fail("birth_date", "conflicts with the birth date in the ID number")
    phone = r.text("phone")
    if phone and not _PHONE.fullmatch(phone.replace(" ", "")):
        r.fail("phone", "not a mainland mobile or landline number")
    email = r.text("email")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        r.fail("email", "not an e-mail address")
    money = {c: r.decimal(c, required=True) for c in ("credit_limit", "interest")}
    money["principal"] = r.decimal("principal", required=True, positive=True)
    charges = {c: r.decimal(c) or Decimal("0") for c in ("penalty", "fees")}
    rate = r.decimal("annual_rate", required=True)
    if rate is not None and rate >= 1:
        r.fail("annual_rate", "a yearly rate as a fraction, e.g. 0.1825 for 18.25%")
    dates = {
        c: r.day(c, required=True) for c in ("balance_date", "card_issued_on", "overdue_since")
    }
    issued, overdue = dates["card_issued_on"], dates["overdue_since"]
    if issued and overdue and overdue < issued:
        r.fail("overdue_since", f"before the card was issued ({issued})")
    balance = dates["balance_date"]
    if balance and overdue and balance < overdue:
        r.fail("balance_date", f"before the default date overdue_since ({overdue})")
    last_payment = r.day("last_payment_on")
    flags = {c: r.flag(c) for c in ("terms_notice_proven", "deceased", "bankrupt", "disputed")}
    flags["whereabouts_unknown"] = r.flag("whereabouts_unknown")
    if r.errors or rid is None or card is None:
        return None
    values: dict[str, object] = {
        **s,
        **money,
        **charges,
        **dates,
        **flags,
        "card_number": card,
        "id_number": rid.number,
        "gender": rid.gender,
        "birth_date": rid.birth_date,
        "ethnicity": r.text("ethnicity"),
        "residence_address": r.text("residence_address"),
        "phone": phone,
        "email": email,
        "annual_rate": rate,
        "last_payment_on": last_payment,
        "agreed_court": r.text("agreed_court"),
    }
    return AccountRecord(**values, data_hash=_fingerprint(values))  # type: ignore[arg-type]


def _checked(r: RowReader, column: str, check: Callable[[str], _T]) -> _T | None:
    raw = r.text(column, required=True)
    if raw is None:
        return None
    try:
        return check(raw)
    except InvalidValue as exc:
        r.fail(column, str(exc))
        return None


@dataclass(frozen=True)
class CollectionIn:
    account_id: str
    occurred_on: date
    occurred_time: str | None
    kind: CollectionKind
    delivered: bool
    receipt_confirmed: bool
    amount: Decimal | None
    staff_id: str | None
    note: str | None

    @property
    def event_key(self) -> str:
        """Same event, same key: re-importing a collections file adds nothing."""
        values = {k: v for k, v in asdict(self).items() if k != "account_id"}
        return _fingerprint(values)


def read_collection(r: RowReader) -> CollectionIn | None:
    """One collections-file row (intake-format.md, collections file)."""
    account_id = r.text("account_id", required=True)
    found = r.when("occurred_on", required=True)
    raw_kind = r.text("kind", required=True)
    kind = None
    if raw_kind:
        try:
            kind = CollectionKind(raw_kind.lower())
        except ValueError:
            r.fail("kind", "unknown kind; one of " + ", ".join(k.value for k in CollectionKind))
    amount = r.decimal("amount", positive=True)
    if kind in MONEY_KINDS and amount is None and "amount" not in {e.column for e in r.errors}:
        r.fail("amount", f"required for a {kind}")
    delivered, receipt = r.flag("delivered"), r.flag("receipt_confirmed")
    if r.errors or account_id is None or found is None or kind is None:
        return None
    return CollectionIn(
        account_id=account_id,
        occurred_on=found[0],
        occurred_time=found[1],
        kind=kind,
        delivered=delivered,
        receipt_confirmed=receipt,
        amount=amount,
        staff_id=r.text("staff_id"),
        note=r.text("note"),
    )
