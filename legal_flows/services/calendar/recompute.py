"""Open deadlines computed again when a year's holiday schedule is loaded.

A period ending on a rest day ends on the next working day (民诉法 §85, 民法典 §203), so a
loaded year's new days off and weekend days worked move deadlines. Which ones may depend on
it: a period rolls forward off rest days (WorkCalendar.rollover), so it looks at a year only
if it ends in it or later; a renewal filing rolls back (roll_back) from a day in the year at
most across the few rest days that end the year before, and every later step of a chain
(the effective date after the appeal window, three years after an interruption) only adds
days. So every case with an open deadline due from 1 December of the year before the
earliest loaded year has each source of its open deadlines computed again, by the services'
own computations, and written as they write it.

Only open deadlines move: a met, missed, elapsed, suspended or closed one is what the lawyer
saw and acted on, and stays as stored; a load neither adds nor removes a deadline.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import DeadlineKind, Source, Status
from legal_flows.domain.plans import PlanKind, schedule_from
from legal_flows.domain.seizure import SeizureStage
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.court.events import COURT_KINDS, court_deadline_rows
from legal_flows.services.enforcement.auctions import price_rows
from legal_flows.services.enforcement.plans import resume_rows
from legal_flows.services.enforcement.seizures import renewal_rows, valuation_rows
from legal_flows.services.review.limitation import limitation_rows
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.deadlines import DeadlineIn
from legal_flows.store.uow import UnitOfWork

# Far more than the rest days a renewal can roll back across the new year (a weekend and
# New Year's Day); a case recomputed needlessly moves nothing.
_MARGIN = timedelta(days=31)
_OPEN = Status.OPEN.value
_RENEWAL = DeadlineKind.SEIZURE_RENEWAL.value
_VALUATION = DeadlineKind.REFERENCE_PRICE.value
_LIMITATION = DeadlineKind.LIMITATION.value


@dataclass(frozen=True)
class _Scope:
    """One source's deadlines as its service replaces them (Deadlines.replace's arguments)."""

    name: str
    source_id: int = 0
    kinds: tuple[str, ...] | None = None
    source: tuple[Source, int] | None = None

    def holds(self, row: Any) -> bool:
        if self.kinds is not None and row.kind not in self.kinds:
            return False
        return self.source is None or (row.source_kind, row.source_id) == (
            self.source[0].value,
            self.source[1],
        )


def recompute_open_deadlines(
    uow: UnitOfWork, *, years: Sequence[int], calendar: WorkCalendar, actor: Actor, now: datetime
) -> list[dict[str, Any]]:
    """Compute again, on `calendar`, every open deadline that may depend on `years`; each
    case where one moved is audited once. Returns the deadlines that moved."""
    if not years:
        return []
    loaded = sorted(set(years))
    moved: list[dict[str, Any]] = []
    entries = []
    for case_id in uow.deadlines.cases_open_from(date(loaded[0], 1, 1) - _MARGIN):
        case = the_case(uow, case_id=case_id, lock=True)  # as `court record` locks it
        pairs = _recompute_case(uow, case, calendar, today=now.date())
        if not pairs:
            continue
        pairs.sort(key=lambda p: (p[0].due_on, p[0].kind, p[0].source_id, p[0].seq))
        entries.append(
            AuditEntry(
                "deadlines.recomputed",
                "case",
                case.account_id,
                {
                    "years": loaded,
                    "moved": [
                        [old.kind, old.due_on.isoformat(), new.due_on.isoformat()]
                        for old, new in pairs
                    ],
                },
            )
        )
        moved += [
            {
                "account_id": case.account_id,
                "kind": old.kind,
                "old_due_on": old.due_on.isoformat(),
                "new_due_on": new.due_on.isoformat(),
                "source_kind": new.source.value,
                "source_id": new.source_id,
            }
            for old, new in pairs
        ]
    if entries:
        uow.audit.append(actor, entries, at=now)
    return moved


def _recompute_case(
    uow: UnitOfWork, case: Any, calendar: WorkCalendar, *, today: date
) -> list[tuple[Any, DeadlineIn]]:
    """Each source of the case's open deadlines computed again and, where one moved,
    written; the (stored, new) pairs that moved."""
    stored = uow.deadlines.of_case(case.id)
    scopes = {_scope_of(r) for r in stored if r.status == _OPEN}
    pairs = []
    for scope in sorted((s for s in scopes if s is not None), key=lambda s: (s.name, s.source_id)):
        computed = _computed(uow, case, scope, calendar, today)
        rows, moved, changed = kept_or_moved([r for r in stored if scope.holds(r)], computed)
        if changed:
            uow.deadlines.replace(case.id, rows, kinds=scope.kinds, source=scope.source)
            pairs += moved
    return pairs


def _scope_of(row: Any) -> _Scope | None:
    """The source an open deadline is computed from; None for one no calendar enters (the
    parties told 3 days before an auction notice: a "before" day does not roll)."""
    if row.kind in COURT_KINDS:
        return _Scope("court", kinds=tuple(COURT_KINDS))
    if row.kind == _LIMITATION:
        return _Scope("limitation", kinds=(_LIMITATION,))  # replace_kind's scope, one case
    source = Source(row.source_kind)
    if source == Source.SEIZURE and row.kind in (_RENEWAL, _VALUATION):
        return _Scope(row.kind, row.source_id, (row.kind,), (source, row.source_id))
    if source == Source.ASSET:
        return _Scope("asset", row.source_id, None, (source, row.source_id))
    if source == Source.PLAN:
        kinds = (DeadlineKind.RESUME_ENFORCEMENT.value,)
        return _Scope("plan", row.source_id, kinds, (source, row.source_id))
    return None


def _computed(
    uow: UnitOfWork, case: Any, scope: _Scope, calendar: WorkCalendar, today: date
) -> list[DeadlineIn]:
    """The scope's deadlines as its service computes them, on `calendar`."""
    if scope.name == "court":
        history = uow.events.history(case.id)
        return court_deadline_rows(uow, case, history, today=today, calendar=calendar)
    if scope.name == "limitation":
        return limitation_rows(uow, case, calendar)
    if scope.name in (_RENEWAL, _VALUATION):
        seizure = uow.enforcement.seizure(scope.source_id)
        if seizure is None:
            return []
        if scope.name == _RENEWAL:
            stage = SeizureStage(seizure.stage)
            return renewal_rows(seizure.id, stage, seizure.expires_on, calendar)
        return valuation_rows(seizure.id, seizure.effective_on, calendar)
    if scope.name == "asset":
        asset = uow.enforcement.asset(scope.source_id)
        if asset is None or asset.reference_fixed_on is None:
            return []
        return price_rows(asset.id, asset.reference_fixed_on, calendar)
    plan = uow.enforcement.plan(scope.source_id)
    if plan is None:
        return []
    schedule = schedule_from(plan.schedule)
    return resume_rows(plan.id, PlanKind(plan.kind), schedule, calendar)


