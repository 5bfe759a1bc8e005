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


class SeizureStage(StrEnum):
    """The proceedings a seizure was ordered in (not a case stage)."""

    PRESERVATION = "preservation"  # 财产保全
    ENFORCEMENT = "enforcement"  # 执行


class Measure(StrEnum):
    FREEZE = "freeze"  # 冻结 (deposits, shares)
    SEIZE = "seize"  # 查封 (real estate, registered movables)
    DETAIN = "detain"  # 扣押 (movables, vehicles)

    @property
    def words(self) -> str:
        """The measure as rulings and applications name it."""
        return _MEASURE_WORDS[self]


_MEASURE_WORDS = {Measure.FREEZE: "冻结", Measure.SEIZE: "查封", Measure.DETAIN: "扣押"}


class SeizureStatus(StrEnum):
    ACTIVE = "active"  # in effect, with its period running
    WAITING = "waiting"  # 轮候: takes effect when the seizures before it end (查封规定 §26)
    RELEASED = "released"  # 解除
    LAPSED = "lapsed"  # not renewed by its expiry (查封规定 §27)
    VOID = "void"  # a waiting-list seizure of an asset disposed of whole


@dataclass(frozen=True)
class PeriodRule:
    """Maximum months per measure, in force for seizures effective from `since`."""

    since: date
    months: dict[AssetKind, int]
    citation: str


# Effective-dated: a seizure is judged by the rule in force on its effective date.
RULES = (
    # 查封规定 (2004) §29: 6 months / 1 year / 2 years.
    PeriodRule(
        date(2005, 1, 1),
        {
            AssetKind.DEPOSIT: 6,
            AssetKind.MOVABLE: 12,
            AssetKind.VEHICLE: 12,
            AssetKind.REAL_ESTATE: 24,
            AssetKind.OTHER_RIGHT: 24,
        },
        "查封规定 (2004) §29",
    ),
    # 民诉法解释 (2015) §487, now §485 (2022): 1 / 2 / 3 years.
    PeriodRule(
        date(2015, 2, 4),
        {
            AssetKind.DEPOSIT: 12,
            AssetKind.MOVABLE: 24,
            AssetKind.VEHICLE: 24,
            AssetKind.REAL_ESTATE: 36,
            AssetKind.OTHER_RIGHT: 36,
        },
        "民诉法解释 (2022) §485",
    ),
)
PRESERVATION_RENEWAL_LEAD = timedelta(days=7)  # 保全规定 §18: apply ≥ 7 days before expiry
ENFORCEMENT_RENEWAL_LEAD = timedelta(days=30)  # SEIZE-02: done before expiry; file by −30


class SeizureRefused(DomainError):
    pass


def rule_for(effective: date) -> PeriodRule:
    applicable = [r for r in RULES if r.since <= effective]
    if not applicable:
        raise SeizureRefused(
            "no seizure period rule for a measure effective on {effective}", effective=effective
        )
    return applicable[-1]


def expiry(kind: AssetKind, *, effective: date, preserved_on: date | None = None) -> date:
    """SEIZE-01: the last day a measure holds. A preservation measure carried into
    enforcement keeps counting from its original date (解释 §168; 保全规定 §17)."""
    start = preserved_on or effective
    months = rule_for(start).months[kind]
    return add_months(start, months) - timedelta(days=1)


@dataclass(frozen=True)
class Started:
    status: SeizureStatus
    expires_on: date | None  # None while on the waiting list: it has no period yet
    opens_valuation: bool  # VAL-01: its reference price is to be started within 30 days


def start(
    kind: AssetKind,
    *,
    stage: SeizureStage,
    effective: date,
    preserved_on: date | None,
    waiting: bool,
) -> Started:
    """SEIZE-01/03: a first seizure holds from its effective date; a waiting-list seizure
    (轮候查封) holds nothing and has no period until it takes effect (查封规定 §26). An asset
    seized in enforcement is there to be sold, so its valuation must start (参考价规定 §1)."""
    if waiting:
        return Started(SeizureStatus.WAITING, None, opens_valuation=False)
    return Started(
        SeizureStatus.ACTIVE,
        expiry(kind, effective=effective, preserved_on=preserved_on),
        opens_valuation=stage == SeizureStage.ENFORCEMENT,
    )


def renew(
    kind: AssetKind, *, status: str, current_expiry: date | None, renewed_on: date, months: int
) -> date:
    """The new expiry of a renewal (续行); only a seizure in effect can be renewed."""
    if status != SeizureStatus.ACTIVE or current_expiry is None:
        raise SeizureRefused(
            "the seizure is {status}: only an active one can be renewed", status=status
        )
    return renewed_expiry(kind, current_expiry=current_expiry, renewed_on=renewed_on, months=months)


