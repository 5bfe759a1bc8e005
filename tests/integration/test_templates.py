"""Every shipped template renders with a sample case and reads back right with python-docx."""

import io
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from legal_flows.documents.catalog import ALL_SPECS, CATALOG, DEFAULT_TEMPLATES
from legal_flows.documents.check import check_template, check_templates
from legal_flows.documents.contexts import IdentityCertificateContext
from legal_flows.documents.dossier import CollectionFacts, CreditorFacts, Dossier
from legal_flows.documents.errors import MissingFact, TemplateProblem
from legal_flows.documents.inputs import (
    EnforcementFacts,
    InLieuFacts,
    Options,
    RenewalFacts,
    ResumptionFacts,
)
from legal_flows.documents.render import render
from legal_flows.domain.filing import DocumentKind
from legal_flows.domain.instrument import Award, Continuing, InstrumentKind, Terms
from legal_flows.domain.ledger import Debt, debt_ledger
from legal_flows.i18n import CHINESE, said, translator

SIGNED = date(2026, 11, 29)
OPTIONS = Options(signed_on=SIGNED, cost_cap=Decimal("0.24"), preservation=True)
ZH = translator(CHINESE)


def _said(report) -> list[str]:
    """A check report's findings as legal staff read them (Chinese)."""
    return [said(ZH, told) for told in report.told()]


def dossier(**overrides: object) -> Dossier:
    fields: dict[str, object] = {
        "account_id": "ACC00000001",
        "creditor": CreditorFacts(
            name="示例银行股份有限公司北京分行",
            address="北京市西城区金融大街1号",
            credit_code="91110000100000000R",
            head_name="张三",
            head_title="行长",
            phone="010-00000000",
            agents=(("李四", "北京示例律师事务所", "11101200000000001", "13800000001"),),
        ),
        "holder_name": "王小明",
        "id_number": "11010519491231002X",
        "gender": "女",
        "birth_date": date(1949, 12, 31),
        "ethnicity": "汉族",
        "registered_address": "北京市朝阳区建国路88号",
        "residence_address": None,
        "phone": "13912345678",
        "card_number": "6222021234567890128",
        "card_issued_on": date(2019, 3, 1),
        "credit_limit": Decimal("50000"),
        "annual_rate": Decimal("0.1825"),
        "terms_notice_proven": True,
        "overdue_since": date(2025, 6, 1),
        "last_payment_on": date(2025, 5, 20),
        "balance_date": date(2026, 11, 29),
        "claim_principal": Decimal("12345.67"),
        "claim_interest": Decimal("1200.00"),
        "claim_penalty": Decimal("300.50"),
        "claim_fees": Decimal("0"),
        "court": None,
        "agreed_court": None,
        "collections": (CollectionFacts(date(2025, 7, 1), "sms", True, False),),
        "asset_leads": ("中国工商银行北京朝阳支行账户 6222********1234",),
        **overrides,
    }
    return Dossier(**fields)  # type: ignore[arg-type]


def sample_context(kind: DocumentKind, d: Dossier | None = None):
    """The template's context for a sample case; enforcement documents take their own facts."""
    return CATALOG[kind].build(d or dossier(), sample_inputs(kind))


