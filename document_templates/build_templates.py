"""Build the first versions of the filing-package templates (run once; edit the .docx after).

    python document_templates/build_templates.py

The committed .docx files are the source of truth: legal staff edit them in Word and the
system keeps working. This script only exists to make the first versions reproducible. It
writes A4 pages with court conventions: title centred in 宋体 bold, body in 仿宋 with the
East-Asian font slot and a zh-CN language tag, so LibreOffice picks a CJK serif as well.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).parent / "zh-CN"
BODY_FONT, TITLE_FONT = "仿宋", "宋体"

PLAINTIFF = [
    "原告：{{ plaintiff.name }}",
    "住所地：{{ plaintiff.address }}",
    "统一社会信用代码：{{ plaintiff.credit_code }}",
    "{{ plaintiff.head_role }}：{{ plaintiff.head_name }}，职务：{{ plaintiff.head_title }}，"
    "联系电话：{{ plaintiff.phone }}",
]
AGENTS = [
    "{%p for a in agents %}",
    "委托诉讼代理人：{{ a.name }}，{{ a.firm }}律师，执业证号：{{ a.licence_no }}，"
    "联系电话：{{ a.phone }}",
    "{%p endfor %}",
]
DEFENDANT = [
    "被告：{{ defendant.name }}，性别：{{ defendant.gender }}，民族：{{ defendant.ethnicity }}，"
    "出生日期：{{ defendant.birth_date }}",
    "公民身份号码：{{ defendant.id_number }}",
    "户籍所在地：{{ defendant.registered_address }}",
    "经常居住地：{{ defendant.residence_address }}",
    "联系电话：{{ defendant.phone }}",
]


def parties(applicant: str, respondent: str) -> list[str]:
    """The party blocks with the roles a given document uses (申请人/被申请人, …)."""
    return [t.replace("原告", applicant) for t in PLAINTIFF] + [
        t.replace("被告", respondent) for t in DEFENDANT
    ]


CLOSING = ["此致", "{{ court }}", "", "具状人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"]


def set_fonts(run_properties: OxmlElement, font: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    run_properties.append(lang)


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    # GB/T 9704 margins: 3.7 top, 3.5 bottom, 2.8 left, 2.6 right.
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)  # 四号
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.line_spacing = Pt(28)
    return doc


def title(doc: Document, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(22)  # 二号
    set_fonts(run._element.get_or_add_rPr(), TITLE_FONT)


def heading(doc: Document, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.bold = True


def lines(doc: Document, texts: list[str], *, indent: bool = False) -> None:
    for text in texts:
        paragraph = doc.add_paragraph(text)
        if indent and not text.startswith("{%"):
            paragraph.paragraph_format.first_line_indent = Pt(28)


def closing(doc: Document, texts: list[str] = CLOSING) -> None:
    lines(doc, texts[:2])
    for text in texts[2:]:
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def complaint() -> Document:
    """民事起诉状（银行信用卡纠纷，要素式）: cn-legal-rules §6.1 field list."""
    doc = new_document()
    title(doc, "民事起诉状")
    doc.add_paragraph("（银行信用卡纠纷）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading(doc, "当事人信息")
    lines(doc, PLAINTIFF + AGENTS + DEFENDANT)
    lines(
        doc,
        ["送达地址及收件人：{{ service.address }}，{{ service.recipient }}，{{ service.phone }}"],
    )
    heading(doc, "诉讼请求")
    claims = [
        "1. 判令被告偿还截至{{ claim.cutoff_date }}的信用卡透支本金人民币{{ claim.principal }}元"
        "（大写：{{ claim.principal_in_words }}）；",
        "{%p if claim.has_charges %}",
        "2. 判令被告支付截至{{ claim.cutoff_date }}的利息人民币{{ claim.interest }}元、违约金人民币"
        "{{ claim.penalty }}元、其他费用人民币{{ claim.fees }}元，共计人民币{{ claim.charges }}元"
        "（大写：{{ claim.charges_in_words }}），并判令被告自{{ claim.accrual_from }}起按合同约定"
        "标准支付利息至实际清偿之日止（年化总费用不超过{{ claim.cost_cap }}）；",
        "{%p endif %}",
        "{{ claim.costs_item_no }}. 本案诉讼费用由被告承担。",
        "标的总额：人民币{{ claim.total }}元（大写：{{ claim.total_in_words }}）。",
        "请求依据：《信用卡领用合约》约定及《中华人民共和国民法典》第六百七十四条、"
        "第六百七十五条、第六百七十六条。",
    ]
    lines(doc, claims)
    heading(doc, "约定管辖和诉讼保全")
    lines(
        doc,
        [
            "约定管辖：{{ jurisdiction.agreed_court }}",
            "管辖依据：{{ jurisdiction.basis }}",
            "是否申请财产保全：{{ jurisdiction.preservation }}",
        ],
    )
    heading(doc, "事实与理由")
    facts = [
        "1. 信用卡办理情况：被告于{{ card.issued_on }}向原告申领信用卡，卡号{{ card.number }}，"
        "持卡人{{ defendant.name }}，发卡机构{{ plaintiff.name }}。",
        "2. 信用卡约定的主要条款：信用额度人民币{{ card.credit_limit }}元；透支利率为年利率"
        "{{ card.annual_rate }}；逾期违约金、费用按《信用卡领用合约》计收。",
        "3. 对被告就主要条款的提示说明义务履行情况：{{ card.terms_notice }}",
        "4. 被告已还款情况：{{ card.repayments }}",
        "5. 逾期情况：被告自{{ card.overdue_since }}起未按约还款，截至{{ claim.cutoff_date }}，"
        "尚欠透支本金人民币{{ claim.principal }}元，利息、违约金及费用合计人民币{{ claim.charges }}元。",
        "6. 催收情况：原告通过短信、电话、信函等方式向被告预留联系方式催收，主要记录如下：",
        "{%p for c in collections %}",
        "{{ c.date }}，{{ c.channel }}，{{ c.result }}；",
        "{%p endfor %}",
        "7. 证据清单：详见所附证据清单（共{{ evidence_count }}项）。",
        "综上，被告未按约履行还款义务，已构成违约。原告为维护自身合法权益，依据《中华人民共和国"
        "民事诉讼法》第一百二十二条之规定，特向贵院提起诉讼，望判如所请。",
    ]
    lines(doc, facts, indent=True)
    closing(doc)
    return doc


def payment_order() -> Document:
    """支付令申请书: 民诉法 §225; 解释 §427."""
    doc = new_document()
    title(doc, "支付令申请书")
    lines(doc, [t.replace("原告", "申请人") for t in PLAINTIFF] + AGENTS)
    lines(doc, [t.replace("被告", "被申请人") for t in DEFENDANT])
    heading(doc, "请求事项")
    lines(
        doc,
        [
            "请求贵院向被申请人发出支付令，督促被申请人给付申请人信用卡欠款人民币{{ claim.total }}元"
            "（大写：{{ claim.total_in_words }}），其中透支本金人民币{{ claim.principal }}元，"
            "利息、违约金及费用人民币{{ claim.charges }}元（计算至{{ claim.cutoff_date }}）。",
        ],
    )
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "被申请人于{{ card.issued_on }}向申请人申领信用卡（卡号{{ card.number }}），自"
            "{{ card.overdue_since }}起逾期未还。上述债务已到期且数额确定；申请人与被申请人之间没有"
            "其他债务纠纷，申请人对被申请人不负有对待给付义务；被申请人在我国境内且下落明确，"
            "支付令能够送达。申请人未申请诉前保全。",
            "为此，根据《中华人民共和国民事诉讼法》第二百二十五条之规定，特向贵院申请支付令。",
        ],
        indent=True,
    )
    closing(
        doc, ["此致", "{{ court }}", "", "申请人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"]
    )
    return doc


def preservation() -> Document:
    """财产保全申请书: 民诉法 §103; 保全规定 §§1, 9."""
    doc = new_document()
    title(doc, "财产保全申请书")
    lines(doc, parties("申请人", "被申请人"))
    heading(doc, "请求事项")
    lines(
        doc,
        [
            "请求依法冻结、查封或扣押被申请人名下价值人民币{{ claim.total }}元（大写："
            "{{ claim.total_in_words }}）的财产。",
        ],
    )
    heading(doc, "财产线索")
    lines(doc, ["{%p for lead in asset_leads %}", "{{ lead }}", "{%p endfor %}"])
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "申请人与被申请人信用卡纠纷一案，被申请人逾期未还款，为防止被申请人转移、隐匿财产，"
            "致使将来判决难以执行，根据《中华人民共和国民事诉讼法》第一百零三条之规定，特申请财产保全。",
            "担保情况：{{ security_statement }}",
        ],
        indent=True,
    )
    closing(
        doc, ["此致", "{{ court }}", "", "申请人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"]
    )
    return doc


def power_of_attorney() -> Document:
    """授权委托书: 民诉法 §§61-62; 解释 §89 (special authorities listed, never 全权代理 alone)."""
    doc = new_document()
    title(doc, "授权委托书")
    lines(
        doc,
        [
            "委托人：{{ plaintiff.name }}",
            "住所地：{{ plaintiff.address }}",
            "{{ plaintiff.head_role }}：{{ plaintiff.head_name }}，职务：{{ plaintiff.head_title }}",
            "{%p for a in agents %}",
            "受托人：{{ a.name }}，{{ a.firm }}律师，执业证号：{{ a.licence_no }}，联系电话：{{ a.phone }}",
            "{%p endfor %}",
            "现委托上列受托人在我方与{{ defendant.name }}信用卡纠纷一案中，作为我方诉讼代理人。",
            "代理权限：{{ authority }}",
            "{%p for item in special_authorities %}",
            "{{ item }}",
            "{%p endfor %}",
        ],
    )
    closing(doc, ["", "", "", "委托人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"])
    return doc


def identity_certificate() -> Document:
    """法定代表人/负责人身份证明书: 民诉法解释 §§50-52."""
    doc = new_document()
    title(doc, "{{ plaintiff.head_role }}身份证明书")
    lines(
        doc,
        [
            "{{ plaintiff.head_name }}在我单位任{{ plaintiff.head_title }}职务，"
            "是我单位的{{ plaintiff.head_role }}。",
            "特此证明。",
        ],
        indent=True,
    )
    closing(
        doc,
        [
            "",
            "",
            "",
            "单位名称：{{ plaintiff.name }}（盖章）",
            "统一社会信用代码：{{ plaintiff.credit_code }}",
            "{{ signed_on }}",
        ],
    )
    return doc


def evidence_list() -> Document:
    """证据清单: 民事诉讼证据规定 §19 (number, name, source, purpose, pages)."""
    doc = new_document()
    title(doc, "证据清单")
    lines(
        doc,
        ["案由：信用卡纠纷", "提交人：{{ plaintiff.name }}", "对方当事人：{{ defendant.name }}"],
    )
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["序号", "证据名称", "证据来源", "证明目的", "页码"], strict=True
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for e in evidence %}"
    for cell, text in zip(
        table.rows[2].cells,
        ["{{ e.number }}", "{{ e.name }}", "{{ e.source }}", "{{ e.purpose }}", "{{ e.pages }}"],
        strict=True,
    ):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    closing(doc, ["", "", "", "提交人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"])
    return doc


def demand_letter() -> Document:
    """律师函 (催告函): 信用卡办法 §69 disclosures; 银行卡规定 §3(2) interrupts limitation."""
    doc = new_document()
    title(doc, "律师函")
    lines(doc, ["{{ defendant.name }}（证件号码：{{ defendant.id_number_masked }}）：", ""])
    lines(
        doc,
        [
            "{{ agents[0].firm }}受{{ plaintiff.name }}（以下简称“发卡行”）委托，就您名下卡号为"
            "{{ card.number_masked }}的信用卡欠款事宜致函如下：",
            "截至{{ claim.cutoff_date }}，您尚欠透支本金人民币{{ claim.principal }}元、利息人民币"
            "{{ claim.interest }}元、违约金人民币{{ claim.penalty }}元、其他费用人民币{{ claim.fees }}元，"
            "合计人民币{{ claim.total }}元（大写：{{ claim.total_in_words }}）。",
            "催收原因及依据：您未按《信用卡领用合约》约定按期还款，根据《中华人民共和国民法典》"
            "第六百七十五条、第五百七十七条，应承担继续履行及违约责任。",
            "请您于{{ pay_by }}前清偿上述欠款。逾期未清偿的，发卡行将依法提起诉讼，"
            "并可能影响您的个人信用记录。",
            "您的权利和义务：您有权核对账户明细、提出异议或申请个性化分期还款；您有义务按约还款。",
            "查询、还款及异议渠道：{{ contact.channels }}；发卡行联系电话：{{ plaintiff.phone }}；"
            "本所联系电话：{{ agents[0].phone }}。",
        ],
        indent=True,
    )
    closing(
        doc,
        [
            "",
            "",
            "",
            "{{ agents[0].firm }}（盖章）",
            "律师：{{ agents[0].name }}",
            "{{ signed_on }}",
        ],
    )
    return doc


def enforcement_application() -> Document:
    """强制执行申请书: 民诉法 §247; 执行工作规定 §18 (ENF-03 doubled interest included)."""
    doc = new_document()
    title(doc, "强制执行申请书")
    lines(doc, parties("申请执行人", "被执行人"))
    heading(doc, "执行依据")
    lines(
        doc,
        [
            "{{ judgment.court }}{{ judgment.case_no }}民事判决书（{{ judgment.effective_on }}发生法律效力）"
        ],
    )
    heading(doc, "请求事项")
    lines(
        doc,
        [
            "1. 强制被执行人偿还本金人民币{{ items.principal }}元及利息、违约金人民币{{ items.charges }}元；",
            "2. 强制被执行人支付迟延履行期间的加倍部分债务利息人民币{{ items.late_interest }}元"
            "（自{{ items.late_from }}起计算至{{ items.late_to }}，按日万分之一点七五计算，此后计至实际履行之日）；",
            "3. 强制被执行人负担案件受理费人民币{{ items.costs }}元及执行费用；",
            "以上合计人民币{{ items.total }}元（大写：{{ items.total_in_words }}）。",
            "4. 请求对被执行人发出报告财产令，采取限制消费措施，符合条件的纳入失信被执行人名单。",
        ],
    )
    heading(doc, "被执行人财产线索")
    lines(doc, ["{%p for lead in asset_leads %}", "{{ lead }}", "{%p endfor %}"])
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "上述判决已发生法律效力，被执行人未在判决确定的期限内履行义务。根据《中华人民共和国民事诉讼法》"
            "第二百四十七条之规定，特向贵院申请强制执行。",
        ],
        indent=True,
    )
    closing(
        doc,
        ["此致", "{{ court }}", "", "申请执行人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"],
    )
    return doc


def seizure_renewal() -> Document:
    """续行查封/冻结申请书: 民诉法解释 §485; 保全规定 §18."""
    doc = new_document()
    title(doc, "续行{{ seizure.measure }}申请书")
    lines(doc, parties("申请人", "被申请人"))
    heading(doc, "请求事项")
    lines(
        doc,
        [
            "请求贵院对下列财产续行{{ seizure.measure }}，期限{{ seizure.months }}个月：",
            "财产：{{ seizure.asset }}（{{ seizure.identifier }}）",
            "原裁定：{{ seizure.ruling_no }}；现{{ seizure.measure }}期限至{{ seizure.expires_on }}届满。",
        ],
    )
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "{{ case_no }}一案尚未执行完毕，上述财产{{ seizure.measure }}期限即将届满。为保障债权实现，"
            "根据《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条之规定，特申请续行{{ seizure.measure }}。",
        ],
        indent=True,
    )
    closing(
        doc, ["此致", "{{ court }}", "", "申请人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"]
    )
    return doc


def in_lieu() -> Document:
    """以物抵债申请书: 拍卖变卖规定 §16; 民诉法解释 §§489-490."""
    doc = new_document()
    title(doc, "以物抵债申请书")
    lines(doc, parties("申请执行人", "被执行人"))
    heading(doc, "请求事项")
    lines(
        doc,
        [
            "请求将被执行人的{{ asset.description }}（{{ asset.identifier }}）以第{{ asset.round }}次拍卖的保留价"
            "人民币{{ asset.reserve_price }}元（大写：{{ asset.reserve_in_words }}）作价交付申请执行人抵偿债务。",
        ],
    )
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "{{ case_no }}一案中，上述财产经{{ asset.platform }}第{{ asset.round }}次拍卖，于{{ asset.failed_on }}流拍。"
            "申请执行人对被执行人的债权尚余人民币{{ claim_left }}元。{{ excess_statement }}"
            "根据《最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定》第十六条之规定，特申请以物抵债。",
        ],
        indent=True,
    )
    closing(
        doc,
        ["此致", "{{ court }}", "", "申请执行人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"],
    )
    return doc


TEMPLATES = {
    "complaint.docx": complaint,
    "payment_order_application.docx": payment_order,
    "preservation_application.docx": preservation,
    "power_of_attorney.docx": power_of_attorney,
    "identity_certificate.docx": identity_certificate,
    "evidence_list.docx": evidence_list,
    "demand_letter.docx": demand_letter,
    "enforcement_application.docx": enforcement_application,
    "seizure_renewal.docx": seizure_renewal,
    "in_lieu_application.docx": in_lieu,
}


def main() -> None:
    """Build every template, or only those named (`build_templates.py seizure_renewal.docx`):
    rebuilding a template legal staff have edited would throw their edits away."""
    import sys

    wanted = set(sys.argv[1:]) or set(TEMPLATES)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        if name not in wanted:
            continue
        doc = build()
        doc.core_properties.author = "legal_flows"
        doc.save(OUT / name)
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
