"""What a builder needs beside the case's dossier: the run's options, a stage's own facts."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from legal_flows.domain.instrument import InstrumentKind, Terms
from legal_flows.domain.ledger import Ledger


@dataclass(frozen=True)
class Options:
    """What every document of one filing package shares."""

    signed_on: date  # the court papers' date
    cost_cap: Decimal
    preservation: bool
    letter_on: date | None = None  # the demand letter's date (default: signed_on)


@dataclass(frozen=True)
class EnforcementFacts:
    """强制执行申请书: the instrument enforced (its kind, 案号, effective date and terms) and
    the ledger on `as_of`: what of it is still owed, the interest grown since."""

    instrument: InstrumentKind
    case_no: str | None
    effective_on: date | None
    terms: Terms
    ledger: Ledger
    as_of: date
    signed_on: date
    # A plan without acceleration: only its instalments due and unpaid are asked for, as
    # (number, due date, unpaid) — the later ones when they fall due.
    due_instalments: tuple[tuple[int, date, Decimal], ...] = ()


@dataclass(frozen=True)
class RenewalFacts:
    """续行查封/冻结申请书: the seizure to renew; `case_no` the enforcement 案号 once there is
    one (the trial 案号 in preservation), `preservation` for a preservation seizure."""

    case_no: str
    preservation: bool
    measure: str
    months: int
    asset: str
    identifier: str
    ruling_no: str
    expires_on: date
    signed_on: date


@dataclass(frozen=True)
class InLieuFacts:
    """以物抵债申请书: the failed round whose reserve price the bank takes the asset at."""

    case_no: str
    description: str
    identifier: str
    round_number: int
    platform: str
    failed_on: date
    reserve_price: Decimal
    claim_left: Decimal
    signed_on: date


@dataclass(frozen=True)
class ResumptionFacts:
    """恢复执行申请书: the settlement not performed, the instrument to enforce again, what is
    owed on `signed_on` by the ledger."""

    instrument: InstrumentKind
    instrument_case_no: str
    enforcement_case_no: str
    agreed_on: date
    missed_due: date
    missed_amount: Decimal
    plan_unpaid: Decimal
    owed: Decimal
    signed_on: date
