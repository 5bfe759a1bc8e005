"""Court events (立案 → 送达 → 开庭 → 判决/调解 → 生效): a stable vocabulary and its order."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from legal_flows.domain.errors import DomainError, InvalidValue, Told
from legal_flows.domain.listing import listed
from legal_flows.domain.stages import Stage, path_between


class CourtEvent(StrEnum):
    SUBMITTED = "submitted"  # 递交起诉状 (online or at the counter)
    CORRECTION_REQUESTED = "correction_requested"  # 补正
    REGISTERED = "registered"  # 立案 (with 案号)
    FEE_NOTICE = "fee_notice"  # 交费通知
    FEE_PAID = "fee_paid"
    PRESERVATION_RULED = "preservation_ruled"  # 保全裁定
    SERVED = "served"  # complaint served on a party
    PUBLIC_NOTICE = "public_notice"  # 公告送达
    HEARING_SCHEDULED = "hearing_scheduled"
    HEARING_HELD = "hearing_held"
    ADJOURNED = "adjourned"
    APPRAISAL_STARTED = "appraisal_started"  # 委托鉴定/评估 during the trial
    APPRAISAL_ENDED = "appraisal_ended"  # its opinion received
    JUDGMENT = "judgment"  # 判决
    MEDIATION = "mediation"  # 调解书 signed
    WITHDRAWAL = "withdrawal"  # 撤诉
    RULING = "ruling"  # 裁定
    JUDGMENT_SERVED = "judgment_served"  # per party
    APPEAL_FILED = "appeal_filed"
    EFFECTIVE = "effective"  # 生效
    PAYMENT_ORDER_ISSUED = "payment_order_issued"  # 支付令
    PAYMENT_ORDER_SERVED = "payment_order_served"
    PAYMENT_ORDER_OBJECTION = "payment_order_objection"
    # Enforcement (执行)
    ENFORCEMENT_APPLIED = "enforcement_applied"  # 申请执行
    ENFORCEMENT_REGISTERED = "enforcement_registered"  # 执行立案 (执 case number)
    ENFORCEMENT_NOTICE = "enforcement_notice"  # 执行通知 + 报告财产令
    CONSUMPTION_BAN = "consumption_ban"  # 限制消费令
    BLACKLISTED = "blacklisted"  # 失信被执行人名单
    INVESTIGATION_EXHAUSTED = "investigation_exhausted"  # 财产调查措施穷尽
    DEBTOR_SEARCHED = "debtor_searched"  # 查找下落不明的被执行人 (终本规定 §1(5))
    APPLICANT_HEARD = "applicant_heard"  # 听取申请执行人意见 before 终本 (终本规定 §5)
    TERMINATED = "terminated"  # 终结本次执行 (终本)
    RESUMED = "resumed"  # 恢复执行 (执恢)


# Where an event takes the case, when it is the first of its kind.
MOVES: dict[CourtEvent, Stage] = {
    CourtEvent.SUBMITTED: Stage.FILED,
    CourtEvent.REGISTERED: Stage.REGISTERED,
    CourtEvent.SERVED: Stage.SERVED,
    CourtEvent.PUBLIC_NOTICE: Stage.SERVED,
    CourtEvent.JUDGMENT: Stage.JUDGED,
    CourtEvent.MEDIATION: Stage.MEDIATED,
    CourtEvent.WITHDRAWAL: Stage.WITHDRAWN,
    CourtEvent.EFFECTIVE: Stage.EFFECTIVE,
    CourtEvent.ENFORCEMENT_APPLIED: Stage.ENFORCEMENT_APPLIED,
    CourtEvent.ENFORCEMENT_REGISTERED: Stage.ENFORCEMENT_REGISTERED,
    CourtEvent.TERMINATED: Stage.CLOSED_TERMINATED,
}
# What must already be on record (by any date) before an event makes sense.
REQUIRES: dict[CourtEvent, tuple[CourtEvent, ...]] = {
    CourtEvent.CORRECTION_REQUESTED: (CourtEvent.SUBMITTED,),
    CourtEvent.REGISTERED: (CourtEvent.SUBMITTED,),
    CourtEvent.FEE_NOTICE: (CourtEvent.SUBMITTED,),
    CourtEvent.FEE_PAID: (CourtEvent.FEE_NOTICE,),
    CourtEvent.SERVED: (CourtEvent.REGISTERED,),
    CourtEvent.PUBLIC_NOTICE: (CourtEvent.REGISTERED,),
    CourtEvent.HEARING_SCHEDULED: (CourtEvent.REGISTERED,),
    CourtEvent.HEARING_HELD: (CourtEvent.REGISTERED,),
    CourtEvent.ADJOURNED: (CourtEvent.REGISTERED,),
    CourtEvent.APPRAISAL_STARTED: (CourtEvent.REGISTERED,),
    CourtEvent.APPRAISAL_ENDED: (CourtEvent.APPRAISAL_STARTED,),
    CourtEvent.JUDGMENT: (CourtEvent.REGISTERED,),
    CourtEvent.MEDIATION: (CourtEvent.REGISTERED,),
    CourtEvent.WITHDRAWAL: (CourtEvent.SUBMITTED,),
    CourtEvent.RULING: (CourtEvent.REGISTERED,),
    CourtEvent.JUDGMENT_SERVED: (CourtEvent.JUDGMENT,),
    CourtEvent.APPEAL_FILED: (CourtEvent.JUDGMENT,),
    CourtEvent.EFFECTIVE: (CourtEvent.REGISTERED,),
    CourtEvent.PAYMENT_ORDER_ISSUED: (CourtEvent.SUBMITTED,),
    CourtEvent.PAYMENT_ORDER_SERVED: (CourtEvent.PAYMENT_ORDER_ISSUED,),
    CourtEvent.PAYMENT_ORDER_OBJECTION: (CourtEvent.PAYMENT_ORDER_SERVED,),
    CourtEvent.ENFORCEMENT_APPLIED: (CourtEvent.EFFECTIVE,),
    CourtEvent.ENFORCEMENT_REGISTERED: (CourtEvent.ENFORCEMENT_APPLIED,),
    CourtEvent.ENFORCEMENT_NOTICE: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.CONSUMPTION_BAN: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.BLACKLISTED: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.INVESTIGATION_EXHAUSTED: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.DEBTOR_SEARCHED: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.APPLICANT_HEARD: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.TERMINATED: (CourtEvent.ENFORCEMENT_REGISTERED,),
    CourtEvent.RESUMED: (CourtEvent.TERMINATED,),
}


@dataclass(frozen=True, slots=True)
class CourtRecord:
    """One recorded court event; `party` for per-party service, `detail` for extra facts;
    `id` is its row's, once stored (the same event is equal whatever its id)."""

    code: CourtEvent
    on: date
    party: str = ""
    detail: str = ""
    id: int | None = field(default=None, compare=False)


