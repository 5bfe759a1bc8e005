"""Statutory deadlines: their kinds, periods with citations, and statuses (cn-legal-rules §2,
§8 D-E); those a case's court events set are computed in domain/court_deadlines.py.

Every deadline is recomputed from the full history, so events may arrive out of order.
Periods start the day after their trigger and roll off rest days and holidays
(民诉法 §85 (2023); 民诉法解释 §125).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.court import CourtEvent, CourtRecord
from legal_flows.domain.dates import add_days, add_years
from legal_flows.domain.holidays import is_confirmed


class DeadlineKind(StrEnum):
    REGISTRATION = "registration"
    FEE_PAYMENT = "fee_payment"
    DEFENCE = "defence"
    APPEAL = "appeal"
    EFFECTIVE = "effective"
    TRIAL_LIMIT = "trial_limit"
    PAYMENT_ORDER_SERVICE = "payment_order_service"
    PAYMENT_ORDER_OBJECTION = "payment_order_objection"
    SUE_AFTER_PRESERVATION = "sue_after_preservation"
    ENFORCEMENT_APPLICATION = "enforcement_application"
    LIMITATION = "limitation"
    SEIZURE_RENEWAL = "seizure_renewal"
    ENFORCEMENT_REGISTRATION = "enforcement_registration"
    ENFORCEMENT_NOTICE = "enforcement_notice"
    ASSET_CHECK = "asset_check"
    REFERENCE_PRICE = "reference_price"
    SALE_START = "sale_start"
    PRICE_VALIDITY = "price_validity"
    ENFORCE_AFTER_PRESERVATION = "enforce_after_preservation"
    RESUME_ENFORCEMENT = "resume_enforcement"
    PARTIES_NOTIFIED = "parties_notified"


class Source(StrEnum):
    """What a deadline runs from: a row of that kind, referred to by its id."""

    CASE = "case"  # the case's own facts (limitation, set by the review)
    COURT_EVENT = "court_event"  # the event that set the period running
    SEIZURE = "seizure"  # a seizure's expiry (renewal) or its start (valuation, VAL-01)
    ASSET = "asset"  # an asset's fixed reference price (sale start, price validity)
    PLAN = "plan"  # a settlement's schedule (the two years to resume run from its end)
    ROUND = "auction_round"  # a planned round's notice (the parties told 3 days before)


class Status(StrEnum):
    OPEN = "open"
    MET = "met"
    MISSED = "missed"  # passed without what it waited for
    ELAPSED = "elapsed"  # a window for someone else (defence, appeal) that has run out
    SUSPENDED = "suspended"  # a court's time limit stopped while an appraisal runs (解释 §243)
    CLOSED = "closed"  # the case (or its enforcement, 终本) ended: nothing more is asked


# Deadlines still asking something of the bank: the next one a case shows is the earliest of
# these (a missed one stays in front of the lawyer until it is dealt with).
UNSETTLED = (Status.OPEN, Status.MISSED)
# Stored statuses a row may show as open, missed or suspended on some day (stored_status_at):
# all but met and closed, which stay so whatever the day.
MAY_BE_DUE = (Status.OPEN, Status.MISSED, Status.ELAPSED, Status.SUSPENDED)


REGISTRATION_DAYS = 7  # 民诉法 §126 (2023); 登记立案规定 §8: decide on registration within 7 days
FEE_DAYS = 7  # 诉讼费用交纳办法 §22: pay within 7 days of the notice
DEFENCE_DAYS = 15  # 民诉法 §128 (2023): 15 days to answer from service
PUBLIC_NOTICE_DAYS = 30  # 民诉法 §95 (2023): public notice deemed served after 30 days
# Before the 2021 amendment (in force 2022-01-01) the period was 60 days (民诉法 2017 §92); a
# party without a domicile in China is still served by public notice after 60 (§283, 2023).
PUBLIC_NOTICE_DAYS_BEFORE_2022 = 60
PUBLIC_NOTICE_ABROAD_DAYS = 60
PUBLIC_NOTICE_CHANGED_ON = date(2022, 1, 1)
# Abroad, before the 2023 amendment took effect (2024-01-01) the period was three months
# (民诉法 2021 §274(8)); UNVERIFIED against the official text.
PUBLIC_NOTICE_ABROAD_CHANGED_ON = date(2024, 1, 1)
PUBLIC_NOTICE_ABROAD_MONTHS_BEFORE = 3
ENFORCE_AFTER_PRESERVATION_DAYS = 5  # 民诉法解释 §163: apply within 5 days after the period
APPEAL_DAYS = 15  # 民诉法 §171 (2023): 15 days to appeal a judgment
RULING_APPEAL_DAYS = 10  # 民诉法 §171 (2023): 10 days to appeal a ruling
TRIAL_MONTHS = {"ordinary": 6, "simplified": 3, "small_claims": 2}  # 民诉法 §§152, 164, 168
PAYMENT_ORDER_SERVICE_DAYS = 30  # 民诉法解释 §430: unserved within 30 days, the order ends
PAYMENT_ORDER_OBJECTION_DAYS = 15  # 民诉法 §227 (2023): 15 days to object from receipt
SUE_AFTER_PRESERVATION_DAYS = 30  # 民诉法 §104 (2023): sue within 30 days of pre-action measure
ENFORCEMENT_YEARS = 2  # 民诉法 §250 (2023): apply within 2 years of the performance deadline
PERFORMANCE_DAYS = 10  # judgments usually say "within 10 days after this judgment takes effect"
ENFORCEMENT_REGISTRATION_DAYS = 7  # 执行工作规定 §16: decide on the application within 7 days
ENFORCEMENT_NOTICE_DAYS = 10  # 民诉法解释 §480: enforcement notice within 10 days
ASSET_CHECK_MONTHS, ASSET_CHECK_YEARS = 6, 5  # 终本规定 §9: every 6 months for 5 years
REFERENCE_PRICE_DAYS = 30  # 参考价规定 §1 (VAL-01): start the reference price within 30 days
SALE_START_DAYS = 10  # 参考价规定 §30: start the sale within 10 days of fixing the price
PRICE_VALID_YEARS = 1  # 参考价规定 §27: a reference price is valid for at most a year

CITATIONS = {
    DeadlineKind.REGISTRATION: "民诉法 (2023) §126; 登记立案规定 §8",
    DeadlineKind.FEE_PAYMENT: "诉讼费用交纳办法 §22; 民诉法解释 (2022) §213",
    DeadlineKind.DEFENCE: "民诉法 (2023) §§95, 128",
    DeadlineKind.APPEAL: "民诉法 (2023) §171",
    DeadlineKind.EFFECTIVE: "民诉法 (2023) §§158, 165, 171",
    DeadlineKind.TRIAL_LIMIT: "民诉法 (2023) §§152, 164, 168",
    DeadlineKind.PAYMENT_ORDER_SERVICE: "民诉法解释 (2022) §430",
    DeadlineKind.PAYMENT_ORDER_OBJECTION: "民诉法 (2023) §227",
    DeadlineKind.SUE_AFTER_PRESERVATION: "民诉法 (2023) §104",
    DeadlineKind.ENFORCEMENT_APPLICATION: "民诉法 (2023) §250; 民诉法解释 (2022) §466",
    DeadlineKind.LIMITATION: "民法典 (2020) §§188, 195",
    DeadlineKind.SEIZURE_RENEWAL: "民诉法解释 (2022) §485; 保全规定 §18",
    DeadlineKind.ENFORCEMENT_REGISTRATION: "执行工作规定 §16",
    DeadlineKind.ENFORCEMENT_NOTICE: "民诉法解释 (2022) §480",
    DeadlineKind.ASSET_CHECK: "终本规定 §9",
    DeadlineKind.REFERENCE_PRICE: "参考价规定 §1",
    DeadlineKind.SALE_START: "参考价规定 §30",
    DeadlineKind.PRICE_VALIDITY: "参考价规定 §27",
    DeadlineKind.ENFORCE_AFTER_PRESERVATION: "民诉法解释 (2022) §163",
    DeadlineKind.RESUME_ENFORCEMENT: "民诉法 (2023) §250; 民诉法解释 (2022) §466",
    DeadlineKind.PARTIES_NOTIFIED: "网拍规定 §16",
}
# Windows that run for the court or the other side: they elapse, they are not "missed".
# The effective date is a date to record, not a duty: past it, record 生效 (the sweep says so).
INFORMATIONAL = frozenset(
    {
        DeadlineKind.DEFENCE,
        DeadlineKind.APPEAL,
        DeadlineKind.PAYMENT_ORDER_OBJECTION,
        DeadlineKind.EFFECTIVE,
        DeadlineKind.ASSET_CHECK,
        DeadlineKind.PRICE_VALIDITY,
        DeadlineKind.PARTIES_NOTIFIED,
    }
)
# The kinds court events give rise to (recomputed from the history on every event); the
# others come from the review (limitation), seizures and valuation.
FROM_COURT_EVENTS = frozenset(
    {
        DeadlineKind.REGISTRATION,
        DeadlineKind.FEE_PAYMENT,
        DeadlineKind.DEFENCE,
        DeadlineKind.APPEAL,
        DeadlineKind.EFFECTIVE,
        DeadlineKind.TRIAL_LIMIT,
        DeadlineKind.PAYMENT_ORDER_SERVICE,
        DeadlineKind.PAYMENT_ORDER_OBJECTION,
        DeadlineKind.SUE_AFTER_PRESERVATION,
        DeadlineKind.ENFORCEMENT_APPLICATION,
        DeadlineKind.ENFORCEMENT_REGISTRATION,
        DeadlineKind.ENFORCEMENT_NOTICE,
        DeadlineKind.ASSET_CHECK,
        DeadlineKind.ENFORCE_AFTER_PRESERVATION,
    }
)
# The event that satisfies a deadline.
MET_BY: dict[DeadlineKind, tuple[CourtEvent, ...]] = {
    DeadlineKind.REGISTRATION: (CourtEvent.REGISTERED,),
    DeadlineKind.FEE_PAYMENT: (CourtEvent.FEE_PAID,),
    DeadlineKind.EFFECTIVE: (CourtEvent.EFFECTIVE,),
    DeadlineKind.TRIAL_LIMIT: (CourtEvent.JUDGMENT, CourtEvent.MEDIATION, CourtEvent.WITHDRAWAL),
    DeadlineKind.PAYMENT_ORDER_SERVICE: (CourtEvent.PAYMENT_ORDER_SERVED,),
    DeadlineKind.SUE_AFTER_PRESERVATION: (CourtEvent.SUBMITTED,),
    DeadlineKind.ENFORCEMENT_APPLICATION: (CourtEvent.ENFORCEMENT_APPLIED,),
    DeadlineKind.ENFORCEMENT_REGISTRATION: (CourtEvent.ENFORCEMENT_REGISTERED,),
    DeadlineKind.ENFORCEMENT_NOTICE: (CourtEvent.ENFORCEMENT_NOTICE,),
    DeadlineKind.ENFORCE_AFTER_PRESERVATION: (CourtEvent.ENFORCEMENT_APPLIED,),
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """A court deadline; with its kind, its source event and `seq` (the nth of a series
    from one event, e.g. the asset checks after 终本) it is one of its case's."""

    kind: DeadlineKind
    due_on: date
    source: CourtRecord
    citation: str
    note: str = ""
    party: str = ""
    seq: int = 0
    suspended: bool = False  # its clock is stopped: the due date moves when it restarts


