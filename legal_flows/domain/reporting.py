"""Portfolio measures a legal manager reads: recovery, averages, aging, cycle times."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from legal_flows.domain.court import CourtEvent, CourtRecord

# Stage-to-stage intervals measured from court events (cycle time per stage).
CYCLES = (
    ("submitted→registered", CourtEvent.SUBMITTED, CourtEvent.REGISTERED),
    ("registered→served", CourtEvent.REGISTERED, CourtEvent.SERVED),
    ("served→judgment", CourtEvent.SERVED, CourtEvent.JUDGMENT),
    ("judgment→effective", CourtEvent.JUDGMENT, CourtEvent.EFFECTIVE),
    ("effective→enforcement", CourtEvent.EFFECTIVE, CourtEvent.ENFORCEMENT_APPLIED),
)
AGING = ((180, "< 6 months"), (365, "6-12 months"), (730, "1-2 years"), (1095, "2-3 years"))


# A case is pursued once it was decided for court: not rejected, not still being reviewed.
NOT_PURSUED = ("rejected", "manual_review", "review", "intake")


@dataclass(frozen=True)
class CaseFigures:
    stage: str
    claim: Decimal | None  # the claim of the decision in force
    received: Decimal
    overdue_since: date
    court: str
    lawyer: str
    outstanding: Decimal = Decimal(0)  # the debt ledger on the report's day (pursued cases)
    net: Decimal = Decimal(0)  # received less what the court kept and the bank spent


def is_pursued(stage: str, claim: Decimal | None) -> bool:
    return claim is not None and stage not in NOT_PURSUED


def aging_bucket(overdue_days: int) -> str:
    for limit, label in AGING:
        if overdue_days < limit:
            return label
    return "> 3 years"


def cycle_days(history: Sequence[CourtRecord]) -> dict[str, int]:
    first: dict[CourtEvent, date] = {}
    for e in sorted(history, key=lambda e: e.on):
        first.setdefault(e.code, e.on)
    return {name: (first[b] - first[a]).days for name, a, b in CYCLES if a in first and b in first}


def _ratio(part: Decimal, whole: Decimal) -> float:
    return float(part / whole) if whole else 0.0


def portfolio_measures(cases: Iterable[CaseFigures], as_of: date) -> dict[str, object]:
    rows = list(cases)
    claimed = [c for c in rows if c.claim is not None]
    pursued = [c for c in claimed if is_pursued(c.stage, c.claim)]
    total_claim = sum((c.claim or Decimal(0) for c in pursued), Decimal(0))
    total_received = sum((c.received for c in rows), Decimal(0))
    total_outstanding = sum((c.outstanding for c in pursued), Decimal(0))
    total_net = sum((c.net for c in rows), Decimal(0))
    ages = [(as_of - c.overdue_since).days for c in rows]
    by_stage: dict[str, int] = {}
    aging: dict[str, int] = {label: 0 for _, label in AGING} | {"> 3 years": 0}
    courts: dict[str, dict[str, Decimal]] = {}
    lawyers: dict[str, dict[str, Decimal]] = {}
    for c, age in zip(rows, ages, strict=True):
        by_stage[c.stage] = by_stage.get(c.stage, 0) + 1
        aging[aging_bucket(age)] += 1
        for table, key in ((courts, c.court), (lawyers, c.lawyer)):
            entry = table.setdefault(
                key,
                {
                    "cases": Decimal(0),
                    "claimed": Decimal(0),
                    "received": Decimal(0),
                    "outstanding": Decimal(0),
                    "net_recovery": Decimal(0),
                },
            )
            entry["cases"] += 1
            entry["claimed"] += c.claim or 0
            entry["received"] += c.received
            entry["outstanding"] += c.outstanding
            entry["net_recovery"] += c.net
    return {
        "as_of": as_of.isoformat(),
        "cases": len(rows),
        "pursued": len(pursued),
        "claimed": str(total_claim),
        "received": str(total_received),
        # What the pursued cases' ledgers say is owed on the day: continuing and doubled
        # interest included, less what was received.
        "outstanding": str(total_outstanding),
        # 净回收: received less the enforcement fee the court kept and the bank's own costs.
        "net_recovery": str(total_net),
        "recovery_rate": round(_ratio(total_received, total_claim), 4),
        "repayment_rate": round(len([c for c in pursued if c.received > 0]) / len(pursued), 4)
        if pursued
        else 0.0,
        "average_claim": str((total_claim / len(pursued)).quantize(Decimal("0.01")))
        if pursued
        else "0.00",
        "average_overdue_days": round(sum(ages) / len(ages), 1) if ages else 0.0,
        "by_stage": dict(sorted(by_stage.items())),
        "aging": aging,
        "by_court": {k: {m: str(v) for m, v in d.items()} for k, d in sorted(courts.items())},
        "by_lawyer": {k: {m: str(v) for m, v in d.items()} for k, d in sorted(lawyers.items())},
    }


def average_cycles(histories: Iterable[Sequence[CourtRecord]]) -> dict[str, float]:
    sums: dict[str, list[int]] = {}
    for history in histories:
        for name, days in cycle_days(history).items():
            sums.setdefault(name, []).append(days)
    return {name: round(sum(v) / len(v), 1) for name, v in sums.items()}
