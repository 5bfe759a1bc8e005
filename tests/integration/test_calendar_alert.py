"""The daily sweep asks, once, for next year's holiday schedule when the calendar is about to
run out (`[sweep] calendar_warning_days`, 60 by default), counting the open deadlines that
would otherwise count weekends only."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, func, insert, select

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.holidays import schedules_from, with_schedules
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.policy_file import load_policies
from legal_flows.services.errors import InputError
from legal_flows.services.sweep.notify import Notifier
from legal_flows.services.sweep.sweep import deliver_alerts, run_sweep
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AlertRow, CaseRow, DeadlineRow
from tests.helpers import ACTOR, NOW, uow, uows
from tests.helpers import record as record_on

LAST_COVERED = date(2026, 12, 31)  # the holiday package's last year here


def sweep(engine, as_of, calendar=None, policy=None):
    with uow(engine) as w:
        return run_sweep(
            w,
            as_of=as_of,
            policy=policy or SweepPolicy(),
            actor=ACTOR,
            now=NOW,
            calendar=calendar or package_calendar(),
        )


def calendar_items(result):
    return [i for i in result.items if i["category"] == "calendar"]


@pytest.fixture
def fee_due_in_2027(engine, ready):
    at = datetime(2026, 12, 30, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    record_on(engine, ready, "submitted", date(2026, 12, 28), now=at)
    record_on(engine, ready, "fee_notice", date(2026, 12, 30), now=at)  # fee due in 2027
    return ready


def test_sixty_days_before_the_calendar_runs_out_the_sweep_asks_once_for_next_years_schedule(
    engine, fee_due_in_2027
):
    assert package_calendar().covered_years
    assert max(package_calendar().covered_years) == 2026
    first = sweep(engine, date(2026, 11, 1))  # 60 days before 31 December
    (item,) = calendar_items(first)
    assert item["key"] == "calendar:2027"
    assert "2026年12月31日" in item["message"]
    assert "2027 年节假日安排" in item["message"]
    with session_scope(engine) as s:  # the fee due in January 2027, and limitation dates
        after = s.execute(
            select(func.count())
            .select_from(DeadlineRow)
            .where(DeadlineRow.status == "open", DeadlineRow.due_on > LAST_COVERED)
        ).scalar_one()
    assert after >= 1
    assert f"此后到期的 {after} 项未届期限" in item["message"]
    again = sweep(engine, date(2026, 11, 2))
    assert calendar_items(again)
    assert again.raised == 0

    sent: list[list[dict]] = []

    class Collect(Notifier):
        name = "collect"

        def send(self, alerts):
            sent.append(alerts)

    _delivered, failures = deliver_alerts(uows(engine), [Collect()], now=NOW)
    assert failures == []
    assert any(a["category"] == "calendar" and a["account_id"] is None for a in sent[0])
    with session_scope(engine) as s:
        keys = s.execute(select(AlertRow.key).where(AlertRow.case_id.is_(None))).scalars().all()
    assert keys == ["calendar:2027"]


def test_sixty_one_days_before_nothing_is_raised_and_a_loaded_year_stops_the_alert(
    engine, fee_due_in_2027
):
    assert calendar_items(sweep(engine, date(2026, 10, 31))) == []
    loaded = with_schedules(
        package_calendar(),
        schedules_from({"2027": {"source": "测试用", "holidays": ["2027-01-01"]}}),
    )
    assert calendar_items(sweep(engine, date(2026, 11, 1), calendar=loaded)) == []


def test_a_sweep_inside_a_year_no_schedule_covers_still_asks_for_it(engine, fee_due_in_2027):
    (item,) = calendar_items(sweep(engine, date(2027, 1, 4)))
    assert item["key"] == "calendar:2027"


def test_the_warning_days_are_the_banks_to_set(tmp_path, engine):
    policy = tmp_path / "policy.toml"
    policy.write_text("[sweep]\ncalendar_warning_days = 90\n", encoding="utf-8")
    ninety = load_policies(policy).sweep
    assert ninety.calendar_warning_days == 90
    assert calendar_items(sweep(engine, date(2026, 10, 2), policy=ninety))
    policy.write_text("[sweep]\ncalendar_warning_days = -1\n", encoding="utf-8")
    with pytest.raises(InputError, match="calendar_warning_days must be whole days"):
        load_policies(policy)


def test_past_ten_thousand_open_deadlines_the_alert_says_more_than_ten_thousand(
    engine, fee_due_in_2027
):
    # Every approved case's limitation deadline lies years ahead: at bank scale the alert
    # bounds its count instead of reading every one of them each day.
    with session_scope(engine) as s:
        case_id = s.execute(
            select(CaseRow.id).where(CaseRow.account_id == fee_due_in_2027)
        ).scalar_one()
        s.execute(
            insert(DeadlineRow),
            [
                {
                    "case_id": case_id,
                    "kind": "limitation",
                    "due_on": date(2029, 6, 30),
                    "status": "open",
                    "citation": "民法典 (2020) §188",
                    "source_kind": "case",
                    "source_id": case_id,
                    "seq": n,
                }
                for n in range(1, 10_002)
            ],
        )
    (item,) = calendar_items(sweep(engine, date(2026, 11, 1)))
    assert "此后到期的逾 10,000 项未届期限" in item["message"]
    with session_scope(engine) as s:
        s.execute(delete(DeadlineRow).where(DeadlineRow.seq > 5_000))
        after = s.execute(
            select(func.count())
            .select_from(DeadlineRow)
            .where(DeadlineRow.status == "open", DeadlineRow.due_on > LAST_COVERED)
        ).scalar_one()
    assert 5_000 < after <= 10_000
    (item,) = calendar_items(sweep(engine, date(2026, 11, 2)))
    assert f"此后到期的 {after:,} 项未届期限" in item["message"]  # under the bound: exact