def performance_deadline(effective_on: date) -> date:
    """The last day to perform a judgment that says "within 10 days after it takes effect":
    the doubled interest runs from the day after (ENF-03)."""
    return add_days(effective_on, PERFORMANCE_DAYS)


NOTIFY_BEFORE_NOTICE_DAYS = 3  # 网拍规定 §16: the parties are told 3 days before the notice


def parties_notified_by(notice_on: date) -> date:
    """网拍规定 §16: the court tells the parties and known priority buyers at least 3 days
    before it publishes the auction notice; the bank checks it was told (a rest day does not
    move a "before" day: UNVERIFIED whether courts read it so)."""
    return notice_on - timedelta(days=NOTIFY_BEFORE_NOTICE_DAYS)


def reference_price_due(seized_on: date, calendar: WorkCalendar) -> date:
    """VAL-01: an asset seized for sale has its reference price started within 30 days."""
    return calendar.rollover(add_days(seized_on, REFERENCE_PRICE_DAYS)).due_on


def valuation_deadlines(fixed_on: date, calendar: WorkCalendar) -> dict[DeadlineKind, date]:
    """VAL-01, once the reference price is fixed: the sale starts within 10 days, and the
    price holds a year (a period's last day on a rest day moves on, 民诉法 §85)."""
    return {
        DeadlineKind.SALE_START: calendar.rollover(add_days(fixed_on, SALE_START_DAYS)).due_on,
        DeadlineKind.PRICE_VALIDITY: calendar.rollover(
            add_years(fixed_on, PRICE_VALID_YEARS)
        ).due_on,
    }


