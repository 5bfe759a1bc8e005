"""The command's own words, as a person mistyping one reads them: the usage line, the help
and why a command line was refused, in Chinese by default and in English when set."""

import pytest
from typer.testing import CliRunner

from legal_flows.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """No database is opened: a command line is refused before any command runs."""
    monkeypatch.setenv("LEGAL_FLOWS_HOME", str(tmp_path))
    monkeypatch.delenv("LEGAL_FLOWS_LANGUAGE", raising=False)


def refused(*args: str) -> str:
    result = runner.invoke(app, list(args), terminal_width=200)
    assert result.exit_code == 2, result.output
    return result.output


def test_a_mistyped_option_command_or_value_is_refused_in_chinese_with_its_usage():
    bogus = refused("deadlines", "--bogus")
    assert "用法：" in bogus
    assert "deadlines [选项]" in bogus
    assert "没有选项 --bogus" in bogus
    assert "--help' 查看帮助" in bogus
    assert "Usage" not in bogus
    assert "No such option" not in bogus
    assert "Error" not in bogus
    assert "没有命令 'deadlin'。您是不是要用 'deadlines'？" in refused("deadlin")
    assert "'--due-within' 的值无效：应为整数" in refused("deadlines", "--due-within", "x")
    # Our own refusal of a value is said inside the same frame.
    assert "'2026-13-01' 不是日期（格式为 YYYY-MM-DD）" in refused(
        "deadlines", "--as-of", "2026-13-01"
    )
    missing = refused("cases", "show")
    assert "缺少参数 'account_id'。" in missing
    assert "cases show [选项]" in missing


def test_the_help_of_a_command_reads_in_chinese():
    shown = runner.invoke(app, ["deadlines", "--help"], terminal_width=200).output
    assert "按到期日列出期限" in shown
    assert "显示本帮助并退出。" in shown
    assert "选项" in shown
    assert "Show this message" not in shown
    assert "Options" not in shown


def test_with_english_set_the_same_words_read_in_english(monkeypatch):
    monkeypatch.setenv("LEGAL_FLOWS_LANGUAGE", "en")
    bogus = refused("deadlines", "--bogus")
    assert "Usage:" in bogus
    assert "No such option: --bogus" in bogus
    shown = runner.invoke(app, ["deadlines", "--help"], terminal_width=200).output
    assert "Deadlines by due date" in shown
    assert "Show this message and exit." in shown
