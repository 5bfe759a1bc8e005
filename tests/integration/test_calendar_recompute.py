"""`legal-flows calendar load` computes again the open deadlines a loaded year may move: each
that moved is reported (account, kind, old and new day) and audited once per case; met ones
and ones the year does not touch stay as they were, and the same file again moves nothing."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from legal_flows.bootstrap import package_calendar
from legal_flows.cli import app
from legal_flows.domain.holidays import YearSchedule, with_schedules
from legal_flows.domain.instrument import Instalment
from legal_flows.services.calendar.recompute import recompute_open_deadlines
from legal_flows.services.enforcement.auctions import fix_reference_price
from legal_flows.services.enforcement.plans import record_plan
from legal_flows.services.enforcement.seizures import add_asset, record_seizure
from legal_flows.store.tables import CASE, DEADLINE, AuditRow, CaseRow
from tests.helpers import ACTOR, NOW, loaded, record, review_all, set_case, uow

pytestmark = pytest.mark.usefixtures("app_env")
runner = CliRunner()

# Under the package's calendar 2027 has no schedule: these are working days (weekends only).
FEE_DUE = date(2027, 1, 4)  # Monday: 7 days after a fee notice on 2026-12-28
RENEWAL_DUE = date(2027, 1, 8)  # Friday: 7 days before a deposit frozen on 2026-01-16 expires


def _schedule(tmp_path, *days: date, name: str = "schedule.toml"):
    """A made-up schedule: one table per year of `days`, each day a day off."""
    tables = []
    for year in sorted({d.year for d in days}):
        listed = ", ".join(f'"{d.isoformat()}"' for d in sorted(days) if d.year == year)
        tables.append(
            f"[{year}]\n"
            f'source = "国务院办公厅关于{year}年部分节假日安排的通知（测试用）"\n'
            f"holidays = [{listed}]\n"
        )
    path = tmp_path / name
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


def _load(path, *, as_json: bool = True):
    args = ["calendar", "load", str(path), "--by", "li.staff"]
    result = runner.invoke(app, [*args, "--json"] if as_json else args)
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout) if as_json else result.output


def _deadlines(engine) -> dict[tuple, tuple]:
    """Every deadline by its unique key, with its day, status and note."""
    with uow(engine, read_only=True) as w:
        rows = w.session.execute(
            select(DEADLINE, CASE.c.account_id).join(CASE, CASE.c.id == DEADLINE.c.case_id)
        ).all()
    return {
        (r.account_id, r.kind, r.source_kind, r.source_id, r.seq): (r.due_on, r.status, r.note)
        for r in rows
    }


def _recomputed(engine) -> list[tuple[str, dict]]:
    with uow(engine, read_only=True) as w:
        rows = w.session.execute(
            select(AuditRow.entity_id, AuditRow.payload, AuditRow.actor)
            .where(AuditRow.action == "deadlines.recomputed")
            .order_by(AuditRow.id)
        ).all()
    assert {r.actor for r in rows} <= {"li.staff"}
    return [(r.entity_id, json.loads(r.payload)) for r in rows]


def _next_working_day(day: date, off: set[date]) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5 or day in off:
        day += timedelta(days=1)
    return day


def _limitation_to_move(deadlines, taken) -> tuple[str, date]:
    """A reviewed case whose open limitation ends on a Monday to Thursday of a year the
    package has no schedule for: the file's table for that year makes it a holiday."""
    for (account, kind, *_), (due_on, status, _note) in sorted(deadlines.items()):
        wanted = kind == "limitation" and status == "open" and account not in taken
        if wanted and due_on.year > 2027 and due_on.weekday() < 4:
            return account, due_on
    raise AssertionError("the portfolio has no limitation ending on a weekday after 2027")


