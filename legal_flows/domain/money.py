"""Money as Decimal CNY, rounded the way a court judgment rounds: to the fen, half up."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def floor_cents(amount: Decimal) -> Decimal:
    """Round down: a cap must never be exceeded by rounding."""
    return amount.quantize(CENT, rounding=ROUND_DOWN)


def cny(amount: Decimal) -> str:
    return f"{to_cents(amount):,.2f}"
