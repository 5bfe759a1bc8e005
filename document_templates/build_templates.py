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
from lean import lean  # beside this script

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
    page_numbers(section)
    return doc


def field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice fill it in when laying out."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def page_numbers(section) -> None:
    """第 X 页 共 Y 页, centred in the footer of every page."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    field(paragraph, "PAGE")
    paragraph.add_run(" 页 共 ")
    field(paragraph, "NUMPAGES")
    paragraph.add_run(" 页")


def title(doc: Document, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(22)  # 二号
    set_fonts(run._element.get_or_add_rPr(), TITLE_FONT)


def heading(doc: Document, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True  # never last on a page
    paragraph.add_run(text).bold = True


def lines(doc: Document, texts: list[str], *, indent: bool = False) -> None:
    for text in texts:
        paragraph = doc.add_paragraph(text)
        if indent and not text.startswith("{%"):
            paragraph.paragraph_format.first_line_indent = Pt(28)


def closing(doc: Document, texts: list[str] = CLOSING) -> None:
    """此致, the court, the signature and seal block and the date: kept on one page together
    (each paragraph kept with the next), so the signatures never stand alone."""
    first = len(doc.paragraphs)
    if first and doc.element.body[-2].tag == qn("w:p"):  # the text before: with the block
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    lines(doc, texts[:2])
    for text in texts[2:]:
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    block = doc.paragraphs[first:]
    for paragraph in block[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    for paragraph in block:
        paragraph.paragraph_format.keep_together = True


# The 2025 要素式 form's own notes (法〔2025〕82号 示范文本; see the docstring of complaint()).
FORM_NOTES = [
    "说明：",
    "为了方便您更好地参加诉讼，保护您的合法权利，请填写本表。",
    "1. 起诉时需向人民法院提交证明您身份的材料，如身份证复印件、营业执照复印件等。",
    "2. 本表所列内容是您提起诉讼以及人民法院查明案件事实所需，请务必如实填写。",
    "3. 本表有些内容可能与您的案件无关，您认为与案件无关的项目可以填“无”或不填；对于本表中"
    "勾选项可以在对应项打“√”；您认为另有重要内容需要列明的，可以另附页填写。",
    "★特别提示★",
    "诉讼参加人应遵守诚信原则如实认真填写表格。",
    "如果诉讼参加人违反有关规定，虚假诉讼、恶意诉讼、滥用诉权，人民法院将视违法情形依法追究责任。",
]
MEDIATION_BENEFITS = [
    "1. 立案后选择先行调解的，可以很快启动调解程序。如不同意调解，法院将依程序开庭审理案件，"
    "但可能需要经过较长一段时间的排期等待，且审理、执行周期相对较长。",
    "2. 选择先行调解，调解成功且自动履行的免交诉讼费用，申请司法确认的不交纳诉讼费用，"
    "要求出具调解书的减半交纳诉讼费用。",
    "3. 首次调解不成功，但仍有继续调解意愿的，可以选择更换调解组织和调解员再进行调解。"
    "调解无法达成一致意见的，法院将依程序排期开庭。",
    "4. 依照法律规定，调解具有保密性要求，调解过程不公开，调解协议未经当事人同意不得公开。",
    "5. 调解达成的协议具有法律效力，可以依照法律规定申请司法确认，具有强制执行效力。",
]
LABEL_WIDTH, CONTENT_WIDTH = Cm(4.2), Cm(11.4)  # 15.6 cm between the GB/T 9704 margins
NO = "是□  否☑"


def _cell_lines(cell, texts: list[str], *, bold: bool = False, size: int = 12) -> None:
    cell.paragraphs[0].text = ""
    for i, text in enumerate(texts):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(20)
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)


def _section(doc: Document, name: str):
    """A section of the form: its name, kept with the table that follows, and the table."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(name).bold = True
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    # Word and LibreOffice lay a table out by its grid: the label column narrow, the content
    # wide enough for an 18-digit ID number or a 19-digit card number on one line.
    table.columns[0].width, table.columns[1].width = LABEL_WIDTH, CONTENT_WIDTH
    return table


