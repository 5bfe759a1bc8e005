"""Review reasons are said from the catalogue: each reason's template (and every phrase inside
it) has its Chinese, the Chinese has no English left in it, and the stored JSON says the same
English message again (dates ISO in it, 年月日 in Chinese); old rows show their message."""

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from importlib.resources import files
from io import BytesIO
from typing import Any

import pytest
from babel.messages.pofile import read_po

from legal_flows.domain.facts import CaseFacts, CollectionKind
from legal_flows.domain.limitation import rollover_note
from legal_flows.domain.reasons import Reason
from legal_flows.i18n import CHINESE, ENGLISH, translator
from legal_flows.i18n.reasons import reason_text
from tests.unit.builders import AS_OF, CAL, codes, event, facts, review

K = CollectionKind
ZH, EN = translator(CHINESE), translator(ENGLISH)
PAIR = (
    event(date(2026, 1, 10), K.SMS, delivered=True, receipt_confirmed=True),
    event(date(2026, 2, 9), K.LETTER, delivered=True, receipt_confirmed=True),
)
NO_CHARGES = {"interest": Decimal(0), "penalty": Decimal(0), "fees": Decimal(0)}
SHENZHEN = "广东省深圳市南山区科技园1号"
HANGZHOU = "浙江省杭州市滨江区江南大道1号"

# Facts that between them raise every reason code and every variant of its template.
CASES: dict[str, CaseFacts] = {
    "barred": facts(overdue_since=date(2023, 11, 27)),
    "barred_moved_after_a_phone_call": facts(
        overdue_since=date(2022, 1, 5),
        collections=(event(date(2023, 11, 22), K.PHONE, receipt_confirmed=True),),
    ),
    "long_stop": facts(
        overdue_since=date(2006, 1, 5),
        collections=tuple(event(date(y, 3, 2), K.REPAYMENT) for y in range(2007, 2027, 2)),
    ),
    "expiring": facts(overdue_since=date(2023, 12, 1)),
    "expiring_moved": facts(overdue_since=date(2023, 11, 28)),
    "expiring_unscheduled_year": facts(
        overdue_since=date(2020, 1, 5),
        collections=(event(date(2024, 1, 5), K.REPAYMENT_PROMISE),),
    ),
    "expiring_moved_in_unscheduled_year": facts(overdue_since=date(2024, 1, 9)),
    "waived": facts(
        overdue_since=date(2023, 3, 10), collections=(event(date(2026, 4, 1), K.REPAYMENT),)
    ),
    "everything_wrong": facts(
        principal=Decimal("4000.00"),
        terms_notice_proven=False,
        deceased=True,
        bankrupt=True,
        disputed=True,
        whereabouts_unknown=True,
        ethnicity=None,
        phone=None,
        has_agent=False,
        registered_address=SHENZHEN,
    ),
    "no_address": facts(registered_address=None),
    "bankrupt_elsewhere": facts(bankrupt=True),
    "capped": facts(interest=Decimal("9000.00"), penalty=Decimal("123.45")),
    "short_default": facts(
        overdue_since=date(2026, 11, 15), principal=Decimal("50000.00"), penalty=Decimal(0)
    ),
    "large": facts(principal=Decimal("2000000.00")),
    "agreed_band": facts(principal=Decimal("248220.00"), **NO_CHARGES),
    "above_band": facts(principal=Decimal("300000.00"), **NO_CHARGES),
    "residence_undated": facts(residence_address=HANGZHOU),
    "unreadable_address": facts(registered_address="某某村三组"),
    "unreadable_residence": facts(residence_address="某某村三组", residence_since=date(2020, 1, 1)),
    "referral": facts(principal=Decimal("50000.00"), collections=PAIR),
    "referral_huge": facts(principal=Decimal("600000.00"), collections=PAIR),
    "referral_very_huge": facts(principal=Decimal("6000000.00"), collections=PAIR),
}
ALL_CODES = {
    "time_barred",
    "limitation_expiring",
    "limitation_waived",
    "deceased",
    "bankrupt",
    "bankrupt_unconfirmed",
    "disputed",
    "terms_notice_unproven",
    "cost_period_short",
    "cost_above_cap",
    "below_minimum",
    "above_review_threshold",
    "missing_data",
    "court_unconfirmed",
    "procedure_small_claims",
    "procedure_simplified",
    "procedure_ordinary",
    "payment_order_candidate",
    "criminal_referral_candidate",
}
# What may stay Latin in Chinese text: the command a person types.
ALLOWED = re.compile(r"`legal-flows cases court`")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@cache
def _catalogue() -> dict[tuple[str | None, str], str]:
    data = files("legal_flows.i18n").joinpath(f"{CHINESE}.po").read_bytes()
    return {(m.context, str(m.id)): str(m.string) for m in read_po(BytesIO(data)) if m.string}


