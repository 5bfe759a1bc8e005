"""Property-based tests (hypothesis): whatever the input, the rules hold.

- the intake parser never crashes: every bad value becomes a row error naming its column;
- no deadline the system computes falls on a day the courts are closed;
- every auction round the system proposes obeys the price and notice rules.
"""

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legal_flows.bootstrap import package_calendar
from legal_flows.demo.synthetic import write_portfolio
from legal_flows.domain.auction import (
    AuctionRuleBroken,
    check_round,
    lowest_starting_price,
    notice_days,
    propose_round,
)
from legal_flows.domain.auction_outcomes import after_failure
from legal_flows.domain.court import CourtEvent, CourtRecord
from legal_flows.domain.court_deadlines import court_deadlines
from legal_flows.domain.deadlines import (
    DeadlineKind,
    reference_price_due,
    valuation_deadlines,
)
from legal_flows.domain.seizure import AssetKind, SeizureStage, expiry, renewal_deadline
from legal_flows.services.imports.rows import RowReader
from legal_flows.services.intake.rows import read_account, read_collection
from tests.helpers import read_rows

CALENDAR = package_calendar()  # the official holiday schedule, with 调休 working weekends
SHANGHAI = ZoneInfo("Asia/Shanghai")
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values that break parsers: blanks, separators, huge and odd numbers, dates that almost are,
# full-width digits, control and right-to-left characters, formula injection, NUL.
NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-0",
            "1e400",
            "NaN",
            "Infinity",
            "-1",
            "1,000,000.005",
            "9" * 30,
            "2026-02-30",
            "2026/13/01",
            "2026年2月30日",
            "0000-01-01",
            "9999-12-31 25:61",
            "１２３",
            "=CMD()",
            "\x00",
            "\u202e",
            "是",
            "否",
            "maybe",
            "X" * 500,
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.strftime("%Y/%m/%d")),
)


def _sample_rows() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with tempfile.TemporaryDirectory() as folder:
        pf = write_portfolio(Path(folder), count=5, seed=11, as_of=date(2026, 11, 29))
        return read_rows(pf.accounts), read_rows(pf.collections)


ACCOUNTS, COLLECTIONS = _sample_rows()  # valid rows of the synthetic portfolio, to spoil


def _check_parsed(reader: RowReader, parsed: object, columns: set[str]) -> None:
    if parsed is None:
        assert reader.errors, "a refused row must say why"
    for error in reader.errors:
        assert error.column in columns, error
        assert error.reason
        assert error.row == 2


@PROPERTY
@given(
    index=st.integers(0, len(ACCOUNTS) - 1),
    column=st.sampled_from(sorted(ACCOUNTS[0])),
    value=NASTY,
)
def test_an_accounts_row_with_any_bad_value_is_refused_with_a_reason_never_a_crash(
    index, column, value
):
    values = dict(ACCOUNTS[index]) | {column: value}
    reader = RowReader("accounts.csv", 2, values)
    _check_parsed(reader, read_account(reader), set(values))


@PROPERTY
@given(values=st.dictionaries(st.sampled_from(sorted(ACCOUNTS[0])), NASTY))
def test_an_accounts_row_of_random_values_never_crashes_the_parser(values):
    reader = RowReader("accounts.csv", 2, values)
    _check_parsed(reader, read_account(reader), set(ACCOUNTS[0]))


@PROPERTY
@given(
    index=st.integers(0, len(COLLECTIONS) - 1),
    column=st.sampled_from(sorted(COLLECTIONS[0])),
    value=NASTY,
)
def test_a_collections_row_with_any_bad_value_is_refused_with_a_reason_never_a_crash(
    index, column, value
):
    values = dict(COLLECTIONS[index]) | {column: value}
    reader = RowReader("collections.csv", 2, values)
    _check_parsed(reader, read_collection(reader), set(values))