def status_at(
    kind: str,
    due_on: date,
    *,
    met: bool,
    as_of: date,
    suspended: bool = False,
    closed: bool = False,
) -> Status:
    """A stored deadline's status on another day: met stays met, a stopped clock stays
    stopped; else open until it passes."""
    if met:
        return Status.MET
    if closed:
        return Status.CLOSED
    if suspended:
        return Status.SUSPENDED
    if as_of <= due_on:
        return Status.OPEN
    return Status.ELAPSED if kind in INFORMATIONAL else Status.MISSED


# The workbench's colours: red when missed or due today, amber within three days, else green
# (the bank's choice of how early a lawyer should look, not a legal period).
AMBER_DAYS = 3


def urgency(days_left: int) -> str:
    if days_left <= 0:
        return "red"
    return "amber" if days_left <= AMBER_DAYS else "green"


def stored_status_at(kind: str, due_on: date, stored: str, as_of: date) -> Status:
    """The status on `as_of` of a deadline stored with status `stored`."""
    return status_at(
        kind,
        due_on,
        met=stored == Status.MET,
        as_of=as_of,
        suspended=stored == Status.SUSPENDED,
        closed=stored == Status.CLOSED,
    )


def provisional(stored: str, due_on: date, covered_years: Collection[int]) -> bool:
    """Its day may still move: an open deadline in a year with no official holiday schedule,
    which loading that year computes again (services/calendar/recompute); a met, missed or
    closed one stays as it was, so it is not marked."""
    return stored == Status.OPEN and not is_confirmed(covered_years, due_on)


