"""The `legal-flows` command as legal staff use it: import, review, decide, inspect, verify."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from legal_flows.cli import app
from legal_flows.store.db import get_engine, session_scope
from legal_flows.store.tables import ALERT, AUDIT, DEADLINE
from tests.helpers import portfolio, read_rows, write_rows

pytestmark = pytest.mark.usefixtures("prefect_api", "app_env")
runner = CliRunner()


def run(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    return result


def cli(*args: str, code: int = 0) -> str:
    """What a person reads on the terminal (stdout and stderr)."""
    return run(*args, code=code).output


def cli_json(*args: str, code: int = 0):
    """Scripts read JSON from stdout alone: logs and progress must stay out of it."""
    return json.loads(run(*args, "--json", code=code).stdout)


@pytest.fixture
def pf(tmp_path):
    pf = portfolio(tmp_path / "in", count=40)
    cli("init", "--creditors", str(pf.creditors))
    return pf


def test_import_reports_every_bad_row_and_loses_no_good_row(pf, tmp_path):
    rows = read_rows(pf.accounts)
    bad = {
        0: (
            "id_number",
            rows[0]["id_number"][:17] + ("0" if rows[0]["id_number"][17] != "0" else "1"),
        ),
        1: (
            "card_number",
            rows[1]["card_number"][:-1] + str((int(rows[1]["card_number"][-1]) + 1) % 10),
        ),
        2: ("principal", "-100.00"),
        3: ("overdue_since", "2025-13-45"),
        4: ("creditor_code", "XX99"),
    }
    for index, (column, value) in bad.items():
        rows[index][column] = value
    accounts = write_rows(tmp_path / "accounts.csv", rows)
    report = cli_json("import", str(accounts), "--collections", str(pf.collections), code=2)
    errors = {(e["row"], e["column"]): e for e in report["rejected"] if e["file"] == "accounts.csv"}
    assert set(errors) == {(i + 2, c) for i, (c, _) in bad.items()}
    orphans = {e["value"] for e in report["rejected"] if e["file"] == "collections.csv"}
    assert orphans <= {r["account_id"] for r in rows[:5]}  # history of the rejected accounts
    assert "check digit" in errors[(2, "id_number")]["reason"]
    assert "Luhn" in errors[(3, "card_number")]["reason"]
    assert "negative" in errors[(4, "principal")]["reason"]
    assert "date" in errors[(5, "overdue_since")]["reason"]
    assert "unknown creditor" in errors[(6, "creditor_code")]["reason"]
    assert "*" in errors[(2, "id_number")]["value"]  # personal values are masked in the report
    assert rows[0]["id_number"] not in json.dumps(report)
    listed = cli_json("cases", "list")
    assert len(listed) == 35
    assert {c["account_id"] for c in listed} == {r["account_id"] for r in rows[5:]}


def test_reimport_changes_nothing(pf):
    first = cli_json("import", str(pf.accounts), "--collections", str(pf.collections))
    second = cli_json("import", str(pf.accounts), "--collections", str(pf.collections))
    assert first["created"] > 40
    assert (second["created"], second["updated"], second["rejected"]) == (0, 0, [])
    assert second["unchanged"] == first["created"]


def test_missing_column_is_a_one_line_error(pf, tmp_path):
    rows = [{k: v for k, v in r.items() if k != "principal"} for r in read_rows(pf.accounts)]
    out = cli("import", str(write_rows(tmp_path / "a.csv", rows)), code=1)
    assert "a.csv：缺少必填列：principal" in out  # the CLI speaks Chinese by default


def test_review_then_show_gives_the_stable_json_of_a_case(pf):
    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    summary = cli_json("review", "--as-of", "2026-11-29")
    assert summary["reviewed"] == 40
    account = read_rows(pf.accounts)[0]["account_id"]
    shown = cli_json("cases", "show", account)
    for key in (
        "account_id stage outcome reasons procedure payment_order_candidate "
        "criminal_referral_candidate limitation_expires_on claim_principal claim_interest "
        "claim_penalty claim_fees claim_total"
    ).split():
        assert key in shown
    assert shown["outcome"] in {"approved", "rejected", "manual_review"}
    assert all(set(r) >= {"code", "message", "citation"} for r in shown["reasons"])
    assert shown["limitation_expires_on"][:2] == "20"
    assert "." in shown["claim_total"]
    assert "*" in shown["id_number"]
    # What a person reads: each field by its Chinese name, amounts in ¥, the stage by its label.
    text = cli("cases", "show", account)
    for shown_as in ("账户：", "阶段：", "主张合计：¥", "诉讼时效届满日：20", "身份证号："):
        assert shown_as in text
    assert "claim_total" not in text
    assert f"阶段：{shown['stage']}" not in text  # the stage's name, not its code


def test_reviewer_decides_from_the_queue_and_a_second_reviewer_gets_a_conflict(pf):
    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    queue = cli_json("review", "queue")
    assert queue
    assert all(item["reasons"] for item in queue)
    account = queue[0]["account_id"]
    cli("review", "decide", account, "--approve", "--reviewer", "王审查", "--reason", "材料齐全")
    err = run(
        "review", "decide", account, "--reject", "--reviewer", "李复核", "--reason", "x", code=1
    ).stderr
    assert "不在待决定状态" in err
    assert "王审查" in err
    assert len(err.strip().splitlines()) == 1
    shown = cli_json("cases", "show", account)
    assert shown["stage"] == "approved"
    assert shown["decisions"][-1]["decided_by"] == "王审查"


def test_a_court_the_rules_cannot_place_is_held_then_set_by_a_person(pf, tmp_path, db_url):
    from tests.helpers import set_case

    rows = read_rows(pf.accounts)
    held, filed = rows[0]["account_id"], rows[1]["account_id"]
    rows[0]["registered_address"] = "新疆维吾尔自治区乌鲁木齐市天山区解放路1号"
    rows[0]["residence_address"] = "浙江省杭州市滨江区江南大道1号"
    rows[0]["residence_since"] = ""
    accounts = write_rows(tmp_path / "accounts.csv", rows)
    cli("import", str(accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    shown = cli_json("cases", "show", held)
    assert shown["stage"] == "manual_review"
    reason = next(r for r in shown["reasons"] if r["code"] == "court_unconfirmed")
    assert "民诉法解释" in reason["citation"]
    out = cli("cases", "court", held, "--court", "杭州市滨江区人民法院", "--by", "王律师")
    assert "杭州市滨江区人民法院" in out
    assert "待审查" in out  # the stage, by its Chinese name
    cli("review", "--as-of", "2026-11-29")
    again = cli_json("cases", "show", held)
    assert again["court"] == "杭州市滨江区人民法院"
    assert "court_unconfirmed" not in {r["code"] for r in again["reasons"]}
    set_case(get_engine(db_url), filed, stage="filed", court="北京市朝阳区人民法院")
    err = run("cases", "court", filed, "--court", "杭州市滨江区人民法院", code=1).stderr
    assert "filed" in err
    assert len(err.strip().splitlines()) == 1
    assert "不是法院名称" in run("cases", "court", held, "--court", "杭州", code=1).stderr


def test_unknown_case_and_illegal_options_exit_nonzero(pf):
    assert "没有账户号为 NOPE 的案件" in cli("cases", "show", "NOPE", code=1)
    cli("review", "decide", "NOPE", "--reviewer", "a", "--reason", "b", code=2)  # neither flag


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (
            'UPDATE audit_event SET payload = \'{"claim": "1.00"}\' WHERE id = 3',
            "row 3 was altered",
        ),
        ("DELETE FROM audit_event WHERE id = 2", "row 2 is missing"),
        (
            "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)",
            "newest rows were removed",
        ),
        (
            "UPDATE audit_event SET id = -id WHERE id IN (2, 3); "
            "UPDATE audit_event SET id = 3 WHERE id = -2; "
            "UPDATE audit_event SET id = 2 WHERE id = -3",
            "row 2",
        ),
    ],
    ids=["edited", "deleted", "newest-deleted", "reordered"],
)
def test_audit_verify_catches_a_tampered_row(pf, db_url, tamper, problem):
    cli("import", str(pf.accounts))
    assert "审计日志完整" in cli("audit", "verify")
    with session_scope(get_engine(db_url)) as s:
        for statement in tamper.split("; "):
            s.execute(text(statement))
    out = cli("audit", "verify", code=1)
    assert problem in out


def test_unreachable_database_is_a_one_line_error(monkeypatch):
    monkeypatch.setenv("LEGAL_FLOWS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    result = run("cases", "list", code=1)
    assert result.stderr.startswith("错误：数据库：")
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_setting_is_a_one_line_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv("LEGAL_FLOWS_CHUNK_SIZE", "many")
    result = run("cases", "list", code=1)
    assert "LEGAL_FLOWS_CHUNK_SIZE" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_templates_check_passes_the_shipped_templates_and_fails_a_broken_one(tmp_path):
    import shutil

    from docx import Document

    from legal_flows.documents.catalog import DEFAULT_TEMPLATES

    report = cli_json("templates", "check")
    assert all(r["problems"] == [] for r in report)
    broken = tmp_path / "templates"
    shutil.copytree(DEFAULT_TEMPLATES, broken)
    doc = Document(broken / "identity_certificate.docx")
    doc.add_paragraph("{{ plaintiff.seal_image }}")
    doc.save(broken / "identity_certificate.docx")
    result = run("templates", "check", "--dir", str(broken), code=1)
    assert "Plaintiff.seal_image" in result.output
    assert "1 个模板有问题" in result.stderr
    assert "identity_certificate.docx" in result.stderr


def _broken_templates(tmp_path, edit):
    import shutil

    from docx import Document

    from legal_flows.documents.catalog import DEFAULT_TEMPLATES

    folder = tmp_path / "templates"
    shutil.copytree(DEFAULT_TEMPLATES, folder)
    doc = Document(folder / "complaint.docx")
    edit(doc)
    doc.save(folder / "complaint.docx")
    return folder


def _set_text(doc, old, new):
    """Retype the last paragraph (table cells included) that reads `old`; Word's number of it."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    every = list(doc.element.body.iter(qn("w:p")))
    found = [p for p in every if Paragraph(p, doc).text == old][-1]
    paragraph = Paragraph(found, doc)
    paragraph.runs[0].text = new
    for run in paragraph.runs[1:]:
        run.text = ""
    return every.index(found) + 1


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "日期：{{ signed_on }}",
            "日期：{{ signed_on ｝｝",
            "「{{ signed_on ｝｝」：标签括号写错了",
        ),
        ("{%p endfor %}", "", "缺少对应的 {% endfor %}"),
    ],
    ids=["full-width braces", "missing endfor"],
)
def test_generate_with_a_broken_template_writes_nothing_and_names_file_paragraph_and_tag(
    pf, tmp_path, monkeypatch, old, new, said
):
    number = {}
    folder = _broken_templates(tmp_path, lambda doc: number.update(n=_set_text(doc, old, new)))
    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    approved = cli_json("cases", "list", "--stage", "approved")
    monkeypatch.setenv("LEGAL_FLOWS_TEMPLATES", str(folder))
    err = run("generate", code=1).stderr
    assert "complaint.docx" in err
    assert said in err
    assert "Traceback" not in err
    assert "模板检查未通过，未写入任何文书" in err
    if "signed_on" in old:
        assert f"第{number['n']}段" in err
    assert cli_json("cases", "list", "--stage", "documents_ready") == []
    assert len(cli_json("cases", "list", "--stage", "approved")) == len(approved)
    assert cli_json("docs", "list", approved[0]["account_id"]) == []


