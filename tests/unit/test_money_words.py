from datetime import date
from decimal import Decimal

import pytest

from legal_flows.domain.dates import chinese_date
from legal_flows.domain.money import amount_in_capitals


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # Worked examples of 支付结算办法 附件一 and the issue's own example.
        ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("107000.53", "壹拾万柒仟元零伍角叁分"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("16.00", "壹拾陆元整"),
        ("1000001", "壹佰万零壹元整"),
        ("100000000", "壹亿元整"),
        ("100070000", "壹亿零柒万元整"),
        ("2000000.10", "贰佰万元零壹角"),
        ("0.50", "伍角"),
        ("0.05", "伍分"),
        ("0", "零元整"),
        ("5000", "伍仟元整"),
        ("30010.01", "叁万零壹拾元零壹分"),
    ],
)
def test_amount_is_written_in_capitals_as_on_a_bill(amount, words):
    assert amount_in_capitals(Decimal(amount)) == words


def test_amount_in_capitals_rounds_to_the_fen_half_up():
    assert amount_in_capitals(Decimal("0.125")) == "壹角叁分"


def test_negative_amount_has_no_capitals():
    with pytest.raises(ValueError, match="never negative"):
        amount_in_capitals(Decimal("-1"))


def test_court_dates_have_no_leading_zeros():
    assert chinese_date(date(2026, 11, 29)) == "2026年11月29日"
    assert chinese_date(date(2027, 1, 5)) == "2027年1月5日"
