"""Advisory screen for referral as 恶意透支 (malicious overdraft): CRIM-01/02."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from legal_flows.domain.dates import add_months
from legal_flows.domain.facts import CONTACT_KINDS, MONEY_KINDS, CollectionRecord
from legal_flows.domain.money import cny
from legal_flows.domain.reasons import Reason

EFFECTIVE_GAP = timedelta(days=30)  # 2018 恶意透支解释 §7(3): collections ≥ 30 days apart
UNPAID_MONTHS = 3  # 2018 恶意透支解释 §6: more than three months without repayment
CITATION = "刑法 §196; 2018 恶意透支解释 §§6-9"


@dataclass(frozen=True, slots=True)
class EffectiveCollections:
    first: date
    second: date


def effective_collections(
    records: Iterable[CollectionRecord], *, after: date
) -> EffectiveCollections | None:
    """The first pair of 有效催收 after `after`: receipt confirmed, at least 30 days apart.

    2018 解释 §7: made after the card is overdue, by a means that confirms receipt. Signature
    and seal on the evidence are checked by a person; the data cannot show them.
    """
    dates = sorted(
        r.occurred_on
        for r in records
        if r.kind in CONTACT_KINDS and r.receipt_confirmed and r.occurred_on > after
    )
    if not dates:
        return None
    first = dates[0]
    second = next((d for d in dates[1:] if d >= first + EFFECTIVE_GAP), None)
    return EffectiveCollections(first, second) if second else None


def criminal_referral_screen(
    *,
    records: tuple[CollectionRecord, ...],
    overdue_since: date,
    last_payment_on: date | None,
    principal: Decimal,
    balance_date: date,
    threshold: Decimal,
    as_of: date,
) -> Reason | None:
    """CRIM-02: two effective collections, then more than 3 months without any repayment.

    Only collections after the last repayment count: a payment answers the earlier demands.
    """
    payments = [r for r in records if r.kind in MONEY_KINDS and r.occurred_on <= as_of]
    paid_on = [r.occurred_on for r in payments] + ([last_payment_on] if last_payment_on else [])
    since = max([overdue_since, *paid_on])
    pair = effective_collections(records, after=since)
    if pair is None or as_of <= add_months(pair.second, UNPAID_MONTHS):
        return None
    # 2018 解释 §9: payments go to principal first; later ones reduce the balance-date figure.
    later = sum((r.amount or 0 for r in payments if r.occurred_on > balance_date), Decimal(0))
    unpaid = principal - later
    if unpaid < threshold:
        return None
    # 2018 解释 §8: 5万 较大, 50万 巨大, 500万 特别巨大.
    tier = "较大"
    if unpaid >= 5_000_000:
        tier = "特别巨大"
    elif unpaid >= 500_000:
        tier = "巨大"
    return Reason(
        "criminal_referral_candidate",
        "advisory: effective collections on {first_on} and {second_on}, no repayment for "
        "over {months} months, unpaid principal {unpaid} (数额{tier}); "
        "intent and evidence need a person's check",
        CITATION,
        values={
            "first_on": pair.first.isoformat(),
            "second_on": pair.second.isoformat(),
            "months": UNPAID_MONTHS,
            "unpaid": cny(unpaid),
            "tier": tier,
        },
    )