def sample_inputs(kind: DocumentKind) -> object:
    """What a kind's builder takes beside the dossier, for a sample case."""
    if kind == DocumentKind.ENFORCEMENT_APPLICATION:
        award = Award(
            principal=Decimal("50000"),
            interest=Decimal("1200"),
            penalty=Decimal("300"),
            costs=Decimal("2300"),
        )
        terms = Terms(award, Continuing(Decimal("50000"), Decimal("0.1825"), date(2026, 3, 1)))
        debt = Debt(terms, "（2026）京0105民初12345号民事判决书", date(2026, 6, 26))
        return EnforcementFacts(
            instrument=InstrumentKind.JUDGMENT,
            case_no="（2026）京0105民初12345号",
            effective_on=date(2026, 6, 26),
            terms=terms,
            ledger=debt_ledger(debt, [], SIGNED),
            as_of=SIGNED,
            signed_on=SIGNED,
        )
    if kind == DocumentKind.IN_LIEU:
        return InLieuFacts(
            case_no="（2026）京0105执900号",
            description="小型轿车",
            identifier="京A1",
            round_number=2,
            platform="人民法院诉讼资产网",
            failed_on=date(2026, 9, 1),
            reserve_price=Decimal("33600"),
            claim_left=Decimal("30000"),
            signed_on=SIGNED,
        )
    if kind == DocumentKind.SEIZURE_RENEWAL:
        return RenewalFacts(
            case_no="（2026）京0105执900号",
            preservation=False,
            measure="freeze",
            months=12,
            asset="工商银行账户",
            identifier="6222****1234",
            ruling_no="（2026）京0105执900号之一",
            expires_on=date(2027, 2, 28),
            signed_on=SIGNED,
        )
    if kind == DocumentKind.RESUMPTION:
        return ResumptionFacts(
            instrument=InstrumentKind.JUDGMENT,
            instrument_case_no="（2026）京0105民初12345号",
            enforcement_case_no="（2026）京0105执900号",
            agreed_on=date(2026, 8, 1),
            missed_due=date(2026, 10, 31),
            missed_amount=Decimal("5000"),
            plan_unpaid=Decimal("15000"),
            owed=Decimal("48216.40"),
            signed_on=SIGNED,
        )
    return OPTIONS


def rendered_text(kind: DocumentKind, d: Dossier | None = None) -> str:
    spec = CATALOG[kind]
    context = sample_context(kind, d)
    data = render((DEFAULT_TEMPLATES / spec.file).read_bytes(), spec.file, context)
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("kind", list(CATALOG), ids=lambda k: k.value)
def test_every_template_renders_the_parties_and_the_date(kind):
    text = rendered_text(kind)
    assert "示例银行股份有限公司北京分行" in text
    assert "2026年11月29日" in text
    assert "{{" not in text
    assert "{%" not in text


def test_power_of_attorney_lists_each_special_authority_never_a_bare_full_authority():
    text = rendered_text(DocumentKind.POWER_OF_ATTORNEY)
    assert "代理权限：特别授权，具体权限如下：" in text
    assert "1. 代为承认、放弃、变更诉讼请求；" in text
    assert "5. 代为申请财产保全、申请执行。" in text
    assert "领取" not in text  # receiving money is the creditor's own grant
    assert "全权代理" not in text
    assert "负责人（签字）：____________" in text
    assert "委托人：示例银行股份有限公司北京分行（盖章）" in text


def test_power_of_attorney_grants_what_the_creditor_settings_say():
    from dataclasses import replace

    from legal_flows.domain.creditor import CreditorSettings

    money = replace(dossier().creditor, settings=CreditorSettings(agent_receives_money=True))
    text = rendered_text(DocumentKind.POWER_OF_ATTORNEY, dossier(creditor=money))
    assert "5. 代为申请财产保全、申请执行；" in text
    assert "6. 代为领取执行款项。" in text
    general = replace(dossier().creditor, settings=CreditorSettings(agent_authority="general"))
    text = rendered_text(DocumentKind.POWER_OF_ATTORNEY, dossier(creditor=general))
    assert "代理权限：一般授权" in text
    assert "代为" not in text


def test_evidence_list_has_a_row_per_item_with_form_and_page_columns():
    from tests.docx_text import reading_order

    spec = CATALOG[DocumentKind.EVIDENCE_LIST]
    data = render(
        (DEFAULT_TEMPLATES / spec.file).read_bytes(), spec.file, sample_context(spec.kind)
    )
    lines = reading_order(data)
    assert "序号｜证据名称｜证据来源｜证明目的｜原件/复印件｜页码" in lines
    rows = [line.split("｜") for line in lines if line[:1].isdigit() and "｜" in line]
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    named = {r[1]: r[4] for r in rows}
    assert named["原告营业执照"] == "复印件"
    assert named["负责人身份证明书"] == "原件"  # a branch: its 负责人, not a 法定代表人
    assert named["被告身份信息（居民身份证复印件或户籍信息）"] == "复印件"
    assert named["条款提示说明确认书"] == "原件"  # the terms notice was proven
    assert "催收记录" in named


