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


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("仟", "佰", "拾", "")
_GROUPS = ("", "万", "亿", "万亿")


def _group_in_capitals(group: str) -> str:
    """Four digits with 仟佰拾: zeros between digits become one 零, trailing zeros nothing."""
    out, zero = "", False
    for digit, place in zip(group, _PLACES, strict=True):
        if digit == "0":
            zero = bool(out)
            continue
        if zero:
            out, zero = out + "零", False
        out += _DIGITS[int(digit)] + place
    return out


def _integer_in_capitals(number: int) -> str:
    text = str(number)
    text = "0" * (-len(text) % 4) + text
    groups = [text[i : i + 4] for i in range(0, len(text), 4)]
    out, zero = "", False
    for index, group in enumerate(groups):
        if group == "0000":
            zero = bool(out)
            continue
        if out and (zero or group[0] == "0"):
            out += "零"
        out += _group_in_capitals(group) + _GROUPS[len(groups) - 1 - index]
        zero = False
    return out


def amount_in_capitals(amount: Decimal) -> str:
    """An amount as written on court documents and bills: ¥12,345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分.

    中国人民银行《支付结算办法》附件一 (正确填写票据和结算凭证的基本规定) §2: 整 after 元 when
    there are no 角/分; one 零 for a run of zeros; 零 after 元 when 元 ends in 0 and 角 follows.
    """
    if amount < 0:
        raise ValueError("a claimed amount is never negative")
    cents = int(to_cents(amount) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    out = _integer_in_capitals(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao:
        if yuan and yuan % 10 == 0:
            out += "零"
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out
