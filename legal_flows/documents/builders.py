"""Pure builders: a case's dossier to the context of each template."""

from datetime import date, timedelta
from decimal import Decimal

from legal_flows.documents.contexts import (
    Agent,
    Card,
    ClaimItems,
    Collection,
    ComplaintContext,
    Contact,
    Defendant,
    DemandLetterContext,
    Evidence,
    EvidenceListContext,
    IdentityCertificateContext,
    Jurisdiction,
    PaymentOrderContext,
    Plaintiff,
    PowerOfAttorneyContext,
    PreservationContext,
    Service,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.errors import MissingFact
from legal_flows.documents.inputs import Options
from legal_flows.domain.claims import Claim
from legal_flows.domain.dates import chinese_date
from legal_flows.domain.filing import DEMAND_DAYS
from legal_flows.domain.identity import mask_card_number, mask_id_number
from legal_flows.domain.jurisdiction import choose_court
from legal_flows.domain.money import amount_in_capitals, cny
from legal_flows.domain.parties import appointed_agents, head_role

CHANNELS = {
    "phone": "电话催收",
    "sms": "短信催收",
    "letter": "信函催收",
    "email": "电子邮件催收",
    "visit": "上门催收",
    "account_debit": "账户扣款",
    "repayment": "还款",
    "repayment_promise": "承诺还款",
    "police_report": "向公安机关报案",
}
# 民诉法解释 §89: special authority must be listed item by item; 全权代理 alone grants none.
SPECIAL_AUTHORITIES = (
    "1. 代为承认、放弃、变更诉讼请求；",
    "2. 代为进行和解、调解；",
    "3. 代为提起反诉或者上诉；",
    "4. 代为签收法律文书；",
    "5. 代为申请财产保全、申请执行及领取执行款项。",
)


def plaintiff(d: Dossier) -> Plaintiff:
    c = d.creditor
    return Plaintiff(
        name=c.name,
        address=c.address,
        credit_code=c.credit_code,
        head_role=head_role(c.head_title),
        head_name=c.head_name,
        head_title=c.head_title,
        phone=c.phone,
    )


def agents(d: Dossier) -> list[Agent]:
    if not d.creditor.agents:
        raise MissingFact(f"{d.account_id}: the creditor has no agent (委托代理人) configured")
    return [
        Agent(name=n, firm=f, licence_no=lic, phone=p)
        for n, f, lic, p in appointed_agents(d.creditor.agents)
    ]


def defendant(d: Dossier) -> Defendant:
    if not d.ethnicity or not d.phone:
        raise MissingFact(f"{d.account_id}: ethnicity and phone are needed for the complaint")
    return Defendant(
        name=d.holder_name,
        gender=d.gender,
        ethnicity=d.ethnicity,
        birth_date=chinese_date(d.birth_date),
        id_number=d.id_number,
        id_number_masked=mask_id_number(d.id_number),
        registered_address=d.registered_address,
        residence_address=d.residence_address or d.registered_address,
        phone=d.phone,
    )


def claim(d: Dossier, cost_cap: Decimal) -> ClaimItems:
    claimed = Claim(d.claim_principal, d.claim_interest, d.claim_penalty, d.claim_fees)
    charges, total = claimed.charges, claimed.total
    return ClaimItems(
        cutoff_date=chinese_date(d.balance_date),
        accrual_from=chinese_date(d.balance_date + timedelta(days=1)),
        principal=cny(d.claim_principal),
        principal_in_words=amount_in_capitals(d.claim_principal),
        interest=cny(d.claim_interest),
        penalty=cny(d.claim_penalty),
        fees=cny(d.claim_fees),
        charges=cny(charges),
        charges_in_words=amount_in_capitals(charges),
        has_charges=charges > 0,
        cost_cap=f"{cost_cap:.0%}",
        costs_item_no=3 if charges > 0 else 2,
        total=cny(total),
        total_in_words=amount_in_capitals(total),
    )


def card(d: Dossier) -> Card:
    notice = (
        "原告已在领用合约中以加粗字体提示并向被告说明利息、违约金及费用条款，被告签字确认"
        if d.terms_notice_proven
        else "原告暂无提示说明的书面证据，本案仅主张透支本金"
    )
    repayments = (
        f"最后一次还款日期为{chinese_date(d.last_payment_on)}"
        if d.last_payment_on
        else "逾期后未有还款"
    )
    return Card(
        number=d.card_number,
        number_masked=mask_card_number(d.card_number),
        issued_on=chinese_date(d.card_issued_on),
        credit_limit=cny(d.credit_limit),
        annual_rate=f"{d.annual_rate:.2%}",
        terms_notice=notice,
        repayments=repayments,
        overdue_since=chinese_date(d.overdue_since),
    )


def court(d: Dossier, filed_on: date, *, payment_order: bool = False) -> tuple[str, str]:
    choice = choose_court(
        court=d.court,
        agreed_court=d.agreed_court,
        terms_notice_proven=d.terms_notice_proven,
        registered_address=d.registered_address,
        residence_address=d.residence_address,
        residence_since=d.residence_since,
        filed_on=filed_on,
        payment_order=payment_order,
        performance_court=d.creditor.settings.performance_court or None,
    )
    if choice.court is None:
        why = choice.unsettled or "no court can be read from the address"
        raise MissingFact(f"{d.account_id}: {why}; set the court (legal-flows cases court)")
    return choice.court, choice.basis


def evidence(d: Dossier) -> list[Evidence]:
    items = [
        ("信用卡申请表及《信用卡领用合约》", "原告", "证明双方信用卡合同关系及约定条款"),
        ("信用卡账户交易明细及对账单", "原告", "证明被告透支消费及欠款数额"),
        ("欠款计算明细", "原告", "证明本金、利息、违约金及费用的计算方法与金额"),
        ("催收记录（短信、电话、信函送达记录）", "原告", "证明原告已履行催收义务及诉讼时效中断"),
        ("原告营业执照及负责人身份证明书", "原告", "证明原告主体资格"),
    ]
    if d.terms_notice_proven:
        items.insert(1, ("条款提示说明确认书", "原告", "证明原告已履行提示说明义务"))
    return [
        Evidence(number=i, name=n, source=s, purpose=p, pages="")
        for i, (n, s, p) in enumerate(items, start=1)
    ]


def collections(d: Dossier) -> list[Collection]:
    shown = []
    for c in sorted(d.collections, key=lambda c: c.occurred_on):
        if c.receipt_confirmed:
            result = "被告确认收悉"
        elif c.kind in ("phone", "visit"):
            result = "未获被告确认"
        elif c.delivered:
            result = "已送达预留联系方式"
        else:
            result = "未能送达"
        shown.append(
            Collection(date=chinese_date(c.occurred_on), channel=CHANNELS[c.kind], result=result)
        )
    return shown


def complaint_context(d: Dossier, o: Options) -> ComplaintContext:
    court_name, basis = court(d, o.signed_on)
    p = plaintiff(d)
    return ComplaintContext(
        plaintiff=p,
        agents=agents(d),
        defendant=defendant(d),
        service=Service(address=p.address, recipient=p.name, phone=p.phone),
        claim=claim(d, o.cost_cap),
        jurisdiction=Jurisdiction(
            agreed_court=d.agreed_court or "无",
            basis=basis,
            preservation="是，另附财产保全申请书" if o.preservation else "否",
        ),
        card=card(d),
        collections=collections(d),
        evidence_count=len(evidence(d)),
        court=court_name,
        signed_on=chinese_date(o.signed_on),
    )


def payment_order_context(d: Dossier, o: Options) -> PaymentOrderContext:
    return PaymentOrderContext(
        plaintiff=plaintiff(d),
        agents=agents(d),
        defendant=defendant(d),
        claim=claim(d, o.cost_cap),
        card=card(d),
        court=court(d, o.signed_on, payment_order=True)[0],
        signed_on=chinese_date(o.signed_on),
    )


def preservation_context(d: Dossier, o: Options) -> PreservationContext:
    if not d.asset_leads:
        raise MissingFact(f"{d.account_id}: preservation needs asset leads (保全规定 §1)")
    return PreservationContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        claim=claim(d, o.cost_cap),
        asset_leads=list(d.asset_leads),
        # 保全规定 §9(6): a licensed financial institution may be exempted from security.
        security_statement="申请人系依法设立的金融机构，依据《最高人民法院关于人民法院办理财产保全"
        "案件若干问题的规定》第九条第一款第六项，申请免予提供担保",
        court=court(d, o.signed_on)[0],
        signed_on=chinese_date(o.signed_on),
    )