def test_demand_letter_has_its_number_address_account_and_a_deadline_after_its_date():
    from dataclasses import replace

    from legal_flows.domain.creditor import CreditorSettings

    creditor = replace(
        dossier().creditor,
        settings=CreditorSettings(repayment_account="某某银行北京分行 1100 2233 4455"),
    )
    text = rendered_text(
        DocumentKind.DEMAND_LETTER,
        dossier(creditor=creditor, residence_address="北京市海淀区中关村大街1号"),
    )
    assert "〔2026〕律函字第ACC00000001号" in text
    assert "地址：北京市海淀区中关村大街1号" in text
    assert "还款账户：某某银行北京分行 1100 2233 4455" in text
    assert "请您于2026年12月14日前清偿上述欠款" in text  # 15 days after 2026-11-29
    assert "发卡行：示例银行股份有限公司北京分行，联系电话：010-00000000" in text
    assert "承办律师：李四（北京示例律师事务所），联系电话：13800000001" in text
    assert "透支本金人民币12,345.67元、利息人民币1,200.00元、违约金人民币300.50元，合计" in text
    assert "手续费" not in text  # no fees: not an item


def test_a_package_with_a_demand_letter_dates_its_court_papers_after_the_letter_s_deadline():
    from legal_flows.domain.filing import DEMAND_DAYS, litigation_date

    assert litigation_date(SIGNED, demand_letter=False) == SIGNED
    assert litigation_date(SIGNED, demand_letter=True) == date(2026, 12, 15)
    assert (litigation_date(SIGNED, demand_letter=True) - SIGNED).days == DEMAND_DAYS + 1


def test_branch_signs_through_its_person_in_charge():
    assert "负责人身份证明书" in rendered_text(DocumentKind.IDENTITY_CERTIFICATE)


def test_values_with_ampersand_and_angle_brackets_survive_intact():
    name = 'A&B <银行> "北京" 分行'
    creditor = dossier().creditor.__class__(**{**dossier().creditor.__dict__, "name": name})
    text = rendered_text(DocumentKind.COMPLAINT, dossier(creditor=creditor))
    assert name in text
    assert "此致" in text  # the document did not get cut off after the value


def test_rendering_twice_gives_the_same_bytes():
    spec = CATALOG[DocumentKind.COMPLAINT]
    template = (DEFAULT_TEMPLATES / spec.file).read_bytes()
    context = spec.build(dossier(), OPTIONS)
    assert render(template, spec.file, context) == render(template, spec.file, context)


def test_missing_phone_is_refused_naming_the_case():
    with pytest.raises(MissingFact, match="ACC00000001: ethnicity and phone"):
        CATALOG[DocumentKind.COMPLAINT].build(dossier(phone=None), OPTIONS)


def _edited(tmp_path: Path, text: str) -> Path:
    from docx import Document as New

    doc = New()
    doc.add_paragraph(text)
    path = tmp_path / "identity_certificate.docx"
    doc.save(path)
    return path


def test_template_with_an_unknown_variable_names_it(tmp_path):
    path = _edited(tmp_path, "{{ plaintiff.name }} {{ plaintiff.nmae }} {{ stamp }}")
    report = check_template(path, IdentityCertificateContext)
    assert _said(report) == [
        "第1段「{{ plaintiff.nmae }}」：未知变量 Plaintiff.nmae",
        "第1段「{{ stamp }}」：未知变量 stamp",
    ]
    assert report.problems == [
        "paragraph 1, {{ plaintiff.nmae }}: unknown variable: Plaintiff.nmae",
        "paragraph 1, {{ stamp }}: unknown variable: stamp",
    ]
    context = CATALOG[DocumentKind.IDENTITY_CERTIFICATE].build(dossier(), OPTIONS)
    with pytest.raises(TemplateProblem, match="unknown variable") as refused:
        render(path.read_bytes(), path.name, context)
    assert "identity_certificate.docx 使用了未知变量 stamp" in said(ZH, refused.value)