def _keep_with_next(table) -> None:
    """The last row stays with what follows the table (the signature block)."""
    for cell in table.rows[-1].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _row(table, label: str | None, texts: list[str], *, section: bool = False) -> None:
    row = table.add_row()
    # A row never breaks across pages: a label stays with its content.
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = row.cells
    left.width, right.width = LABEL_WIDTH, CONTENT_WIDTH
    if label is None:
        merged = left.merge(right)
        _cell_lines(merged, texts, bold=section, size=12)
        if section:
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), "D9D9D9")
            merged._tc.get_or_add_tcPr().append(shading)
        return
    _cell_lines(left, [label], bold=True)
    _cell_lines(right, texts)


def complaint() -> Document:
    """民事起诉状（信用卡纠纷）, the SPC's 要素式 form: every row of the 2025 示范文本
    (法〔2025〕82号) in its order and with its labels, plus the 送达地址 and 电子送达 rows of
    the 2024 trial text (法〔2024〕46号; whether the 2025 form keeps them is UNVERIFIED) and
    此致 with the court. Reconstructed from public copies of the form's text, not from the
    official .docx (see README, "The complaint"); legal staff compare it with their court's
    copy and edit the wording in Word."""
    doc = new_document()
    title(doc, "民事起诉状")
    subtitle = doc.add_paragraph("（信用卡纠纷）")
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in FORM_NOTES:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(18)
        run = paragraph.add_run(text)
        run.font.size = Pt(10.5)  # 五号
        run.bold = text in ("说明：", "★特别提示★")
        paragraph.paragraph_format.keep_with_next = run.bold
    table = _section(doc, "当事人信息")
    _row(
        table,
        "原告（法人、非法人组织）",
        [
            "名称：{{ plaintiff.name }}",
            "住所地（主要办事机构所在地）：{{ plaintiff.address }}",
            "注册地/登记地：{{ plaintiff.registered_place }}",
            "法定代表人/负责人：{{ plaintiff.head_name }}",
            "职务：{{ plaintiff.head_title }}  联系电话：{{ plaintiff.phone }}",
            "统一社会信用代码：{{ plaintiff.credit_code }}",
            "类型：{{ plaintiff.entity_type }}",
        ],
    )
    _row(
        table,
        "委托诉讼代理人",
        [
            "有☑",
            "{%p for a in agents %}",
            "姓名：{{ a.name }}",
            "单位：{{ a.firm }}  职务：{{ a.title }}  联系电话：{{ a.phone }}",
            "{%p endfor %}",
            "代理权限：{{ authority }}",
            "无□",
        ],
    )
    _row(
        table,
        "送达地址（所填信息除书面特别声明更改外，适用于案件一审、二审、再审所有后续程序）"
        "及收件人、电话",
        [
            "地址：{{ service.address }}",
            "收件人：{{ service.recipient }}",
            "电话：{{ service.phone }}",
        ],
    )
    _row(table, "是否接受电子送达", ["{{ service.electronic }}"])
    _row(
        table,
        "被告（自然人）",
        [
            "姓名：{{ defendant.name }}",
            "性别：{{ defendant.gender }}",
            "出生日期：{{ defendant.birth_date }}  民族：{{ defendant.ethnicity }}",
            "{%p if defendant.employer %}",
            "工作单位：{{ defendant.employer }}  职务：{{ defendant.occupation }}",
            "{%p endif %}",
            "联系电话：{{ defendant.phone }}",
            "住所地（户籍所在地）：{{ defendant.registered_address }}",
            "经常居住地：{{ defendant.residence_address }}",
            "证件类型：{{ defendant.id_type }}",
            "证件号码：{{ defendant.id_number }}",
        ],
    )
    table = _section(doc, "诉讼请求")
    _row(
        table,
        None,
        [
            "（可完整表述诉讼请求；为方便、准确梳理要点，相关内容请在下方要素式表格中填写）",
            "{%p for r in claim.requests %}",
            "{{ r }}",
            "{%p endfor %}",
        ],
    )
    _row(
        table,
        "1. 透支本金",
        ["截至{{ claim.cutoff_date }}止，尚欠本金{{ claim.principal }}元（人民币，下同）"],
    )
    _row(
        table,
        "2. 利息、罚息、复利、滞纳金、违约金、手续费等",
        [
            "{%p if claim.has_charges %}",
            "截至{{ claim.cutoff_date }}止，欠利息、罚息、复利、滞纳金、违约金、手续费等共计"
            "{{ claim.charges }}元",
            "自{{ claim.accrual_from }}之后的利息、罚息、复利、滞纳金、违约金以及手续费等各项"
            "费用按照信用卡领用协议计算至实际清偿之日止",
            "明细：{{ claim.charges_breakdown }}；此后{{ claim.continuing }}",
            "{%p else %}",
            "本案仅主张透支本金，不主张此项",
            "{%p endif %}",
        ],
    )
    _row(table, "3. 是否主张担保权利", [NO])
    _row(table, "4. 是否主张实现债权的费用", [NO])
    _row(table, "5. 是否主张诉讼费用", ["是☑  否□"])
    _row(table, "6. 其他请求", ["无"])
    _row(
        table,
        "7. 标的总额",
        ["{{ claim.total }}元（大写：{{ claim.total_in_words }}）"],
    )
    table = _section(doc, "约定管辖和诉前保全")
    _row(table, "1. 有无仲裁、法院管辖约定", ["{{ jurisdiction.agreement }}"])
    _row(table, "2. 是否已经诉前保全", ["{{ jurisdiction.preserved }}"])
    table = _section(doc, "事实与理由")
    _row(
        table,
        None,
        [
            "（可完整表述纠纷涉及的事实与理由；为方便、准确梳理要点，相关内容请在下方要素式表格中填写）"
        ],
    )
    _row(
        table,
        "1. 信用卡办理情况（信用卡卡号、信用卡登记权利人、办卡时间、办卡行等）",
        [
            "信用卡卡号：{{ card.number }}",
            "信用卡登记权利人：{{ defendant.name }}",
            "办卡时间：{{ card.issued_on }}",
            "办卡行：{{ plaintiff.name }}",
        ],
    )
    _row(
        table,
        "2. 信用卡合约的主要约定",
        [
            "透支金额：{{ agreement.credit_line }}",
            "利息、罚息、复利、滞纳金、违约金、手续费等的计算标准：{{ agreement.calculation }}",
            "违约责任：{{ agreement.liability }}",
            "解除条件：{{ agreement.termination }}",
        ],
    )
    _row(table, "3. 是否就信用卡合约主要条款进行提示注意", ["{{ agreement.notice }}"])
    _row(table, "4. 被告逾期部分已还金额", ["{{ performance.repaid }}"])
    _row(
        table,
        "5. 被告逾期未还款金额",
        [
            "逾期时间：自{{ performance.overdue_since }}起，已逾期{{ performance.overdue_periods }}期",
            "{{ performance.owed }}",
        ],
    )
    _row(
        table,
        "6. 是否向被告进行通知和催收",
        [
            "{{ performance.collected }}",
            "{%p for c in collections %}",
            "{{ c.date }}，{{ c.channel }}，{{ c.result }}；",
            "{%p endfor %}",
        ],
    )
    _row(table, "7. 是否签订物的担保（抵押、质押）合同", [NO])
    _row(table, "8. 担保人、担保物", ["无"])
    _row(table, "9. 是否最高额担保（抵押、质押）", [NO])
    _row(table, "10. 是否办理抵押、质押登记", [NO])
    _row(table, "11. 是否签订保证合同", [NO])
    _row(table, "12. 保证方式", ["无"])
    _row(table, "13. 其他担保方式", [NO])
    _row(
        table,
        "14. 请求承担责任的依据",
        ["合同约定：{{ agreement.basis_contract }}", "法律规定：{{ agreement.basis_law }}"],
    )
    _row(
        table,
        "15. 其他需要说明的内容（可另附页）",
        ["{%p for x in other %}", "{{ x }}", "{%p endfor %}"],
    )
    _row(table, "16. 证据清单（可另附页）", ["详见所附证据清单（共{{ evidence_count }}项）"])
    table = _section(doc, "对纠纷解决方式的意愿")
    _row(
        table,
        "是否了解调解作为非诉讼纠纷解决方式，能及时、高效、低成本、不伤和气地解决纠纷",
        ["了解☑  不了解□"],
    )
    _row(
        table,
        "是否了解先行调解解决纠纷的好处",
        [f"{text}  了解☑  不了解□" for text in MEDIATION_BENEFITS],
    )
    _row(table, "是否考虑先行调解", ["{{ mediation }}"])
    _keep_with_next(table)
    closing(
        doc,
        [
            "此致",
            "{{ court }}",
            "",
            "具状人（签字、盖章）：{{ plaintiff.name }}（盖章）",
            "{{ plaintiff.head_role }}（签字）：____________",
            "委托诉讼代理人（签字）：____________",
            "日期：{{ signed_on }}",
        ],
    )
    return doc