# Court histories: any events, on any days of the years the holiday schedule covers.
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))
EVENTS = st.lists(
    st.builds(
        CourtRecord,
        code=st.sampled_from(list(CourtEvent)),
        on=DAYS,
        party=st.sampled_from(["", "被告甲", "被告乙"]),
        detail=st.sampled_from(["", "pre_action", "litigation"]),
    ),
    max_size=12,
)


@PROPERTY
@given(history=EVENTS, procedure=st.sampled_from(["small_claims", "simplified", "ordinary"]))
def test_no_court_deadline_falls_on_a_day_the_courts_are_closed(history, procedure):
    for deadline in court_deadlines(history, procedure=procedure, calendar=CALENDAR):
        if deadline.kind == DeadlineKind.EFFECTIVE:
            continue  # the day a decision takes effect by law, not the last day of a period
        assert CALENDAR.is_working_day(deadline.due_on), deadline


@PROPERTY
@given(day=DAYS, kind=st.sampled_from(list(AssetKind)), stage=st.sampled_from(list(SeizureStage)))
def test_no_seizure_or_valuation_deadline_falls_on_a_day_the_courts_are_closed(day, kind, stage):
    dates = [
        renewal_deadline(stage, expiry(kind, effective=day), CALENDAR),
        reference_price_due(day, CALENDAR),
        *valuation_deadlines(day, CALENDAR).values(),
    ]
    assert all(CALENDAR.is_working_day(d) for d in dates), dates


PRICES = st.decimals(min_value=Decimal("1000"), max_value=Decimal("100000000"), places=2)


@PROPERTY
@given(
    kind=st.sampled_from(list(AssetKind)),
    reference=PRICES,
    first_notice=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    delays=st.lists(st.integers(0, 45), min_size=1, max_size=3),
)
def test_every_round_the_system_proposes_obeys_the_price_and_notice_rules(
    kind, reference, first_notice, delays
):
    """一拍, then after each failure the 二拍 the system proposes, announced some days later."""
    plan = propose_round(
        number=1, asset_kind=kind, reference_price=reference, notice_on=first_notice, tz=SHANGHAI
    )
    for delay in delays:
        check_round(plan)
        assert plan.starting_price >= lowest_starting_price(
            plan.number, reference, plan.previous_starting_price
        )
        assert (plan.starts_at.date() - plan.notice_on).days >= notice_days(kind, plan.number)
        failed_on = plan.ends_at.date()
        step = after_failure(plan.number, plan.starting_price, failed_on)
        if step.action != "reauction":
            return
        notice_on = failed_on + timedelta(days=delay)
        late = notice_on + timedelta(days=notice_days(kind, plan.number + 1)) > step.latest_start
        refused = None
        try:
            plan = propose_round(
                number=plan.number + 1,
                asset_kind=kind,
                reference_price=reference,
                notice_on=notice_on,
                tz=SHANGHAI,
                previous_starting_price=plan.starting_price,
                previous_failed_on=failed_on,
            )
        except AuctionRuleBroken as exc:
            refused = exc
        # The only refusal: a re-auction announced too late to start within the 30 days.
        assert (refused.rule if refused else None) == ("AUC-05" if late else None)
        if refused:
            return
        assert plan.starting_price == step.lowest_starting_price
    check_round(plan)


@PROPERTY
@given(reference=PRICES, notice=DAYS, exception=st.sampled_from(["", "  ", "已为被执行人保留居所"]))
def test_a_necessary_home_is_proposed_for_auction_only_with_a_recorded_exception(
    reference, notice, exception
):
    refused = None
    try:
        propose_round(
            number=1,
            asset_kind=AssetKind.REAL_ESTATE,
            reference_price=reference,
            notice_on=notice,
            tz=SHANGHAI,
            necessary_home=True,
            home_exception=exception,
        )
    except AuctionRuleBroken as exc:
        refused = exc
    assert (refused.rule if refused else None) == (None if exception.strip() else "SEIZE-05")