def test_template_reaching_for_python_internals_is_refused(tmp_path):
    path = _edited(tmp_path, "{{ ''.__class__.__mro__ }}")
    assert any(
        "unsafe attribute" in p for p in check_template(path, IdentityCertificateContext).problems
    )
    context = CATALOG[DocumentKind.IDENTITY_CERTIFICATE].build(dossier(), OPTIONS)
    with pytest.raises(TemplateProblem, match="unsafe"):
        render(path.read_bytes(), path.name, context)


def test_unbalanced_block_tag_is_reported(tmp_path):
    path = _edited(tmp_path, "{% if plaintiff.name %} no end")
    report = check_template(path, IdentityCertificateContext)
    assert _said(report) == ["第1段「{% if plaintiff.name %}」：缺少对应的 {% endif %}"]
    assert report.problems == ["paragraph 1, {% if plaintiff.name %}: unclosed if: no endif"]


def test_shipped_templates_pass_the_check():
    reports = check_templates(DEFAULT_TEMPLATES)
    assert {r.template for r in reports} == {s.file for s in ALL_SPECS}
    assert "complaint_prose.docx" in {r.template for r in reports}
    assert [p for r in reports for p in r.problems] == []


def test_tag_split_across_paragraphs_is_reported(tmp_path):
    from docx import Document as New

    doc = New()
    doc.add_paragraph("{{ plaintiff.name")
    doc.add_paragraph("}}")
    path = tmp_path / "identity_certificate.docx"
    doc.save(path)
    problems = check_template(path, IdentityCertificateContext).problems
    assert any("split across paragraphs" in p for p in problems)


def test_braces_broken_apart_are_reported(tmp_path):
    path = _edited(tmp_path, "{ { plaintiff.name } } and ｛｛ signed_on ｝｝")
    problems = check_template(path, IdentityCertificateContext).problems
    assert any("malformed tag" in p for p in problems)


def _text(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs] + [
        c.text for t in doc.tables for row in t.rows for c in row.cells
    ]


@pytest.mark.parametrize("kind", list(CATALOG), ids=lambda k: k.value)
def test_compiled_template_writes_the_same_text_as_docxtpl(kind):
    from legal_flows.documents.compiled import CompiledTemplate

    spec = CATALOG[kind]
    template = (DEFAULT_TEMPLATES / spec.file).read_bytes()
    context = sample_context(kind)
    compiled = CompiledTemplate(template, spec.file, spec.context)
    fast = compiled.render(context)
    assert _text(fast) == _text(render(template, spec.file, context))
    assert compiled.render(context) == fast  # reproducible bytes


def test_compiled_template_with_a_tagged_header_renders_the_header_too(tmp_path):
    from legal_flows.documents.compiled import CompiledTemplate

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "{{ plaintiff.name }}"
    doc.add_paragraph("{{ signed_on }}")
    path = tmp_path / "identity_certificate.docx"
    doc.save(path)
    spec = CATALOG[DocumentKind.IDENTITY_CERTIFICATE]
    compiled = CompiledTemplate(path.read_bytes(), path.name, spec.context)
    out = Document(io.BytesIO(compiled.render(spec.build(dossier(), OPTIONS))))
    assert out.sections[0].header.paragraphs[0].text == "示例银行股份有限公司北京分行"
    assert out.paragraphs[0].text == "2026年11月29日"


def test_compiled_template_refuses_unknown_variables_when_compiled(tmp_path):
    from legal_flows.documents.compiled import CompiledTemplate

    path = _edited(tmp_path, "{{ plaintiff.name }} {{ stamp }}")
    with pytest.raises(TemplateProblem, match="unknown variable"):
        CompiledTemplate(path.read_bytes(), path.name, IdentityCertificateContext)