def prose_complaint() -> Document:
    """民事起诉状 as paragraphs: the alternative a creditor may choose (complaint_style)."""
    doc = new_document()
    title(doc, "民事起诉状")
    heading(doc, "当事人信息")
    lines(doc, PLAINTIFF + AGENTS + DEFENDANT)
    lines(
        doc,
        [
            "送达地址及收件人：{{ service.address }}，{{ service.recipient }}，"
            "{{ service.phone }}（适用于案件一审、二审、再审所有后续程序）",
            "是否接受电子送达：{{ service.electronic }}",
        ],
    )
    heading(doc, "诉讼请求")
    claims = [
        "{%p for r in claim.requests %}",
        "{{ r }}",
        "{%p endfor %}",
        "标的总额：人民币{{ claim.total }}元（大写：{{ claim.total_in_words }}）。",
        "请求依据：{{ agreement.basis_contract }}；{{ agreement.basis_law }}。",
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
        "2. 信用卡约定的主要条款：{{ agreement.credit_line }}；{{ agreement.calculation }}；"
        "{{ agreement.liability }}。",
        "3. 条款提示说明：{{ card.terms_notice }}。",
        "4. 被告已还款情况：{{ performance.repaid }}。",
        "5. 逾期情况：被告自{{ performance.overdue_since }}起未按约还款，已逾期"
        "{{ performance.overdue_periods }}期；{{ performance.owed }}。",
        "{%p if collections %}",
        "6. 催收情况：原告向被告催收，被告已收到的催收如下：",
        "{%p for c in collections %}",
        "{{ c.date }}，{{ c.channel }}，{{ c.result }}；",
        "{%p endfor %}",
        "{%p endif %}",
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
            "（大写：{{ claim.total_in_words }}），其中透支本金人民币{{ claim.principal }}元"
            "{% if claim.has_charges %}，{{ claim.charges_detail }}{% endif %}"
            "（计算至{{ claim.cutoff_date }}）。",
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
    closing(
        doc,
        [
            "",
            "",
            "",
            "委托人：{{ plaintiff.name }}（盖章）",
            "{{ plaintiff.head_role }}（签字）：____________",
            "{{ signed_on }}",
        ],
    )
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
    table = doc.add_table(rows=4, cols=6)
    table.style = "Table Grid"
    table.autofit = False
    # Columns sized to their content (15.6 cm between the margins): the name and the
    # purpose wide, the number, source, form and pages narrow.
    widths = [Cm(1.2), Cm(4.6), Cm(1.6), Cm(5.0), Cm(1.8), Cm(1.4)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for cell, text in zip(
        table.rows[0].cells,
        ["序号", "证据名称", "证据来源", "证明目的", "原件/复印件", "页码"],
        strict=True,
    ):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for e in evidence %}"
    for cell, text in zip(
        table.rows[2].cells,
        [
            "{{ e.number }}",
            "{{ e.name }}",
            "{{ e.source }}",
            "{{ e.purpose }}",
            "{{ e.form }}",
            "{{ e.pages }}",
        ],
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
    number = doc.add_paragraph("{{ letter_no }}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    lines(
        doc,
        [
            "{{ defendant.name }}（证件号码：{{ defendant.id_number_masked }}）：",
            "地址：{{ address }}",
        ],
    )
    lines(
        doc,
        [
            "{{ agents[0].firm }}受{{ plaintiff.name }}（以下简称“发卡行”）委托，就您名下卡号为"
            "{{ card.number_masked }}的信用卡欠款事宜致函如下：",
            "截至{{ claim.cutoff_date }}，您尚欠透支本金人民币{{ claim.principal }}元"
            "{% if claim.has_charges %}、{{ claim.charges_detail }}{% endif %}，"
            "合计人民币{{ claim.total }}元（大写：{{ claim.total_in_words }}）。",
            "催收原因及依据：您未按《信用卡领用合约》约定按期还款，根据《中华人民共和国民法典》"
            "第六百七十五条、第五百七十七条，应承担继续履行及违约责任。",
            "请您于{{ pay_by }}前清偿上述欠款。{{ repayment }}。逾期未清偿的，发卡行将依法提起诉讼，"
            "并可能影响您的个人信用记录。",
            "您的权利和义务：您有权核对账户明细、提出异议或申请个性化分期还款；您有义务按约还款。",
            "查询、还款及异议渠道：{{ contact.channels }}。",
            "{%p for line in contact.lines %}",
            "{{ line }}",
            "{%p endfor %}",
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
            "{{ judgment.court }}{{ judgment.case_no }}{{ judgment.instrument }}"
            "（{{ judgment.effective_on }}发生法律效力）"
        ],
    )
    heading(doc, "请求事项")
    lines(doc, ["{%p for r in items.requests %}", "{{ r }}", "{%p endfor %}"])
    lines(
        doc,
        ["请求对被执行人发出报告财产令，采取限制消费措施，符合条件的纳入失信被执行人名单。"],
    )
    heading(doc, "被执行人财产线索")
    lines(doc, ["{%p for lead in asset_leads %}", "{{ lead }}", "{%p endfor %}"])
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "上述{{ judgment.instrument }}已发生法律效力，被执行人未在{{ judgment.instrument }}确定的期间内"
            "履行义务。根据《中华人民共和国民事诉讼法》第二百四十七条之规定，特向贵院申请强制执行。",
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
            "根据{{ basis }}之规定，特申请续行{{ seizure.measure }}。",
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
            "申请执行人对被执行人的债权尚余人民币{{ claim_left }}元（暂计至{{ signed_on }}）。"
            "{{ excess_statement }}"
            "根据《最高人民法院关于人民法院民事执行中拍卖、变卖财产的规定》第十六条之规定，特申请以物抵债。",
        ],
        indent=True,
    )
    closing(
        doc,
        ["此致", "{{ court }}", "", "申请执行人：{{ plaintiff.name }}（盖章）", "{{ signed_on }}"],
    )
    return doc