class ContradictoryEvent(DomainError):
    def __init__(self, event: CourtRecord, prerequisite: CourtRecord) -> None:
        super().__init__(
            "contradictory court event: {event} on {event_on} comes before "
            "{prerequisite} on {prerequisite_on}",
            event=event.code,
            event_on=event.on,
            prerequisite=prerequisite.code,
            prerequisite_on=prerequisite.on,
        )


def check_consistent(history: Sequence[CourtRecord], new: CourtRecord) -> None:
    """Refuse an event that contradicts the recorded history, naming both events.

    Events may arrive out of order (a service reported before the registration it follows):
    that is accepted. What is refused is a date order that cannot be, such as a judgment dated
    before the registration on record, or a fee paid before its notice.
    """
    for needed in REQUIRES.get(new.code, ()):
        found = [e for e in history if e.code == needed]
        if found and min(e.on for e in found) > new.on:
            raise ContradictoryEvent(new, min(found, key=lambda e: e.on))
    for later in history:
        needs_new = new.code in REQUIRES.get(later.code, ()) and later.on < new.on
        if needs_new and not any(e.code == new.code and e.on <= later.on for e in history):
            raise ContradictoryEvent(later, new)


# How far along the court path each stage is: the furthest event decides where a case stands.
_PROGRESS = {
    Stage.FILED: 1,
    Stage.REGISTERED: 2,
    Stage.SERVED: 3,
    Stage.JUDGED: 4,
    Stage.MEDIATED: 4,
    Stage.WITHDRAWN: 4,
    Stage.EFFECTIVE: 5,
    Stage.ENFORCEMENT_APPLIED: 6,
    Stage.ENFORCEMENT_REGISTERED: 7,
    Stage.CLOSED_TERMINATED: 8,
}


def stage_reached(history: Sequence[CourtRecord]) -> Stage | None:
    """The stage the furthest event on record puts the case in (None: no moving event).

    A resumption (执恢) after the latest 终本 puts an enforcement back on the registered stage.
    """
    reached = [MOVES[e.code] for e in history if e.code in MOVES]
    if not reached:
        return None
    furthest = max(reached, key=lambda s: _PROGRESS[s])
    terminations = [e.on for e in history if e.code == CourtEvent.TERMINATED]
    resumptions = [e.on for e in history if e.code == CourtEvent.RESUMED]
    if (
        furthest == Stage.CLOSED_TERMINATED
        and resumptions
        and max(resumptions) >= max(terminations)
    ):
        return Stage.ENFORCEMENT_REGISTERED
    return furthest


TERMINATION_WAIT_MONTHS = 3  # 终本规定 §1(4): more than 3 months since enforcement registration


class TerminationRefused(DomainError):
    pass