def test_missing_nested_value_fails_naming_the_template_and_the_field(tmp_path):
    from legal_flows.documents.compiled import CompiledTemplate

    path = _edited(tmp_path, "{{ plaintiff.name }}，{{ plaintiff.fax }}")
    context = CATALOG[DocumentKind.IDENTITY_CERTIFICATE].build(dossier(), OPTIONS)
    for renderer in (
        lambda: render(path.read_bytes(), path.name, context),
        lambda: CompiledTemplate(path.read_bytes(), path.name, IdentityCertificateContext).render(
            context
        ),
    ):
        with pytest.raises(TemplateProblem, match="missing value") as refused:
            renderer()
        assert re.search(r"模板 identity_certificate\.docx 缺少取值.*fax", said(ZH, refused.value))


def test_enforcement_application_asks_for_what_the_instrument_awarded_and_the_doubled_interest():
    text = rendered_text(DocumentKind.ENFORCEMENT_APPLICATION)
    assert "申请执行人：示例银行股份有限公司北京分行" in text
    assert "被执行人：王小明" in text
    assert "（2026）京0105民初12345号民事判决书（2026年6月26日发生法律效力）" in text
    assert "1. 强制被执行人给付民事判决书确定的本金人民币50,000.00元；" in text
    assert "2. 强制被执行人给付利息及手续费等人民币1,200.00元；" in text
    assert "3. 强制被执行人给付违约金人民币300.00元；" in text
    # 50,000 × 18.25% ÷ 365 = 25.00 a day, 274 days (03-01 … 11-29) = 6,850.00
    assert (
        "4. 强制被执行人给付以人民币50,000.00元为基数，自2026年3月1日起按年利率18.25%计算至"
        "实际清偿之日止的利息（暂计至2026年11月29日为人民币6,850.00元）；" in text
    )
    # 52,600 (all but ordinary interest) × 0.000175 × 146 days (07-07 … 11-29) = 1,343.93
    assert (
        "以人民币52,600.00元为基数，按日万分之一点七五，自2026年7月7日起计算至实际履行之日止"
        "（暂计至2026年11月29日为人民币1,343.93元）" in text
    )
    # 54,100 awarded (interest included) + 6,850.00 + 1,343.93
    assert "以上暂计人民币61,993.93元" in text
    assert "本案执行费用由被执行人负担。" in text


def test_renewal_application_names_the_asset_ruling_and_expiry():
    text = rendered_text(DocumentKind.SEIZURE_RENEWAL)
    assert "续行冻结申请书" in text
    assert "（2026）京0105执900号之一" in text
    assert "2027年2月28日届满" in text
    assert "（2026）京0105执900号一案尚未执行完毕" in text
    assert "第四百八十五条" in text


def test_a_preservation_renewal_cites_the_preservation_rules():
    from dataclasses import replace

    facts = replace(sample_inputs(DocumentKind.SEIZURE_RENEWAL), preservation=True)
    context = CATALOG[DocumentKind.SEIZURE_RENEWAL].build(dossier(), facts)
    assert context.basis.endswith("若干问题的规定》第十八条")


def test_in_lieu_application_takes_the_asset_at_the_reserve_price_and_pays_the_excess():
    text = rendered_text(DocumentKind.IN_LIEU)
    assert "保留价人民币33,600.00元（大写：叁万叁仟陆佰元整）" in text
    assert "超出债权部分人民币3,600.00元" in text
    assert "申请执行人承诺在人民法院指定的期间内补交差额" in text


@pytest.mark.parametrize(
    ("tag", "said"),
    [
        ("{{ ''['__class__'] }}", "不允许访问内部属性"),
        ("{{ plaintiff.name|attr('upper') }}", "不允许使用 attr 过滤器"),
        ("{{ 'x' * 1000000 }}", "模板中不做运算"),
    ],
)
def test_the_check_flags_what_the_sandbox_would_refuse_naming_paragraph_and_tag(
    tmp_path, tag, said
):
    path = _edited(tmp_path, tag)
    (problem,) = _said(check_template(path, IdentityCertificateContext))
    assert problem.startswith(f"第1段「{tag}」：{said}")