def _reasons() -> list[Reason]:
    return [r for case in CASES.values() for r in review(case).reasons]


def _templates(stored: dict[str, Any]) -> Iterator[str]:
    """A stored reason's template and those of the phrases inside its values."""
    yield stored["template"]
    for value in (stored.get("values") or {}).values():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict) and "template" in v:
                yield from _templates(v)


def _labels(stored: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for value in (stored.get("values") or {}).values():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict) and "code" in v:
                yield v["context"], v["code"]
            elif isinstance(v, dict):
                yield from _labels(v)


def test_the_cases_raise_every_reason_code() -> None:
    assert set().union(*(codes(review(case)) for case in CASES.values())) == ALL_CODES


@pytest.mark.parametrize("name", CASES)
def test_every_reason_template_and_label_is_in_the_catalogue(name: str) -> None:
    for reason in review(CASES[name]).reasons:
        stored = reason.as_dict()
        for template in _templates(stored):
            assert (None, template) in _catalogue(), template
        for context, code in _labels(stored):
            assert (context, code) in _catalogue(), (context, code)


@pytest.mark.parametrize("name", CASES)
def test_the_chinese_has_no_english_words_and_dates_read_in_chinese(name: str) -> None:
    for reason in review(CASES[name]).reasons:
        chinese = reason_text(ZH, reason.as_dict())
        assert chinese != reason.message, reason.code
        left = ENGLISH_WORD.findall(ALLOWED.sub("", chinese))
        assert left == [], f"{reason.code}: {chinese}"
        assert not re.search(r"\d{4}-\d{2}-\d{2}", chinese), chinese
        if re.search(r"\d{4}-\d{2}-\d{2}", reason.message):
            assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", chinese), chinese


def test_the_stored_json_says_the_english_message_again() -> None:
    for reason in _reasons():
        stored = reason.as_dict()
        assert reason_text(EN, stored) == stored["message"] == reason.message


def test_a_reason_stored_before_templates_shows_its_message() -> None:
    old = {
        "code": "disputed",
        "message": "cardholder disputes",
        "citation": "x",
        "effect": "manual",
    }
    assert reason_text(ZH, old) == "cardholder disputes"
    broken = old | {"template": "{missing_field} disputes", "values": {}}
    assert reason_text(ZH, broken) == "{missing_field} disputes"  # no catalogue entry: as written


def test_the_rollover_note_as_a_phrase_says_the_calendars_words() -> None:
    for offset in range(0, 800):
        last_day = date(2026, 1, 1) + timedelta(days=offset)
        rolled = CAL.rollover(last_day)
        if rolled.note:
            assert str(rollover_note(last_day, rolled)) == rolled.note


def test_the_missing_data_list_is_joined_in_the_readers_language() -> None:
    (reason,) = [r for r in review(CASES["everything_wrong"]).reasons if r.code == "missing_data"]
    assert reason.message == (
        "the complaint needs: ethnicity (民族), phone (联系电话), creditor agent (委托代理人)"
    )
    assert reason_text(ZH, reason.as_dict()) == "起诉状缺少：民族、联系电话、原告委托诉讼代理人"
    assert AS_OF.year == 2026  # the cases above are dated against this review day