def test_docs_get_into_a_missing_folder_is_a_one_line_error(pf, tmp_path):
    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    cli("generate")
    account = cli_json("cases", "list", "--stage", "documents_ready")[0]["account_id"]
    document = cli_json("docs", "list", account)[0]["id"]
    err = run("docs", "get", str(document), "-o", str(tmp_path / "nope" / "a.docx"), code=1).stderr
    assert "nope" in err
    assert len(err.strip().splitlines()) == 1


def test_generate_then_list_get_export_and_verify_documents(pf, tmp_path):
    from docx import Document

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    summary = cli_json("generate")
    assert summary["cases"] > 0
    assert summary["failed"] == []
    account = cli_json("cases", "list", "--stage", "documents_ready")[0]["account_id"]
    docs = cli_json("docs", "list", account)
    complaint = next(d for d in docs if d["kind"] == "complaint")
    from legal_flows.cli import common

    with pytest.MonkeyPatch.context() as wide:
        wide.setattr(common.console, "width", 200)
        listed = cli("docs", "list", account)
    row = next(line for line in listed.splitlines() if f" {complaint['id']} " in line)
    made = complaint["created_at"]
    assert "DOCX" in row  # which copy it is: a PDF's row says PDF
    assert f"{int(made[:4])}年{int(made[5:7])}月{int(made[8:10])}日 {made[11:16]}" in row
    out = tmp_path / "complaint.docx"
    cli("docs", "get", str(complaint["id"]), "-o", str(out))
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "民事起诉状" in text
    assert "此致" in text
    cli("docs", "export", account, "-o", str(tmp_path / "pkg"))
    assert (tmp_path / "pkg" / "manifest.json").is_file()
    assert (tmp_path / "pkg" / f"01_民事起诉状_{account}.docx").is_file()
    batch = cli_json("docs", "batch-export", "-o", str(tmp_path / "batch"))
    assert batch["cases"] == summary["cases"]
    assert (tmp_path / "batch" / "诉讼要素表.xlsx").is_file()
    err = run("docs", "batch-export", "-o", str(tmp_path / "batch"), code=1).stderr
    assert "不为空" in err
    assert "与其哈希值一致" in cli("docs", "verify")
    again = cli_json("generate")
    assert (again["cases"], again["created"]) == (0, 0)  # nothing approved is left undone


