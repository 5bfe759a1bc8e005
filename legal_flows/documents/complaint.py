"""The complaint's context: the SPC's 要素式 民事起诉状（信用卡纠纷）, 2025 示范文本
(法〔2025〕82号), whose every row the default template prints in the form's order, and the
prose complaint, which prints the same facts as paragraphs.

What the accounts file lacks (clause numbers, the calculation method, how the terms were
pointed out) comes from the creditor's settings; without them the wording stays neutral
(按《信用卡领用合约》约定). Nothing pleads against the bank: no sentence says what it cannot
prove, no item is of 0.00 元, and only the collection contacts that reached the cardholder
are pleaded (failed attempts stay in the records).
"""

from decimal import Decimal

from legal_flows.documents.builders import (
    PRINCIPAL_ONLY,
    agents,
    card,
    claim,
    claims_charges,
    continuing_rate,
    court,
    defendant,
    evidence,
    notice_given,
    plaintiff,
    ticked,
)
from legal_flows.documents.contexts import (
    Agreement,
    Collection,
    ComplaintContext,
    Jurisdiction,
    Performance,
    Service,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.inputs import Options
from legal_flows.domain.dates import chinese_date
from legal_flows.domain.money import cny

CONTACTS = {
    "phone": ("电话催收", "已与被告本人通话"),
    "sms": ("短信催收", "已送达被告预留手机号码"),
    "letter": ("信函催收", "已送达被告预留地址"),
    "email": ("电子邮件催收", "已送达被告预留电子邮箱"),
    "visit": ("上门催收", "已当面告知被告"),
    "repayment_promise": ("被告承诺还款", "被告承诺还款"),
}
REPAYMENTS = ("repayment", "account_debit")
LAWS = "《中华人民共和国民法典》第五百七十七条、第六百七十四条、第六百七十五条、第六百七十六条"
CARD_CASES = "《最高人民法院关于审理银行卡民事纠纷案件若干问题的规定》第二条"


def collections(d: Dossier) -> list[Collection]:
    """The contacts that reached the cardholder (delivered or confirmed), oldest first."""
    shown = []
    for c in sorted(d.collections, key=lambda c: c.occurred_on):
        if c.kind not in CONTACTS or not (c.delivered or c.receipt_confirmed):
            continue
        channel, reached = CONTACTS[c.kind]
        result = (
            "被告确认收悉" if c.receipt_confirmed and c.kind != "repayment_promise" else reached
        )
        shown.append(Collection(date=chinese_date(c.occurred_on), channel=channel, result=result))
    return shown


def repaid(d: Dossier) -> Decimal:
    """被告逾期部分已还金额: the repayments and debits in the collection history since the
    first day of default."""
    return sum(
        (
            c.amount
            for c in d.collections
            if c.kind in REPAYMENTS and c.amount and c.occurred_on >= d.overdue_since
        ),
        Decimal("0.00"),
    )


def overdue_periods(d: Dossier) -> int:
    """Billing cycles in default up to the cut-off: months begun since the first day of
    default (the bank's own count of 逾期期数; not a rule of law)."""
    start, end = d.overdue_since, d.balance_date
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(1, months + (1 if end.day >= start.day else 0))


def agreement(d: Dossier, o: Options) -> Agreement:
    a = d.creditor.settings.card_agreement
    by = f"按{a.title}约定"
    clauses = [c for c in (a.interest_clause, a.penalty_clause, a.fees_clause) if c]
    rate = f"透支利息按年利率{continuing_rate(d, o.cost_cap):.2%}计收"
    contract = f"{a.title}{'、'.join(clauses)}" if clauses else f"{a.title}相关约定"
    if a.default_clause:
        contract += f"、{a.default_clause}"
    charges = claims_charges(d)
    if charges:
        notice = f"{ticked(('是', '否'), '是')}  提示说明的具体方式以及时间地点：{notice_given(d)}"
    else:
        notice = PRINCIPAL_ONLY
    return Agreement(
        credit_line=f"信用额度人民币{cny(d.credit_limit)}元，被告可在额度内透支使用",
        calculation=a.calculation or f"{rate}，违约金、手续费等{by}计收",
        liability=(a.overdue_rule or f"被告未按期足额还款的即为逾期，{by}承担违约责任"),
        termination=a.termination or by,
        notice=notice,
        basis_contract=contract,
        basis_law=LAWS + (f"；{CARD_CASES}" if charges else ""),
    )


def performance(d: Dossier, o: Options, reached: list[Collection]) -> Performance:
    paid = repaid(d)
    items = claim(d, o.cost_cap)
    owed = f"截至{items.cutoff_date}，被告欠付信用卡本金人民币{items.principal}元"
    if items.has_charges:
        owed += f"、{items.charges_detail}"
    return Performance(
        repaid=f"人民币{cny(paid)}元" if paid > 0 else "被告逾期后未有还款",
        overdue_since=chinese_date(d.overdue_since),
        overdue_periods=overdue_periods(d),
        owed=owed,
        collected=(
            f"{ticked(('是', '否'), '是')}  具体情况如下："
            if reached
            else ticked(("是", "否"), "否")
        ),
    )


def service(d: Dossier) -> Service:
    c, s = d.creditor, d.creditor.settings
    electronic = (
        f"{ticked(('是', '否'), '是')}  方式：{s.electronic_service}"
        if s.electronic_service
        else ticked(("是", "否"), "否")
    )
    return Service(
        address=s.service_address or c.address,
        recipient=s.service_recipient or c.name,
        phone=s.service_phone or c.phone,
        electronic=electronic,
    )


def jurisdiction(d: Dossier, o: Options, basis: str) -> Jurisdiction:
    a = d.creditor.settings.card_agreement
    if d.agreed_court:
        clause = "、".join(x for x in (a.jurisdiction_clause, a.jurisdiction_text) if x)
        agreement_row = f"{ticked(('有', '无'), '有')}  合同条款及内容：{a.title}" + (
            f"{clause}" if clause else f"约定由{d.agreed_court}管辖"
        )
    else:
        agreement_row = ticked(("有", "无"), "无")
    preserved = ticked(("是", "否"), "否")
    if o.preservation:
        preserved += "（本案同时提交诉讼保全申请书）"
    return Jurisdiction(
        agreed_court=d.agreed_court or "无",
        basis=basis,
        preservation="是，另附财产保全申请书" if o.preservation else "否",
        agreement=agreement_row,
        preserved=preserved,
    )


def complaint_context(d: Dossier, o: Options) -> ComplaintContext:
    court_name, basis = court(d, o.signed_on)
    s = d.creditor.settings
    reached = collections(d)
    authority = "特别授权" if s.agent_authority == "special" else "一般授权"
    return ComplaintContext(
        plaintiff=plaintiff(d),
        agents=agents(d),
        authority=ticked(("一般授权", "特别授权"), authority),
        defendant=defendant(d),
        service=service(d),
        claim=claim(d, o.cost_cap),
        jurisdiction=jurisdiction(d, o, basis),
        card=card(d),
        agreement=agreement(d, o),
        performance=performance(d, o, reached),
        collections=reached,
        other=[f"管辖：{basis}。"],
        evidence_count=len(evidence(d)),
        mediation=ticked(("是", "否", "暂不确定，想要了解更多内容"), _MEDIATION[s.mediation]),
        court=court_name,
        signed_on=chinese_date(o.signed_on),
    )


_MEDIATION = {"是": "是", "否": "否", "暂不确定": "暂不确定，想要了解更多内容"}