def kept_or_moved(
    stored: Sequence[Any], computed: Sequence[DeadlineIn]
) -> tuple[list[DeadlineIn], list[tuple[Any, DeadlineIn]], bool]:
    """A source's deadlines after a recomputation, the (stored, new) pairs that moved, and
    whether anything is to be written. A stored row stays as it is unless it is open: then it
    takes the computed day (a move) or, on the same day, the computed note (a day that was
    "weekends only" is now confirmed). A computed row is the stored one with its key (kind,
    source, seq), or else the one stored row of its kind and seq left over (the effective
    date follows whichever appeal window ends last, which a calendar can change); a computed
    row with no stored one is not added."""
    left = {_key_of_row(r): r for r in stored}
    rows: list[DeadlineIn] = []
    moved: list[tuple[Any, DeadlineIn]] = []
    changed = False

    def settle(old: Any, new: DeadlineIn) -> None:
        nonlocal changed
        if old.status != _OPEN:
            rows.append(_as_written(old))
        elif old.due_on != new.due_on:
            rows.append(new)
            moved.append((old, new))
        else:
            rows.append(replace(_as_written(old), note=new.note or None))
            changed = changed or (new.note or None) != old.note

    unmatched = []
    for new in computed:
        old = left.pop(_key_of(new), None)
        if old is None:
            unmatched.append(new)
        else:
            settle(old, new)
    for new in unmatched:
        twins = [u for u in unmatched if (u.kind, u.seq) == (new.kind, new.seq)]
        same = [k for k in left if (k[0], k[3]) == (new.kind, new.seq)]
        if len(same) == 1 and len(twins) == 1:
            settle(left.pop(same[0]), new)
    rows += [_as_written(r) for r in left.values()]
    return rows, moved, changed or bool(moved)


def _key_of(row: DeadlineIn) -> tuple[str, str, int, int]:
    return (row.kind, row.source.value, row.source_id, row.seq)


def _key_of_row(row: Any) -> tuple[str, str, int, int]:
    return (row.kind, row.source_kind, row.source_id, row.seq)


def _as_written(row: Any) -> DeadlineIn:
    """A stored row written back as it was."""
    return DeadlineIn(
        kind=row.kind,
        due_on=row.due_on,
        citation=row.citation,
        source=Source(row.source_kind),
        source_id=row.source_id,
        seq=row.seq,
        status=row.status,
        note=row.note,
    )