def test_court_events_and_deadlines_from_the_command_line(pf, db_url):
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="documents_ready")
    cli("court", "record", account, "submitted", "--on", "2026-03-02")
    registered = cli_json(
        "court",
        "record",
        account,
        "registered",
        "--on",
        "2026-03-06",
        "--case-no",
        "（2026）京0105民初9号",
    )
    assert registered["stages"] == ["registered"]
    cli("court", "record", account, "judgment_served", "--on", "2026-06-01", "--party", "被告")
    rows = cli_json("deadlines", "--case", account, "--as-of", "2026-06-02")
    appeal = next(r for r in rows if r["kind"] == "appeal")
    assert (appeal["due_on"], appeal["status"]) == ("2026-06-16", "open")
    assert set(appeal) >= {"account_id", "kind", "due_on", "status", "citation", "source"}
    assert appeal["source"] == "judgment_served:2026-06-01:被告"  # the code scripts read
    err = run("court", "record", account, "judgment", "--on", "2026-03-01", code=1).stderr
    assert "judgment（2026年3月1日）早于其前提事件 registered（2026年3月6日）" in err
    assert (
        "未知的法院事件"
        in run("court", "record", account, "verdict", "--on", "2026-03-01", code=1).stderr
    )


def test_a_judgment_is_recorded_with_its_terms_and_shown_under_instrument(pf, db_url, tmp_path):
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="documents_ready")
    cli("court", "record", account, "submitted", "--on", "2026-03-02")
    cli(
        "court",
        "record",
        account,
        "registered",
        "--on",
        "2026-03-06",
        "--case-no",
        "（2026）京0105民初9号",
    )
    cli("court", "record", account, "served", "--on", "2026-03-20", "--party", "被告")
    terms = tmp_path / "judgment.toml"
    terms.write_text(
        "perform_within_days = 15\n"
        '[award]\nprincipal = "30000"\ninterest = "1200.50"\ncosts = "287"\n'
        '[continuing]\nbase = "30000"\nannual_rate = "0.1825"\nfrom = 2026-03-01\n',
        encoding="utf-8",
    )
    cli("court", "record", account, "judgment", "--on", "2026-05-20", "--terms", str(terms))
    shown = cli_json("cases", "show", account)["instrument"]
    assert (shown["kind"], shown["instrument"], shown["on"]) == (
        "judgment",
        "民事判决书",
        "2026-05-20",
    )
    assert shown["terms"]["award"]["interest"] == "1200.50"
    assert shown["terms"]["continuing"] == {
        "base": "30000.00",
        "annual_rate": "0.1825",
        "from": "2026-03-01",
    }
    assert shown["terms"]["perform_within_days"] == 15
    assert shown["taken_from_claim"] is False
    terms.write_text('[award]\nprincipal = "30000"\nintrest = "1"\n', encoding="utf-8")
    err = run(
        "court", "record", account, "judgment", "--on", "2026-05-20", "--terms", str(terms), code=1
    ).stderr
    assert "judgment.toml：[award] 中有未知的键：intrest" in err
    assert len(err.strip().splitlines()) == 1
    err = run(
        "court", "record", account, "served", "--on", "2026-03-21", "--terms", str(terms), code=1
    ).stderr
    assert "--terms 只能用于 judgment" in err


