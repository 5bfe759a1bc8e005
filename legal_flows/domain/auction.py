"""Judicial auction rounds (一拍 → 二拍 → 变卖 / 以物抵债) and the price rules (AUC-01..05)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum

from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.errors import DomainError
from legal_flows.domain.money import to_cents
from legal_flows.domain.seizure import AssetKind

FIRST_FLOOR = Decimal("0.70")  # 网拍规定 §10: starting price ≥ 70% of the reference price
NEXT_FLOOR = Decimal("0.80")  # 网拍规定 §26: each re-auction drops by at most 20%
DEPOSIT_MIN, DEPOSIT_MAX = Decimal("0.05"), Decimal("0.20")  # 网拍规定 §17: 5%-20%
MIN_BIDDING = timedelta(hours=24)  # 网拍规定 §20: bidding lasts at least 24 hours
REAUCTION_WITHIN = timedelta(days=30)  # 网拍规定 §26: re-auction within 30 days of a failure
SLOW_KINDS = (AssetKind.REAL_ESTATE, AssetKind.OTHER_RIGHT)


class RoundResult(StrEnum):
    SOLD = "sold"  # 成交
    FAILED = "failed"  # 流拍
    WITHDRAWN = "withdrawn"  # 撤回
    SUSPENDED = "suspended"  # 暂缓
    HALTED = "halted"  # 中止
    DEFAULTED = "defaulted"  # 悔拍: the buyer did not pay


PLANNED = "planned"
# Only a round that ended without a sale has a successor (网拍规定 §26).
ENDED_UNSOLD = frozenset({RoundResult.FAILED, RoundResult.DEFAULTED})
# VAL-01: planning a round shows the price fixed and the sale started (参考价规定 §§1, 30).
MET_BY_PLANNING = (DeadlineKind.REFERENCE_PRICE, DeadlineKind.SALE_START)


class RoundRefused(DomainError):
    """A round that cannot be planned or a result that cannot be recorded."""


class AuctionRuleBroken(DomainError):
    def __init__(self, rule: str, message: str, citation: str) -> None:
        super().__init__(f"{rule}: {message} ({citation})")
        self.rule, self.citation = rule, citation


@dataclass(frozen=True)
class RoundPlan:
    number: int  # 1 = 一拍, 2 = 二拍
    asset_kind: AssetKind
    reference_price: Decimal
    starting_price: Decimal
    deposit: Decimal
    notice_on: date
    starts_at: datetime
    ends_at: datetime
    previous_starting_price: Decimal | None = None
    previous_failed_on: date | None = None
    necessary_home: bool = False
    home_exception: str = ""


def notice_days(kind: AssetKind, round_number: int) -> int:
    """网拍规定 §§12, 26: movables 15 days, real estate and rights 30; re-auction 7 / 15."""
    slow = kind in SLOW_KINDS
    if round_number == 1:
        return 30 if slow else 15
    return 15 if slow else 7


def lowest_starting_price(plan_round: int, reference: Decimal, previous: Decimal | None) -> Decimal:
    if plan_round == 1 or previous is None:
        return to_cents(reference * FIRST_FLOOR)
    return to_cents(previous * NEXT_FLOOR)


def check_round(plan: RoundPlan) -> None:
    """Refuse a plan that breaks any rule, naming the rule and its citation."""
    floor = lowest_starting_price(plan.number, plan.reference_price, plan.previous_starting_price)
    if plan.number == 1 and plan.starting_price < floor:
        raise AuctionRuleBroken(
            "AUC-01",
            f"starting price {plan.starting_price} below 70% of {plan.reference_price} ({floor})",
            "网拍规定 §10",
        )
    if plan.number > 1 and plan.starting_price < floor:
        raise AuctionRuleBroken(
            "AUC-01",
            f"re-auction starting price {plan.starting_price} below 80% of the previous ({floor})",
            "网拍规定 §26",
        )
    days = notice_days(plan.asset_kind, plan.number)
    if (plan.starts_at.date() - plan.notice_on).days < days:
        raise AuctionRuleBroken(
            "AUC-02",
            f"notice on {plan.notice_on} is less than {days} days before the start",
            "网拍规定 §§12, 26",
        )
    low, high = (
        to_cents(plan.starting_price * DEPOSIT_MIN),
        to_cents(plan.starting_price * DEPOSIT_MAX),
    )
    if not low <= plan.deposit <= high:
        raise AuctionRuleBroken(
            "AUC-03", f"deposit {plan.deposit} outside {low}-{high}", "网拍规定 §17"
        )
    if plan.ends_at - plan.starts_at < MIN_BIDDING:
        raise AuctionRuleBroken("AUC-04", "bidding lasts less than 24 hours", "网拍规定 §20")
    failed = plan.previous_failed_on
    if plan.number > 1 and failed is not None and plan.starts_at.date() - failed > REAUCTION_WITHIN:
        raise AuctionRuleBroken(
            "AUC-05", f"re-auction more than 30 days after the failure on {failed}", "网拍规定 §26"
        )
    if plan.necessary_home and not plan.home_exception.strip():
        raise AuctionRuleBroken(
            "SEIZE-05",
            "a necessary home may be seized but not auctioned without a recorded exception",
            "查封规定 §4; 执行异议复议规定 §20",
        )


def next_round_number(rounds: Sequence[tuple[int, str]], *, asset: int) -> int:
    """The number the asset's next round gets, given its rounds' (number, status) in order;
    refused while the last one is planned, running or sold."""
    if rounds and rounds[-1][1] not in ENDED_UNSOLD:
        number, status = rounds[-1]
        raise RoundRefused(f"round {number} of asset {asset} is {status}")
    return len(rounds) + 1


@dataclass(frozen=True)
class NextStep:
    action: str  # reauction | sale_or_in_lieu
    lowest_starting_price: Decimal | None
    latest_start: date | None
    explanation: str
    citation: str


def after_failure(round_number: int, starting_price: Decimal, failed_on: date) -> NextStep:
    """What follows a failed round (流拍), never silently: AUC-05."""
    if round_number == 1:
        return NextStep(
            "reauction",
            to_cents(starting_price * NEXT_FLOOR),
            failed_on + REAUCTION_WITHIN,
            "二拍 on the same platform within 30 days, starting at no less than 80% of the first",
            "网拍规定 §26",
        )
    return NextStep(
        "sale_or_in_lieu",
        starting_price,
        None,
        "变卖 on the platform at the last starting price, or the bank takes the asset in lieu "
        "of payment (以物抵债) at the failed round's reserve price, paying any excess",
        "网拍规定 §26; 拍卖变卖规定 §16",
    )


@dataclass(frozen=True)
class RoundOutcome:
    result: RoundResult
    next_step: NextStep | None  # after a failure, what follows (never silently: AUC-05)
    disposes_asset: bool  # sold: its seizures end (void_after_disposal)


def round_outcome(
    *,
    number: int,
    starting_price: Decimal,
    result: RoundResult,
    on: date,
    price: Decimal | None,
) -> RoundOutcome:
    """How a round's end is recorded: a sale needs a price of at least the starting price
    (bids start there, 网拍规定 §10); a failed or defaulted round gets its next step."""
    if result == RoundResult.SOLD and (price is None or price < starting_price):
        raise RoundRefused(f"a sale needs a price of at least the starting price {starting_price}")
    step = after_failure(number, starting_price, on) if result in ENDED_UNSOLD else None
    return RoundOutcome(result, step, disposes_asset=result == RoundResult.SOLD)


def may_take_in_lieu(status: str) -> bool:
    """以物抵债 follows a round that failed (拍卖变卖规定 §16)."""
    return status == RoundResult.FAILED


DEPOSIT_PROPOSED = Decimal("0.10")  # inside 网拍规定 §17's 5%-20%; legal staff may change it
BIDDING_OPENS = time(10, 0)  # platforms open bidding in the morning; any hour is lawful


def propose_round(
    *,
    number: int,
    asset_kind: AssetKind,
    reference_price: Decimal,
    notice_on: date,
    tz: tzinfo,
    previous_starting_price: Decimal | None = None,
    previous_failed_on: date | None = None,
    necessary_home: bool = False,
    home_exception: str = "",
) -> RoundPlan:
    """The earliest lawful round announced on `notice_on`: the lowest lawful starting price,
    the shortest notice, a 10% deposit, 24 hours of bidding. Refused (AuctionRuleBroken)
    when no lawful round exists, e.g. a re-auction announced too late to start within the
    30 days (AUC-05) or a necessary home without a recorded exception (SEIZE-05)."""
    start_day = notice_on + timedelta(days=notice_days(asset_kind, number))
    starting = lowest_starting_price(number, reference_price, previous_starting_price)
    starts_at = datetime.combine(start_day, BIDDING_OPENS, tzinfo=tz)
    plan = RoundPlan(
        number=number,
        asset_kind=asset_kind,
        reference_price=reference_price,
        starting_price=starting,
        deposit=to_cents(starting * DEPOSIT_PROPOSED),
        notice_on=notice_on,
        starts_at=starts_at,
        ends_at=starts_at + MIN_BIDDING,
        previous_starting_price=previous_starting_price,
        previous_failed_on=previous_failed_on,
        necessary_home=necessary_home,
        home_exception=home_exception,
    )
    check_round(plan)  # the proposal obeys the same rules as any plan, by construction
    return plan
