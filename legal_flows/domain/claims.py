"""What the bank may claim: principal, and charges within the cost cap (INT-01)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from legal_flows.domain.money import ZERO, floor_cents

DAYS_PER_YEAR = Decimal(365)


@dataclass(frozen=True, slots=True)
class Claim:
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    fees: Decimal

    @property
    def charges(self) -> Decimal:
        return self.interest + self.penalty + self.fees

    @property
    def total(self) -> Decimal:
        return self.principal + self.charges


@dataclass(frozen=True, slots=True)
class CappedClaim:
    claim: Claim
    annualised_rate: Decimal  # of the charges asked for, over the principal, per year
    allowed_charges: Decimal
    capped: bool


def annualised_cost(claim: Claim, *, overdue_since: date, balance_date: date) -> Decimal:
    """Interest + 违约金 + fees as a yearly rate of the principal over the default period."""
    days = max((balance_date - overdue_since).days, 1)
    if claim.principal <= 0:
        return ZERO
    return (claim.charges / claim.principal * DAYS_PER_YEAR / days).quantize(Decimal("0.0001"))


def cap_charges(
    claim: Claim, *, overdue_since: date, balance_date: date, cap_rate: Decimal
) -> CappedClaim:
    """Cut the charges to the cap: fees first, then 违约金, then interest.

    法发〔2017〕22号 §2 (INT-01): the annualised total of interest, 违约金 and fees is supported
    up to the cap. Fees and 违约金 are the items courts strike first (each needs its own clause
    and proof that it was explained), so the contractual interest is kept longest.
    """
    days = max((balance_date - overdue_since).days, 1)
    allowed = floor_cents(claim.principal * cap_rate * days / DAYS_PER_YEAR)
    rate = annualised_cost(claim, overdue_since=overdue_since, balance_date=balance_date)
    excess = claim.charges - allowed
    if excess <= 0:
        return CappedClaim(claim, rate, allowed, capped=False)
    fees = max(claim.fees - excess, ZERO)
    excess -= claim.fees - fees
    penalty = max(claim.penalty - excess, ZERO)
    excess -= claim.penalty - penalty
    interest = max(claim.interest - excess, ZERO)
    capped = Claim(claim.principal, interest, penalty, fees)
    return CappedClaim(capped, rate, allowed, capped=True)