def test_balance_is_a_payoff_quote_to_the_fen_that_grows_with_the_days(pf, db_url, tmp_path):
    """From the recorded judgment: continuing interest and doubled late interest to the day,
    each line with its base, days, rate and citation; a payment applied in law's order; the
    court's procedure and the amount preserved recorded with their events."""
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="documents_ready")
    cli("court", "record", account, "submitted", "--on", "2026-03-02")
    registered = ("court", "record", account, "registered", "--on", "2026-03-06")
    cli(*registered, "--case-no", "（2026）京0105民初9号", "--procedure", "simplified")
    err = run(*registered, "--procedure", "summary", code=1).stderr
    assert "未知的程序 'summary'" in err
    ruled = ("court", "record", account, "preservation_ruled", "--on", "2026-03-04")
    assert "--amount" in run(*ruled, "--amount", "12x", code=2).output
    cli(*ruled, "--amount", "20000")
    terms = tmp_path / "judgment.toml"
    terms.write_text(
        "perform_within_days = 15\n"
        '[award]\nprincipal = "30000"\ninterest = "1200.50"\ncosts = "287"\n'
        '[continuing]\nbase = "30000"\nannual_rate = "0.1825"\nfrom = 2026-03-01\n',
        encoding="utf-8",
    )
    cli("court", "record", account, "judgment", "--on", "2026-05-20", "--terms", str(terms))
    cli("court", "record", account, "effective", "--on", "2026-06-04")
    quote = cli_json("balance", account, "--as-of", "2026-07-19")
    lines = {line["item"]: line for line in quote["lines"]}
    # 30,000 × 18.25% ÷ 365 = 15.00 a day, 141 days (03-01 … 07-19).
    assert (lines["continuing"]["amount"], lines["continuing"]["days"]) == ("2115.00", 141)
    assert lines["continuing"]["rate"] == "0.1825"
    assert lines["continuing"]["per"] == "year"
    # Perform by 06-19; 30,287 (not the interest) × 0.0175% × 30 days = 159.00675.
    assert (lines["late"]["base"], lines["late"]["from"], lines["late"]["amount"]) == (
        "30287.00",
        "2026-06-20",
        "159.01",
    )
    assert "第二百六十四条" in lines["late"]["citation"]
    assert quote["outstanding"] == "33761.51"
    assert quote["source"] == "（2026）京0105民初9号民事判决书"
    table = cli("balance", account, "--as-of", "2026-07-19")
    assert "欠款明细" in table
    assert "¥33,761.51" in table
    # At a terminal's 80 columns each sum still fills a cell whole: not cut with "…", not
    # broken across two lines.
    from legal_flows.cli import common

    with pytest.MonkeyPatch.context() as narrow:
        narrow.setattr(common.console, "width", 80)
        narrowed = cli("balance", account, "--as-of", "2026-07-19")
    cells = [c.strip() for row in narrowed.splitlines() for c in row.split("│")]
    for line in quote["lines"]:
        assert f"¥{Decimal(line['amount']):,.2f}" in cells, line
    paid = cli_json(
        "proceeds",
        "record",
        account,
        "--amount",
        "10000",
        "--source",
        "voluntary",
        "--on",
        "2026-07-19",
    )
    assert paid["applied"]["costs"] == "287.00"
    assert paid["applied"]["interest"] == "3315.50"  # 1,200.50 judged + 2,115.00 continuing
    assert paid["applied"]["principal"] == "6397.50"
    assert paid["applied"]["late"] == "0.00"  # 2014 解释 §4: after the judged money debt
    later = cli_json("balance", account, "--as-of", "2026-07-29")
    # 10 days on 23,602.50: continuing 118.0125, late 41.304375; the earlier 159.01 unpaid.
    assert later["owed"]["continuing"] == "118.01"
    assert later["owed"]["late"] == "200.31"
    assert later["outstanding"] == "23920.82"
    assert cli_json("cases", "show", account)["balance"]["as_of"]
    recorded = cli_json(
        "costs", "record", account, "--kind", "notice_fee", "--amount", "260", "--on", "2026-04-01"
    )
    assert recorded["kind"] == "notice_fee"
    assert (
        "未知的费用类别 'postage'"
        in run(
            "costs",
            "record",
            account,
            "--kind",
            "postage",
            "--amount",
            "1",
            "--on",
            "2026-04-01",
            code=1,
        ).stderr
    )
    shown = cli("costs", "show", account, "--as-of", "2026-07-29")
    assert "公告费" in shown
    assert "净回收" in shown
    schedule = tmp_path / "schedule.csv"
    schedule.write_text("due,amount\n2026-08-31,5000\n2026-09-30,5000\n", encoding="utf-8")
    plan = ("plan", "record", account, "--kind", "mediation", "--on", "2026-08-01")
    assert cli_json(*plan, "--schedule", str(schedule))["instalments"] == 2
    shown = cli_json("plan", "show", account, "--as-of", "2026-10-16")
    assert [i["status"] for i in shown["instalments"]] == ["missed", "missed"]
    assert "逾期" in cli("plan", "show", account, "--as-of", "2026-10-16")
    schedule.write_text("due,amount\n2026-08-31,5000\n2026-08-01,5000\n", encoding="utf-8")
    err = run(*plan, "--schedule", str(schedule), code=1).stderr
    assert "schedule.csv：第 2 期：到期日 2026年8月1日 不晚于上一期的 2026年8月31日" in err


