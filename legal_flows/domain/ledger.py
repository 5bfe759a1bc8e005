"""The debt ledger: what a debtor owes on a day, item by item, to the fen (cn-legal-rules §3.4).

From what the instrument awarded (or the claim taken as awarded), the ledger replays the money
received in date order. Before each payment it accrues, through the payment day:
- the continuing interest the instrument grants (至实际清偿之日止) on the principal still owed,
  at its yearly rate within the cost cap, 365 days a year as the claims are computed;
- the doubled late-performance interest (民诉法 §264; 迟延履行利息解释 2014 §§1-2): 0.0175% a
  day on every money debt awarded but ordinary interest, from the day after the performance
  period (instalments: each from the day after its own due date), each paid part stopping on
  the day it is paid (a sale or in-lieu ruling counts as paid on the day it takes effect);
then applies the payment in law's order: the judged debt by the waterfall (民法典 §561: costs,
interest, principal, as configured), the doubled interest after it (解释 §4).

Every line says its base, days, rate and citation, so a payoff quote can be checked by hand.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from legal_flows.domain.claims import DAYS_PER_YEAR
from legal_flows.domain.fees import enforcement_fee
from legal_flows.domain.instrument import LATE_CITATION, Terms
from legal_flows.domain.money import ZERO, to_cents

# 民诉法 §264 (2023); 迟延履行利息解释 (2014) §1: 0.0175% a day.
LATE_RATE_PER_DAY = Decimal("0.000175")
LATE = f"《中华人民共和国民事诉讼法》第二百六十四条；{LATE_CITATION}"
FEE_ENFORCED = "《诉讼费用交纳办法》第十四条第（一）项、第二十条"
COSTS = "《诉讼费用交纳办法》第二十九条"
COSTS_ESTIMATED = f"{COSTS}（文书未载明负担数额，按支持金额占诉请比例估算）"
CONTINUING = "《中华人民共和国民法典》第六百七十六条"

# The items of the debt, grouped by the waterfall's buckets; inside a bucket, in this order
# (the enforcement fee is taken from the money before the costs the judgment awarded, ordinary
# interest before the fees).
BUCKET_ITEMS: dict[str, tuple[str, ...]] = {
    "costs": ("enforcement_fee", "costs"),
    "interest": ("interest", "continuing", "fees"),
    "penalty": ("penalty",),
    "principal": ("principal",),
    "late": ("late",),
}
ITEMS = tuple(item for items in BUCKET_ITEMS.values() for item in items)
# 迟延履行利息解释 §1: the base is every money debt awarded but ordinary interest; the
# enforcement fee is not awarded by the instrument, so it is no part of it.
LATE_BASE_ITEMS = ("costs", "fees", "penalty", "principal")
LABELS = {
    "principal": "本金",
    "interest": "利息",
    "continuing": "继续计付的利息",
    "fees": "手续费等费用",
    "penalty": "违约金",
    "costs": "诉讼费用",
    "enforcement_fee": "申请执行费",
    "late": "迟延履行期间的加倍部分债务利息",
}
FEE_BASES = ("enforced", "applied")
ONE_DAY = timedelta(days=1)


class Payment(NamedTuple):
    """Money received on a day; `of_sale` for a sale's price paid out by the court (its value
    already stopped the doubled interest on the day the sale ruling took effect)."""

    on: date
    amount: Decimal
    of_sale: bool = False


class Line(NamedTuple):
    """One charge: an awarded amount, or an accrual over days on a base at a rate (tuples:
    the recovery report builds a ledger for every case)."""

    item: str
    amount: Decimal
    citation: str
    base: Decimal | None = None
    from_on: date | None = None
    to_on: date | None = None
    rate: Decimal | None = None
    per: str = ""  # "year" (÷365 a day) or "day"

    @property
    def days(self) -> int | None:
        if self.from_on is None or self.to_on is None:
            return None
        return (self.to_on - self.from_on).days + 1


class Applied(NamedTuple):
    on: date
    amount: Decimal
    paid: dict[str, Decimal]  # per item
    surplus: Decimal


@dataclass(frozen=True)
class LedgerRules:
    """The bank's choices: the order of the judged debt's buckets (民法典 §561 unless agreed;
    "late" placed in it overrides 解释 §4's "after the judged debt"), the basis of the
    enforcement fee (交纳办法 §20: most courts charge on the amount actually enforced), and the
    cap on the continuing interest's yearly rate (法发〔2017〕22号 §2)."""

    order: tuple[str, ...] = ("costs", "interest", "penalty", "principal")  # 民法典 §561
    fee_on: str = "enforced"
    cost_cap: Decimal = Decimal("0.24")

    @property
    def buckets(self) -> tuple[str, ...]:
        return self.order if "late" in self.order else (*self.order, "late")


@dataclass(frozen=True)
class Debt:
    """What the ledger starts from: the terms, the instrument's words for citing them, when
    it took effect (None: not yet, so nothing is late), when enforcement was registered."""

    terms: Terms
    source: str
    effective_on: date | None = None
    enforcement_on: date | None = None
    # Sale rulings served: (day, price). 迟延履行利息解释 §2: the doubled interest on the value
    # realised stops that day, though the court pays the money out later.
    realised: tuple[Payment, ...] = ()
    # The instrument as recorded does not say what costs the debtor bears: they were shared
    # by what was awarded of what was claimed (domain.fees.costs_in_proportion).
    costs_estimated: bool = False


@dataclass(frozen=True)
class Ledger:
    source: str
    as_of: date
    lines: tuple[Line, ...]
    payments: tuple[Applied, ...]
    owed: dict[str, Decimal]  # per item, on `as_of`
    surplus: Decimal  # more received than owed: goes back to the debtor

    @property
    def outstanding(self) -> Decimal:
        return sum(self.owed.values(), ZERO)

    @property
    def received(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    def charged(self, item: str) -> Decimal:
        return sum((line.amount for line in self.lines if line.item == item), ZERO)

    def paid(self, item: str) -> Decimal:
        return sum((p.paid[item] for p in self.payments), ZERO)

    @property
    def claim_left(self) -> Decimal:
        """What the bank is still owed: the enforcement fee is the court's (交纳办法 §20)."""
        return self.outstanding - self.owed["enforcement_fee"]

    @staticmethod
    def bucket_paid(applied: Applied) -> dict[str, Decimal]:
        return {b: sum((applied.paid[i] for i in items), ZERO) for b, items in BUCKET_ITEMS.items()}

    @property
    def late_base(self) -> Decimal:
        """What the doubled interest runs on from `as_of`: the unpaid awarded money debt but
        ordinary interest."""
        return sum((self.owed[i] for i in LATE_BASE_ITEMS), ZERO)


def debt_ledger(
    debt: Debt, payments: Sequence[Payment], as_of: date, rules: LedgerRules | None = None
) -> Ledger:
    """The ledger on `as_of`: every payment up to that day applied in law's order, every
    accrual to that day inclusive; on the enforced basis the quote includes the fee that
    paying it would bring (so paying the quote leaves nothing)."""
    state = _State(debt, rules or LedgerRules())
    # A ruling before a payment of the same day: its value stops the interest first.
    events = [(r.on, 0, r) for r in debt.realised] + [(p.on, 1, p) for p in payments]
    if len(events) > 1:
        events.sort(key=lambda e: (e[0], e[1]))
    for on, kind, item in events:
        if on > as_of:
            break
        state.accrue_through(on)
        if kind == 0:
            state.realised += item.amount
        else:
            state.pay(item)
    state.accrue_through(as_of)
    state.quote_fee(as_of)
    return Ledger(
        debt.source, as_of, tuple(state.lines), tuple(state.applied), state.owed, state.surplus
    )


@functools.cache
def _items_in_order(buckets: tuple[str, ...]) -> tuple[str, ...]:
    """The items a payment pays, in the buckets' order (cached: one per policy)."""
    return tuple(item for bucket in buckets for item in BUCKET_ITEMS[bucket])


class _State:
    """The replay's running figures (a plain class: the report builds one per case)."""

    __slots__ = (
        "applied",
        "continuing_cited",
        "continuing_through",
        "debt",
        "enforced",
        "fee_applied_charged",
        "fee_charged",
        "late_start",
        "late_through",
        "latest_first",
        "lines",
        "order",
        "owed",
        "principal_paid",
        "rate",
        "realised",
        "rules",
        "surplus",
    )

    def __init__(self, debt: Debt, rules: LedgerRules) -> None:
        self.debt, self.rules = debt, rules
        self.lines: list[Line] = []
        self.applied: list[Applied] = []
        self.surplus = self.principal_paid = self.enforced = self.fee_charged = ZERO
        self.realised = ZERO  # value realised by sale rulings, not yet paid out
        self.fee_applied_charged = False
        self.order = _items_in_order(rules.buckets)
        award = debt.terms.award
        self.owed: dict[str, Decimal] = dict.fromkeys(ITEMS, ZERO)
        for item in ("principal", "interest", "penalty", "fees", "costs"):
            amount = getattr(award, item)
            if amount > 0:
                # The debtor bears the costs because the instrument says so (交纳办法 §29).
                cited = debt.source
                if item == "costs":
                    cited = f"{cited}；{COSTS_ESTIMATED if debt.costs_estimated else COSTS}"
                self.lines.append(Line(item, amount, cited))
                self.owed[item] = amount
        c = debt.terms.continuing
        self.continuing_through: date | None = None
        self.rate = ZERO
        self.continuing_cited = f"{debt.source}；{CONTINUING}"
        if c is not None:
            self.continuing_through = c.from_on - ONE_DAY
            self.rate = min(c.annual_rate, rules.cost_cap)
        self.late_through: date | None = None
        self.late_start: date | None = None  # without instalments: the day after the period
        self.latest_first = sorted(debt.terms.instalments, key=lambda i: i.due, reverse=True)
        if debt.effective_on is not None:
            if not debt.terms.instalments:
                self.late_start = debt.terms.late_from(debt.effective_on)
            self.late_through = min(start for start, _ in self._late_parts()) - ONE_DAY

    # -- accruals ---------------------------------------------------------------------------
    def accrue_through(self, day: date) -> None:
        self._charge_fee_applied(day)
        self._accrue_continuing(day)
        self._accrue_late(day)

    def _accrue_continuing(self, day: date) -> None:
        c = self.debt.terms.continuing
        if c is None or self.continuing_through is None or day <= self.continuing_through:
            return
        start = self.continuing_through + ONE_DAY
        self.continuing_through = day
        base = max(min(c.base - self.principal_paid, self.owed["principal"]), ZERO)
        rate = self.rate
        days = (day - start).days + 1
        amount = to_cents(base * rate * days / DAYS_PER_YEAR)
        if amount > 0:
            line = Line(
                "continuing",
                amount,
                self.continuing_cited,
                base,
                start,
                day,
                rate,
                "year",
            )
            self.lines.append(line)
            self.owed["continuing"] += amount

    def _late_parts(self) -> list[tuple[date, Decimal]]:
        """The unpaid base split by the day each part starts to be late: money received pays
        the earliest instalment first, so what is unpaid is the latest ones (and anything
        beyond the instalments falls due with the last)."""
        owed = self.owed
        unpaid = owed["costs"] + owed["fees"] + owed["penalty"] + owed["principal"]
        unpaid = max(unpaid - self.realised, ZERO)
        if self.late_start is not None:
            return [(self.late_start, unpaid)]
        parts: list[tuple[date, Decimal]] = []
        left = unpaid
        for instalment in self.latest_first:
            part = min(instalment.amount, left)
            left -= part
            parts.append((instalment.due + ONE_DAY, part))
        if left > 0:
            parts[0] = (parts[0][0], parts[0][1] + left)
        return parts

    def _accrue_late(self, day: date) -> None:
        """Each part of the unpaid base from the day it became late (or the last accrual),
        through `day`: one line per part, as a court computes each instalment's."""
        if self.late_through is None or day <= self.late_through:
            return
        cursor = self.late_through + ONE_DAY
        self.late_through = day
        parts = self._late_parts()
        for starts_on, base in sorted(parts) if len(parts) > 1 else parts:
            start = max(cursor, starts_on)
            if start > day or base <= 0:
                continue
            amount = to_cents(base * LATE_RATE_PER_DAY * ((day - start).days + 1))
            if amount > 0:
                self.lines.append(
                    Line("late", amount, LATE, base, start, day, LATE_RATE_PER_DAY, "day")
                )
                self.owed["late"] += amount

    # -- the enforcement fee ----------------------------------------------------------------
    def _enforcement_started(self, day: date) -> bool:
        return self.debt.enforcement_on is not None and self.debt.enforcement_on <= day

    def _charge_fee_applied(self, day: date) -> None:
        if self.rules.fee_on != "applied" or self.fee_applied_charged:
            return
        if not self._enforcement_started(day):
            return
        self.fee_applied_charged = True
        applied_for = self.debt.terms.award.total
        self._charge_fee(enforcement_fee(applied_for), applied_for, self.debt.enforcement_on)

    def _charge_fee(self, fee: Decimal, base: Decimal, on: date | None) -> None:
        increment = fee - self.fee_charged
        if increment > 0:
            self.fee_charged = fee
            self.owed["enforcement_fee"] += increment
            self.lines.append(Line("enforcement_fee", increment, FEE_ENFORCED, base, on, on))

    def quote_fee(self, as_of: date) -> None:
        """On the enforced basis, the fee that paying the whole quote would bring: the least
        x with x = owed + fee(enforced + x) − fee charged (the fee grows at most 1.5% of x)."""
        if self.rules.fee_on != "enforced" or not self._enforcement_started(as_of):
            return
        owed = sum(self.owed.values(), ZERO)
        if owed <= 0:
            return
        x = owed
        for _ in range(50):
            nxt = owed + max(enforcement_fee(self.enforced + x) - self.fee_charged, ZERO)
            if nxt == x:
                break
            x = nxt
        self._charge_fee(self.fee_charged + x - owed, self.enforced + x, as_of)

    # -- payments ---------------------------------------------------------------------------
    def pay(self, payment: Payment) -> None:
        if self.rules.fee_on == "enforced" and self._enforcement_started(payment.on):
            self.enforced += payment.amount
            self._charge_fee(enforcement_fee(self.enforced), self.enforced, payment.on)
        left, paid, owed = payment.amount, dict.fromkeys(ITEMS, ZERO), self.owed
        for item in self.order:
            if left <= 0:
                break
            take = min(left, owed[item])
            paid[item] = take
            owed[item] -= take
            left -= take
        self.principal_paid += paid["principal"]
        if payment.of_sale:
            self.realised = max(self.realised - payment.amount, ZERO)
        self.surplus += left
        self.applied.append(Applied(payment.on, payment.amount, paid, left))
