"""The plain facts of one escalated card account that the review rules read."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class CollectionKind(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    LETTER = "letter"
    EMAIL = "email"
    VISIT = "visit"
    ACCOUNT_DEBIT = "account_debit"
    REPAYMENT = "repayment"
    REPAYMENT_PROMISE = "repayment_promise"
    POLICE_REPORT = "police_report"


# Kinds that need an amount (a payment or a debit moves money).
MONEY_KINDS = frozenset({CollectionKind.ACCOUNT_DEBIT, CollectionKind.REPAYMENT})
# Messages to the reserved contacts: they interrupt limitation only when delivered.
MESSAGE_KINDS = frozenset({CollectionKind.SMS, CollectionKind.LETTER, CollectionKind.EMAIL})
# The cardholder's own acts: paying or promising to pay (时效规定 §14).
DEBTOR_ACTS = frozenset({CollectionKind.REPAYMENT, CollectionKind.REPAYMENT_PROMISE})
# Channels that can count as a collection (催收) for the criminal screen.
CONTACT_KINDS = frozenset(
    {
        CollectionKind.PHONE,
        CollectionKind.SMS,
        CollectionKind.LETTER,
        CollectionKind.EMAIL,
        CollectionKind.VISIT,
    }
)


@dataclass(frozen=True, slots=True)
class CollectionRecord:
    occurred_on: date
    kind: CollectionKind
    delivered: bool = False
    receipt_confirmed: bool = False
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    fees: Decimal
    balance_date: date
    overdue_since: date
    annual_rate: Decimal
    last_payment_on: date | None = None
    terms_notice_proven: bool = False
    charges_allowed_by_reviewer: bool = False
    deceased: bool = False
    bankrupt: bool = False
    disputed: bool = False
    whereabouts_unknown: bool = False
    ethnicity: str | None = None
    registered_address: str | None = None
    residence_address: str | None = None
    residence_since: date | None = None
    phone: str | None = None
    court: str | None = None  # set on the case by a person: it wins
    agreed_court: str | None = None
    performance_court: str | None = None  # the creditor sues at the place of performance
    has_agent: bool = True
    collections: tuple[CollectionRecord, ...] = field(default_factory=tuple)
