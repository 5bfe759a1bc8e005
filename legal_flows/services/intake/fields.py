"""The accounts file's columns, declared once (../shared/spec/intake-format.md).

Each column says what it holds, whether the file must have it, and where it is stored (the
case, its cardholder, or a key looked up). The intake reader, the columns the importer
writes, the longest text each may hold (the table's column length), the synthetic
portfolio's header and the fingerprint that tells a changed row all derive from this list,
so a new field is declared here, as a column of its table (and a migration), and used where
it is printed or decided on.
"""

from dataclasses import dataclass
from enum import StrEnum


class Holds(StrEnum):
    TEXT = "text"
    CARD_NUMBER = "card_number"  # 16-19 digits, Luhn (ISO/IEC 7812)
    RESIDENT_ID = "resident_id"  # GB 11643: region, birth date, check digit
    GENDER = "gender"  # 男/女 (or m/f), and it must agree with the ID number
    BIRTH_DATE = "birth_date"  # must agree with the ID number
    PHONE = "phone"
    EMAIL = "email"
    MONEY = "money"  # yuan and fen, not negative
    POSITIVE_MONEY = "positive_money"
    CHARGE = "charge"  # money, blank meaning none (0)
    RATE = "rate"  # a yearly fraction below 1
    DATE = "date"
    FLAG = "flag"  # blank meaning no


class Stored(StrEnum):
    CASE = "case"
    DEBTOR = "debtor"
    KEY = "key"  # identifies a row elsewhere (the account, the creditor, the cardholder)


@dataclass(frozen=True)
class Column:
    name: str
    holds: Holds
    required: bool
    stored: Stored
    # Columns added after rows were first fingerprinted: left blank, they leave a row's
    # fingerprint as it was, so the first import with them changes no unchanged case.
    added_later: bool = False


ACCOUNT_COLUMNS: tuple[Column, ...] = (
    Column("account_id", Holds.TEXT, True, Stored.KEY),
    Column("creditor_code", Holds.TEXT, True, Stored.KEY),
    Column("card_number", Holds.CARD_NUMBER, True, Stored.CASE),
    Column("holder_name", Holds.TEXT, True, Stored.KEY),
    Column("id_number", Holds.RESIDENT_ID, True, Stored.KEY),
    Column("gender", Holds.GENDER, False, Stored.DEBTOR),
    Column("birth_date", Holds.BIRTH_DATE, False, Stored.DEBTOR),
    Column("ethnicity", Holds.TEXT, False, Stored.DEBTOR),
    Column("registered_address", Holds.TEXT, True, Stored.DEBTOR),
    Column("residence_address", Holds.TEXT, False, Stored.DEBTOR),
    # The day the cardholder began to live at residence_address: a year or more there when
    # the suit is filed makes it the 经常居住地 that decides the court (民诉法解释 §4).
    Column("residence_since", Holds.DATE, False, Stored.DEBTOR, added_later=True),
    Column("employer", Holds.TEXT, False, Stored.DEBTOR, added_later=True),  # 工作单位
    Column("occupation", Holds.TEXT, False, Stored.DEBTOR, added_later=True),  # 职务
    Column("phone", Holds.PHONE, False, Stored.DEBTOR),
    Column("email", Holds.EMAIL, False, Stored.DEBTOR),
    Column("credit_limit", Holds.MONEY, True, Stored.CASE),
    Column("principal", Holds.POSITIVE_MONEY, True, Stored.CASE),
    Column("interest", Holds.MONEY, True, Stored.CASE),
    Column("penalty", Holds.CHARGE, False, Stored.CASE),
    Column("fees", Holds.CHARGE, False, Stored.CASE),
    Column("balance_date", Holds.DATE, True, Stored.CASE),
    Column("annual_rate", Holds.RATE, True, Stored.CASE),
    Column("card_issued_on", Holds.DATE, True, Stored.CASE),
    Column("overdue_since", Holds.DATE, True, Stored.CASE),
    Column("last_payment_on", Holds.DATE, False, Stored.CASE),
    Column("terms_notice_proven", Holds.FLAG, False, Stored.CASE),
    Column("agreed_court", Holds.TEXT, False, Stored.CASE),
    Column("deceased", Holds.FLAG, False, Stored.CASE),
    Column("bankrupt", Holds.FLAG, False, Stored.CASE),
    Column("disputed", Holds.FLAG, False, Stored.CASE),
    Column("whereabouts_unknown", Holds.FLAG, False, Stored.CASE),
    # Known assets for a preservation application (保全规定 §1), one per line or ";"/"；".
    Column("asset_leads", Holds.TEXT, False, Stored.CASE),
)

ACCOUNT_REQUIRED = [c.name for c in ACCOUNT_COLUMNS if c.required]
ACCOUNT_OPTIONAL = [c.name for c in ACCOUNT_COLUMNS if not c.required]
CASE_FIELDS = [c.name for c in ACCOUNT_COLUMNS if c.stored == Stored.CASE]
DEBTOR_FIELDS = [c.name for c in ACCOUNT_COLUMNS if c.stored == Stored.DEBTOR]
