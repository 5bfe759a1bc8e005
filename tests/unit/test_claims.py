from datetime import date, timedelta
from decimal import Decimal

import pytest

from legal_flows.domain.claims import Claim, annualised_cost, cap_charges

CAP = Decimal("0.24")
BALANCE = date(2026, 11, 29)
YEAR_AGO = BALANCE - timedelta(days=365)


def claim(
    principal: str = "10000.00", interest: str = "0.00", penalty: str = "0.00", fees: str = "0.00"
) -> Claim:
    return Claim(Decimal(principal), Decimal(interest), Decimal(penalty), Decimal(fees))


def test_claim_total_is_principal_plus_charges() -> None:
    c = claim(interest="1800.00", penalty="500.00", fees="300.00")
    assert c.charges == Decimal("2600.00")
    assert c.total == Decimal("12600.00")


@pytest.mark.parametrize(
    ("asked", "days", "rate"),
    [
        (claim(interest="2400.00"), 365, Decimal("0.2400")),
        (claim(interest="1000.00", penalty="100.00", fees="100.00"), 365, Decimal("0.1200")),
        (claim(interest="1200.00"), 182, Decimal("0.2407")),  # 0.240659... rounded
        (claim(interest="100.00"), 30, Decimal("0.1217")),  # 0.121666...
        (claim(), 365, Decimal("0.0000")),
    ],
)
def test_annualised_cost_is_charges_over_principal_per_year(
    asked: Claim, days: int, rate: Decimal
) -> None:
    since = BALANCE - timedelta(days=days)
    assert annualised_cost(asked, overdue_since=since, balance_date=BALANCE) == rate


def test_annualised_cost_counts_at_least_one_day() -> None:
    asked = claim(interest="10.00")
    same_day = annualised_cost(asked, overdue_since=BALANCE, balance_date=BALANCE)
    backwards = annualised_cost(asked, overdue_since=BALANCE, balance_date=YEAR_AGO)
    assert same_day == backwards == Decimal("0.3650")  # 10 / 10000 * 365 / 1


def test_annualised_cost_of_zero_principal_is_zero() -> None:
    asked = claim(principal="0.00", interest="10.00")
    assert annualised_cost(asked, overdue_since=YEAR_AGO, balance_date=BALANCE) == Decimal(0)


def test_charges_within_the_cap_are_kept_whole() -> None:
    asked = claim(interest="1800.00", penalty="400.00", fees="200.00")  # exactly 24%
    result = cap_charges(asked, overdue_since=YEAR_AGO, balance_date=BALANCE, cap_rate=CAP)
    assert not result.capped
    assert result.claim == asked
    assert result.allowed_charges == Decimal("2400.00")
    assert result.annualised_rate == Decimal("0.2400")


@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        # 2,600 asked, 2,400 allowed: the 200 excess comes out of the fees alone.
        (
            claim(interest="1800.00", penalty="500.00", fees="300.00"),
            claim(interest="1800.00", penalty="500.00", fees="100.00"),
        ),
        # 2,750 asked: 350 excess, fees 150 go, then 200 of the penalty.
        (
            claim(interest="2200.00", penalty="400.00", fees="150.00"),
            claim(interest="2200.00", penalty="200.00", fees="0.00"),
        ),
        # 2,650 asked: fees 50 and penalty 100 go, then 100 of the interest.
        (
            claim(interest="2500.00", penalty="100.00", fees="50.00"),
            claim(interest="2400.00", penalty="0.00", fees="0.00"),
        ),
        # Interest alone above the cap.
        (claim(interest="3000.00"), claim(interest="2400.00")),
    ],
)
def test_charges_above_the_cap_are_cut_fees_then_penalty_then_interest(
    asked: Claim, kept: Claim
) -> None:
    result = cap_charges(asked, overdue_since=YEAR_AGO, balance_date=BALANCE, cap_rate=CAP)
    assert result.capped
    assert result.claim == kept
    assert result.claim.charges == result.allowed_charges == Decimal("2400.00")
    assert result.claim.principal == asked.principal


def test_capped_claim_reports_the_rate_asked_for() -> None:
    asked = claim(interest="3000.00", fees="600.00")
    result = cap_charges(asked, overdue_since=YEAR_AGO, balance_date=BALANCE, cap_rate=CAP)
    assert result.annualised_rate == Decimal("0.3600")
    assert result.claim == claim(interest="2400.00")


def test_cap_over_part_of_a_year_is_pro_rata() -> None:
    since = BALANCE - timedelta(days=73)  # a fifth of a year: 10000 × 24% / 5 = 480
    result = cap_charges(
        claim(interest="500.00", fees="20.00"),
        overdue_since=since,
        balance_date=BALANCE,
        cap_rate=CAP,
    )
    assert result.allowed_charges == Decimal("480.00")
    assert result.claim == claim(interest="480.00")


def test_rounding_never_takes_the_claim_above_the_cap() -> None:
    # 10000 × 0.24 × 200 / 365 = 1315.0684...: half-up would give 1315.07, above 24%.
    since = BALANCE - timedelta(days=200)
    asked = claim(interest="1400.00", penalty="10.00")
    result = cap_charges(asked, overdue_since=since, balance_date=BALANCE, cap_rate=CAP)
    assert result.allowed_charges == Decimal("1315.06")
    assert result.claim == claim(interest="1315.06")
    yearly = result.claim.charges / result.claim.principal * 365 / 200
    assert yearly <= CAP


@pytest.mark.parametrize(
    ("principal", "days"), [("12345.67", 45), ("9876.54", 59), ("10000.00", 181), ("33333.33", 1)]
)
def test_capped_charges_never_exceed_the_cap_rate(principal: str, days: int) -> None:
    since = BALANCE - timedelta(days=days)
    asked = claim(principal=principal, interest="50000.00", penalty="7.77", fees="3.33")
    result = cap_charges(asked, overdue_since=since, balance_date=BALANCE, cap_rate=CAP)
    charges = result.claim.charges
    assert charges * 365 / days <= result.claim.principal * CAP
    # ... and lose less than a fen to rounding.
    assert (charges + Decimal("0.01")) * 365 / days > result.claim.principal * CAP
    assert charges == charges.quantize(Decimal("0.01"))


def test_capped_amounts_stay_decimal() -> None:
    result = cap_charges(
        claim(interest="3000.00", penalty="10.00", fees="5.00"),
        overdue_since=YEAR_AGO,
        balance_date=BALANCE,
        cap_rate=CAP,
    )
    c = result.claim
    for amount in (c.principal, c.interest, c.penalty, c.fees, result.allowed_charges):
        assert type(amount) is Decimal