def power_of_attorney_context(d: Dossier, o: Options) -> PowerOfAttorneyContext:
    return PowerOfAttorneyContext(
        plaintiff=plaintiff(d),
        agents=agents(d),
        defendant=defendant(d),
        authority="特别授权，具体权限如下：",
        special_authorities=list(SPECIAL_AUTHORITIES),
        signed_on=chinese_date(o.signed_on),
    )


def identity_certificate_context(d: Dossier, o: Options) -> IdentityCertificateContext:
    return IdentityCertificateContext(plaintiff=plaintiff(d), signed_on=chinese_date(o.signed_on))


def evidence_list_context(d: Dossier, o: Options) -> EvidenceListContext:
    return EvidenceListContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        evidence=evidence(d),
        signed_on=chinese_date(o.signed_on),
    )


def demand_letter_context(d: Dossier, o: Options) -> DemandLetterContext:
    p = plaintiff(d)
    return DemandLetterContext(
        plaintiff=p,
        agents=agents(d),
        defendant=defendant(d),
        card=card(d),
        claim=claim(d, o.cost_cap),
        pay_by=chinese_date(o.signed_on + timedelta(days=DEMAND_DAYS)),
        contact=Contact(channels=f"发卡行客服电话{p.phone}、网点柜台及手机银行"),
        signed_on=chinese_date(o.signed_on),
    )