def test_daily_sweep_reports_and_alerts_once(pf, db_url, tmp_path, monkeypatch):
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="documents_ready")
    cli("court", "record", account, "submitted", "--on", "2026-11-20")
    cli("court", "record", account, "fee_notice", "--on", "2026-11-20")  # fee due 11-27
    # The court asked for a correction: registration restarts, due 12-02 (登记立案规定 §8).
    cli("court", "record", account, "correction_requested", "--on", "2026-11-25")

    def stored(kind):
        with session_scope(get_engine(db_url)) as s:
            query = select(DEADLINE.c.status).where(DEADLINE.c.kind == kind)
            return s.execute(query).scalar_one()

    # Today is pinned to 2026-11-29: a sweep as of a later day is a preview that writes
    # nothing, so the real sweep on that day still marks and raises everything.
    preview = cli_json("sweep", "--as-of", "2026-12-05")
    assert preview["preview"] is True
    assert (preview["would_mark_missed"], preview["would_raise"]) >= (1, 1)
    assert "将标记" in cli("sweep", "--as-of", "2026-12-05")
    assert stored("registration") == "open"
    with session_scope(get_engine(db_url)) as s:
        assert s.execute(select(func.count()).select_from(ALERT)).scalar_one() == 0
        previewed = s.execute(
            select(AUDIT.c.payload).where(AUDIT.c.action == "flow.as_of_other_day")
        ).scalars()
        assert [json.loads(p)["preview"] for p in previewed] == [True, True]
    first = cli_json("sweep", "--as-of", "2026-11-29")
    assert any(i["kind"] == "fee_payment" and i["category"] == "missed" for i in first["items"])
    assert first["new_alerts"] >= 1
    page = Path(first["report"]["html"]).read_text(encoding="utf-8")
    assert "<h1>每日巡检（2026年11月29日）</h1>" in page  # the department's language
    assert "预交诉讼费期限" in page
    second = cli_json("sweep", "--as-of", "2026-11-29")
    assert second["new_alerts"] == 0
    assert "fee_payment" in {
        d["kind"] for d in cli_json("deadlines", "--overdue", "--as-of", "2026-11-29")
    }
    # On 12-05 itself the registration deadline is marked and alerted: the preview took
    # nothing from it.
    monkeypatch.setenv("LEGAL_FLOWS_TODAY", "2026-12-05")
    later = cli_json("sweep")
    assert later["marked_missed"] == preview["would_mark_missed"]
    assert stored("registration") == "missed"
    assert any(i["kind"] == "registration" and i["category"] == "missed" for i in later["items"])
    assert later["new_alerts"] >= 1


