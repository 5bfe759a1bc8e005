"""Validation of one intake row into a typed record, or into row errors naming each field."""

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from legal_flows.domain.errors import InvalidValue
from legal_flows.domain.facts import MONEY_KINDS, CollectionKind
from legal_flows.domain.identity import parse_resident_id, validate_card_number
from legal_flows.services.imports.rows import PHONE, RowReader

ACCOUNT_REQUIRED = (
    "account_id creditor_code card_number holder_name id_number registered_address "
    "credit_limit principal interest balance_date annual_rate card_issued_on overdue_since"
).split()
ACCOUNT_OPTIONAL = (
    "gender birth_date ethnicity residence_address phone email penalty fees last_payment_on "
    "terms_notice_proven agreed_court deceased bankrupt disputed whereabouts_unknown asset_leads"
).split()
COLLECTION_REQUIRED = ["account_id", "occurred_on", "kind"]
COLLECTION_OPTIONAL = ["delivered", "receipt_confirmed", "amount", "staff_id", "note"]
_T = TypeVar("_T")


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
    asset_leads: str | None
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
    if phone and not PHONE.fullmatch(phone.replace(" ", "")):
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
        # Extension of the intake format: known assets for a preservation application
        # (保全规定 §1), one per line or separated by ";" / "；".
        "asset_leads": r.text("asset_leads"),
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
