"""Seizures (查封/扣押/冻结): how long they hold, when to renew, who is next in line."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.dates import add_months
from legal_flows.domain.errors import DomainError


class AssetKind(StrEnum):
    DEPOSIT = "deposit"  # 银行存款
    MOVABLE = "movable"  # 动产
    VEHICLE = "vehicle"  # 机动车 (a movable)
    REAL_ESTATE = "real_estate"  # 不动产
    OTHER_RIGHT = "other_right"  # 股权, 知识产权, 应收账款…


class Stage(StrEnum):
    PRESERVATION = "preservation"
    ENFORCEMENT = "enforcement"


@dataclass(frozen=True)
class PeriodRule:
    """Maximum months per measure, in force for seizures effective from `since`."""

    since: date
    months: dict[AssetKind, int]
    citation: str


_K = AssetKind
# Effective-dated: a seizure is judged by the rule in force on its effective date.
RULES = (
    # 查封规定 (2004) §29: 6 months / 1 year / 2 years.
    PeriodRule(
        date(2005, 1, 1),
        {_K.DEPOSIT: 6, _K.MOVABLE: 12, _K.VEHICLE: 12, _K.REAL_ESTATE: 24, _K.OTHER_RIGHT: 24},
        "查封规定 (2004) §29",
    ),
    # 民诉法解释 (2015) §487, now §485 (2022): 1 / 2 / 3 years.
    PeriodRule(
        date(2015, 2, 4),
        {_K.DEPOSIT: 12, _K.MOVABLE: 24, _K.VEHICLE: 24, _K.REAL_ESTATE: 36, _K.OTHER_RIGHT: 36},
        "民诉法解释 (2022) §485",
    ),
)
PRESERVATION_RENEWAL_LEAD = timedelta(days=7)  # 保全规定 §18: apply ≥ 7 days before expiry
ENFORCEMENT_RENEWAL_LEAD = timedelta(days=30)  # SEIZE-02: done before expiry; file by −30
RENEWAL_ALERTS = (60, 30, 15)  # SEIZE-02: alert days before the filing deadline


class SeizureRefused(DomainError):
    pass


def rule_for(effective: date) -> PeriodRule:
    applicable = [r for r in RULES if r.since <= effective]
    if not applicable:
        raise SeizureRefused(f"no seizure period rule for a measure effective on {effective}")
    return applicable[-1]


def expiry(kind: AssetKind, *, effective: date, preserved_on: date | None = None) -> date:
    """SEIZE-01: the last day a measure holds. A preservation measure carried into
    enforcement keeps counting from its original date (解释 §168; 保全规定 §17)."""
    start = preserved_on or effective
    months = rule_for(start).months[kind]
    return add_months(start, months) - timedelta(days=1)


def renewed_expiry(kind: AssetKind, *, current_expiry: date, renewed_on: date, months: int) -> date:
    """A renewal (续行) runs on from the current expiry, at most the same maximum each time,
    as often as needed (解释 §485); it must be in place before the measure lapses."""
    if renewed_on > current_expiry:
        raise SeizureRefused(
            f"the measure lapsed on {current_expiry}: a renewal on {renewed_on} is too late"
        )
    maximum = rule_for(renewed_on).months[kind]
    if months > maximum:
        raise SeizureRefused(
            f"a renewal may last at most {maximum} months ({rule_for(renewed_on).citation})"
        )
    return add_months(current_expiry + timedelta(days=1), months) - timedelta(days=1)


def renewal_deadline(stage: Stage, expiry_on: date, calendar: WorkCalendar) -> date:
    """When the renewal application must be filed: preservation 7 days before (保全规定 §18),
    enforcement a month before, since the court must complete it before expiry; a rest day
    moves the filing to the working day before it (the court must still have its days)."""
    lead = PRESERVATION_RENEWAL_LEAD if stage == Stage.PRESERVATION else ENFORCEMENT_RENEWAL_LEAD
    return calendar.roll_back(expiry_on - lead)


def renewal_alert_dates(stage: Stage, expiry_on: date, calendar: WorkCalendar) -> list[date]:
    deadline = renewal_deadline(stage, expiry_on, calendar)
    return [deadline - timedelta(days=d) for d in RENEWAL_ALERTS]


@dataclass(frozen=True)
class QueueEntry:
    """A seizure on one asset; waiting-list entries are ordered by service of the notice."""

    ref: str
    served_on: date
    status: str  # active | waiting | released | lapsed | void


def promote_next(queue: Sequence[QueueEntry], released_ref: str) -> list[QueueEntry]:
    """查封规定 §26: when the head seizure is released, the earliest waiting entry takes effect."""
    out = [
        QueueEntry(e.ref, e.served_on, "released") if e.ref == released_ref else e for e in queue
    ]
    waiting = sorted((e for e in out if e.status == "waiting"), key=lambda e: e.served_on)
    if waiting and not any(e.status == "active" for e in out):
        head = waiting[0]
        out = [QueueEntry(e.ref, e.served_on, "active") if e is head else e for e in out]
    return out


# The whole asset disposed of: the seizure that sold it ends, later waiting-list entries lapse
# (法发〔2004〕5号 §20).
AFTER_DISPOSAL = {"active": "released", "waiting": "void"}


def void_after_disposal(queue: Sequence[QueueEntry]) -> list[QueueEntry]:
    return [QueueEntry(e.ref, e.served_on, AFTER_DISPOSAL.get(e.status, e.status)) for e in queue]