def check_termination(
    history: Sequence[CourtRecord],
    on: date,
    *,
    disposal_pending: bool = False,
    whereabouts_unknown: bool = False,
) -> None:
    """ENF-05: 终本 only when every condition of 终本规定 §1 is on record, each one named:
    no seized asset still being disposed of (§1(3)), a missing debtor searched for (§1(5)),
    the applicant heard (§5; article number UNVERIFIED, cn-legal-rules §3.6)."""
    from legal_flows.domain.dates import add_months

    codes = {e.code for e in history if e.on <= on}
    wanted = [
        (CourtEvent.ENFORCEMENT_NOTICE, Told("enforcement notice and asset-report order (§1(1))")),
        (CourtEvent.CONSUMPTION_BAN, Told("consumption ban (§1(2))")),
        (CourtEvent.INVESTIGATION_EXHAUSTED, Told("asset investigation exhausted (§1(3))")),
        (CourtEvent.APPLICANT_HEARD, Told("the applicant heard on 终本 (§5)")),
    ]
    if whereabouts_unknown:
        searched = Told("the missing debtor searched for (§1(5))")
        wanted.append((CourtEvent.DEBTOR_SEARCHED, searched))
    missing = [label for code, label in wanted if code not in codes]
    if disposal_pending:
        missing.append(Told("no seized asset still in disposal (§1(3)): a round is under way"))
    registered = [e.on for e in history if e.code == CourtEvent.ENFORCEMENT_REGISTERED]
    if registered and on <= add_months(min(registered), TERMINATION_WAIT_MONTHS):
        waited = "more than {months} months since registration (§1(4))"
        missing.append(Told(waited, months=TERMINATION_WAIT_MONTHS))
    if missing:
        raise TerminationRefused(
            "终本 not allowed yet, missing: {missing}", missing=listed(missing)
        )


def is_behind(current: Stage | str, target: Stage) -> bool:
    """Is the case's stage short of `target` on the court path (so it should move)?"""
    return _PROGRESS.get(Stage(current), 0) < _PROGRESS[target]


# 人民法院案件案号规定 (2016, 法〔2015〕137号): （收案年度）法院代字 + 类型代字 + 案件编号 + 号,
# e.g. （2026）京0105民初12345号, （2026）京01民终123号, （2026）京0105执4567号.
_CASE_NO = re.compile(r"[（(](\d{4})[）)]([\u4e00-\u9fff]\d{0,4})([\u4e00-\u9fff]{1,4})(\d{1,8})号")


def validate_case_number(text: str) -> str:
    """A court case number (案号) checked for shape and written with full-width brackets."""
    match = _CASE_NO.fullmatch(text.strip())
    if not match:
        raise InvalidValue(
            "{text!r} is not a case number like （2026）京0105民初12345号", text=text
        )
    year, court, kind, number = match.groups()
    return f"（{year}）{court}{kind}{number}号"


# 立案 gives the case its number (登记立案规定 §8; 执 numbers at enforcement registration).
NUMBERED = frozenset({CourtEvent.REGISTERED, CourtEvent.ENFORCEMENT_REGISTERED})


def event_case_number(event: CourtRecord, case_no: str | None) -> str | None:
    """The 案号 an event carries: checked when given, required for a registration."""
    if case_no:
        return validate_case_number(case_no)
    if event.code in NUMBERED:
        raise InvalidValue("{event} (立案) needs its case number (--case-no)", event=event.code)
    return None


@dataclass(frozen=True)
class EventEffect:
    """What recording one event does to its case."""

    moves: tuple[Stage, ...]  # the stage path the case takes, empty when it stays
    case_no: str | None  # the 案号 the event carries, in its checked form
    trial_case_no: str | None  # the 案号 that goes on the case: the trial's (立案), not 执
    meets_limitation: bool  # suing interrupts limitation (时效规定 §10): the deadline is met


def apply_event(
    history: Sequence[CourtRecord],
    event: CourtRecord,
    *,
    stage: str,
    case_no: str | None,
    disposal_pending: bool = False,
    whereabouts_unknown: bool = False,
) -> EventEffect:
    """The effect of a new event on a case at `stage` with this history (refused, naming
    both events, when it contradicts the history; 终本 only when its conditions are met).

    The case moves to the stage the furthest event on record puts it in, when it is behind
    it; a resumption (执恢) brings a terminated enforcement back whatever the progress.
    """
    check_consistent(history, event)
    after = [*history, event]
    if event.code == CourtEvent.TERMINATED:
        check_termination(
            after,
            event.on,
            disposal_pending=disposal_pending,
            whereabouts_unknown=whereabouts_unknown,
        )
    number = event_case_number(event, case_no)
    target = stage_reached(after)
    resumes = event.code == CourtEvent.RESUMED  # 执恢: back from 终本 to enforcement
    moving = target is not None and (is_behind(stage, target) or (resumes and stage != target))
    moves = tuple(path_between(stage, target)) if target and moving else ()
    return EventEffect(
        moves=moves,
        case_no=number,
        # The trial's 案号 names the case; 执 numbers stay on their event.
        trial_case_no=number if event.code == CourtEvent.REGISTERED else None,
        meets_limitation=event.code == CourtEvent.SUBMITTED,
    )
