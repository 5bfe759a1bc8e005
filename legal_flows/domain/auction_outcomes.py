"""How an auction round ends (AUC-05, AUC-08): a sale at its price, or the next step after a
failure or a buyer's default (二拍, then 变卖 and 以物抵债), and the ruling that ends a
disposal."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from legal_flows.domain.auction import (
    ENDED_UNSOLD,
    NEXT_FLOOR,
    REAUCTION_WITHIN,
    SALE_WINDOW_DAYS,
    AuctionRuleBroken,
    RoundRefused,
    RoundResult,
)
from legal_flows.domain.errors import Told
from legal_flows.domain.money import to_cents


@dataclass(frozen=True)
class NextStep:
    action: str  # reauction | reauction_after_default | sale_or_in_lieu | in_lieu_or_lift
    lowest_starting_price: Decimal | None
    latest_start: date | None
    told: Told  # what follows, as a person is told it (str() is the English)
    citation: str

    @property
    def explanation(self) -> str:
        return str(self.told)

    def data(self) -> dict[str, Any]:
        """The step as the JSON and the audit carry it, the explanation in English."""
        return {
            "action": self.action,
            "lowest_starting_price": self.lowest_starting_price,
            "latest_start": self.latest_start,
            "explanation": self.explanation,
            "citation": self.citation,
        }


def after_failure(
    round_number: int,
    starting_price: Decimal,
    failed_on: date,
    *,
    defaulted: bool = False,
    sale_window_days: int = SALE_WINDOW_DAYS,
) -> NextStep:
    """What follows a failed round (流拍) or a buyer's default (悔拍), never silently: AUC-05.
    `round_number` is the online auction (1 or 2) the round was."""
    if defaulted:
        return NextStep(
            "reauction_after_default",
            starting_price,
            None,
            Told(
                "the buyer defaulted: the deposit is forfeited (it pays the re-auction's costs "
                "and any shortfall, then the debt); re-auction at the same starting price, "
                "without the defaulting buyer; the seizure stays until a sale ruling is served"
            ),
            "网拍规定 §24; 民诉法解释 §491",
        )
    if round_number == 1:
        return NextStep(
            "reauction",
            to_cents(starting_price * NEXT_FLOOR),
            failed_on + REAUCTION_WITHIN,
            Told(
                "二拍 on the same platform within 30 days, starting at no less than 80% of the first"  # noqa: E501
            ),
            "网拍规定 §26",
        )
    return NextStep(
        "sale_or_in_lieu",
        starting_price,
        failed_on + timedelta(days=sale_window_days),
        Told(
            "no third online auction: 变卖 on the same platform at this starting price for "
            "{days} days; unsold, the bank may take the asset in lieu of payment (以物抵债) at "
            "this reserve price, paying any excess, or the seizure is lifted and the asset "
            "returned",
            days=sale_window_days,
        ),
        "网拍规定 §26; 拍卖变卖规定 §§16, 24-25; 查封规定 §28",
    )


@dataclass(frozen=True)
class RoundOutcome:
    result: RoundResult
    next_step: NextStep | None  # after a failure, what follows (never silently: AUC-05)
    deposit_forfeited: bool = False  # 悔拍 (网拍规定 §24)


def round_outcome(
    *,
    number: int,
    starting_price: Decimal,
    result: RoundResult,
    on: date,
    price: Decimal | None,
    sale_window_days: int = SALE_WINDOW_DAYS,
) -> RoundOutcome:
    """How a round's end is recorded: a sale needs a price of at least the starting price
    (bids start there, 网拍规定 §10); a failed or defaulted round gets its next step. A sale
    ends no seizure: ownership passes, and the seizures end, when the sale ruling is served
    (民诉法解释 §491; see ruling_effect)."""
    if result == RoundResult.SOLD and (price is None or price < starting_price):
        raise RoundRefused(
            "a sale needs a price of at least the starting price {starting_price}",
            starting_price=starting_price,
        )
    step = None
    if result in ENDED_UNSOLD:
        defaulted = result == RoundResult.DEFAULTED
        step = after_failure(
            number, starting_price, on, defaulted=defaulted, sale_window_days=sale_window_days
        )
    return RoundOutcome(result, step, deposit_forfeited=result == RoundResult.DEFAULTED)


def check_buyer(buyer: str | None, defaulted_buyers: Sequence[str]) -> None:
    """网拍规定 §24: a buyer who defaulted (悔拍) may not bid in the re-auction."""
    if buyer and buyer.strip() in {b.strip() for b in defaulted_buyers if b}:
        raise AuctionRuleBroken(
            "{buyer} defaulted on an earlier round of this asset and may not buy it now",
            rule="AUC-08",
            citation="网拍规定 §24",
            buyer=buyer,
        )


class Ruling(StrEnum):
    """The ruling that ends a disposal: 成交裁定 after a sale, 以物抵债裁定 after a failure."""

    SALE = "sale"
    IN_LIEU = "in_lieu"


def check_ruling(kind: Ruling, status: str) -> None:
    """A sale ruling follows a sold round; an in-lieu ruling a failed one (拍卖变卖规定 §16)."""
    if kind == Ruling.SALE and status != RoundResult.SOLD:
        raise RoundRefused("a sale ruling needs a round that sold, not {status}", status=status)
    if kind == Ruling.IN_LIEU and status != RoundResult.FAILED:
        raise RoundRefused(
            "a in_lieu ruling needs a round that failed, not {status}", status=status
        )


def may_take_in_lieu(status: str) -> bool:
    """以物抵债 follows a round that failed (拍卖变卖规定 §16)."""
    return status == RoundResult.FAILED


def sale_outcome(
    *, starting_price: Decimal, result: RoundResult, on: date, price: Decimal | None
) -> RoundOutcome:
    """The 变卖 window's end: sold at its price (the second auction's starting price), or
    unsold — then the bank may take the asset in lieu at that price, or the seizure is
    lifted and the asset returned (拍卖变卖规定 §§16, 24-25; 查封规定 §28)."""
    if result == RoundResult.SOLD and (price is None or price < starting_price):
        raise RoundRefused(
            "a sale needs a price of at least {starting_price}", starting_price=starting_price
        )
    step = None
    if result in ENDED_UNSOLD:
        step = NextStep(
            "in_lieu_or_lift",
            starting_price,
            None,
            Told(
                "unsold in the 变卖 window: the bank may take the asset in lieu of payment at "
                "this price (paying any excess), or the seizure is lifted and the asset returned"
            ),
            "拍卖变卖规定 §§16, 24-25; 查封规定 §28",
        )
    return RoundOutcome(result, step)
