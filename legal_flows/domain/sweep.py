"""What the daily sweep raises: deadlines coming due, deadlines missed, cases gone quiet."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from legal_flows.domain.deadlines import INFORMATIONAL, DeadlineKind
from legal_flows.domain.errors import Told
from legal_flows.domain.stages import Stage


def _leads() -> dict[str, int]:
    return {
        DeadlineKind.LIMITATION: 90,  # LIM-01: alerts at −180/−90/−30; the sweep warns from −90
        DeadlineKind.ENFORCEMENT_APPLICATION: 90,  # ENF-01: alert at −90/−30
        DeadlineKind.SUE_AFTER_PRESERVATION: 10,  # PRES-01: alerts at −10/−3, then it lapses
        DeadlineKind.FEE_PAYMENT: 3,  # 交纳办法 §22: unpaid in 7 days, the suit counts as withdrawn
        DeadlineKind.REGISTRATION: 2,  # FILE-01: escalate when the court overruns 7 days
        DeadlineKind.APPEAL: 5,
        DeadlineKind.DEFENCE: 3,
        DeadlineKind.EFFECTIVE: 3,
        DeadlineKind.TRIAL_LIMIT: 30,
        DeadlineKind.PAYMENT_ORDER_SERVICE: 7,
        DeadlineKind.PAYMENT_ORDER_OBJECTION: 3,
        DeadlineKind.SEIZURE_RENEWAL: 60,  # SEIZE-02: alerts at −60/−30/−15 days
    }


def _quiet_days() -> dict[str, int]:
    # How long a stage normally lasts before the next event (bank practice, configurable).
    return {
        Stage.FILED: 14,  # the court decides on registration within 7 days (民诉法 §126)
        Stage.REGISTERED: 45,  # the complaint is to be served within 5 days (§128); allow post
        Stage.SERVED: 120,  # hearing and judgment inside the trial limit (§§152, 164)
        Stage.JUDGED: 45,  # service, appeal windows, effect
        Stage.MEDIATED: 30,
        Stage.EFFECTIVE: 30,  # apply for enforcement well inside two years (§250)
        Stage.ENFORCEMENT_APPLIED: 14,  # the court decides within 7 days (执行工作规定 §16)
        Stage.ENFORCEMENT_REGISTERED: 90,  # ENF-02: notice in 10 days; measures follow
    }


def _steps() -> dict[str, tuple[int, ...]]:
    # Kinds alerted more than once as the date nears (one alert per step crossed).
    return {
        DeadlineKind.LIMITATION: (90, 30),  # LIM-01: −180/−90/−30; the review already flags 90 days
        DeadlineKind.ENFORCEMENT_APPLICATION: (90, 30),  # ENF-01
        DeadlineKind.SEIZURE_RENEWAL: (60, 30, 15),  # SEIZE-02
        DeadlineKind.SUE_AFTER_PRESERVATION: (10, 3),  # PRES-01
    }


@dataclass(frozen=True)
class SweepPolicy:
    alert_lead_days: dict[str, int] = field(default_factory=_leads)
    default_lead_days: int = 7
    stalled_after_days: dict[str, int] = field(default_factory=_quiet_days)
    alert_steps: dict[str, tuple[int, ...]] = field(default_factory=_steps)
    # Days before the last day the holiday calendar covers that the sweep asks for the next
    # year's official schedule (published each late autumn; issue 16: 60 days, bank practice).
    calendar_warning_days: int = 60

    def lead(self, kind: str) -> int:
        return self.alert_lead_days.get(kind, self.default_lead_days)

    def step(self, kind: str, days_left: int) -> int:
        """The alert step a deadline is in: the smallest threshold still ≥ the days left."""
        steps = sorted(self.alert_steps.get(kind, (self.lead(kind),)))
        return next((s for s in steps if days_left <= s), steps[-1])

    def calendar_runs_out(self, last_covered: date, as_of: date) -> bool:
        """Time to load the next year's schedule: the calendar's last covered day is at most
        `calendar_warning_days` ahead (or already behind)."""
        return (last_covered - as_of).days <= self.calendar_warning_days

    @property
    def longest_lead(self) -> int:
        return max([self.default_lead_days, *self.alert_lead_days.values()])

    def problems(self) -> list[Told]:
        """What makes these lead times and limits unusable, one message each."""
        found = [
            Told("[sweep.{name}] values must be whole days", name=name)
            for name in ("alert_lead_days", "stalled_after_days")
            if any(days < 0 for days in getattr(self, name).values())
        ]
        unknown = sorted(set(self.alert_lead_days) - {k.value for k in DeadlineKind})
        if unknown:
            kinds = ", ".join(unknown)
            found.append(Told("unknown deadline kind(s) in [sweep]: {kinds}", kinds=kinds))
        found += [
            Told("[sweep.alert_steps] {kind} must list whole days", kind=kind)
            for kind, days in self.alert_steps.items()
            if not days or any(d <= 0 for d in days)
        ]
        return found


def alert_category(
    kind: str, due_on: date, status: str, as_of: date, policy: SweepPolicy
) -> str | None:
    """`missed` (passed, still not met), `due` (inside its lead time) or nothing to say."""
    if status == "met":
        return None
    if due_on < as_of:
        return None if kind in INFORMATIONAL else "missed"
    if due_on <= as_of + timedelta(days=policy.lead(kind)):
        return "due"
    return None


def is_stalled(stage: str, last_event_on: date | None, as_of: date, policy: SweepPolicy) -> bool:
    """Has a case in a court stage gone longer without an event than its stage should last?"""
    limit = policy.stalled_after_days.get(stage)
    return limit is not None and last_event_on is not None and (as_of - last_event_on).days > limit