def test_enforcement_commands_from_asset_to_auction_to_proceeds(pf, db_url):
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="disposition")
    cli("assets", "add", account, "--kind", "vehicle", "--description", "轿车", "--value", "60000")
    asset = cli_json("assets", "list", account)[0]["id"]
    seizure = cli_json(
        "seize",
        "record",
        str(asset),
        "--measure",
        "detain",
        "--ruling-no",
        "（2026）京0105执1号之一",
        "--on",
        "2026-06-01",
    )
    assert seizure["expires_on"] == "2028-05-31"  # movables: two years
    plan = (
        *("auction", "plan", str(asset), "--reference-price", "60000"),
        *("--starting-price", "42000", "--deposit", "4200", "--notice-on", "2026-07-01"),
        *("--starts-at", "2026-07-20T10:00", "--ends-at", "2026-07-21T10:00"),
    )
    assert "VAL-01" in cli(*plan, code=1)  # no round before the court fixed the price
    price = ("auction", "price", str(asset), "--reference-price", "60000")
    cli(*price, "--fixed-on", "2026-06-20")
    planned = cli_json(*plan)
    failed = cli_json(
        "auction", "record", str(planned["round_id"]), "--result", "failed", "--on", "2026-07-21"
    )
    assert failed["next"]["lowest_starting_price"] == "33600.00"
    err = run(
        "auction",
        "plan",
        str(asset),
        "--reference-price",
        "60000",
        "--starting-price",
        "30000",
        "--deposit",
        "3000",
        "--notice-on",
        "2026-07-25",
        "--starts-at",
        "2026-08-10T10:00",
        "--ends-at",
        "2026-08-11T10:00",
        code=1,
    ).stderr
    assert "AUC-01" in err
    paid = cli_json(
        "proceeds",
        "record",
        account,
        "--amount",
        "5000",
        "--source",
        "voluntary",
        "--on",
        "2026-08-01",
    )
    assert Decimal(paid["applied"]["costs"]) > 0


