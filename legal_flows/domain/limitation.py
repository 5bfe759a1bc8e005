"""Civil limitation (诉讼时效) of the bank's claim: LIM-01..03 of cn-legal-rules.md §8 A."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from legal_flows.domain.calendar import RolledDate, WorkCalendar
from legal_flows.domain.dates import add_years
from legal_flows.domain.facts import (
    DEBTOR_ACTS,
    MESSAGE_KINDS,
    CollectionKind,
    CollectionRecord,
)
from legal_flows.domain.reasons import Effect, Label, Outcome, Phrase, Reason

LIMITATION_YEARS = 3  # 民法典 §188(1) (2020): three years
LONG_STOP_YEARS = 20  # 民法典 §188(2) (2020): twenty years from the damage, whatever happens
LIMITATION_CITATION = "民法典 (2020) §§188, 195; 时效规定 (2020) §§8, 14; 银行卡规定 (2021) §3"
_NOT_INTERRUPTED = Phrase("no interrupting event since default")
_OCCURRED_ON = attrgetter("occurred_on")


@dataclass(frozen=True, slots=True)
class LimitationStatus:
    expires_on: date
    interrupted_on: date | None
    interrupted_by: str | None
    waived: bool
    long_stop_on: date
    note: str
    # The note as a template and its values, for the reader's language (None: no note).
    note_phrase: Phrase | None = None


def interrupts(record: CollectionRecord) -> bool:
    """Does this event interrupt limitation (民法典 §195; 银行卡规定 §3; 时效规定 §§8, 14)?"""
    kind = record.kind
    if kind in MESSAGE_KINDS:
        # 银行卡规定 §3(2): a message to the reserved contact interrupts once it arrives.
        return record.delivered or record.receipt_confirmed
    if kind in (CollectionKind.PHONE, CollectionKind.VISIT):
        # 时效规定 §8(1): a demand interrupts when proven to have reached the debtor.
        return record.receipt_confirmed
    # 银行卡规定 §3(1) a debit, §3(3) a police report; 时效规定 §14 the debtor pays or promises.
    return (
        kind in (CollectionKind.ACCOUNT_DEBIT, CollectionKind.POLICE_REPORT) or kind in DEBTOR_ACTS
    )


def limitation_status(
    *,
    start: date,
    events: Iterable[CollectionRecord],
    as_of: date,
    calendar: WorkCalendar,
) -> LimitationStatus:
    """When the limitation period ends, replaying every interruption known on `as_of`.

    A demand sent after the period has run does not revive the claim, but the debtor paying
    or promising to pay afterwards waives the defence (时效规定 §19 (2020)), so the period
    runs again from that act.
    """
    end = add_years(start, LIMITATION_YEARS)
    last: CollectionRecord | None = None
    waived = False
    for event in sorted(events, key=_OCCURRED_ON):
        if not start <= event.occurred_on <= as_of or not interrupts(event):
            continue  # before default nothing runs yet; after as_of is not yet known
        # Rolling over only ever extends a period, so the calendar is asked only when needed.
        if event.occurred_on > end and event.occurred_on > calendar.rollover(end).due_on:
            if event.kind not in DEBTOR_ACTS:
                continue  # a demand after expiry revives nothing
            waived = True
        end = add_years(event.occurred_on, LIMITATION_YEARS)
        last = event
    rolled = calendar.rollover(end)
    return LimitationStatus(
        expires_on=rolled.due_on,
        interrupted_on=last.occurred_on if last else None,
        interrupted_by=last.kind.value if last else None,
        waived=waived,
        long_stop_on=add_years(start, LONG_STOP_YEARS),
        note=rolled.note,
        note_phrase=rollover_note(end, rolled) if rolled.note else None,
    )


def rollover_note(last_day: date, rolled: RolledDate) -> Phrase:
    """The calendar's note on a rolled-over last day as a template and its values; its
    English is the calendar's note (WorkCalendar.rollover writes the same words)."""
    missing = rolled.missing_years
    years = ", ".join(str(y) for y in missing)
    if rolled.due_on == last_day:
        return Phrase(
            "no official holiday schedule for {years}: only weekends were considered",
            {"years": years},
        )
    if not missing:
        return Phrase(
            "moved from {from_on} (rest day or holiday)", {"from_on": last_day.isoformat()}
        )
    return Phrase(
        "moved from {from_on} (rest day or holiday); no official holiday schedule for "
        "{years}: only weekends were considered",
        {"from_on": last_day.isoformat(), "years": years},
    )


def is_time_barred(status: LimitationStatus, as_of: date) -> bool:
    if as_of > status.long_stop_on and not status.waived:
        return True
    return as_of > status.expires_on


def limitation_reasons(status: LimitationStatus, as_of: date, warning_days: int) -> list[Reason]:
    """LIM-01..03 as reasons: barred (the 20-year long-stop, or the period run), expiring
    within `warning_days`, or revived by the debtor's act after it ran (a person checks)."""
    last = (
        Phrase(
            "last interruption {interrupted_on} ({interrupted_by})",
            {
                "interrupted_on": status.interrupted_on.isoformat(),
                "interrupted_by": Label("collection", status.interrupted_by or ""),
            },
        )
        if status.interrupted_on
        else _NOT_INTERRUPTED
    )
    note = status.note_phrase or (Phrase(status.note) if status.note else None)
    # The calendar's note, when there is one, follows the last interruption.
    tail: dict[str, object] = {"last": last, "note": note} if note else {"last": last}
    reasons = []
    if status.waived:
        reasons.append(
            Reason(
                "limitation_waived",
                "debtor paid or promised after the period ran ({last}): the defence is waived "
                "only with the debtor's signed or recorded agreement; a person checks the proof",
                "时效规定 (2020) §19",
                Effect.MANUAL,
                {"last": last},
            )
        )
    if is_time_barred(status, as_of):
        if as_of > status.long_stop_on and not status.waived:
            template = "20-year long-stop passed on {long_stop_on}"
            values: dict[str, object] = {"long_stop_on": status.long_stop_on.isoformat()}
        else:
            template = (
                "limitation expired on {expires_on}; {last}; {note}"
                if note
                else "limitation expired on {expires_on}; {last}"
            )
            values = {"expires_on": status.expires_on.isoformat(), **tail}
        reasons.append(Reason("time_barred", template, LIMITATION_CITATION, Effect.REJECT, values))
    elif status.expires_on <= as_of + timedelta(days=warning_days):
        template = (
            "limitation expires on {expires_on}, in {days} days; {last}; {note}"
            if note
            else "limitation expires on {expires_on}, in {days} days; {last}"
        )
        values = {
            "expires_on": status.expires_on.isoformat(),
            "days": (status.expires_on - as_of).days,
        }
        reasons.append(
            Reason("limitation_expiring", template, LIMITATION_CITATION, values=values | tail)
        )
    return reasons


def limitation_watched(outcome: Outcome) -> bool:
    """LIM-01's expiry becomes a deadline to watch only for a case going to court: a
    rejected case raises no limitation alarm."""
    return outcome != Outcome.REJECTED
