"""Everything a filing package is written from, as plain values (loaded by the service layer)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from legal_flows.domain.creditor import CreditorSettings


@dataclass(frozen=True)
class CreditorFacts:
    name: str
    address: str
    credit_code: str
    head_name: str
    head_title: str
    phone: str
    agents: tuple[tuple[str, str, str, str], ...]  # (name, firm, licence_no, phone)
    settings: CreditorSettings = field(default_factory=CreditorSettings)


@dataclass(frozen=True)
class CollectionFacts:
    occurred_on: date
    kind: str
    delivered: bool
    receipt_confirmed: bool
    amount: Decimal | None = None  # a repayment's or debit's sum


@dataclass(frozen=True)
class Dossier:
    account_id: str
    creditor: CreditorFacts
    holder_name: str
    id_number: str
    gender: str
    birth_date: date
    ethnicity: str | None
    registered_address: str
    residence_address: str | None
    phone: str | None
    card_number: str
    card_issued_on: date
    credit_limit: Decimal
    annual_rate: Decimal
    terms_notice_proven: bool
    overdue_since: date
    last_payment_on: date | None
    balance_date: date
    claim_principal: Decimal
    claim_interest: Decimal
    claim_penalty: Decimal
    claim_fees: Decimal
    court: str | None
    agreed_court: str | None
    residence_since: date | None = None
    employer: str | None = None
    occupation: str | None = None
    collections: tuple[CollectionFacts, ...] = field(default_factory=tuple)
    asset_leads: tuple[str, ...] = field(default_factory=tuple)