def test_a_review_as_of_another_day_is_audited_with_the_day_it_used(pf, db_url):
    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-20")  # today is pinned to 2026-11-29
    with session_scope(get_engine(db_url)) as s:
        rows = s.execute(
            select(AUDIT.c.actor, AUDIT.c.payload).where(AUDIT.c.action == "flow.as_of_other_day")
        ).all()
    (actor, payload), *_ = rows
    assert actor.startswith("flow:eligibility-review")
    assert json.loads(payload) == {"as_of": "2026-11-20", "today": "2026-11-29", "preview": False}


def test_an_overrule_on_the_command_line_is_a_proposal_another_person_approves(pf, db_url):
    from tests.helpers import first_in_stage

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    decide = ("review", "decide", account, "--reject", "--reason", "持卡人已还清")
    out = cli(*decide, "--reviewer", "王审查", "--overrule")
    assert "案件不作任何变动" in "".join(out.split())  # nothing changes until then
    (waiting,) = cli_json("proposals", "list")
    assert (waiting["account_id"], waiting["kind"]) == (account, "overrule")
    refused = run("proposals", "approve", str(waiting["id"]), "--checker", "王审查", code=1)
    assert "须由另一位法务人员同意或不同意" in refused.output
    assert "rejected" not in cli_json("cases", "show", account)["stage"]
    done = cli_json("proposals", "approve", str(waiting["id"]), "--checker", "李复核")
    assert (done["status"], done["stage"]) == ("approved", "rejected")
    assert cli_json("proposals", "list") == []


def test_tables_and_errors_read_in_chinese_unless_english_is_set(pf, db_url, monkeypatch):
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="documents_ready")
    cli("court", "record", account, "submitted", "--on", "2026-11-20")
    from legal_flows.cli import common

    monkeypatch.setattr(common.console, "width", 200)  # wide enough for the table unwrapped
    shown = cli("deadlines", "--case", account, "--as-of", "2026-11-21")
    assert "立案审查期限" in shown  # the registration deadline, by its Chinese name
    assert "2026年11月27日" in shown
    # What each runs from, in words: the 立案 submitted that day, the review (the limitation).
    assert "提交立案 2026年11月20日" in shown
    assert "起诉条件审查" in shown
    assert "submitted:" not in shown
    assert "review" not in shown
    assert "错误：没有账户号为 NOPE 的案件" in cli("cases", "show", "NOPE", code=1)
    # At a terminal's 80 columns a reason's detail folds onto more lines, never cut with
    # "…" (a Chinese sentence has no spaces to wrap at); every label is Chinese.
    monkeypatch.setattr(common.console, "width", 80)
    case = cli("cases", "show", account)
    assert "…" not in case
    assert "欠款：截至" in case
    assert not re.search(r"^balance[:：]", case, re.M)  # the label, not the command it names
    monkeypatch.setattr(common.console, "width", 200)
    monkeypatch.setenv("LEGAL_FLOWS_LANGUAGE", "en")
    shown = cli("deadlines", "--case", account, "--as-of", "2026-11-21")
    assert "registration" in shown
    assert "2026-11-27" in shown
    assert "submitted 2026-11-20" in shown
    assert "the review" in shown
    assert "error: no case with account_id 'NOPE'" in cli("cases", "show", "NOPE", code=1)