def resumption() -> Document:
    """恢复执行申请书: 民诉法 (2023) §241; 执行和解规定 (2018) §9. The statute's number is
    the 2021 text's §237 moved by the 2023 amendment's four new articles before it (as §243 →
    §247 for the enforcement application); UNVERIFIED against the 2023 text itself."""
    doc = new_document()
    title(doc, "恢复执行申请书")
    lines(doc, parties("申请执行人", "被执行人"))
    heading(doc, "请求事项")
    lines(
        doc,
        [
            "请求恢复对{{ instrument }}的执行，强制被执行人给付尚欠款项人民币{{ owed }}元"
            "（大写：{{ owed_in_words }}，暂计至{{ signed_on }}），并负担本案执行费用。",
        ],
    )
    heading(doc, "事实与理由")
    lines(
        doc,
        [
            "贵院执行{{ enforcement_case_no }}一案中，申请执行人与被执行人于{{ agreed_on }}达成执行和解协议。"
            "被执行人未按协议于{{ missed_due }}履行应付款项人民币{{ missed_amount }}元，"
            "协议项下尚有人民币{{ plan_unpaid }}元未履行。扣除被执行人已履行的部分，"
            "原生效法律文书确定的债务尚欠人民币{{ owed }}元。",
            "根据《中华人民共和国民事诉讼法》第二百四十一条及《最高人民法院关于执行和解若干问题的规定》"
            "第九条之规定，被执行人不履行执行和解协议，申请执行人可以申请恢复执行原生效法律文书，特此申请。",
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
    "complaint_prose.docx": prose_complaint,
    "payment_order_application.docx": payment_order,
    "preservation_application.docx": preservation,
    "power_of_attorney.docx": power_of_attorney,
    "identity_certificate.docx": identity_certificate,
    "evidence_list.docx": evidence_list,
    "demand_letter.docx": demand_letter,
    "enforcement_application.docx": enforcement_application,
    "seizure_renewal.docx": seizure_renewal,
    "in_lieu_application.docx": in_lieu,
    "resumption_application.docx": resumption,
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
        # python-docx starts from 164 styles; LibreOffice would import them all (lean.py).
        (OUT / name).write_bytes(lean((OUT / name).read_bytes()))
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
