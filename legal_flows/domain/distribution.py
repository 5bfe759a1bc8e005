"""The enforcement stage's money: the bank's order of payment, where proceeds come from, how a
case closes (the ledger itself is domain/ledger.py)."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from legal_flows.domain.auction import SALE_WINDOW_DAYS
from legal_flows.domain.errors import DomainError, Told
from legal_flows.domain.ledger import FEE_BASES, LedgerRules
from legal_flows.domain.money import ZERO
from legal_flows.domain.plans import GRACE_DAYS
from legal_flows.domain.stages import Stage

# Default order: the costs of getting the money first, then interest and 违约金, principal last
# (民法典 §561: expenses, then interest, then principal, unless agreed otherwise); the doubled
# late interest after the judged debt (迟延履行利息解释 §4) unless "late" is placed in the order.
DEFAULT_WATERFALL = LedgerRules.order


@dataclass(frozen=True)
class EnforcementPolicy:
    """The bank's choices for the enforcement stage."""

    # 民法典 §561: the parties may agree another order than expenses, interest, principal.
    waterfall: tuple[str, ...] = DEFAULT_WATERFALL
    # 交纳办法 §20: most courts charge the enforcement fee on the amount actually enforced;
    # some on the amount applied for ("applied").
    enforcement_fee_on: str = "enforced"
    # Bank policy: days after an instalment's due date before it counts as missed.
    instalment_grace_days: int = GRACE_DAYS
    # 网拍规定 §26 "may be sold on the same platform": the 变卖 window after the second failed
    # auction (60 days is practice, UNVERIFIED).
    sale_window_days: int = SALE_WINDOW_DAYS

    def problems(self) -> list[Told]:
        """What makes these choices unusable, one message each (none: usable)."""
        found = []
        judged = [b for b in self.waterfall if b != "late"]
        if sorted(judged) != sorted(DEFAULT_WATERFALL) or self.waterfall.count("late") > 1:
            found.append(
                Told(
                    "[enforcement] waterfall must order exactly: {buckets} (and late)",
                    buckets=", ".join(DEFAULT_WATERFALL),
                )
            )
        if not 1 <= self.sale_window_days <= 365:
            found.append(Told("[enforcement] sale_window_days must be 1 to 365 days"))
        if not 0 <= self.instalment_grace_days <= 90:
            found.append(Told("[enforcement] instalment_grace_days must be 0 to 90 days"))
        if self.enforcement_fee_on not in FEE_BASES:
            found.append(
                Told(
                    "[enforcement] enforcement_fee_on must be one of {choices}",
                    choices=", ".join(FEE_BASES),
                )
            )
        return found

    def ledger_rules(self, cost_cap: Decimal) -> LedgerRules:
        return LedgerRules(self.waterfall, self.enforcement_fee_on, cost_cap)


class ProceedsSource(StrEnum):
    AUCTION = "auction"  # the court pays out a sale's price
    TRANSFER = "transfer"  # 划扣: a frozen deposit transferred
    VOLUNTARY = "voluntary"  # the debtor pays
    DEDUCTION = "deduction"  # 扣划 of wages or other income
    IN_LIEU = "in_lieu"  # 以物抵债: the asset's reserve price, entered by the in-lieu ruling


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
            "case {account_id} still has money outstanding: close as partly_recovered",
            account_id=account_id,
        )


def in_lieu_excess(reserve_price: Decimal, claim_left: Decimal) -> Decimal:
    """拍卖变卖规定 §16: taking the asset at the reserve price, the creditor pays back what
    the price exceeds its claim by (zero when the claim is the larger)."""
    return max(reserve_price - claim_left, ZERO)