def test_loading_a_year_moves_the_open_deadlines_on_its_new_days_off_and_audits_each_case(
    engine, tmp_path
):
    loaded(engine, tmp_path, count=30)
    review_all(engine)
    with uow(engine, read_only=True) as w:
        approved = list(
            w.session.execute(
                select(CaseRow.account_id).where(CaseRow.stage == "approved").order_by(CaseRow.id)
            ).scalars()
        )
    moves, paid, untouched = approved[:3]
    for account in (moves, paid, untouched):
        set_case(engine, account, stage="documents_ready")
    record(engine, moves, "submitted", date(2026, 12, 21))
    record(engine, moves, "fee_notice", date(2026, 12, 28))  # fee due 2027-01-04
    record(engine, paid, "submitted", date(2026, 12, 21))
    record(engine, paid, "fee_notice", date(2026, 12, 28))
    record(engine, paid, "fee_paid", date(2026, 12, 30))  # met: it stays met, on 01-04
    record(engine, untouched, "submitted", date(2026, 12, 22))
    record(engine, untouched, "fee_notice", date(2026, 12, 29))  # fee due 2027-01-05
    with uow(engine) as w:
        kw = {"actor": ACTOR, "now": NOW}
        deposit = add_asset(
            w,
            account_id=moves,
            kind="deposit",
            description="工商银行储蓄账户",
            identifier="6222****1234",
            value=Decimal("30000"),
            necessary_home=False,
            **kw,
        )
        frozen = record_seizure(
            w,
            asset_id=deposit,
            measure="freeze",
            stage="preservation",
            ruling_no="（2026）京0105民初7号之一",
            effective_on=date(2026, 1, 16),
            served_on=None,
            preserved_on=None,
            waiting=False,
            calendar=package_calendar(),
            **kw,
        )
    assert frozen.renewal_due_on == RENEWAL_DUE
    before = _deadlines(engine)
    limited, limitation_due = _limitation_to_move(before, {moves, paid, untouched})
    off = {date(2027, 1, 1), FEE_DUE, RENEWAL_DUE, limitation_due}

    said = _load(_schedule(tmp_path, *off))
    assert [y["year"] for y in said["loaded"]] == [2027, limitation_due.year]

    # Other reviewed cases whose limitation ends on one of the new days off move as well.
    expected = {
        (account, kind, due_on.isoformat(), _next_working_day(due_on, off).isoformat())
        for (account, kind, *_), (due_on, status, _n) in before.items()
        if kind == "limitation" and status == "open" and due_on in off
    }
    expected |= {
        (moves, "fee_payment", "2027-01-04", "2027-01-05"),  # a period rolls forward (§85)
        (moves, "seizure_renewal", "2027-01-08", "2027-01-07"),  # a filing rolls back
    }
    day_after = limitation_due + timedelta(days=1)
    assert (limited, "limitation", limitation_due.isoformat(), day_after.isoformat()) in expected
    reported = {
        (m["account_id"], m["kind"], m["old_due_on"], m["new_due_on"]) for m in said["moved"]
    }
    assert reported == expected
    assert len(said["moved"]) == len(expected)
    assert {m["source_kind"] for m in said["moved"] if m["account_id"] == moves} == {
        "court_event",
        "seizure",
    }

    after = _deadlines(engine)
    assert after.keys() == before.keys()  # nothing added, removed or duplicated
    for key, (due_on, status, _note) in before.items():
        new_day = next((e[3] for e in expected if e[:3] == (*key[:2], due_on.isoformat())), None)
        if new_day is None:  # the year leaves it where it was
            assert after[key][:2] == (due_on, status), key
        else:
            assert after[key][:2] == (date.fromisoformat(new_day), status), key
    paid_fee = next(v for k, v in after.items() if k[:2] == (paid, "fee_payment"))
    assert paid_fee[:2] == (FEE_DUE, "met")
    untouched_fee = next(v for k, v in after.items() if k[:2] == (untouched, "fee_payment"))
    assert untouched_fee[:2] == (date(2027, 1, 5), "open")
    assert untouched_fee[2] is None  # no longer "only weekends were considered": 2027 is known

    audited = _recomputed(engine)
    assert sorted(a for a, _ in audited) == sorted({e[0] for e in expected})
    payload = dict(audited)[moves]
    assert payload == {
        "years": [2027, limitation_due.year],
        "moved": [
            ["fee_payment", "2027-01-04", "2027-01-05"],
            ["seizure_renewal", "2027-01-08", "2027-01-07"],
        ],
    }

    again = _load(_schedule(tmp_path, *off))
    assert again["moved"] == []
    assert _recomputed(engine) == audited
    assert _deadlines(engine) == after

    # A corrected notice adding 01-05 moves both fee payments due that day, shown as a table.
    table = _load(_schedule(tmp_path, *off, date(2027, 1, 5), name="fixed.toml"), as_json=False)
    assert "2027 年：放假 4 天" in table
    for account in (moves, untouched):
        line = next(line for line in table.splitlines() if account in line)
        assert "预交诉讼费期限" in line
        assert "2027年1月5日" in line
        assert "2027年1月6日" in line
    assert paid not in table
    fixed = {a for a, _ in _recomputed(engine)[len(audited) :]}
    assert {moves, untouched} <= fixed
    assert paid not in fixed