def test_a_template_that_multiplies_text_is_refused_at_render_even_unchecked(tmp_path):
    from legal_flows.documents.compiled import CompiledTemplate

    path = _edited(tmp_path, "{{ plaintiff.name }}{{ 'x' * 1000000 }}")
    context = CATALOG[DocumentKind.IDENTITY_CERTIFICATE].build(dossier(), OPTIONS)
    with pytest.raises(TemplateProblem) as refused:
        render(path.read_bytes(), path.name, context)
    assert "不安全的表达式" in said(ZH, refused.value)
    with pytest.raises(TemplateProblem) as refused:
        CompiledTemplate(path.read_bytes(), path.name, IdentityCertificateContext).render(context)
    assert "不安全的表达式" in said(ZH, refused.value)


def test_a_run_s_templates_are_checked_before_any_is_compiled(tmp_path):
    import shutil

    from legal_flows.documents.compiled import Templates

    shutil.copytree(DEFAULT_TEMPLATES, tmp_path / "t")
    _edited(tmp_path / "t", "{{ plaintiff.name ｝｝")  # identity_certificate.docx
    templates = Templates(tmp_path / "t")
    with pytest.raises(TemplateProblem) as refused:
        templates.load(CATALOG[DocumentKind.IDENTITY_CERTIFICATE])
    assert "identity_certificate.docx 第1段「{{ plaintiff.name ｝｝」" in said(ZH, refused.value)
    templates.load(CATALOG[DocumentKind.COMPLAINT])  # the others still serve


def test_payment_order_application_checklist():
    text = rendered_text(DocumentKind.PAYMENT_ORDER)
    for element in (
        "支付令申请书",
        "申请人：示例银行股份有限公司北京分行",
        "被申请人：王小明",
        "公民身份号码：11010519491231002X",
        "督促被申请人给付申请人信用卡欠款人民币13,846.17元（大写：壹万叁仟捌佰肆拾陆元壹角柒分）",
        "其中透支本金人民币12,345.67元，利息人民币1,200.00元、违约金人民币300.50元（计算至2026年11月29日）",
        "第二百二十五条",
        "北京市朝阳区人民法院",  # the domicile's basic court (解释 §23)
    ):
        assert element in text, element
    principal_only = rendered_text(
        DocumentKind.PAYMENT_ORDER,
        dossier(claim_interest=Decimal("0"), claim_penalty=Decimal("0"), terms_notice_proven=False),
    )
    assert "其中透支本金人民币12,345.67元（计算至" in principal_only


def test_payment_order_goes_to_the_domicile_even_with_an_agreed_court():
    context = CATALOG[DocumentKind.PAYMENT_ORDER].build(
        dossier(agreed_court="北京市西城区人民法院"), OPTIONS
    )
    assert context.court == "北京市朝阳区人民法院"


def test_preservation_application_checklist():
    text = rendered_text(DocumentKind.PRESERVATION)
    for element in (
        "财产保全申请书",
        "申请人：示例银行股份有限公司北京分行",
        "被申请人：王小明",
        "价值人民币13,846.17元（大写：壹万叁仟捌佰肆拾陆元壹角柒分）的财产",
        "中国工商银行北京朝阳支行账户 6222********1234",
        "第一百零三条",
        "第九条第一款第六项，申请免予提供担保",
        "北京市朝阳区人民法院",
    ):
        assert element in text, element


