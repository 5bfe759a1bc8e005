"""The 要素式 民事起诉状（信用卡纠纷）as a filing clerk reads it: every element of the form in
its order, the amounts in figures and 大写, nothing pleaded against the bank."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from legal_flows.documents.catalog import CATALOG, DEFAULT_TEMPLATES, spec_for
from legal_flows.documents.dossier import CollectionFacts
from legal_flows.documents.render import render
from legal_flows.domain.creditor import CardAgreement, CreditorSettings
from legal_flows.domain.filing import DocumentKind
from tests.docx_text import reading_order, row_of
from tests.integration.test_templates import OPTIONS, dossier

COMPLAINT = DocumentKind.COMPLAINT
ZERO_ITEM = re.compile(r"(?<![\d,.])0\.00元")  # an amount of nothing, not 1,200.00元


def lines_of(d=None, style="elements", options=OPTIONS) -> list[str]:
    spec = spec_for(COMPLAINT, style)
    context = spec.build(d or dossier(), options)
    return reading_order(render((DEFAULT_TEMPLATES / spec.file).read_bytes(), spec.file, context))


def text_of(d=None, style="elements") -> str:
    return "\n".join(lines_of(d, style))


# The form's labels in the order of the 2025 示范文本 (with the 2024 text's 送达 rows).
ORDER = [
    "民事起诉状",
    "（信用卡纠纷）",
    "说明：",
    "★特别提示★",
    "当事人信息",
    "原告（法人、非法人组织）｜",
    "委托诉讼代理人｜",
    "送达地址（所填信息除书面特别声明更改外，适用于案件一审、二审、再审所有后续程序）及收件人、电话｜",
    "是否接受电子送达｜",
    "被告（自然人）｜",
    "诉讼请求",
    "1. 透支本金｜",
    "2. 利息、罚息、复利、滞纳金、违约金、手续费等｜",
    "3. 是否主张担保权利｜",
    "4. 是否主张实现债权的费用｜",
    "5. 是否主张诉讼费用｜",
    "6. 其他请求｜",
    "7. 标的总额｜",
    "约定管辖和诉前保全",
    "1. 有无仲裁、法院管辖约定｜",
    "2. 是否已经诉前保全｜",
    "事实与理由",
    "1. 信用卡办理情况（信用卡卡号、信用卡登记权利人、办卡时间、办卡行等）｜",
    "2. 信用卡合约的主要约定｜",
    "3. 是否就信用卡合约主要条款进行提示注意｜",
    "4. 被告逾期部分已还金额｜",
    "5. 被告逾期未还款金额｜",
    "6. 是否向被告进行通知和催收｜",
    "7. 是否签订物的担保（抵押、质押）合同｜",
    "8. 担保人、担保物｜",
    "9. 是否最高额担保（抵押、质押）｜",
    "10. 是否办理抵押、质押登记｜",
    "11. 是否签订保证合同｜",
    "12. 保证方式｜",
    "13. 其他担保方式｜",
    "14. 请求承担责任的依据｜",
    "15. 其他需要说明的内容（可另附页）｜",
    "16. 证据清单（可另附页）｜",
    "对纠纷解决方式的意愿",
    "是否考虑先行调解｜",
    "此致",
    "具状人（签字、盖章）：",
    "日期：",
]


def test_every_element_of_the_form_is_there_in_its_order():
    lines = lines_of()
    at = [next(i for i, line in enumerate(lines) if line.startswith(label)) for label in ORDER]
    assert at == sorted(at)


def test_the_parties_as_the_form_asks_for_them():
    lines = lines_of()
    bank = row_of(lines, "原告（法人、非法人组织）")
    for element in (
        "名称：示例银行股份有限公司北京分行",
        "住所地（主要办事机构所在地）：北京市西城区金融大街1号",
        "注册地/登记地：北京市西城区金融大街1号",
        "法定代表人/负责人：张三",
        "职务：行长  联系电话：010-00000000",
        "统一社会信用代码：91110000100000000R",
    ):
        assert element in bank
    agent = row_of(lines, "委托诉讼代理人")
    assert "姓名：李四" in agent
    assert "单位：北京示例律师事务所  职务：律师  联系电话：13800000001" in agent
    assert "代理权限：一般授权□  特别授权☑" in agent
    service = row_of(
        lines,
        "送达地址（所填信息除书面特别声明更改外，适用于案件一审、二审、再审所有后续程序）及收件人、电话",
    )
    assert "地址：北京市西城区金融大街1号" in service
    assert row_of(lines, "是否接受电子送达") == "是□  否☑"
    cardholder = row_of(lines, "被告（自然人）")
    for element in (
        "姓名：王小明",
        "性别：女",
        "出生日期：1949年12月31日  民族：汉族",
        "联系电话：13912345678",
        "住所地（户籍所在地）：北京市朝阳区建国路88号",
        "经常居住地：北京市朝阳区建国路88号",
        "证件类型：居民身份证",
        "证件号码：11010519491231002X",  # the court gets the full number
    ):
        assert element in cardholder
    assert "工作单位" not in cardholder  # not known: not printed


def test_the_employer_and_position_are_printed_when_known():
    cardholder = row_of(
        lines_of(dossier(employer="某某科技有限公司", occupation="职员")), "被告（自然人）"
    )
    assert "工作单位：某某科技有限公司  职务：职员" in cardholder


def test_the_claim_is_itemised_with_its_continuing_interest_and_total_in_words():
    lines = lines_of()
    text = "\n".join(lines)
    assert (
        "1. 判令被告偿还截至2026年11月29日的信用卡透支本金人民币12,345.67元"
        "（大写：壹万贰仟叁佰肆拾伍元陆角柒分）；" in text
    )
    assert (
        "2. 判令被告支付截至2026年11月29日的利息人民币1,200.00元、违约金人民币300.50元，共计人民币1,500.50元（大写：壹仟伍佰元零伍角）；"
        in text
    )
    assert (
        "3. 判令被告支付此后的利息，以本金人民币12,345.67元为基数，自2026年11月30日起按年利率"
        "18.25%计算至实际清偿之日止（利息、违约金、手续费等合计不超过年利率24%）；" in text
    )
    assert "4. 判令本案诉讼费用由被告承担。" in text
    assert (
        row_of(lines, "1. 透支本金") == "截至2026年11月29日止，尚欠本金12,345.67元（人民币，下同）"
    )
    charges = row_of(lines, "2. 利息、罚息、复利、滞纳金、违约金、手续费等")
    assert "共计1,500.50元" in charges
    assert "自2026年11月30日之后的利息" in charges
    assert (
        "明细：截至2026年11月29日，利息人民币1,200.00元（透支利息按年利率18.25%按《信用卡领用合约》约定计收）、"
        "违约金人民币300.50元（按《信用卡领用合约》约定计收），合计不超过年利率24%；此后以本金人民币12,345.67元为基数"
        in charges
    )
    assert row_of(lines, "7. 标的总额") == "13,846.17元（大写：壹万叁仟捌佰肆拾陆元壹角柒分）"
    assert row_of(lines, "5. 是否主张诉讼费用") == "是☑  否□"


def test_a_rate_above_the_cap_is_claimed_at_the_cap():
    text = text_of(dossier(annual_rate=Decimal("0.30")))
    assert "按年利率24.00%计算至实际清偿之日止" in text


def test_no_item_of_nothing_and_no_sentence_against_the_bank():
    text = text_of()
    assert not ZERO_ITEM.search(text)  # fees are 0: no 手续费 item
    assert "手续费等费用人民币" not in text
    without = text_of(
        dossier(claim_interest=Decimal("0"), claim_penalty=Decimal("0"), terms_notice_proven=False)
    )
    for against in ("暂无", "无法证明", "未提示", "未说明", "证据不足"):
        assert against not in without
    assert "本案仅主张透支本金" in without
    assert "2. 判令本案诉讼费用由被告承担。" in without
    assert "利息人民币" not in without
    assert not ZERO_ITEM.search(without)


def test_charges_a_reviewer_allowed_are_pleaded_with_the_notice_never_as_principal_only():
    # The notice was not proven, but a reviewer allowed the charges: the complaint claims them
    # and pleads how the bank explained the clauses, so it never contradicts itself.
    allowed = text_of(dossier(terms_notice_proven=False))
    assert "利息人民币" in allowed
    assert "本案仅主张透支本金" not in allowed
    assert "提示说明的具体方式以及时间地点" in allowed


def test_only_contacts_that_reached_the_cardholder_are_pleaded():
    d = dossier(
        collections=(
            CollectionFacts(date(2025, 7, 1), "sms", True, False),
            CollectionFacts(date(2025, 8, 1), "letter", False, False),  # returned undelivered
            CollectionFacts(date(2025, 9, 1), "phone", False, True),
            CollectionFacts(date(2025, 10, 1), "repayment", False, False, Decimal("500.00")),
            CollectionFacts(date(2025, 11, 1), "account_debit", False, False, Decimal("20.50")),
            CollectionFacts(date(2025, 5, 1), "repayment", False, False, Decimal("99.00")),
        )
    )
    lines = lines_of(d)
    collected = row_of(lines, "6. 是否向被告进行通知和催收")
    assert collected.startswith("是☑  否□")
    assert "2025年7月1日，短信催收，已送达被告预留手机号码；" in collected
    assert "2025年9月1日，电话催收，被告确认收悉；" in collected
    assert "2025年8月1日" not in collected
    # Repaid since default: 500.00 + 20.50 (the May payment came before 2025-06-01).
    assert row_of(lines, "4. 被告逾期部分已还金额") == "人民币520.50元"


def test_overdue_time_periods_and_amounts_owed():
    overdue = row_of(lines_of(), "5. 被告逾期未还款金额")
    # 2025-06-01 to 2026-11-29: 17 whole months and part of an 18th billing cycle.
    assert "逾期时间：自2025年6月1日起，已逾期18期" in overdue
    assert (
        "截至2026年11月29日，被告欠付信用卡本金人民币12,345.67元、利息人民币1,200.00元、违约金人民币300.50元"
        in overdue
    )


SETTINGS = CreditorSettings(
    entity_type="股份有限公司分支机构",
    registered_place="北京市西城区",
    electronic_service="电子邮箱 legal@bank.example",
    agent_authority="general",
    mediation="否",
    card_agreement=CardAgreement(
        interest_clause="第五条",
        penalty_clause="第七条",
        jurisdiction_clause="第二十条",
        jurisdiction_text="争议由甲方住所地人民法院管辖",
        calculation="透支利息按日利率万分之五计收",
        overdue_rule="到期还款日未足额偿还最低还款额的，视为逾期",
        notice_how="以加粗字体提示并由持卡人签字确认",
        notice_when="2019年3月1日",
        notice_where="原告北京分行营业部",
    ),
)


def test_the_creditor_settings_fill_the_form_and_the_defaults_stay_neutral():
    creditor = replace(dossier().creditor, settings=SETTINGS)
    lines = lines_of(dossier(creditor=creditor, agreed_court="北京市西城区人民法院"))
    bank = row_of(lines, "原告（法人、非法人组织）")
    assert "类型：股份有限公司分支机构" in bank
    assert "注册地/登记地：北京市西城区" in bank
    assert row_of(lines, "是否接受电子送达") == "是☑  否□  方式：电子邮箱 legal@bank.example"
    assert "代理权限：一般授权☑  特别授权□" in row_of(lines, "委托诉讼代理人")
    terms = row_of(lines, "2. 信用卡合约的主要约定")
    assert "计算标准：透支利息按日利率万分之五计收" in terms
    assert "违约责任：到期还款日未足额偿还最低还款额的，视为逾期" in terms
    notice = row_of(lines, "3. 是否就信用卡合约主要条款进行提示注意")
    assert notice == (
        "是☑  否□  提示说明的具体方式以及时间地点：以加粗字体提示并由持卡人签字确认，"
        "2019年3月1日，原告北京分行营业部"
    )
    assert "合同约定：《信用卡领用合约》第五条、第七条" in row_of(lines, "14. 请求承担责任的依据")
    charges = row_of(lines, "2. 利息、罚息、复利、滞纳金、违约金、手续费等")
    assert "利息人民币1,200.00元（透支利息按年利率18.25%按《信用卡领用合约》第五条计收）" in charges
    assert "违约金人民币300.50元（按《信用卡领用合约》第七条计收）" in charges
    agreed = row_of(lines, "1. 有无仲裁、法院管辖约定")
    assert (
        agreed
        == "有☑  无□  合同条款及内容：《信用卡领用合约》第二十条、争议由甲方住所地人民法院管辖"
    )
    assert row_of(lines, "是否考虑先行调解") == "是□  否☑  暂不确定，想要了解更多内容□"
    neutral = lines_of()
    assert "违约金、手续费等按《信用卡领用合约》约定计收" in row_of(
        neutral, "2. 信用卡合约的主要约定"
    )
    assert row_of(neutral, "1. 有无仲裁、法院管辖约定") == "有□  无☑"


def test_the_signature_block_names_the_bank_its_head_and_the_agent_and_the_court():
    lines = lines_of()
    tail = lines[lines.index("此致") :]
    assert tail[1] == "北京市朝阳区人民法院"
    assert "具状人（签字、盖章）：示例银行股份有限公司北京分行（盖章）" in tail
    assert "负责人（签字）：____________" in tail
    assert "委托诉讼代理人（签字）：____________" in tail
    assert tail[-1] == "日期：2026年11月29日"


def test_the_prose_complaint_stays_for_creditors_that_choose_it():
    text = text_of(style="prose")
    assert "（信用卡纠纷）" not in text  # not the form
    assert "1. 判令被告偿还截至2026年11月29日的信用卡透支本金人民币12,345.67元" in text
    assert "标的总额：人民币13,846.17元（大写：壹万叁仟捌佰肆拾陆元壹角柒分）" in text
    assert not ZERO_ITEM.search(text)
    assert "暂无" not in text_of(dossier(terms_notice_proven=False), style="prose")


@pytest.mark.parametrize("style", ["elements", "prose"])
def test_both_complaints_share_one_context(style):
    assert spec_for(COMPLAINT, style).context is CATALOG[COMPLAINT].context