def test_enforcement_deadlines_are_computed_again_from_their_seizure_price_and_plan(engine, ready):
    """VAL-01's reference price from an enforcement seizure, the sale start from a fixed
    price, and the two years to resume after a settlement move; a met reference price and a
    price's validity the year leaves alone do not."""
    kw = {"actor": ACTOR, "now": NOW, "calendar": package_calendar()}
    with uow(engine) as w:
        car, flat = (
            add_asset(
                w,
                account_id=ready,
                kind=kind,
                description=kind,
                identifier=ident,
                value=Decimal("60000"),
                necessary_home=False,
                actor=ACTOR,
                now=NOW,
            )
            for kind, ident in (("vehicle", "京A12345"), ("real_estate", "京(2020)朝阳0001"))
        )
        seizure = {"measure": "seize", "stage": "enforcement", "ruling_no": "（2026）京0105执1号"}
        seizure |= {"served_on": None, "preserved_on": None, "waiting": False}
        # The price is started within 30 days: 2027-01-05, 30 days after 2026-12-06.
        record_seizure(w, asset_id=car, effective_on=date(2026, 12, 6), **seizure, **kw)
        record_seizure(w, asset_id=flat, effective_on=date(2026, 12, 1), **seizure, **kw)
        # The flat's price is fixed (its reference price met): the sale starts by 2027-01-07.
        fix_reference_price(
            w, asset_id=flat, price=Decimal("60000"), fixed_on=date(2026, 12, 28), **kw
        )
        # Two years after the last instalment, 2025-01-04: 2027-01-04.
        last = Instalment(date(2025, 1, 4), Decimal("1000"))
        record_plan(
            w,
            account_id=ready,
            kind="enforcement_settlement",
            schedule=(last,),
            agreed_on=date(2024, 12, 1),
            accelerates=False,
            **kw,
        )
    before = _deadlines(engine)
    off = frozenset({date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 7)})
    calendar = with_schedules(package_calendar(), [YearSchedule(2027, "test", off, frozenset())])

    with uow(engine) as w:
        moved = recompute_open_deadlines(w, years=[2027], calendar=calendar, actor=ACTOR, now=NOW)

    assert sorted((m["kind"], m["old_due_on"], m["new_due_on"]) for m in moved) == [
        ("reference_price", "2027-01-05", "2027-01-06"),
        ("resume_enforcement", "2027-01-04", "2027-01-06"),
        ("sale_start", "2027-01-07", "2027-01-08"),
    ]
    after = _deadlines(engine)
    assert after.keys() == before.keys()
    flat_price = next(v for k, v in after.items() if k[1] == "reference_price" and v[1] == "met")
    assert flat_price[0] == date(2026, 12, 31)  # met, as it was
    validity = next(v for k, v in after.items() if k[1] == "price_validity")
    assert validity[:2] == (date(2027, 12, 28), "open")
    with uow(engine) as w:
        again = recompute_open_deadlines(w, years=[2027], calendar=calendar, actor=ACTOR, now=NOW)
    assert again == []
