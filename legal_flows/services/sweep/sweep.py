"""The daily sweep: mark missed deadlines, raise alerts once, find cases gone quiet.

It reads only deadline rows that are due or open, through the due-date and status indexes,
and cases in court stages; it never loads every case.

An alert's message is said when it is raised, in the department's language (the caller's
translator, Chinese by default): the same stored words go to the workbench, the flow's
report and the mail and webhook channels, which have no reader to ask for a language.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlmodel import Session

from legal_flows.documents.catalog import CATALOG
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.errors import told_parts
from legal_flows.domain.filing import DocumentKind
from legal_flows.domain.holidays import confirmed_until
from legal_flows.domain.plans import GRACE_DAYS, PlanKind
from legal_flows.domain.stages import COURT_STAGES
from legal_flows.domain.sweep import SweepPolicy, alert_category, is_stalled
from legal_flows.i18n import Translator, translator
from legal_flows.services.enforcement.plans import missed_instalments
from legal_flows.services.enforcement.seizures import lapse_expired
from legal_flows.services.sweep.notify import Notifier
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import ALERT, CASE, COURT_EVENT
from legal_flows.store.uow import UnitOfWork, UnitsOfWork

# The open deadlines past the calendar's last day are counted up to this many in the alert;
# `deadlines --json` lists them all.
UNCONFIRMED_COUNTED = 10_000


@dataclass
class SweepResult:
    as_of: date
    marked_missed: int = 0
    lapsed_seizures: int = 0
    items: list[dict[str, Any]] = field(default_factory=list)  # due, missed and stalled
    raised: int = 0  # new alerts this run

    def count(self, category: str) -> int:
        return sum(1 for i in self.items if i["category"] == category)


def run_sweep(
    uow: UnitOfWork,
    *,
    as_of: date,
    policy: SweepPolicy,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
    grace_days: int = GRACE_DAYS,
    t: Translator | None = None,
) -> SweepResult:
    t = t or translator()
    result = SweepResult(as_of)
    result.marked_missed = uow.deadlines.mark_passed(as_of)
    result.lapsed_seizures = lapse_expired(
        uow, as_of=as_of, actor=actor, now=now, calendar=calendar
    )
    result.items = (
        _deadline_items(uow, as_of, policy, t)
        + _stalled_items(uow.session, as_of, policy, t)
        + _plan_items(uow, as_of, grace_days, t)
        + _calendar_items(uow, as_of, policy, calendar, t)
    )
    result.raised = _raise_alerts(uow.session, result.items, as_of)
    summary = {
        "missed": result.count("missed"),
        "due": result.count("due"),
        "stalled": result.count("stalled"),
    }
    entry = AuditEntry("sweep.run", "sweep", as_of.isoformat(), summary)
    uow.audit.append(actor, [entry], at=now)
    return result


def _deadline_items(
    uow: UnitOfWork, as_of: date, policy: SweepPolicy, t: Translator
) -> list[dict[str, Any]]:
    items = []
    for r in uow.deadlines.to_sweep(as_of + timedelta(days=policy.longest_lead)):
        category = alert_category(r.kind, r.due_on, r.status, as_of, policy)
        if category is None:
            continue
        # Said now, in the department's language: the stored words are what people read.
        parts = {"kind": t.label("deadline", r.kind), "due_on": t.day(r.due_on)}
        said = (
            t("{kind} was due on {due_on} ({citation})", **parts, citation=r.citation)
            if category == "missed"
            else t("{kind} is due on {due_on} ({citation})", **parts, citation=r.citation)
        )
        # Each step crossed (−60, −30, −15 for a renewal) is an alert of its own.
        step = policy.step(r.kind, (r.due_on - as_of).days) if category == "due" else 0
        items.append(
            {
                "category": category,
                "account_id": r.account_id,
                "case_id": r.case_id,
                "kind": r.kind,
                "what": parts["kind"],
                "due_on": r.due_on,
                "message": said,
                "key": (
                    f"{category}{step or ''}:{r.case_id}:{r.kind}:"
                    f"{r.source_kind}:{r.source_id}:{r.seq}:{r.due_on}"
                ),
            }
        )
    return items


def _plan_items(
    uow: UnitOfWork, as_of: date, grace_days: int, t: Translator
) -> list[dict[str, Any]]:
    """A missed instalment of a mediation or settlement, raised once per instalment."""
    items = []
    for plan, missed in missed_instalments(uow, as_of=as_of, grace_days=grace_days):
        case = uow.cases.find(id=plan.case_id)
        assert case is not None  # a plan's case is a foreign key
        kind = PlanKind(plan.kind)
        step = CATALOG[DocumentKind(kind.next_step)].title
        items.append(
            {
                "category": "missed",
                "account_id": case.account_id,
                "case_id": plan.case_id,
                "kind": "instalment",
                "what": t.label("plan", plan.kind),
                "due_on": missed.due,
                "message": t(
                    "instalment {seq} of the {plan} plan, {unpaid} due on {due_on}, unpaid "
                    "after {days} days: the {step} is prepared ({citation})",
                    seq=missed.seq,
                    plan=t.label("plan", plan.kind),
                    unpaid=t.money(missed.unpaid),
                    due_on=t.day(missed.due),
                    days=grace_days,
                    step=step,
                    citation=kind.citation,
                ),
                "key": f"instalment:{plan.case_id}:{plan.id}:{missed.seq}",
            }
        )
    return items


def _stalled_items(
    session: Session, as_of: date, policy: SweepPolicy, t: Translator
) -> list[dict[str, Any]]:
    last_event = func.max(COURT_EVENT.c.occurred_on)
    rows = session.execute(
        select(CASE.c.id, CASE.c.account_id, CASE.c.stage, last_event.label("last_on"))
        .join(COURT_EVENT, COURT_EVENT.c.case_id == CASE.c.id)
        .where(CASE.c.stage.in_([s.value for s in COURT_STAGES]))
        .group_by(CASE.c.id, CASE.c.account_id, CASE.c.stage)
    )
    return [
        {
            "category": "stalled",
            "account_id": r.account_id,
            "case_id": r.id,
            "kind": r.stage,
            "what": t.label("stage", r.stage),
            "due_on": None,
            "message": t(
                "no court event since {last_on} while {stage}",
                last_on=t.day(r.last_on),
                stage=t.label("stage", r.stage),
            ),
            "key": f"stalled:{r.id}:{r.stage}:{r.last_on.isoformat()}",
        }
        for r in rows
        if is_stalled(r.stage, r.last_on, as_of, policy)
    ]


def _calendar_items(
    uow: UnitOfWork, as_of: date, policy: SweepPolicy, calendar: WorkCalendar, t: Translator
) -> list[dict[str, Any]]:
    """Once per missing year, from `calendar_warning_days` before the calendar runs out: load
    the next year's schedule; the open deadlines past its last day count weekends only."""
    last = confirmed_until(calendar, as_of)
    if not policy.calendar_runs_out(last, as_of):
        return []
    # Counted up to a bound: every approved case's limitation deadline lies years ahead, so
    # an exact count would read them all, daily (50 ms at a million, bench/sweep.py).
    unconfirmed = uow.deadlines.count_open_after(last, up_to=UNCONFIRMED_COUNTED + 1)
    missing = last.year + 1
    if unconfirmed > UNCONFIRMED_COUNTED:
        said = t(
            "the holiday calendar covers days up to {last_on}: load the official schedule for "
            "{year} (`legal-flows calendar load FILE`); more than {count} open deadlines after "
            "it count weekends only (`legal-flows deadlines --json`: calendar_confirmed false)",
            last_on=t.day(last),
            year=missing,
            count=f"{UNCONFIRMED_COUNTED:,}",
        )
    else:
        said = t(
            "the holiday calendar covers days up to {last_on}: load the official schedule for "
            "{year} (`legal-flows calendar load FILE`); {count} open deadline(s) after it "
            "count weekends only (`legal-flows deadlines --json`: calendar_confirmed false)",
            last_on=t.day(last),
            year=missing,
            count=f"{unconfirmed:,}",
        )
    return [
        {
            "category": "calendar",
            "account_id": "",
            "case_id": None,
            "kind": "holiday_schedule",
            "what": t("holiday schedule for {year}", year=missing),
            "due_on": last,
            "message": said,
            "key": f"calendar:{missing}",
        }
    ]


