"""Plain builders for unit tests: an ordinary approvable case, collection events, a calendar."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.eligibility import ReviewDecision, review_case
from legal_flows.domain.facts import MONEY_KINDS, CaseFacts, CollectionKind, CollectionRecord
from legal_flows.domain.policy import Policy

AS_OF = date(2026, 11, 29)  # a Sunday
POLICY = Policy()


def _span(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


# 国务院办公厅 notice on the 2026 holiday schedule (放假安排): rest days and adjusted working days.
CAL = WorkCalendar(
    holidays=frozenset(
        _span(date(2026, 1, 1), date(2026, 1, 3))  # 元旦
        | _span(date(2026, 2, 15), date(2026, 2, 23))  # 春节
        | _span(date(2026, 4, 4), date(2026, 4, 6))  # 清明
        | _span(date(2026, 5, 1), date(2026, 5, 5))  # 劳动节
        | _span(date(2026, 6, 19), date(2026, 6, 21))  # 端午
        | _span(date(2026, 9, 25), date(2026, 9, 27))  # 中秋
        | _span(date(2026, 10, 1), date(2026, 10, 7))  # 国庆
    ),
    workdays=frozenset(
        {
            date(2026, 1, 4),  # Sunday worked for 元旦
            date(2026, 2, 14),  # Saturday worked for 春节
            date(2026, 2, 28),
            date(2026, 5, 9),  # Saturday worked for 劳动节
            date(2026, 9, 20),  # Sunday worked for 国庆
            date(2026, 10, 10),
        }
    ),
    covered_years=frozenset({2026}),
)


def facts(**overrides: Any) -> CaseFacts:
    """An ordinary approvable case: about a year overdue, charges ~19% a year, terms proven."""
    base = CaseFacts(
        principal=Decimal("30000.00"),
        interest=Decimal("5400.00"),
        penalty=Decimal("300.00"),
        fees=Decimal("0.00"),
        balance_date=AS_OF,
        overdue_since=date(2025, 11, 30),
        annual_rate=Decimal("0.18"),
        last_payment_on=None,
        terms_notice_proven=True,
        ethnicity="汉族",
        registered_address="北京市朝阳区建国路88号",
        phone="13812345678",
        has_agent=True,
        collections=(),
    )
    return replace(base, **overrides)


def event(
    on: date,
    kind: CollectionKind | str,
    *,
    delivered: bool = False,
    receipt_confirmed: bool = False,
    amount: Decimal | None = None,
) -> CollectionRecord:
    """One collection record; a payment or debit gets a small amount unless one is given."""
    kind = CollectionKind(kind)
    if amount is None and kind in MONEY_KINDS:
        amount = Decimal("100.00")
    return CollectionRecord(
        occurred_on=on,
        kind=kind,
        delivered=delivered,
        receipt_confirmed=receipt_confirmed,
        amount=amount,
    )


def review(case: CaseFacts, *, as_of: date = AS_OF, policy: Policy = POLICY) -> ReviewDecision:
    return review_case(case, policy=policy, as_of=as_of, calendar=CAL)


def codes(decision: ReviewDecision) -> set[str]:
    return {r.code for r in decision.reasons}
