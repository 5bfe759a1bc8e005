"""Validation of one intake row into a typed record, or into row errors naming each field."""

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from legal_flows.domain.claims import Claim
from legal_flows.domain.errors import InvalidValue
from legal_flows.domain.facts import MONEY_KINDS, CollectionKind
from legal_flows.domain.identity import ResidentId, parse_resident_id, validate_card_number
from legal_flows.services.imports.rows import PHONE, RowReader
from legal_flows.services.intake.fields import ACCOUNT_COLUMNS, Column, Holds, Stored
from legal_flows.store.tables import CASE, CREDITOR, DEBTOR, EVENT

COLLECTION_REQUIRED = ["account_id", "occurred_on", "kind"]
COLLECTION_OPTIONAL = ["delivered", "receipt_confirmed", "amount", "staff_id", "note"]
_T = TypeVar("_T")
# The key columns are stored as other tables' columns; their length is that column's.
_KEY_COLUMNS = {"account_id": CASE.c.account_id, "creditor_code": CREDITOR.c.code}
_KEY_COLUMNS["holder_name"] = DEBTOR.c.name


def _stored_as(column: Column) -> Any:
    if column.stored == Stored.KEY:
        return _KEY_COLUMNS.get(column.name)
    table = CASE if column.stored == Stored.CASE else DEBTOR
    return table.c[column.name]


# Longest text each column holds, from its table: longer is an error, never cut.
MAX_LENGTH = {
    c.name: length
    for c in ACCOUNT_COLUMNS
    if c.holds in (Holds.TEXT, Holds.EMAIL)
    and (length := getattr(getattr(_stored_as(c), "type", None), "length", None))
}
_COLLECTION_LENGTH = {"account_id": CASE.c.account_id.type.length}
_COLLECTION_LENGTH["staff_id"] = EVENT.c.staff_id.type.length


@dataclass(frozen=True)
class AccountRecord:
    """One accounts-file row, every column read and checked (fields.ACCOUNT_COLUMNS)."""

    values: dict[str, Any]
    data_hash: str = field(default="", compare=False)

    @property
    def account_id(self) -> str:
        return str(self.values["account_id"])

    @property
    def creditor_code(self) -> str:
        return str(self.values["creditor_code"])

    @property
    def holder_name(self) -> str:
        return str(self.values["holder_name"])

    @property
    def id_number(self) -> str:
        return str(self.values["id_number"])

    def stored(self, where: Stored) -> dict[str, Any]:
        """The columns this row writes to the case or to its cardholder."""
        return {c.name: self.values[c.name] for c in ACCOUNT_COLUMNS if c.stored == where}

    @property
    def claim(self) -> Claim:
        v = self.values
        return Claim(v["principal"], v["interest"], v["penalty"], v["fees"])


def _fingerprint(values: dict[str, object]) -> str:
    body = "|".join(f"{k}={values[k]}" for k in sorted(values))
    return hashlib.sha256(body.encode()).hexdigest()


def _read(r: RowReader, column: Column) -> Any:
    """One column's value as its declaration says, or None with an error recorded."""
    name, holds = column.name, column.holds
    if holds == Holds.CARD_NUMBER:
        return _checked(r, name, validate_card_number)
    if holds == Holds.RESIDENT_ID:
        return _checked(r, name, parse_resident_id)
    if holds == Holds.BIRTH_DATE or holds == Holds.DATE:
        return r.day(name, required=column.required)
    if holds == Holds.FLAG:
        return r.flag(name)
    if holds in (Holds.MONEY, Holds.POSITIVE_MONEY, Holds.RATE):
        return r.decimal(name, required=column.required, positive=holds == Holds.POSITIVE_MONEY)
    if holds == Holds.CHARGE:
        return r.decimal(name) or Decimal("0")  # blank: none charged
    text = r.text(name, required=column.required, max_length=MAX_LENGTH.get(name))
    if text and holds == Holds.PHONE and not PHONE.fullmatch(text.replace(" ", "")):
        r.fail(name, "not a mainland mobile or landline number")
    if text and holds == Holds.EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        r.fail(name, "not an e-mail address")
    return text


def read_account(r: RowReader) -> AccountRecord | None:
    """One accounts-file row, checked field by field (intake-format.md, accounts file)."""
    values = {c.name: _read(r, c) for c in ACCOUNT_COLUMNS}
    rid: ResidentId | None = values["id_number"]
    gender = values["gender"]
    if gender and rid:
        gender = {"m": "男", "male": "男", "f": "女", "female": "女"}.get(gender.lower(), gender)
        if gender != rid.gender:
            r.fail("gender", "conflicts with the gender the ID number encodes")
    if values["birth_date"] and rid and values["birth_date"] != rid.birth_date:
        r.fail("birth_date", "conflicts with the birth date in the ID number")
    rate = values["annual_rate"]
    if rate is not None and rate >= 1:
        r.fail("annual_rate", "a yearly rate as a fraction, e.g. 0.1825 for 18.25%")
    issued, overdue = values["card_issued_on"], values["overdue_since"]
    if issued and overdue and overdue < issued:
        r.fail("overdue_since", "before the card was issued ({issued})", issued=issued)
    balance = values["balance_date"]
    if balance and overdue and balance < overdue:
        r.fail("balance_date", "before the default date overdue_since ({overdue})", overdue=overdue)
    if r.errors or rid is None or values["card_number"] is None:
        return None
    # The cardholder's gender and birth date are those the ID number encodes.
    values |= {"id_number": rid.number, "gender": rid.gender, "birth_date": rid.birth_date}
    later = {c.name for c in ACCOUNT_COLUMNS if c.added_later}
    kept = {k: v for k, v in values.items() if k not in later or v is not None}
    return AccountRecord(values, data_hash=_fingerprint(kept))


def _checked(r: RowReader, column: str, check: Callable[[str], _T]) -> _T | None:
    raw = r.text(column, required=True)
    if raw is None:
        return None
    try:
        return check(raw)
    except InvalidValue as exc:
        r.fail(column, exc)
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
    account_id = r.text("account_id", required=True, max_length=_COLLECTION_LENGTH["account_id"])
    found = r.when("occurred_on", required=True)
    raw_kind = r.text("kind", required=True)
    kind = None
    if raw_kind:
        try:
            kind = CollectionKind(raw_kind.lower())
        except ValueError:
            kinds = ", ".join(k.value for k in CollectionKind)
            r.fail("kind", "unknown kind; one of {kinds}", kinds=kinds)
    amount = r.decimal("amount", positive=True)
    if kind in MONEY_KINDS and amount is None and "amount" not in {e.column for e in r.errors}:
        r.fail("amount", "required for a {kind}", kind=str(kind))
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
        staff_id=r.text("staff_id", max_length=_COLLECTION_LENGTH["staff_id"]),
        note=r.text("note"),
    )
