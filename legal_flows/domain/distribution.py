"""Applying money received to a case's debt, and the doubled late-performance interest."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from legal_flows.domain.errors import DomainError
from legal_flows.domain.money import ZERO, to_cents
from legal_flows.domain.stages import Stage

# Default order: the costs of getting the money first, then interest and 违约金, principal last
# (民法典 §561: expenses, then interest, then principal, unless agreed otherwise).
DEFAULT_WATERFALL = ("costs", "interest", "penalty", "principal")
# 民诉法 §264 (2023); 迟延履行利息解释 (2014) §1: 0.0175% a day on the unpaid debt,
# interest excluded, from the day after the performance deadline.
LATE_RATE_PER_DAY = Decimal("0.000175")


@dataclass(frozen=True)
class EnforcementPolicy:
    """The bank's choices for the enforcement stage."""

    # 民法典 §561: the parties may agree another order than expenses, interest, principal.
    waterfall: tuple[str, ...] = DEFAULT_WATERFALL

    def problems(self) -> list[str]:
        if sorted(self.waterfall) != sorted(DEFAULT_WATERFALL):
            buckets = ", ".join(DEFAULT_WATERFALL)
            return [f"[enforcement] waterfall must order exactly: {buckets}"]
        return []


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


class ProceedsSource(StrEnum):
    AUCTION = "auction"  # the court pays out a sale's price
    TRANSFER = "transfer"  # 划扣: a frozen deposit transferred
    VOLUNTARY = "voluntary"  # the debtor pays
    DEDUCTION = "deduction"  # 扣划 of wages or other income


def owed_buckets(
    *,
    principal: Decimal,
    interest: Decimal,
    penalty: Decimal,
    fees: Decimal,
    costs: Decimal,
) -> dict[str, Decimal]:
    """What a judged claim and the court costs the debtor bears come to, by waterfall bucket.

    Card fees (手续费, 年费) are charges for the use of the credit like interest, and courts
    group them with it under the cost cap (法发〔2017〕22号 §2): they share its bucket.
    """
    return {"costs": costs, "interest": interest + fees, "penalty": penalty, "principal": principal}


class Closing(StrEnum):
    RECOVERED = "recovered"
    PARTLY_RECOVERED = "partly_recovered"
    UNCOLLECTABLE = "uncollectable"
    SETTLED = "settled"  # 和解: a settlement; recovered or partly recovered follows

    @property
    def stage(self) -> Stage:
        return CLOSING_STAGES[self]

    @property
    def needs_nothing_outstanding(self) -> bool:
        """A case closes `recovered` only when the debt is paid in full."""
        return self == Closing.RECOVERED


CLOSING_STAGES = {
    Closing.RECOVERED: Stage.CLOSED_RECOVERED,
    Closing.PARTLY_RECOVERED: Stage.CLOSED_PARTLY_RECOVERED,
    # 终本 (closed_terminated) is not here: it is recorded as the court event `terminated`,
    # allowed only once 终本规定 §1's conditions are on record (court.check_termination).
    Closing.UNCOLLECTABLE: Stage.CLOSED_UNCOLLECTABLE,
    Closing.SETTLED: Stage.SETTLED,
}


class ClosingRefused(DomainError):
    pass


def check_paid_in_full(outstanding: Decimal, *, account_id: str) -> None:
    if outstanding > 0:
        raise ClosingRefused(
            f"case {account_id} still has money outstanding: close as partly_recovered"
        )


def in_lieu_excess(reserve_price: Decimal, claim_left: Decimal) -> Decimal:
    """拍卖变卖规定 §16: taking the asset at the reserve price, the creditor pays back what
    the price exceeds its claim by (zero when the claim is the larger)."""
    return max(reserve_price - claim_left, ZERO)
