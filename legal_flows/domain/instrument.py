"""What a judgment, mediation, payment order or ruling decided (执行依据), as the bank records
it: the awarded amounts, the continuing interest, when it is to be performed.

The enforcement application asks for what the instrument awarded, not what was claimed; the
doubled late-performance interest runs on every money debt it awarded but ordinary interest
(迟延履行利息解释 §1), from the day after its performance period (§2), each instalment from the
day after its own due date.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from legal_flows.domain.dates import add_days
from legal_flows.domain.deadlines import PERFORMANCE_DAYS as PERFORM_WITHIN_DAYS
from legal_flows.domain.errors import DomainError
from legal_flows.domain.money import ZERO, to_cents

LATE_CITATION = (
    "《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》第一条、第二条"
)
AWARD_KEYS = ("principal", "interest", "penalty", "fees", "costs")


class InstrumentKind(StrEnum):
    """The court event that records an instrument, and what the instrument is called."""

    JUDGMENT = "judgment"
    MEDIATION = "mediation"
    PAYMENT_ORDER = "payment_order_issued"
    RULING = "ruling"

    @property
    def words(self) -> str:
        return INSTRUMENT_WORDS[self.value]


INSTRUMENT_WORDS = {
    "judgment": "民事判决书",
    "mediation": "民事调解书",
    "payment_order_issued": "支付令",
    "ruling": "民事裁定书",
}


@dataclass(frozen=True)
class Award:
    principal: Decimal = ZERO
    interest: Decimal = ZERO  # ordinary (contract) interest to the cut-off
    penalty: Decimal = ZERO  # 违约金
    fees: Decimal = ZERO
    costs: Decimal = ZERO  # court costs the debtor bears

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.penalty + self.fees + self.costs

    @property
    def late_base(self) -> Decimal:
        """迟延履行利息解释 §1: every money debt awarded but ordinary interest."""
        return self.principal + self.penalty + self.fees + self.costs


@dataclass(frozen=True)
class Continuing:
    """Interest granted 至实际清偿之日止: its base, its yearly rate, from when."""

    base: Decimal
    annual_rate: Decimal
    from_on: date


@dataclass(frozen=True)
class Instalment:
    due: date
    amount: Decimal


@dataclass(frozen=True)
class Terms:
    """What the instrument decided; `from_claim` when the bank recorded no terms and the
    claim is taken as awarded (the case says so)."""

    award: Award
    continuing: Continuing | None = None
    perform_within_days: int = PERFORM_WITHIN_DAYS
    instalments: tuple[Instalment, ...] = field(default_factory=tuple)
    from_claim: bool = False
    # Whether the instrument as recorded says what costs the debtor bears ([award] costs);
    # when not, they are estimated (domain.fees.costs_in_proportion).
    costs_stated: bool = True

    def performance_deadline(self, effective_on: date) -> date:
        """The last day to perform: the term after the instrument takes effect, or the last
        instalment's due date."""
        if self.instalments:
            return max(i.due for i in self.instalments)
        return add_days(effective_on, self.perform_within_days)

    def late_from(self, effective_on: date) -> date:
        if self.instalments:
            return min(i.due for i in self.instalments) + timedelta(days=1)
        return self.performance_deadline(effective_on) + timedelta(days=1)

    def as_dict(self) -> dict[str, Any]:
        return {
            "award": {k: str(getattr(self.award, k)) for k in AWARD_KEYS},
            "continuing": None
            if self.continuing is None
            else {
                "base": str(self.continuing.base),
                "annual_rate": str(self.continuing.annual_rate),
                "from": self.continuing.from_on.isoformat(),
            },
            "perform_within_days": self.perform_within_days,
            "instalments": [
                {"due": i.due.isoformat(), "amount": str(i.amount)} for i in self.instalments
            ],
            "from_claim": self.from_claim,
            "costs_stated": self.costs_stated,
        }


class TermsProblem(DomainError, ValueError):
    """The terms as written cannot be read; the message names the key (told, so the service
    wrapping it with the file's name says it in the reader's language)."""


def terms_from(values: dict[str, Any], *, kind: InstrumentKind) -> Terms:
    """Terms from their TOML or stored form, every key checked (TermsProblem naming it)."""
    known = {
        "award",
        "continuing",
        "perform_within_days",
        "instalments",
        "from_claim",
        "costs_stated",
    }
    unknown = sorted(set(values) - known)
    if unknown:
        raise TermsProblem("unknown key(s): {keys}", keys=", ".join(unknown))
    award_values = _table(values.get("award"), "award")
    bad = sorted(set(award_values) - set(AWARD_KEYS))
    if bad:
        raise TermsProblem("unknown key(s) in [award]: {keys}", keys=", ".join(bad))
    award = Award(**{k: _money(award_values[k], f"award.{k}") for k in award_values})
    if award.principal <= 0 and award.total <= 0:
        raise TermsProblem("[award] awards nothing: give at least principal")
    continuing = None
    if values.get("continuing") is not None:
        c = _table(values["continuing"], "continuing")
        missing = [k for k in ("base", "annual_rate", "from") if k not in c]
        if missing:
            raise TermsProblem("[continuing] needs {keys}", keys=", ".join(missing))
        rate = _money(c["annual_rate"], "continuing.annual_rate", places=None)
        if not ZERO < rate < 1:
            raise TermsProblem(
                "continuing.annual_rate = {rate} is a yearly rate between 0 and 1", rate=rate
            )
        continuing = Continuing(
            _money(c["base"], "continuing.base"), rate, _date(c["from"], "continuing.from")
        )
    days = values.get("perform_within_days", _default_days(kind))
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise TermsProblem(
            "perform_within_days = {days!r} is a number of days (0 or more)", days=days
        )
    instalments = tuple(
        Instalment(
            _date(_table(i, "instalments").get("due"), f"instalments[{n}].due"),
            _money(i.get("amount"), f"instalments[{n}].amount"),
        )
        for n, i in enumerate(values.get("instalments") or [])
    )
    stated = bool(values.get("costs_stated", "costs" in award_values))
    from_claim = bool(values.get("from_claim", False))
    return Terms(award, continuing, days, instalments, from_claim, costs_stated=stated)


def _default_days(kind: InstrumentKind) -> int:
    # 民诉法 §227: a payment order is performed within 15 days of service, before it takes
    # effect; once effective it is due at once.
    return 0 if kind == InstrumentKind.PAYMENT_ORDER else PERFORM_WITHIN_DAYS


def _table(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TermsProblem("[{name}] must be a table", name=name)
    return value


def _money(value: Any, name: str, places: int | None = 2) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise TermsProblem("{name} = {value!r} is not an amount", name=name, value=value) from None
    if not amount.is_finite() or amount < 0:
        raise TermsProblem(
            "{name} = {value!r} is not an amount (0 or more)", name=name, value=value
        )
    return to_cents(amount) if places == 2 else amount


def _date(value: Any, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise TermsProblem(
            "{name} = {value!r} is not a date (YYYY-MM-DD)", name=name, value=value
        ) from None