def _raise_alerts(session: Session, items: Sequence[dict[str, Any]], as_of: date) -> int:
    keys = [i["key"] for i in items]
    known = (
        set(session.execute(select(ALERT.c.key).where(ALERT.c.key.in_(keys))).scalars())
        if keys
        else set()
    )
    new = [
        {k: i[k] for k in ("key", "case_id", "category", "kind", "due_on", "message")}
        | {"raised_on": as_of}
        for i in items
        if i["key"] not in known
    ]
    if new:
        session.execute(insert(ALERT), new)
    return len(new)


def deliver_alerts(
    uows: UnitsOfWork, notifiers: Sequence[Notifier], *, now: datetime
) -> tuple[int, list[dict[str, Any]]]:
    """Send every alert not yet delivered through every channel; mark those that went out.
    Nothing is locked while the channels answer: one read, the sending, one write. A channel
    that failed is named with why: `error` in English, `template` and `values` for people."""
    with uows(read_only=True) as uow:
        pending = [
            {"id": r.id, "category": r.category, "account_id": r.account_id, "message": r.message}
            for r in uow.session.execute(
                select(ALERT.c.id, ALERT.c.category, ALERT.c.message, CASE.c.account_id)
                .outerjoin(CASE, CASE.c.id == ALERT.c.case_id)  # the calendar's has no case
                .where(ALERT.c.sent_at.is_(None))
                .order_by(ALERT.c.id)
            )
        ]
    failures = []
    for notifier in notifiers:
        try:
            if pending:
                notifier.send(pending)
        except Exception as exc:  # a channel down must not lose the alert: retried next sweep
            template, values = told_parts(exc)
            failures.append(
                {
                    "channel": notifier.name,
                    "error": str(exc),
                    "template": template,
                    "values": values,
                }
            )
    if pending and not failures:
        with uows() as uow:
            ids = [p["id"] for p in pending]
            uow.session.execute(update(ALERT).where(ALERT.c.id.in_(ids)).values(sent_at=now))
    return (0 if failures else len(pending)), failures