def test_every_table_and_summary_reads_in_chinese_unless_english_is_set(pf, monkeypatch):
    from legal_flows.cli import common

    monkeypatch.setattr(common.console, "width", 200)  # wide enough for the tables unwrapped
    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    account = read_rows(pf.accounts)[0]["account_id"]
    add = ["users", "add", "zhang.lawyer", "--role", "lawyer", "--password-stdin"]
    added = runner.invoke(app, add, input="a long password\n")
    assert "已添加用户 zhang.lawyer（律师）" in added.output
    assert "尚无财产登记" in cli("assets", "list", account)
    cli("assets", "add", account, "--kind", "vehicle", "--description", "轿车")
    assert "机动车：轿车" in cli("assets", "list", account)
    for header in ("模板", "变量", "问题", "通过"):
        assert header in cli("templates", "check")
    users = cli("users", "list")
    assert all(w in users for w in ("用户名", "角色", "律师", "是"))
    monkeypatch.setenv("LEGAL_FLOWS_LANGUAGE", "en")
    assert "vehicle: 轿车" in cli("assets", "list", account)
    for header in ("Template", "Variables", "Problems", "ok"):
        assert header in cli("templates", "check")
    users = cli("users", "list")
    assert all(w in users for w in ("Name", "Role", "lawyer", "yes"))


def test_a_due_date_in_a_year_with_no_official_schedule_reads_as_provisional(
    pf, db_url, monkeypatch
):
    from tests.helpers import first_in_stage, set_case

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    set_case(get_engine(db_url), account, stage="documents_ready")
    # Submitted on Monday 28 December: the 7 days of 立案 review end in 2027, a year the
    # holiday package does not cover (2026 it does).
    cli("court", "record", account, "submitted", "--on", "2026-12-28")
    from legal_flows.cli import common

    monkeypatch.setattr(common.console, "width", 200)
    rows = cli_json("deadlines", "--case", account, "--as-of", "2026-12-29")
    registration = next(r for r in rows if r["kind"] == "registration")
    assert (registration["due_on"], registration["calendar_confirmed"]) == ("2027-01-04", False)
    shown = cli("deadlines", "--case", account, "--as-of", "2026-12-29")
    assert "2027年1月4日（暂定）" in shown
    years = re.search(r"暂定：(\S+) 年尚无官方节假日安排.*calendar load", shown)
    assert years is not None
    assert "2027" in years[1].split("、")

    schedule = pf.accounts.parent / "2027.toml"
    schedule.write_text(
        '[2027]\nsource = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"\n'
        'holidays = ["2027-01-01"]\nworkdays = []\n',
        encoding="utf-8",
    )
    cli("calendar", "load", str(schedule))
    shown = cli("deadlines", "--case", account, "--as-of", "2026-12-29")
    assert "2027年1月4日" in shown
    assert "2027年1月4日（暂定）" not in shown
    assert not re.search(r"暂定：\S*2027", shown)


def test_a_sweep_whose_alert_channel_fails_says_so_in_chinese_and_sends_again_next_time(
    pf, db_url, monkeypatch
):
    import socket

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    with socket.socket() as probe:  # a port nothing listens on: the webhook cannot be reached
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("LEGAL_FLOWS_WEBHOOK_URL", f"http://127.0.0.1:{port}/alerts")
    # On 2026-11-29 the holiday calendar ends within 60 days: its alert is raised.
    summary = cli_json("sweep", "--as-of", "2026-11-29")
    assert summary["new_alerts"] >= 1
    assert summary["sent"] == 0
    (failure,) = summary["failures"]
    assert failure["channel"] == "webhook"
    assert failure["template"] == "webhook {url} unreachable: {problem}"
    shown = cli("sweep", "--as-of", "2026-11-29")
    assert "提醒渠道「Webhook」发送失败，提醒已保留，下次巡检时重发：无法连接 webhook" in shown
    monkeypatch.delenv("LEGAL_FLOWS_WEBHOOK_URL")
    again = cli_json("sweep", "--as-of", "2026-11-29")
    assert (again["failures"], again["sent"]) == ([], summary["new_alerts"])


def test_a_case_that_cannot_get_its_documents_is_named_with_why_in_chinese(pf, db_url):
    from sqlalchemy import update

    from legal_flows.store.tables import CASE, DEBTOR
    from tests.helpers import first_in_stage

    cli("import", str(pf.accounts), "--collections", str(pf.collections))
    cli("review", "--as-of", "2026-11-29")
    account = first_in_stage(get_engine(db_url), "approved")
    with session_scope(get_engine(db_url)) as s:
        debtor = select(CASE.c.debtor_id).where(CASE.c.account_id == account).scalar_subquery()
        s.execute(update(DEBTOR).where(DEBTOR.c.id == debtor).values(phone=None))
    failed = run("generate", code=1).output
    (line,) = [x for x in failed.splitlines() if x.startswith("案件 ")]  # the command's own
    assert line.endswith(f"：{account}：起诉状需要被告的民族和联系电话"), line
    assert "ethnicity" not in line  # the English reason is for scripts (--json)