def ended_by_termination(history: Sequence[CourtRecord]) -> CourtRecord | None:
    """The 终本 in force: the latest `terminated` with no `resumed` on or after its day (a
    resumption the same day wins, as in court.stage_reached)."""
    ends = [e for e in history if e.code in (CourtEvent.TERMINATED, CourtEvent.RESUMED)]
    last = max(ends, key=lambda e: (e.on, e.code == CourtEvent.RESUMED), default=None)
    return last if last is not None and last.code == CourtEvent.TERMINATED else None


def status_of(deadline: Deadline, history: Sequence[CourtRecord], as_of: date) -> Status:
    """Met once its event is on record (by the due date or not); else open until it passes.
    终本 closes the trial's and enforcement's deadlines before it, but its own six-monthly
    asset checks (终本规定 §9)."""
    wanted = MET_BY.get(deadline.kind, ())
    if any(e.code in wanted and e.on >= deadline.source.on for e in history):
        return Status.MET
    ended = ended_by_termination(history)
    if ended and deadline.kind != DeadlineKind.ASSET_CHECK and deadline.source.on <= ended.on:
        return Status.CLOSED
    if deadline.suspended:
        return Status.SUSPENDED
    if as_of <= deadline.due_on:
        return Status.OPEN
    return Status.ELAPSED if deadline.kind in INFORMATIONAL else Status.MISSED
