"""Instalment plans: the schedule read, money matched earliest first, a miss after the grace."""

from datetime import date
from decimal import Decimal

import pytest

from legal_flows.domain.instrument import Instalment
from legal_flows.domain.plans import (
    PlanKind,
    PlanProblem,
    first_missed,
    instalment_states,
    remaining,
    resume_by,
    schedule_from,
)

D = Decimal
SCHEDULE = (
    Instalment(date(2026, 8, 31), D("5000")),
    Instalment(date(2026, 9, 30), D("5000")),
    Instalment(date(2026, 10, 31), D("10000")),
)


def test_a_schedule_is_read_row_by_row_and_a_bad_row_named():
    assert schedule_from([{"due": "2026-08-31", "amount": "5,000"}]) == (
        Instalment(date(2026, 8, 31), D("5000")),
    )
    for rows, said in (
        ([], "no instalments"),
        ([{"due": "31/08/2026", "amount": "1"}], "instalment 1: due"),
        ([{"due": "2026-08-31", "amount": "0"}], "instalment 1: amount"),
        ([{"due": "2026-08-31", "amount": "1.001"}], "instalment 1: amount"),
        (
            [{"due": "2026-08-31", "amount": "1"}, {"due": "2026-08-31", "amount": "1"}],
            "instalment 2: due 2026-08-31 is not after",
        ),
    ):
        with pytest.raises(PlanProblem, match=said):
            schedule_from(rows)


def test_money_pays_the_earliest_instalment_first_and_a_miss_counts_after_the_grace_days():
    # 7,000 received: the first paid, 2,000 of the second.
    on_grace_day = instalment_states(SCHEDULE, paid=D("7000"), as_of=date(2026, 10, 15))
    assert [(s.status, s.paid) for s in on_grace_day] == [
        ("paid", D("5000")),
        ("part_paid", D("2000")),  # due 09-30 + 15 days = 10-15: not yet missed
        ("open", D("0")),
    ]
    assert first_missed(on_grace_day) is None
    day_after = instalment_states(SCHEDULE, paid=D("7000"), as_of=date(2026, 10, 16))
    missed = first_missed(day_after)
    assert missed is not None
    assert (missed.seq, missed.unpaid) == (2, D("3000"))
    assert remaining(day_after) == D("13000")
    assert (
        first_missed(instalment_states(SCHEDULE, paid=D("20000"), as_of=date(2027, 1, 1))) is None
    )


def test_a_settlement_restarts_the_two_years_from_its_last_instalment():
    assert resume_by(SCHEDULE) == date(2028, 10, 31)  # 解释 §466
    assert PlanKind.SETTLEMENT.next_step == "resumption_application"
    assert PlanKind.MEDIATION.next_step == "enforcement_application"
