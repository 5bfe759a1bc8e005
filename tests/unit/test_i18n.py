"""The message catalogue: Chinese by default, English on request, amounts and dates."""

from datetime import date
from decimal import Decimal

from legal_flows.domain.errors import IllegalTransition
from legal_flows.i18n import CHINESE, ENGLISH, pick, said, translator
from legal_flows.services.errors import CaseNotFound


def test_chinese_is_the_default_and_english_comes_from_the_setting_or_the_browser():
    assert pick(None) == "zh_CN"
    assert pick("en") == "en"
    assert pick(None, "en-US,en;q=0.9") == "en"
    assert pick(None, "zh-CN,zh;q=0.9,en;q=0.8") == "zh_CN"
    assert pick(None, "fr-FR,en;q=0.5") == "zh_CN"  # a first choice we lack: Chinese
    assert pick("zh_CN", "en-US") == "zh_CN"  # the setting wins


def test_messages_and_labels_read_in_chinese_and_stay_english_in_english():
    zh, en = translator(), translator("en")
    assert zh("Cases") == "案件"
    assert en("Cases") == "Cases"
    assert zh("page {page} of {pages}", page=2, pages=9) == "第 2 页，共 9 页"
    assert zh.label("stage", "enforcement_registered") == "执行已立案"
    assert zh.label("deadline", "seizure_renewal") == "续行查封（冻结）期限"
    # The same word, a different label per kind: a missed deadline, a failed round.
    assert (zh.label("status", "missed"), zh.label("status", "failed")) == ("已逾期", "流拍")
    assert zh.label("stage", "no_such_stage") == "no_such_stage"
    assert en.label("stage", "approved") == "approved"


def test_amounts_read_with_the_yuan_sign_and_thousands_and_dates_in_chinese_or_iso():
    zh = translator()
    assert zh.money(Decimal("38416.53")) == "¥38,416.53"
    assert zh.money("1234567.5") == "¥1,234,567.50"
    assert zh.money(Decimal("-0.01")) == "-¥0.01"
    assert zh.money(None) == ""
    assert zh.day(date(2026, 12, 1)) == "2026年12月1日"
    assert zh.day("2026-01-09") == "2026年1月9日"
    assert translator(iso_dates=True).day(date(2026, 12, 1)) == "2026-12-01"
    assert translator("en").day(date(2026, 12, 1)) == "2026-12-01"


def test_an_error_is_said_in_the_readers_language_with_its_values():
    zh, en = translator(), translator("en")
    error = IllegalTransition("filed", "approved")
    assert said(zh, error) == "不允许的阶段变更：filed → approved"
    assert said(en, error) == str(error) == "illegal stage transition: filed -> approved"
    assert said(zh, CaseNotFound("NOPE")) == "没有账户号为 NOPE 的案件"
    assert said(zh, ValueError("plain")) == "plain"  # not ours: as it is


def test_a_failed_case_of_a_portal_run_is_named_with_its_account_or_id_and_why():
    from legal_flows.api.flows import _failure

    en, zh = translator(ENGLISH), translator(CHINESE)
    assert _failure({"account_id": "ACC1", "error": "no such court\nTraceback…"}, en) == (
        "ACC1: no such court"
    )
    assert _failure({"case_id": 7, "error": "template broken"}, en) == "case 7: template broken"
    assert _failure({"case_id": 7, "error": "template broken"}, zh) == "案件 7：template broken"


def test_a_csv_cell_that_starts_like_a_formula_is_kept_as_text():
    from legal_flows.api.pages_cases import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("（2026）京0105民初5号") == "（2026）京0105民初5号"
    assert _cell("") == ""


def test_a_told_error_inside_a_reported_one_is_said_in_the_readers_language_after_json():
    import json

    from legal_flows.domain.errors import Told, told_parts

    hung = Told("LibreOffice did not finish in {seconds} s", seconds=120)
    outer = Told(
        "no PDF copy of its {title} yet, the next run makes it: {why}", title="民事起诉状", why=hung
    )
    template, values = told_parts(outer)  # as a flow's result carries it
    carried = json.loads(json.dumps(values, ensure_ascii=False))

    shown = said(translator(CHINESE), Told(template, **carried))

    assert (
        shown == "民事起诉状的 PDF 副本尚未生成，下次运行时补做：LibreOffice 未在 120 秒内完成转换"
    )
    assert str(outer).endswith("the next run makes it: LibreOffice did not finish in 120 s")