def test_identity_certificate_checklist():
    text = rendered_text(DocumentKind.IDENTITY_CERTIFICATE)
    for element in (
        "负责人身份证明书",
        "张三在我单位任行长职务，是我单位的负责人。",
        "单位名称：示例银行股份有限公司北京分行（盖章）",
        "统一社会信用代码：91110000100000000R",
        "2026年11月29日",
    ):
        assert element in text, element


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda s: s.file)
def test_every_template_numbers_its_pages_and_keeps_its_signature_block_together(spec):
    from docx.oxml.ns import qn

    doc = Document(DEFAULT_TEMPLATES / spec.file)
    footer = doc.sections[0].footer._element
    fields = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "第" in "".join(p.text for p in doc.sections[0].footer.paragraphs)
    tail = doc.paragraphs[-4:]  # the signature lines and the date
    assert all(p.paragraph_format.keep_with_next for p in tail[:-1])
    headings = [p for p in doc.paragraphs if p.runs and all(r.bold for r in p.runs) and p.text]
    assert headings  # the title at least
    assert all(p.paragraph_format.keep_with_next for p in headings), spec.file


def test_resumption_application_asks_to_enforce_the_original_instrument_again():
    text = rendered_text(DocumentKind.RESUMPTION)
    assert "恢复执行申请书" in text
    assert "请求恢复对（2026）京0105民初12345号民事判决书的执行" in text
    assert "人民币48,216.40元（大写：肆万捌仟贰佰壹拾陆元肆角，暂计至2026年11月29日）" in text
    assert "（2026）京0105执900号一案中" in text
    assert "于2026年10月31日履行应付款项人民币5,000.00元" in text
    assert "扣除被执行人已履行的部分，原生效法律文书确定的债务尚欠人民币48,216.40元" in text
    assert "《中华人民共和国民事诉讼法》第二百四十一条" in text
    assert "《最高人民法院关于执行和解若干问题的规定》第九条" in text


# A value with a line break and a tab: docxtpl's resolve_listing turns them into Word's own.
LISTED = "北京市朝阳区建国路1号\n（邮寄：信用卡中心）\t法务部"


@pytest.mark.parametrize("kind", list(CATALOG), ids=lambda k: k.value)
def test_compiled_post_processing_writes_docxtpls_own_body_byte_for_byte(kind):
    """The compiled path runs docxtpl's resolve_listing and fix_tables only where they can
    change something; what it writes is what running them everywhere writes."""
    from lxml import etree

    from legal_flows.documents.compiled import CompiledTemplate, _fix_tables, _resolve_listing

    spec = CATALOG[kind]
    compiled = CompiledTemplate(
        (DEFAULT_TEMPLATES / spec.file).read_bytes(), spec.file, spec.context
    )
    if not compiled.body_only:
        pytest.skip("renders through docxtpl itself")
    d = dossier()
    d = replace(d, creditor=replace(d.creditor, address=LISTED))
    xml = compiled.body_xml(CATALOG[kind].build(d, sample_inputs(kind)))
    doc = compiled.doc

    ours = etree.tostring(_fix_tables(doc, _resolve_listing(doc, xml)), encoding="unicode")

    assert ours == etree.tostring(doc.fix_tables(doc.resolve_listing(xml)), encoding="unicode")


@pytest.mark.parametrize("cells", [3, 1], ids=["row wider than its grid", "grid wider"])
def test_a_table_whose_grid_does_not_fit_its_rows_is_fixed_as_docxtpl_fixes_it(cells):
    from lxml import etree

    from legal_flows.documents.compiled import CompiledTemplate, _fix_tables

    spec = CATALOG[DocumentKind.COMPLAINT]
    compiled = CompiledTemplate(
        (DEFAULT_TEMPLATES / spec.file).read_bytes(), spec.file, spec.context
    )
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    xml = (
        f'<w:body {w}><w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/>'
        f"</w:tblGrid><w:tr>{cell * cells}</w:tr></w:tbl></w:body>"
    )

    ours = etree.tostring(_fix_tables(compiled.doc, xml), encoding="unicode")

    assert ours == etree.tostring(compiled.doc.fix_tables(xml), encoding="unicode")
    assert ours.count("<w:gridCol") == cells  # the grid now fits the row
