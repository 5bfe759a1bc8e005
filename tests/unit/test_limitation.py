from collections.abc import Sequence
from datetime import date

import pytest

from legal_flows.domain.facts import CollectionKind, CollectionRecord
from legal_flows.domain.limitation import (
    LimitationStatus,
    interrupts,
    is_time_barred,
    limitation_status,
)
from tests.unit.builders import AS_OF, CAL, event

K = CollectionKind
START = date(2023, 3, 10)  # expiry 2026-03-10, a Tuesday
EXPIRY = date(2026, 3, 10)
EVENT_DAY = date(2024, 5, 12)  # + 3 years = 2027-05-12, a Wednesday


def status(
    events: Sequence[CollectionRecord] = (), *, start: date = START, as_of: date = AS_OF
) -> LimitationStatus:
    return limitation_status(start=start, events=events, as_of=as_of, calendar=CAL)


def test_limitation_runs_three_years_from_default_without_interruption() -> None:
    result = status()
    assert result.expires_on == EXPIRY
    assert (result.interrupted_on, result.interrupted_by, result.waived) == (None, None, False)
    assert result.note == ""


def test_time_barred_the_day_after_expiry_not_on_expiry_day() -> None:
    result = status()
    assert not is_time_barred(result, date(2026, 3, 9))
    assert not is_time_barred(result, EXPIRY)
    assert is_time_barred(result, date(2026, 3, 11))


def test_limitation_runs_three_years_from_the_last_interrupting_event() -> None:
    events = [
        event(date(2024, 9, 15), K.REPAYMENT),
        event(EVENT_DAY, K.SMS, delivered=True),  # out of order on purpose
        event(date(2025, 1, 5), K.PHONE),  # does not interrupt
    ]
    result = status(events)
    assert result.expires_on == date(2027, 9, 15)
    assert result.interrupted_on == date(2024, 9, 15)
    assert result.interrupted_by == "repayment"


@pytest.mark.parametrize(
    "record",
    [
        event(EVENT_DAY, K.SMS, delivered=True),
        event(EVENT_DAY, K.LETTER, delivered=True),
        event(EVENT_DAY, K.LETTER, receipt_confirmed=True),  # signed for: it arrived
        event(EVENT_DAY, K.PHONE, receipt_confirmed=True),  # 时效规定 §8(1): proven demand
        event(EVENT_DAY, K.VISIT, receipt_confirmed=True),
        event(EVENT_DAY, K.EMAIL, delivered=True),
        event(EVENT_DAY, K.ACCOUNT_DEBIT),  # 银行卡规定 §3(1)
        event(EVENT_DAY, K.REPAYMENT),  # 时效规定 §14
        event(EVENT_DAY, K.REPAYMENT_PROMISE),
        event(EVENT_DAY, K.POLICE_REPORT),  # 银行卡规定 §3(3)
    ],
    ids=lambda r: r.kind.value,
)
def test_event_interrupts_limitation(record: CollectionRecord) -> None:
    assert interrupts(record)
    result = status([record])
    assert result.expires_on == date(2027, 5, 12)
    assert result.interrupted_by == record.kind.value


@pytest.mark.parametrize(
    "record",
    [
        event(EVENT_DAY, K.SMS, delivered=False),
        event(EVENT_DAY, K.LETTER, delivered=False),
        event(EVENT_DAY, K.EMAIL, delivered=False),
        event(EVENT_DAY, K.PHONE, delivered=True),  # a call nobody confirms proves no demand
        event(EVENT_DAY, K.VISIT),
    ],
    ids=lambda r: f"{r.kind.value}-delivered-{r.delivered}",
)
def test_event_does_not_interrupt_limitation(record: CollectionRecord) -> None:
    assert not interrupts(record)
    result = status([record])
    assert result.expires_on == EXPIRY
    assert result.interrupted_on is None


def test_demand_on_the_expiry_day_still_interrupts() -> None:
    result = status([event(EXPIRY, K.LETTER, delivered=True)])
    assert result.expires_on == date(2029, 3, 12)  # 2029-03-10 is a Saturday
    assert not result.waived


def test_bank_demand_the_day_after_expiry_revives_nothing() -> None:
    result = status([event(date(2026, 3, 11), K.SMS, delivered=True)])
    assert result.expires_on == EXPIRY
    assert result.interrupted_on is None
    assert not result.waived
    assert is_time_barred(result, AS_OF)


@pytest.mark.parametrize("kind", [K.ACCOUNT_DEBIT, K.POLICE_REPORT, K.EMAIL], ids=lambda k: k.value)
def test_no_bank_act_after_expiry_revives_the_claim(kind: CollectionKind) -> None:
    result = status([event(date(2026, 4, 1), kind, delivered=True)])
    assert result.expires_on == EXPIRY
    assert is_time_barred(result, AS_OF)


