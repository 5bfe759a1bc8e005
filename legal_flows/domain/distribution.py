"""Applying money received to a case's debt, and the doubled late-performance interest."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from legal_flows.domain.money import ZERO, to_cents

# Default order: the costs of getting the money first, then interest and 违约金, principal last
# (民法典 §561: expenses, then interest, then principal, unless agreed otherwise).
DEFAULT_WATERFALL = ("costs", "interest", "penalty", "principal")
# 民诉法 §264 (2023); 迟延履行利息解释 (2014) §1: 0.0175% a day on the unpaid debt,
# interest excluded, from the day after the performance deadline.
LATE_RATE_PER_DAY = Decimal("0.000175")


@dataclass(frozen=True)
class Applied:
    paid: dict[str, Decimal]
    remaining: dict[str, Decimal]
    surplus: Decimal  # more money than debt: goes back to the debtor


def apply_payment(
    amount: Decimal, owed: dict[str, Decimal], order: Sequence[str] = DEFAULT_WATERFALL
) -> Applied:
    """Pay the buckets in order until the money runs out."""
    unknown = set(order) - set(owed)
    if unknown:
        raise ValueError(f"no such debt component: {', '.join(sorted(unknown))}")
    left = amount
    paid, remaining = {}, dict(owed)
    for bucket in order:
        take = min(left, remaining[bucket])
        paid[bucket] = take
        remaining[bucket] -= take
        left -= take
    return Applied(paid, remaining, left if left > 0 else ZERO)


def late_performance_interest(
    unpaid: Decimal, *, performance_deadline: date, paid_on: date
) -> Decimal:
    """ENF-03: doubled interest for late performance, up to payment or the sale ruling."""
    days = (paid_on - performance_deadline).days
    return to_cents(unpaid * LATE_RATE_PER_DAY * max(days, 0))
