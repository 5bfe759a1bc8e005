"""Checks and masking of PRC identifiers: resident ID, bank card, unified social credit code."""

import re
from dataclasses import dataclass
from datetime import date

from legal_flows.domain.errors import InvalidValue

# GB 11643-1999 §5-§8: 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB/T 2260 province-level codes (81/82/83: HK, Macao, Taiwan residence permits). County codes
# change over the years and old IDs keep theirs, so the region is checked at province level.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
# GB 32100-2015: 18 characters over this 31-symbol alphabet, weights 3^i mod 31, MOD 31 check.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    gender: str  # "男" or "女"


def id_check_digit(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def parse_resident_id(raw: str) -> ResidentId:
    """Validate an 18-character PRC resident ID (GB 11643) and read birth date and gender."""
    number = raw.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise InvalidValue("must be 18 characters: 17 digits and a digit or X")
    if number[:2] not in _PROVINCES:
        raise InvalidValue("unknown province code in the region part (digits 1-2)")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidValue("the birth date part (digits 7-14) is not a calendar date") from None
    if born.year < 1900:
        raise InvalidValue("the birth date part (digits 7-14) is before 1900")
    if id_check_digit(number[:17]) != number[17]:
        raise InvalidValue("check digit does not match (GB 11643)")
    # GB 11643 §5.3: the sequence code is odd for men, even for women.
    gender = "男" if int(number[16]) % 2 else "女"
    return ResidentId(number=number, birth_date=born, gender=gender)


def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def validate_card_number(raw: str) -> str:
    """A bank card number: 16-19 digits, Luhn-valid (ISO/IEC 7812). Spaces are ignored."""
    number = re.sub(r"[\s-]", "", raw)
    if not re.fullmatch(r"\d{16,19}", number):
        raise InvalidValue("must be 16 to 19 digits")
    if luhn_check_digit(number[:-1]) != number[-1]:
        raise InvalidValue("fails the Luhn check")
    return number


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(raw: str) -> str:
    """A unified social credit code (统一社会信用代码), GB 32100 check character validated."""
    code = raw.strip().upper()
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        raise InvalidValue("must be 18 characters of digits and upper-case letters (no I O Z S V)")
    if uscc_check_char(code[:17]) != code[17]:
        raise InvalidValue("check character does not match (GB 32100)")
    return code


def mask_id_number(value: str) -> str:
    v = value.strip()
    return v[:4] + "*" * max(len(v) - 8, 0) + v[-4:] if len(v) > 8 else "*" * len(v)


def mask_phone(value: str) -> str:
    digits = value.strip()
    return digits[:3] + "*" * max(len(digits) - 7, 0) + digits[-4:] if len(digits) > 7 else "****"


def mask_card_number(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 8:
        return "****"
    return f"{digits[:4]} **** **** {digits[-4:]}"


def mask_name(value: str) -> str:
    v = value.strip()
    return v[:1] + "*" * max(len(v) - 1, 1) if v else v


def mask_email(value: str) -> str:
    user, _, host = value.strip().partition("@")
    return (user[:1] + "***@" + host) if host else "***"


def mask_text(value: str) -> str:
    """Addresses and free text: keep the first few characters, enough to recognise the row."""
    v = value.strip()
    return v[:6] + "***" if len(v) > 6 else v