def renewed_expiry(kind: AssetKind, *, current_expiry: date, renewed_on: date, months: int) -> date:
    """A renewal (续行) runs on from the current expiry, at most the same maximum each time,
    as often as needed (解释 §485); it must be in place before the measure lapses."""
    if renewed_on > current_expiry:
        raise SeizureRefused(
            "the measure lapsed on {current_expiry}: a renewal on {renewed_on} is too late",
            current_expiry=current_expiry,
            renewed_on=renewed_on,
        )
    maximum = rule_for(renewed_on).months[kind]
    if months > maximum:
        raise SeizureRefused(
            "a renewal may last at most {maximum} months ({citation})",
            maximum=maximum,
            citation=rule_for(renewed_on).citation,
        )
    return add_months(current_expiry + timedelta(days=1), months) - timedelta(days=1)


def renewal_deadline(stage: SeizureStage, expiry_on: date, calendar: WorkCalendar) -> date:
    """When the renewal application must be filed: preservation 7 days before (保全规定 §18),
    enforcement a month before, since the court must complete it before expiry; a rest day
    moves the filing to the working day before it (the court must still have its days)."""
    lead = (
        PRESERVATION_RENEWAL_LEAD
        if stage == SeizureStage.PRESERVATION
        else ENFORCEMENT_RENEWAL_LEAD
    )
    return calendar.roll_back(expiry_on - lead)


# 查封规定 §27: a measure not renewed by its expiry simply ends.
LAPSES_FROM = (SeizureStatus.ACTIVE.value,)


def has_lapsed(status: str, expires_on: date | None, as_of: date) -> bool:
    return status in LAPSES_FROM and expires_on is not None and expires_on < as_of


@dataclass(frozen=True)
class QueueEntry:
    """A seizure on one asset; waiting-list entries are ordered by service of the notice."""

    ref: int | str
    served_on: date
    status: str  # a SeizureStatus


def promote_next(
    queue: Sequence[QueueEntry],
    released_ref: int | str,
    ended: SeizureStatus = SeizureStatus.RELEASED,
) -> list[QueueEntry]:
    """查封规定 §26: when the head seizure ends (released, or lapsed unrenewed), the earliest
    waiting entry takes effect."""
    out = [QueueEntry(e.ref, e.served_on, ended) if e.ref == released_ref else e for e in queue]
    waiting = sorted(
        (e for e in out if e.status == SeizureStatus.WAITING), key=lambda e: e.served_on
    )
    if waiting and not any(e.status == SeizureStatus.ACTIVE for e in out):
        head = waiting[0]
        out = [
            QueueEntry(e.ref, e.served_on, SeizureStatus.ACTIVE) if e is head else e for e in out
        ]
    return out


@dataclass(frozen=True)
class Change:
    """A seizure whose status changes; a promoted one with the period it now has."""

    ref: int | str
    status: SeizureStatus
    effective_on: date | None = None
    expires_on: date | None = None


def release(
    queue: Sequence[QueueEntry],
    released_ref: int | str,
    *,
    on: date,
    kind: AssetKind,
    ended: SeizureStatus = SeizureStatus.RELEASED,
) -> list[Change]:
    """End one seizure of an asset (released; or lapsed, `on` the day after its expiry): the
    earliest waiting-list seizure takes effect (查封规定 §26), its own period running from that
    day (practice: the rules say it takes effect, not from when; UNVERIFIED)."""
    before = {e.ref: e.status for e in queue}
    changes = []
    for entry in promote_next(queue, released_ref, ended):
        if entry.status == before[entry.ref]:
            continue
        status = SeizureStatus(entry.status)
        if status == SeizureStatus.ACTIVE:
            changes.append(Change(entry.ref, status, on, expiry(kind, effective=on)))
        else:
            changes.append(Change(entry.ref, status))
    return changes


# The whole asset disposed of: the seizure that sold it ends, later waiting-list entries lapse
# (法发〔2004〕5号 §20).
AFTER_DISPOSAL = {
    SeizureStatus.ACTIVE: SeizureStatus.RELEASED,
    SeizureStatus.WAITING: SeizureStatus.VOID,
}


def void_after_disposal(queue: Sequence[QueueEntry]) -> list[QueueEntry]:
    return [
        QueueEntry(e.ref, e.served_on, AFTER_DISPOSAL.get(SeizureStatus(e.status), e.status))
        for e in queue
    ]


def after_partial_disposal(
    queue: Sequence[QueueEntry], *, on: date, kind: AssetKind
) -> list[Change]:
    """Part of the asset disposed of: the seizure that disposed of it ends and, for the
    remainder, the earliest waiting-list seizure takes effect (法发〔2004〕5号 §20), its period
    running from that day as on a release."""
    head = next((e for e in queue if e.status == SeizureStatus.ACTIVE), None)
    if head is None:
        return []
    return release(queue, head.ref, on=on, kind=kind)


def after_disposal(queue: Sequence[QueueEntry]) -> list[Change]:
    """The seizures of an asset sold whole that change, and what they become."""
    return [
        Change(e.ref, SeizureStatus(after.status))
        for e, after in zip(queue, void_after_disposal(queue), strict=True)
        if after.status != e.status
    ]
