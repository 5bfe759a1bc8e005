"""Court fees (诉讼费用交纳办法, 2006; cn-legal-rules §1.7, FEE-01)."""

from decimal import Decimal

from legal_flows.domain.money import to_cents

D = Decimal
# 交纳办法 §13(1): filing fee for money claims, charged cumulatively by band.
FILING_BANDS = (
    (D("10000"), None),  # up to 10,000: 50 flat
    (D("100000"), D("0.025")),
    (D("200000"), D("0.02")),
    (D("500000"), D("0.015")),
    (D("1000000"), D("0.01")),
    (D("2000000"), D("0.009")),
    (D("5000000"), D("0.008")),
    (D("10000000"), D("0.007")),
    (D("20000000"), D("0.006")),
    (None, D("0.005")),
)
# 交纳办法 §14(1): enforcement fee, paid after enforcement (§20).
ENFORCEMENT_BANDS = (
    (D("10000"), None),  # up to 10,000: 50 flat
    (D("500000"), D("0.015")),
    (D("5000000"), D("0.01")),
    (D("10000000"), D("0.005")),
    (None, D("0.001")),
)
FLAT = D("50")


def _banded(amount: Decimal, bands: tuple[tuple[Decimal | None, Decimal | None], ...]) -> Decimal:
    fee, lower = FLAT, D("0")
    for upper, rate in bands:
        if rate is not None and amount > lower:
            top = amount if upper is None else min(amount, upper)
            fee += (top - lower) * rate
        if upper is None or amount <= upper:
            break
        lower = upper
    return to_cents(fee)


def filing_fee(claim: Decimal, *, procedure: str = "ordinary", ended_by: str = "") -> Decimal:
    """交纳办法 §13: by band; halved for the simplified procedure (§16) or a case ending in
    mediation or withdrawal (§15); a third for a payment order (§14(3))."""
    fee = _banded(claim, FILING_BANDS)
    if procedure == "payment_order":
        return to_cents(fee / 3)
    if procedure in ("simplified", "small_claims") or ended_by in ("mediation", "withdrawal"):
        return to_cents(fee / 2)
    return fee


def preservation_fee(amount: Decimal) -> Decimal:
    """交纳办法 §14(2): 30 up to 1,000; 1% to 100,000; 0.5% above; never over 5,000."""
    if amount <= D("1000"):
        return D("30.00")
    fee = D("30") + (min(amount, D("100000")) - D("1000")) * D("0.01")
    if amount > D("100000"):
        fee += (amount - D("100000")) * D("0.005")
    return to_cents(min(fee, D("5000")))


def costs_in_proportion(costs: Decimal, *, awarded: Decimal, claimed: Decimal) -> Decimal:
    """The debtor's share of the court costs where the instrument as recorded does not say:
    in proportion to what was awarded of what was claimed, never more than the whole.

    交纳办法 §29: the losing party bears the costs; on a partial win the court decides each
    party's share. Sharing them in the ratio awarded/claimed is the common practice, not a
    rule (UNVERIFIED): the instrument's own figure, when recorded, replaces this estimate.
    """
    if claimed <= 0 or awarded >= claimed:
        return costs
    return to_cents(costs * awarded / claimed)


def enforcement_fee(amount: Decimal) -> Decimal:
    return _banded(amount, ENFORCEMENT_BANDS)


def costs_borne_by_debtor(
    claim: Decimal, *, procedure: str, ended_by: str = "", preserved: Decimal | None = None
) -> Decimal:
    """What the losing debtor bears (交纳办法 §29) where no instrument's costs are recorded: the
    filing fee by the procedure the court used (§§14-16), the preservation fee on the amount
    the ruling preserved (§14(2)). The enforcement fee comes with enforcement (the ledger)."""
    costs = filing_fee(claim, procedure=procedure, ended_by=ended_by)
    if preserved is not None:
        costs += preservation_fee(preserved)
    return costs