def test_what_a_deadline_runs_from_reads_as_words_in_the_deadlines_table():
    from legal_flows.cli.court import source_words
    from legal_flows.domain.deadlines import Source
    from legal_flows.store.deadlines import DeadlineSource as From

    zh, en = translator(), translator("en")
    served = From(Source.COURT_EVENT, 9, event="judgment_served", on=date(2026, 6, 1), party="被告")
    submitted = From(Source.COURT_EVENT, 2, event="submitted", on=date(2026, 11, 20))
    check = From(Source.COURT_EVENT, 5, event="terminated", on=date(2026, 5, 1), check=3)
    # (source, what the table says, what `deadlines --json` says)
    for source, words, code in [
        (From(Source.CASE, 1), "起诉条件审查", "review"),
        (served, "判决送达 2026年6月1日 被告", "judgment_served:2026-06-01:被告"),
        (submitted, "提交立案 2026年11月20日", "submitted:2026-11-20:"),
        (check, "终结本次执行 2026年5月1日，第 3 次财产核查", "terminated:2026-05-01:3"),
        (From(Source.SEIZURE, 12), "查封 12", "seizure:12"),
        (From(Source.ASSET, 4), "财产 4 的参考价", "asset:4:price"),
        (From(Source.SEIZURE, 12, asset=4), "财产 4 的查封 12", "asset:4:12"),
        (From(Source.ROUND, 7), "拍卖轮次 7", "auction_round:7"),
        (From(Source.PLAN, 3), "分期履行计划 3", "plan:3"),
        (From(Source.COURT_EVENT, 8), "court_event:8", "court_event:8"),  # its event is gone
    ]:
        assert (source_words(zh, source), source.code) == (words, code)
    assert source_words(en, check) == "terminated 2026-05-01, check 3"
    assert source_words(en, From(Source.PLAN, 3)) == "instalment plan 3"


def test_several_told_errors_carried_as_one_value_are_said_a_line_each():
    from legal_flows.domain.errors import Lines, told_parts
    from legal_flows.domain.holidays import ScheduleProblem
    from legal_flows.services.errors import InputError

    outer = InputError(
        "{file}: {count} problems, nothing loaded:\n{problems}",
        file="2027.toml",
        count=2,
        problems=Lines(
            [
                InputError(
                    "line {line}: {problem}",
                    line=3,
                    problem=ScheduleProblem(
                        "[{year}] {name}: a list of dates", year=2027, name="holidays"
                    ),
                ),
                ScheduleProblem("[{key}]: a table is named by its year, e.g. [2027]", key="20x7"),
            ]
        ),
    )
    zh = translator()
    expected = (
        "2027.toml 有 2 处问题，未载入任何内容：\n"
        "  第 3 行：[2027] holidays：应为日期列表\n"
        "  [20x7]：表名应为年份，例如 [2027]"
    )
    assert said(zh, outer) == expected
    assert str(outer).endswith("\n  [20x7]: a table is named by its year, e.g. [2027]")
    # As data (a Prefect result, JSON), then said from it: the same words.
    template, values = told_parts(outer)
    assert said(zh, InputError(template, **values)) == expected


def test_a_runs_failure_is_said_from_its_template_else_from_its_english_error():
    from legal_flows.i18n import said_failure

    zh = translator()
    told = {
        "case_id": 7,
        "error": "ACC1: ethnicity and phone are needed for the complaint",
        "template": "{account_id}: ethnicity and phone are needed for the complaint",
        "values": {"account_id": "ACC1"},
    }
    assert said_failure(zh, told) == "ACC1：起诉状需要被告的民族和联系电话"
    assert said_failure(zh, {"error": "disk full"}) == "disk full"  # nothing to translate
