"""The deadlines a case's court events set, recomputed from its whole history (cn-legal-rules
§2, §8 D-E): registration, fees, defence, appeal, trial limits, payment orders, preservation,
enforcement. The kinds, periods and their citations are domain/deadlines.py's.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.court import CourtEvent, CourtRecord
from legal_flows.domain.dates import add_days, add_months, add_years
from legal_flows.domain.deadlines import (
    APPEAL_DAYS,
    ASSET_CHECK_MONTHS,
    ASSET_CHECK_YEARS,
    CITATIONS,
    DEFENCE_DAYS,
    ENFORCE_AFTER_PRESERVATION_DAYS,
    ENFORCEMENT_NOTICE_DAYS,
    ENFORCEMENT_REGISTRATION_DAYS,
    ENFORCEMENT_YEARS,
    FEE_DAYS,
    PAYMENT_ORDER_OBJECTION_DAYS,
    PAYMENT_ORDER_SERVICE_DAYS,
    PUBLIC_NOTICE_ABROAD_CHANGED_ON,
    PUBLIC_NOTICE_ABROAD_DAYS,
    PUBLIC_NOTICE_ABROAD_MONTHS_BEFORE,
    PUBLIC_NOTICE_CHANGED_ON,
    PUBLIC_NOTICE_DAYS,
    PUBLIC_NOTICE_DAYS_BEFORE_2022,
    REGISTRATION_DAYS,
    RULING_APPEAL_DAYS,
    SUE_AFTER_PRESERVATION_DAYS,
    TRIAL_MONTHS,
    Deadline,
    DeadlineKind,
    performance_deadline,
)


def public_notice_days(notice: CourtRecord) -> int:
    """Days after which a public notice is deemed served: 30 since 2022-01-01 (民诉法 §95),
    60 before (2017 §92); for a party without a domicile in China (detail "abroad") 60 days
    since 2024 (§283), three months before."""
    if notice.detail == "abroad":
        if notice.on < PUBLIC_NOTICE_ABROAD_CHANGED_ON:
            deemed = add_months(notice.on, PUBLIC_NOTICE_ABROAD_MONTHS_BEFORE)
            return (deemed - notice.on).days
        return PUBLIC_NOTICE_ABROAD_DAYS
    if notice.on < PUBLIC_NOTICE_CHANGED_ON:
        return PUBLIC_NOTICE_DAYS_BEFORE_2022
    return PUBLIC_NOTICE_DAYS


def appraisal_days(history: Sequence[CourtRecord], *, since: date) -> tuple[int, date | None]:
    """Days of appraisal (from its start to its opinion, both counted) after `since`, each
    start paired with the first end after it; and the start of one still running, if any."""
    starts = sorted(e.on for e in history if e.code == CourtEvent.APPRAISAL_STARTED)
    ends = sorted(e.on for e in history if e.code == CourtEvent.APPRAISAL_ENDED)
    total, running = 0, None
    for start in (s for s in starts if s >= since):
        end = next((e for e in ends if e >= start), None)
        if end is None:
            running = running or start
        else:
            total += (end - start).days + 1
    return total, running


def court_deadlines(
    history: Sequence[CourtRecord],
    *,
    procedure: str | None,
    calendar: WorkCalendar,
    performance_until: date | None = None,
) -> list[Deadline]:
    """Every deadline the history gives rise to, each from the event that set it running.

    Without a decided procedure (a case that reached court without a review decision) the
    ordinary procedure's periods apply: the longest trial limit, and appeal windows.
    `performance_until`: the last day to perform as the recorded instrument says (its term,
    or its last instalment); without it, 10 days after it took effect.
    """
    procedure = procedure or "ordinary"
    out: list[Deadline] = []

    def add(
        kind: DeadlineKind, source: CourtRecord, last_day: date, party: str = "", stop: str = ""
    ) -> None:
        rolled = calendar.rollover(last_day)
        note = "; ".join(n for n in (stop, rolled.note) if n)
        out.append(
            Deadline(
                kind, rolled.due_on, source, CITATIONS[kind], note, party, suspended=bool(stop)
            )
        )

    def latest(*codes: CourtEvent) -> CourtRecord | None:
        found = [e for e in history if e.code in codes]
        return max(found, key=lambda e: e.on) if found else None

    # The 7 days restart after a correction is handed in (登记立案规定 §8).
    if trigger := latest(CourtEvent.SUBMITTED, CourtEvent.CORRECTION_REQUESTED):
        add(DeadlineKind.REGISTRATION, trigger, add_days(trigger.on, REGISTRATION_DAYS))
    if trigger := latest(CourtEvent.FEE_NOTICE):
        add(DeadlineKind.FEE_PAYMENT, trigger, add_days(trigger.on, FEE_DAYS))
    for served in (e for e in history if e.code == CourtEvent.SERVED):
        add(DeadlineKind.DEFENCE, served, add_days(served.on, DEFENCE_DAYS), served.party)
    notices = [e for e in history if e.code == CourtEvent.PUBLIC_NOTICE]
    for notice in notices:
        deemed = add_days(notice.on, public_notice_days(notice))
        add(DeadlineKind.DEFENCE, notice, add_days(deemed, DEFENCE_DAYS), notice.party)
    if registered := latest(CourtEvent.REGISTERED):
        months = TRIAL_MONTHS.get(procedure, TRIAL_MONTHS["ordinary"])
        # 民诉法解释 §243: public-notice and appraisal periods are not counted in the trial
        # limit; while an appraisal runs the limit is stopped (its days count once it ends).
        excluded = sum(public_notice_days(n) for n in notices if n.on >= registered.on)
        appraised, running = appraisal_days(history, since=registered.on)
        last_day = add_days(add_months(registered.on, months), excluded + appraised)
        stop = (
            f"appraisal running since {running.isoformat()}: the limit is stopped"
            if running
            else ""
        )
        add(DeadlineKind.TRIAL_LIMIT, registered, last_day, stop=stop)
    out += _judgment_windows(history, procedure, calendar)
    if issued := latest(CourtEvent.PAYMENT_ORDER_ISSUED):
        add(
            DeadlineKind.PAYMENT_ORDER_SERVICE,
            issued,
            add_days(issued.on, PAYMENT_ORDER_SERVICE_DAYS),
        )
    if served_order := latest(CourtEvent.PAYMENT_ORDER_SERVED):
        last = add_days(served_order.on, PAYMENT_ORDER_OBJECTION_DAYS)
        add(DeadlineKind.PAYMENT_ORDER_OBJECTION, served_order, last)
    for ruled in (
        e for e in history if e.code == CourtEvent.PRESERVATION_RULED and e.detail == "pre_action"
    ):
        add(
            DeadlineKind.SUE_AFTER_PRESERVATION,
            ruled,
            add_days(ruled.on, SUE_AFTER_PRESERVATION_DAYS),
        )
    if effective := latest(CourtEvent.EFFECTIVE):
        # 民诉法 §250: two years from the last day of the performance period (instalments:
        # the last instalment's due date).
        performance = performance_until or performance_deadline(effective.on)
        add(
            DeadlineKind.ENFORCEMENT_APPLICATION,
            effective,
            add_years(performance, ENFORCEMENT_YEARS),
        )
        # 民诉法解释 §163: a preservation after the instrument took effect lapses unless
        # enforcement is applied for within 5 days after the performance period.
        for ruled in (
            e for e in history if e.code == CourtEvent.PRESERVATION_RULED and e.on >= effective.on
        ):
            last_day = add_days(performance, ENFORCE_AFTER_PRESERVATION_DAYS)
            add(DeadlineKind.ENFORCE_AFTER_PRESERVATION, ruled, last_day)
    out += _enforcement_deadlines(history, calendar)
    return out


def _enforcement_deadlines(
    history: Sequence[CourtRecord], calendar: WorkCalendar
) -> list[Deadline]:
    """ENF-02 court time limits, and after 终本 the court's 6-monthly asset checks (ENF-05)."""
    out: list[Deadline] = []

    def add(kind: DeadlineKind, source: CourtRecord, last_day: date) -> None:
        rolled = calendar.rollover(last_day)
        out.append(Deadline(kind, rolled.due_on, source, CITATIONS[kind], rolled.note))

    for applied in (e for e in history if e.code == CourtEvent.ENFORCEMENT_APPLIED):
        add(
            DeadlineKind.ENFORCEMENT_REGISTRATION,
            applied,
            add_days(applied.on, ENFORCEMENT_REGISTRATION_DAYS),
        )
        # 民诉法解释 §480: the notice within 10 days of receiving the application (not of
        # registering it).
        add(
            DeadlineKind.ENFORCEMENT_NOTICE,
            applied,
            add_days(applied.on, ENFORCEMENT_NOTICE_DAYS),
        )
    terminations = [e for e in history if e.code == CourtEvent.TERMINATED]
    if terminations:
        last = max(terminations, key=lambda e: e.on)
        for n in range(1, ASSET_CHECK_YEARS * 12 // ASSET_CHECK_MONTHS + 1):
            # Each check is due by the end of its six months: a rest day moves it on (§85).
            check = calendar.rollover(add_months(last.on, n * ASSET_CHECK_MONTHS))
            out.append(
                Deadline(
                    DeadlineKind.ASSET_CHECK,
                    check.due_on,
                    last,
                    CITATIONS[DeadlineKind.ASSET_CHECK],
                    check.note,
                    seq=n,
                )
            )
    return out


def _judgment_windows(
    history: Sequence[CourtRecord], procedure: str, calendar: WorkCalendar
) -> list[Deadline]:
    """Appeal windows per party and the date the decision takes effect (TRIAL-03)."""
    out: list[Deadline] = []

    def add(kind: DeadlineKind, source: CourtRecord, day: date, party: str = "") -> None:
        note = ""
        if kind == DeadlineKind.APPEAL:
            rolled = calendar.rollover(day)
            day, note = rolled.due_on, rolled.note
        out.append(Deadline(kind, day, source, CITATIONS[kind], note, party))

    services = [e for e in history if e.code == CourtEvent.JUDGMENT_SERVED]
    if procedure == "small_claims":
        # 民诉法 §165: small claims are final at first instance, effective on service.
        if services:
            last = max(services, key=lambda e: e.on)
            add(DeadlineKind.EFFECTIVE, last, last.on)
        return out
    for served in services:
        add(DeadlineKind.APPEAL, served, add_days(served.on, APPEAL_DAYS), served.party)
    for ruling in (e for e in history if e.code == CourtEvent.RULING):
        add(DeadlineKind.APPEAL, ruling, add_days(ruling.on, RULING_APPEAL_DAYS), ruling.party)
    appeals = [d for d in out if d.kind == DeadlineKind.APPEAL]
    if services and not any(e.code == CourtEvent.APPEAL_FILED for e in history):
        last_window = max(appeals, key=lambda d: d.due_on)
        # 民诉法 §158: effective once no party appealed within its period: the day after.
        add(DeadlineKind.EFFECTIVE, last_window.source, last_window.due_on + timedelta(days=1))
    mediation = [e for e in history if e.code == CourtEvent.MEDIATION]
    if mediation:
        # 民诉法 §100; 解释 §149: a mediation document takes effect on the last signature.
        last_signature = max(mediation, key=lambda e: e.on)
        add(DeadlineKind.EFFECTIVE, last_signature, last_signature.on)
    return out
