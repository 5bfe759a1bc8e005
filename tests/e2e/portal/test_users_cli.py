"""`legal-flows users …` and `cases assign`: how an administrator sets the portal up."""

import pytest
from typer.testing import CliRunner

from legal_flows.cli import app
from tests.helpers import portfolio

pytestmark = pytest.mark.usefixtures("prefect_api", "app_env")
runner = CliRunner()


def run(*args: str, code: int = 0, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


def test_users_are_added_with_a_password_from_stdin_listed_and_disabled(tmp_path):
    out = run(
        "users",
        "add",
        "zhang.lawyer",
        "--role",
        "lawyer",
        "--password-stdin",
        stdin="a long password\n",
    )
    assert "已添加用户 zhang.lawyer（律师）" in out
    assert "too short" not in out
    short = run(
        "users", "add", "li", "--role", "lawyer", "--password-stdin", stdin="short\n", code=1
    )
    assert "密码至少需要 10 个字符" in short
    twice = run(
        "users",
        "add",
        "zhang.lawyer",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a long password\n",
        code=1,
    )
    assert "已存在" in twice
    bad_role = run("users", "add", "x", "--role", "judge", "--password-stdin", stdin="x\n", code=2)
    assert "judge" in bad_role
    run("users", "disable", "zhang.lawyer")
    listed = run("users", "list", "--json")
    assert '"active": false' in listed


def test_a_case_is_assigned_to_a_lawyer_from_the_command_line(tmp_path):
    pf = portfolio(tmp_path / "in", count=5)
    run("init", "--creditors", str(pf.creditors))
    run("import", str(pf.accounts))
    run(
        "users",
        "add",
        "zhao.lawyer",
        "--role",
        "lawyer",
        "--password-stdin",
        stdin="a long password\n",
    )
    run(
        "users",
        "add",
        "li.staff",
        "--role",
        "legal_staff",
        "--password-stdin",
        stdin="a long password\n",
    )
    assigned = run("cases", "assign", "ACC00000001", "--lawyer", "zhao.lawyer")
    assert "承办律师 zhao.lawyer" in assigned
    refused = run("cases", "assign", "ACC00000001", "--lawyer", "li.staff", code=1)
    assert "不是启用状态的律师" in refused
    assert "没有账户号为 NOPE 的案件" in run(
        "cases", "assign", "NOPE", "--lawyer", "zhao.lawyer", code=1
    )
