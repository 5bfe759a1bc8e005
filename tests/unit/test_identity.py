from datetime import date

import pytest

from legal_flows.domain.errors import InvalidValue
from legal_flows.domain.identity import (
    id_check_digit,
    mask_card_number,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    parse_resident_id,
    validate_card_number,
    validate_credit_code,
)

VALID_ID = "11010519491231002X"  # GB 11643 worked example: Beijing 朝阳, born 1949-12-31, woman


def test_valid_resident_id_gives_birth_date_and_gender() -> None:
    parsed = parse_resident_id(VALID_ID)
    assert parsed.number == VALID_ID
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.gender == "女"


def test_check_digit_ten_is_written_x() -> None:
    assert id_check_digit(VALID_ID[:17]) == "X"
    assert id_check_digit("44030419900307124") == "8"


def test_resident_id_is_trimmed_and_lower_case_x_accepted() -> None:
    assert parse_resident_id(" 11010519491231002x ").number == VALID_ID


@pytest.mark.parametrize("wrong", ["110105194912310021", "110105194912310020"])
def test_resident_id_with_wrong_check_digit_is_refused(wrong: str) -> None:
    with pytest.raises(InvalidValue, match="check digit"):
        parse_resident_id(wrong)


@pytest.mark.parametrize(
    "raw", ["11010519491231002", "11010519491231002XX", "1101051949123100ZX", "A10105194912310020"]
)
def test_resident_id_of_wrong_shape_is_refused(raw: str) -> None:
    with pytest.raises(InvalidValue, match="18 characters"):
        parse_resident_id(raw)


def test_resident_id_with_impossible_birth_date_is_refused() -> None:
    # 1949-02-30 does not exist; the check digit "0" is right for these 17 digits.
    with pytest.raises(InvalidValue, match=r"birth date part .* is not a calendar date"):
        parse_resident_id("110105194902300020")


def test_resident_id_born_before_1900_is_refused() -> None:
    with pytest.raises(InvalidValue, match="before 1900"):
        parse_resident_id("110105189912310023")


def test_resident_id_with_unknown_province_code_is_refused() -> None:
    # Check digit "3" is right for these 17 digits: only the region 99 is wrong.
    with pytest.raises(InvalidValue, match="unknown province code"):
        parse_resident_id("990105194912310023")


@pytest.mark.parametrize(
    ("number", "gender"),
    [
        ("110105194912310011", "男"),  # 17th digit 1: odd
        ("11010519491231002X", "女"),  # 17th digit 2: even
        ("44030419900307123X", "男"),  # 17th digit 3
        ("440304199003071248", "女"),  # 17th digit 4
    ],
)
def test_gender_follows_the_parity_of_the_seventeenth_digit(number: str, gender: str) -> None:
    assert parse_resident_id(number).gender == gender


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("4111111111111111", "4111111111111111"),
        ("4111 1111 1111 1111", "4111111111111111"),
        ("6222-0210-0000-0000-009", "6222021000000000009"),  # 19 digits
    ],
)
def test_luhn_valid_card_number_is_accepted_without_separators(raw: str, clean: str) -> None:
    assert validate_card_number(raw) == clean


@pytest.mark.parametrize("raw", ["4111111111111112", "6222021000000000008"])
def test_card_number_failing_luhn_is_refused(raw: str) -> None:
    with pytest.raises(InvalidValue, match="Luhn"):
        validate_card_number(raw)


@pytest.mark.parametrize("raw", ["411111111111111", "41111111111111111111", "4111abcd11111111"])
def test_card_number_of_wrong_length_is_refused(raw: str) -> None:
    with pytest.raises(InvalidValue, match="16 to 19 digits"):
        validate_card_number(raw)


def test_valid_credit_code_is_accepted_and_upper_cased() -> None:
    assert validate_credit_code("91110000100000000R") == "91110000100000000R"
    assert validate_credit_code(" 91110000100000000r ") == "91110000100000000R"


@pytest.mark.parametrize(
    "wrong", ["91110000100000000Q", "911100001000000000", "91110000100000001R"]
)
def test_credit_code_with_wrong_check_character_is_refused(wrong: str) -> None:
    with pytest.raises(InvalidValue, match="GB 32100"):
        validate_credit_code(wrong)


@pytest.mark.parametrize("raw", ["9111000010000000R", "9111000010000000IR", "91110000100000000O"])
def test_credit_code_with_bad_length_or_letters_is_refused(raw: str) -> None:
    with pytest.raises(InvalidValue, match="18 characters"):
        validate_credit_code(raw)


def test_id_number_mask_keeps_four_characters_each_end() -> None:
    assert mask_id_number(VALID_ID) == "1101**********002X"
    assert mask_id_number("12345678") == "********"


def test_phone_mask_keeps_prefix_and_last_four() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("1234567") == "****"


def test_card_mask_keeps_first_and_last_four_digits() -> None:
    assert mask_card_number("6222 0210 0000 0000 009") == "6222 **** **** 0009"
    assert mask_card_number("1234567") == "****"


@pytest.mark.parametrize(
    ("name", "masked"), [("张三", "张*"), ("欧阳娜娜", "欧***"), ("张", "张*"), ("", "")]
)
def test_name_mask_keeps_only_the_family_initial(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_email_mask_keeps_first_letter_and_host() -> None:
    assert mask_email("zhang.san@example.cn") == "z***@example.cn"
    assert mask_email("not-an-email") == "***"


def test_id_number_errors_never_repeat_the_digits() -> None:
    # The reason goes into import reports and logs: it must not undo the masking.
    for bad in ("110105194902300010", "991051949123100233", "110105189912310014"):
        with pytest.raises(InvalidValue) as caught:
            parse_resident_id(bad)
        assert not any(part in str(caught.value) for part in (bad[:6], bad[6:14], bad[10:14]))