@pytest.mark.parametrize("kind", [K.REPAYMENT, K.REPAYMENT_PROMISE], ids=lambda k: k.value)
def test_debtor_paying_or_promising_after_expiry_waives_the_defence(kind: CollectionKind) -> None:
    # 时效规定 §19: the period runs again from the debtor's act.
    result = status([event(date(2026, 4, 1), kind)])
    assert result.waived
    assert result.interrupted_on == date(2026, 4, 1)
    assert result.expires_on == date(2029, 4, 2)  # 2029-04-01 is a Sunday
    assert not is_time_barred(result, AS_OF)


def test_debtor_act_before_expiry_is_no_waiver() -> None:
    result = status([event(date(2026, 3, 9), K.REPAYMENT)])
    assert not result.waived
    assert result.expires_on == date(2029, 3, 9)


def test_after_a_waiver_a_delivered_demand_interrupts_again() -> None:
    events = [
        event(date(2026, 3, 20), K.SMS, delivered=True),  # after expiry: ignored
        event(date(2026, 4, 1), K.REPAYMENT_PROMISE),  # waives
        event(date(2026, 6, 1), K.SMS, delivered=True),
    ]
    result = status(events)
    assert result.waived
    assert (result.interrupted_on, result.interrupted_by) == (date(2026, 6, 1), "sms")
    assert result.expires_on == date(2029, 6, 1)


def test_events_after_as_of_are_ignored() -> None:
    late = [event(date(2026, 3, 5), K.REPAYMENT)]
    assert status(late, as_of=date(2026, 3, 4)).expires_on == EXPIRY
    assert status(late, as_of=date(2026, 3, 5)).expires_on == date(2029, 3, 5)


def test_expiry_on_a_sunday_rolls_to_monday_and_bars_only_after_it() -> None:
    result = status(start=date(2023, 11, 29))  # 2026-11-29 is a Sunday
    assert result.expires_on == date(2026, 11, 30)
    assert "moved from 2026-11-29" in result.note
    assert not is_time_barred(result, date(2026, 11, 30))
    assert is_time_barred(result, date(2026, 12, 1))


def test_demand_on_the_rolled_expiry_day_interrupts_but_not_the_day_after() -> None:
    start, as_of = date(2023, 11, 29), date(2026, 12, 15)
    on_time = status([event(date(2026, 11, 30), K.SMS, delivered=True)], start=start, as_of=as_of)
    too_late = status([event(date(2026, 12, 1), K.SMS, delivered=True)], start=start, as_of=as_of)
    assert on_time.expires_on == date(2029, 11, 30)
    assert too_late.expires_on == date(2026, 11, 30)
    assert is_time_barred(too_late, as_of)


@pytest.mark.parametrize(
    ("start", "expires_on"),
    [
        (date(2023, 10, 1), date(2026, 10, 8)),  # 国庆 2026-10-01..07
        (date(2023, 2, 17), date(2026, 2, 24)),  # 春节 2026-02-15..23
        (date(2023, 1, 3), date(2026, 1, 4)),  # 元旦, then Sunday 01-04 is worked (调休)
    ],
)
def test_expiry_on_a_holiday_rolls_to_the_next_working_day(start: date, expires_on: date) -> None:
    result = status(start=start, as_of=date(2025, 12, 1))
    assert result.expires_on == expires_on


def test_expiry_in_a_year_without_holiday_data_carries_a_note() -> None:
    result = status([event(EVENT_DAY, K.REPAYMENT)])
    assert "no official holiday schedule for 2027" in result.note


def test_twenty_year_long_stop_bars_the_claim_whatever_the_interruptions() -> None:
    start = date(2006, 11, 29)
    payments = [event(date(y, 6, 3), K.REPAYMENT) for y in (2008, 2011, 2014, 2017, 2020, 2023)]
    result = status([*payments, event(date(2024, 6, 3), K.REPAYMENT)], start=start)
    assert result.long_stop_on == date(2026, 11, 29)
    assert result.expires_on == date(2027, 6, 3)
    assert not is_time_barred(result, date(2026, 11, 29))
    assert is_time_barred(result, date(2026, 11, 30))


def test_payment_before_default_does_not_shorten_limitation() -> None:
    # The debtor's last payment precedes the default, as it usually does.
    result = status([event(date(2023, 11, 15), K.REPAYMENT)], start=date(2023, 12, 1))
    assert result.expires_on == date(2026, 12, 1)  # actual: 2026-11-16


def test_only_a_case_going_to_court_has_its_limitation_watched():
    from legal_flows.domain.limitation import limitation_watched
    from legal_flows.domain.reasons import Outcome

    assert limitation_watched(Outcome.APPROVED)
    assert limitation_watched(Outcome.MANUAL_REVIEW)
    assert not limitation_watched(Outcome.REJECTED)
