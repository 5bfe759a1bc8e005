"""Judicial auction rounds (一拍 → 二拍 → 变卖 / 以物抵债) and the price rules (AUC-01..05)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum

from legal_flows.domain.dates import add_years
from legal_flows.domain.deadlines import PRICE_VALID_YEARS, DeadlineKind
from legal_flows.domain.errors import DomainError, Told
from legal_flows.domain.money import to_cents
from legal_flows.domain.seizure import AssetKind

FIRST_FLOOR = Decimal("0.70")  # 网拍规定 §10: starting price ≥ 70% of the reference price
NEXT_FLOOR = Decimal("0.80")  # 网拍规定 §26: each re-auction drops by at most 20%
DEPOSIT_MIN, DEPOSIT_MAX = Decimal("0.05"), Decimal("0.20")  # 网拍规定 §17: 5%-20%
MIN_BIDDING = timedelta(hours=24)  # 网拍规定 §20: bidding lasts at least 24 hours
REAUCTION_WITHIN = timedelta(days=30)  # 网拍规定 §26: re-auction within 30 days of a failure
ONLINE_ROUNDS = 2  # 网拍规定 §26: one re-auction after the first, no third online auction
# 网拍规定 §26 "may be sold on the same platform": the 60-day window is practice (UNVERIFIED,
# cn-legal-rules §5.2), so the policy may change it.
SALE_WINDOW_DAYS = 60
SLOW_KINDS = (AssetKind.REAL_ESTATE, AssetKind.OTHER_RIGHT)


class RoundResult(StrEnum):
    SOLD = "sold"  # 成交
    FAILED = "failed"  # 流拍
    WITHDRAWN = "withdrawn"  # 撤回
    SUSPENDED = "suspended"  # 暂缓
    HALTED = "halted"  # 中止
    DEFAULTED = "defaulted"  # 悔拍: the buyer did not pay


PLANNED = "planned"


class Mode(StrEnum):
    AUCTION = "auction"  # 网络司法拍卖
    SALE = "sale"  # 变卖 on the same platform after two failed auctions (网拍规定 §26)


# Only a round that ended without a sale has a successor (网拍规定 §26).
ENDED_UNSOLD = frozenset({RoundResult.FAILED, RoundResult.DEFAULTED})
# VAL-01: planning a round shows the price fixed and the sale started (参考价规定 §§1, 30).
MET_BY_PLANNING = (DeadlineKind.REFERENCE_PRICE, DeadlineKind.SALE_START)


class RoundRefused(DomainError):
    """A round that cannot be planned or a result that cannot be recorded."""


class AuctionRuleBroken(DomainError):
    """A plan breaks a rule: told as `{rule}: {rule_text} ({citation})`, the rule's own
    message a template filled with `values` (so it is said in the reader's language too)."""

    def __init__(self, message: str, /, *, rule: str, citation: str, **values: object) -> None:
        text = Told(message, **values)
        super().__init__(
            "{rule}: {rule_text} ({citation})", rule=rule, rule_text=text, citation=citation
        )
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
    level: int = 0  # which online auction (1 or 2); 0: the round's number
    after_default: bool = False  # the re-run of a round whose buyer defaulted (悔拍)
    fixed_reference: Decimal | None = None  # the asset's price fixed with `auction price`
    fixed_on: date | None = None

    @property
    def auction(self) -> int:
        return self.level or self.number


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
    if plan.after_default and plan.starting_price != plan.previous_starting_price:
        raise AuctionRuleBroken(
            "after the buyer's default the re-auction keeps the starting price {previous}, "
            "not {starting}",
            rule="AUC-07",
            citation="网拍规定 §24",
            previous=plan.previous_starting_price,
            starting=plan.starting_price,
        )
    if plan.fixed_reference is None:
        # 参考价规定 §§1, 30 and 网拍规定 §10: a sale starts from a reference price the court fixed.
        raise AuctionRuleBroken(
            "no reference price has been fixed for the asset: record it with `auction price` "
            "before planning a round",
            rule="VAL-01",
            citation="网拍规定 §10; 参考价规定 §§1, 30",
        )
    if plan.reference_price != plan.fixed_reference:
        raise AuctionRuleBroken(
            "reference price {reference} is not the one fixed for the asset ({fixed})",
            rule="VAL-02",
            citation="网拍规定 §10; 参考价规定 §30",
            reference=plan.reference_price,
            fixed=plan.fixed_reference,
        )
    valid_until = plan.fixed_on and add_years(plan.fixed_on, PRICE_VALID_YEARS)
    if plan.auction == 1 and valid_until and plan.notice_on > valid_until:
        raise AuctionRuleBroken(
            "the first notice on {notice_on} is after the reference price's validity "
            "(fixed {fixed_on}, valid to {valid_until}): fix a new price",
            rule="VAL-03",
            citation="参考价规定 §27",
            notice_on=plan.notice_on,
            fixed_on=plan.fixed_on,
            valid_until=valid_until,
        )
    level = plan.auction
    floor = lowest_starting_price(level, plan.reference_price, plan.previous_starting_price)
    if plan.after_default:
        floor = plan.starting_price
    prices = {"starting": plan.starting_price, "floor": floor}
    if level == 1 and plan.starting_price < floor:
        raise AuctionRuleBroken(
            "starting price {starting} below 70% of {reference} ({floor})",
            rule="AUC-01",
            citation="网拍规定 §10",
            reference=plan.reference_price,
            **prices,
        )
    if level > 1 and plan.starting_price < floor:
        raise AuctionRuleBroken(
            "re-auction starting price {starting} below 80% of the previous ({floor})",
            rule="AUC-01",
            citation="网拍规定 §26",
            **prices,
        )
    days = notice_days(plan.asset_kind, level)
    if (plan.starts_at.date() - plan.notice_on).days < days:
        raise AuctionRuleBroken(
            "notice on {notice_on} is less than {days} days before the start",
            rule="AUC-02",
            citation="网拍规定 §§12, 26",
            notice_on=plan.notice_on,
            days=days,
        )
    low, high = (
        to_cents(plan.starting_price * DEPOSIT_MIN),
        to_cents(plan.starting_price * DEPOSIT_MAX),
    )
    if not low <= plan.deposit <= high:
        raise AuctionRuleBroken(
            "deposit {deposit} outside {low}-{high}",
            rule="AUC-03",
            citation="网拍规定 §17",
            deposit=plan.deposit,
            low=low,
            high=high,
        )
    if plan.ends_at - plan.starts_at < MIN_BIDDING:
        raise AuctionRuleBroken(
            "bidding lasts less than 24 hours", rule="AUC-04", citation="网拍规定 §20"
        )
    failed = plan.previous_failed_on
    late = failed is not None and plan.starts_at.date() - failed > REAUCTION_WITHIN
    if level > 1 and not plan.after_default and late:
        raise AuctionRuleBroken(
            "re-auction more than 30 days after the failure on {failed}",
            rule="AUC-05",
            citation="网拍规定 §26",
            failed=failed,
        )
    if plan.necessary_home and not plan.home_exception.strip():
        raise AuctionRuleBroken(
            "a necessary home may be seized but not auctioned without a recorded exception",
            rule="SEIZE-05",
            citation="查封规定 §4; 执行异议复议规定 §20",
        )


def check_sale(rounds: Sequence[tuple[int, str, str]], *, asset: int) -> None:
    """变卖 follows two failed online auctions, once (网拍规定 §26); rounds as (number, status,
    mode) in order."""
    auctions = [r for r in rounds if r[2] == Mode.AUCTION]
    failed = sum(1 for r in auctions if r[1] == RoundResult.FAILED)
    if any(r[2] == Mode.SALE for r in rounds):
        raise RoundRefused(
            "asset {asset} has had its 变卖 already: 以物抵债 or lift the seizure", asset=asset
        )
    if failed < ONLINE_ROUNDS or not rounds or rounds[-1][1] != RoundResult.FAILED:
        raise AuctionRuleBroken(
            "变卖 of asset {asset} follows two failed online auctions ({failed} so far)",
            rule="AUC-09",
            citation="网拍规定 §26",
            asset=asset,
            failed=failed,
        )


def in_disposal(rounds: Sequence[tuple[str, str, str | None]]) -> bool:
    """终本规定 §1(3): is the asset still being disposed of? Its rounds as (status, mode,
    ruling) in order: the last one planned, sold but its ruling not yet served, defaulted
    (the re-run is due), or failed with a lawful next round or 变卖 still open to it. A
    failed 变卖, or an in-lieu ruling, ends it."""
    if not rounds:
        return False
    status, mode, ruling = rounds[-1]
    if ruling is not None:
        return False
    if status in (PLANNED, RoundResult.SOLD, RoundResult.DEFAULTED):
        return True
    # A failed auction is followed by a re-auction, or by 变卖 after the second (网拍规定 §26).
    return status == RoundResult.FAILED and mode == Mode.AUCTION


def online_auction(rounds: Sequence[tuple[int, str]]) -> int:
    """Which online auction a round after these is: one more than the failed ones (a re-run
    after a buyer's default, 悔拍, is the same auction again)."""
    return 1 + sum(1 for _, status in rounds if status == RoundResult.FAILED)


def next_round_number(rounds: Sequence[tuple[int, str]], *, asset: int) -> int:
    """The number the asset's next round gets, given its rounds' (number, status) in order;
    refused while the last one is planned, running or sold, and after two failed online
    auctions (网拍规定 §26: 变卖 or 以物抵债 follow, not a third)."""
    if rounds and rounds[-1][1] not in ENDED_UNSOLD:
        number, status = rounds[-1]
        raise RoundRefused(
            "round {number} of asset {asset} is {status}", number=number, asset=asset, status=status
        )
    if online_auction(rounds) > ONLINE_ROUNDS:
        raise AuctionRuleBroken(
            "asset {asset} failed two online auctions: no third; 变卖 on the same platform, "
            "以物抵债 at the second's starting price, or the seizure is lifted",
            rule="AUC-06",
            citation="网拍规定 §26; 拍卖变卖规定 §§16, 24-25",
            asset=asset,
        )
    return len(rounds) + 1


DEPOSIT_PROPOSED = Decimal("0.10")  # inside 网拍规定 §17's 5%-20%; legal staff may change it
BIDDING_OPENS = time(10, 0)  # platforms open bidding in the morning; any hour is lawful


def propose_round(
    *,
    number: int,
    asset_kind: AssetKind,
    reference_price: Decimal,
    notice_on: date,
    tz: tzinfo,
    level: int = 0,
    after_default: bool = False,
    fixed_on: date | None = None,
    previous_starting_price: Decimal | None = None,
    previous_failed_on: date | None = None,
    necessary_home: bool = False,
    home_exception: str = "",
) -> RoundPlan:
    """The earliest lawful round announced on `notice_on`: the lowest lawful starting price,
    the shortest notice, a 10% deposit, 24 hours of bidding. Refused (AuctionRuleBroken)
    when no lawful round exists, e.g. a re-auction announced too late to start within the
    30 days (AUC-05) or a necessary home without a recorded exception (SEIZE-05)."""
    auction = level or number
    start_day = notice_on + timedelta(days=notice_days(asset_kind, auction))
    starting = lowest_starting_price(auction, reference_price, previous_starting_price)
    if after_default and previous_starting_price is not None:
        starting = previous_starting_price  # 网拍规定 §24: the same starting price
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
        level=level,
        after_default=after_default,
        fixed_reference=reference_price,
        fixed_on=fixed_on,
    )
    check_round(plan)  # the proposal obeys the same rules as any plan, by construction
    return plan
