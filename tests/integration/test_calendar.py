"""`legal-flows calendar load|show`: the bank loads a year's official schedule; a bad file
stores nothing; the loaded year is what deadlines are computed on."""

import json
from datetime import date

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from legal_flows.bootstrap import runtime
from legal_flows.cli import app
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AuditRow

pytestmark = pytest.mark.usefixtures("app_env")
runner = CliRunner()

MADE_UP_2027 = """\
# 国务院办公厅关于2027年部分节假日安排的通知 — made up for the tests
[2027]
source = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"
holidays = ["2027-01-01", "2027-10-01", "2027-10-04", "2027-10-05",
            "2027-10-06", "2027-10-07"]
workdays = ["2027-10-09"]   # a Saturday
"""


def _run(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    return result


def test_a_loaded_year_is_shown_with_who_loaded_it_and_counts_for_deadlines(tmp_path, db_url):
    schedule = tmp_path / "2027.toml"
    schedule.write_text(MADE_UP_2027, encoding="utf-8")
    said = _run("calendar", "load", str(schedule), "--by", "li.staff").output
    assert "2027 年：放假 6 天，调休上班 1 天" in said

    shown = json.loads(_run("calendar", "show", "2027", "--json").stdout)
    assert (shown["from"], shown["loaded_by"], shown["confirmed"]) == ("loaded", "li.staff", True)
    assert {"date": "2027-10-09", "kind": "on"} in shown["days"]
    assert len(shown["days"]) == 7

    calendar = runtime().calendar
    assert not calendar.is_working_day(date(2027, 10, 4))
    assert calendar.rollover(date(2027, 10, 1)).due_on == date(2027, 10, 8)
    table = _run("calendar", "show", "2027").output
    assert "调休上班" in table
    assert "li.staff" in table
    assert "2027年10月9日" in table
    # When: in business time, as every stored instant is shown (stored in UTC).
    assert shown["loaded_at"].endswith("+08:00")
    day, minute = date.fromisoformat(shown["loaded_at"][:10]), shown["loaded_at"][11:16]
    assert f"{day.year}年{day.month}月{day.day}日 {minute}" in table  # in the reader's words
    assert "国务院办公厅关于2027年部分节假日安排的通知（测试用）" in table  # not cut in two

    with session_scope(runtime().engine) as session:
        audit = session.execute(
            select(AuditRow.action, AuditRow.actor).where(AuditRow.action == "calendar.loaded")
        ).all()
    assert [tuple(a) for a in audit] == [("calendar.loaded", "li.staff")]


def test_a_bad_file_is_refused_naming_its_line_and_nothing_is_stored(tmp_path, db_url):
    schedule = tmp_path / "2027.toml"
    schedule.write_text(MADE_UP_2027.replace('"2027-10-09"', '"2027-10-11"'), encoding="utf-8")
    refused = _run("calendar", "load", str(schedule), code=1).output
    assert "2027.toml 第 6 行" in refused
    assert "2027年10月11日 是工作日" in refused
    assert "Traceback" not in refused

    shown = json.loads(_run("calendar", "show", "2027", "--json").stdout)
    assert (shown["from"], shown["confirmed"], shown["days"]) == ("none", False, [])
    assert "尚无官方节假日安排" in _run("calendar", "show", "2027").output


def test_a_file_with_several_faults_names_each_with_its_line_and_stores_nothing(tmp_path, db_url):
    schedule = tmp_path / "2027.toml"
    faulty = MADE_UP_2027.replace('"2027-10-09"', '"2027-10-11"').replace(
        '"2027-10-01", ', '"2027-10-01", "2026-10-02", '
    )
    schedule.write_text(faulty, encoding="utf-8")
    refused = _run("calendar", "load", str(schedule), code=1).output
    assert "2027.toml 有 2 处问题，未载入任何内容" in refused
    assert "第 4 行：[2027] holidays：2026年10月2日 不在 2027 年内" in refused
    assert "第 6 行：[2027] workdays：2027年10月11日 是工作日" in refused
    assert "Traceback" not in refused
    shown = json.loads(_run("calendar", "show", "2027", "--json").stdout)
    assert (shown["from"], shown["days"]) == ("none", [])


def test_a_year_the_package_covers_is_shown_from_the_package(db_url):
    shown = json.loads(_run("calendar", "show", "2026", "--json").stdout)
    assert (shown["from"], shown["confirmed"]) == ("package", True)
    assert {"date": "2026-10-01", "kind": "off"} in shown["days"]
