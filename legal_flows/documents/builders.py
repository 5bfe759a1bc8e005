"""Pure builders: a case's dossier to the context of each template."""

from datetime import date, timedelta
from decimal import Decimal

from legal_flows.documents.contexts import (
    Agent,
    Card,
    ClaimItems,
    Contact,
    Defendant,
    DemandLetterContext,
    Evidence,
    EvidenceListContext,
    IdentityCertificateContext,
    PaymentOrderContext,
    Plaintiff,
    PowerOfAttorneyContext,
    PreservationContext,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.errors import MissingFact
from legal_flows.documents.inputs import Options
from legal_flows.domain.claims import Claim
from legal_flows.domain.dates import chinese_date
from legal_flows.domain.errors import Told
from legal_flows.domain.filing import DEMAND_DAYS
from legal_flows.domain.identity import mask_card_number, mask_id_number
from legal_flows.domain.jurisdiction import choose_court
from legal_flows.domain.money import amount_in_capitals, cny
from legal_flows.domain.parties import appointed_agents, head_role

# 民诉法解释 §89: special authority must be listed item by item; 全权代理 alone grants none.
SPECIAL_AUTHORITIES = (
    "代为承认、放弃、变更诉讼请求",
    "代为进行和解、调解",
    "代为提起反诉或者上诉",
    "代为签收法律文书",
    "代为申请财产保全、申请执行",
)
# 执行工作规定 §20 (2020): an agent receives money for the bank only by its special grant.
RECEIVE_MONEY = "代为领取执行款项"


def ticked(options: tuple[str, ...], chosen: str | None) -> str:
    """Check boxes as the 要素式 forms print them: 是☑  否□."""
    return "  ".join(f"{o}{'☑' if o == chosen else '□'}" for o in options)


def plaintiff(d: Dossier) -> Plaintiff:
    c = d.creditor
    return Plaintiff(
        name=c.name,
        address=c.address,
        registered_place=c.settings.registered_place or c.address,
        credit_code=c.credit_code,
        entity_type=c.settings.entity_type,
        head_role=head_role(c.head_title),
        head_name=c.head_name,
        head_title=c.head_title,
        phone=c.phone,
    )


def agents(d: Dossier) -> list[Agent]:
    if not d.creditor.agents:
        raise MissingFact(
            "{account_id}: the creditor has no agent (委托代理人) configured",
            account_id=d.account_id,
        )
    return [
        Agent(name=n, firm=f, title="律师", licence_no=lic, phone=p)
        for n, f, lic, p in appointed_agents(d.creditor.agents)
    ]


def defendant(d: Dossier) -> Defendant:
    if not d.ethnicity or not d.phone:
        raise MissingFact(
            "{account_id}: ethnicity and phone are needed for the complaint",
            account_id=d.account_id,
        )
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
        id_type="居民身份证",
        employer=d.employer or "",
        occupation=d.occupation or "",
    )


def charges_detail(d: Dossier) -> str:
    """Each charge claimed, with its amount; a charge of nothing is not an item."""
    items = (
        ("利息", d.claim_interest),
        ("违约金", d.claim_penalty),
        ("手续费等费用", d.claim_fees),
    )
    return "、".join(f"{label}人民币{cny(amount)}元" for label, amount in items if amount > 0)


def charges_breakdown(d: Dossier, cost_cap: Decimal) -> str:
    """The 明细 of the charges to the cut-off: each item, its amount and how it was charged
    (the clause of the card agreement when the creditor names it), within the cost cap."""
    a = d.creditor.settings.card_agreement

    def by(clause: str) -> str:
        return f"按{a.title}{clause or '约定'}计收"

    items = (
        ("利息", d.claim_interest, f"透支利息按年利率{d.annual_rate:.2%}{by(a.interest_clause)}"),
        ("违约金", d.claim_penalty, by(a.penalty_clause)),
        ("手续费等费用", d.claim_fees, by(a.fees_clause)),
    )
    shown = [f"{label}人民币{cny(v)}元（{how}）" for label, v, how in items if v > 0]
    if not shown:
        return ""
    cutoff = chinese_date(d.balance_date)
    return f"截至{cutoff}，" + "、".join(shown) + f"，合计不超过年利率{cost_cap:.0%}"


def continuing_rate(d: Dossier, cost_cap: Decimal) -> Decimal:
    """The contract rate, within the cap on all charges (法发〔2017〕22号 §2)."""
    return min(d.annual_rate, cost_cap)


def continuing(d: Dossier, cost_cap: Decimal) -> str:
    """The continuing claim written out: only where charges are claimed (the cardholder was
    shown the terms, or a reviewer allowed them), at the contract rate within the cap."""
    if d.claim_interest + d.claim_penalty + d.claim_fees <= 0:
        return ""
    return (
        f"以本金人民币{cny(d.claim_principal)}元为基数，自"
        f"{chinese_date(d.balance_date + timedelta(days=1))}起按年利率"
        f"{continuing_rate(d, cost_cap):.2%}计算至实际清偿之日止（利息、违约金、手续费等合计"
        f"不超过年利率{cost_cap:.0%}）"
    )


def requests(d: Dossier, cost_cap: Decimal) -> list[str]:
    """The 诉讼请求, numbered, each for something actually claimed."""
    claimed = Claim(d.claim_principal, d.claim_interest, d.claim_penalty, d.claim_fees)
    cutoff = chinese_date(d.balance_date)
    items = [
        f"判令被告偿还截至{cutoff}的信用卡透支本金人民币{cny(d.claim_principal)}元"
        f"（大写：{amount_in_capitals(d.claim_principal)}）"
    ]
    if claimed.charges > 0:
        items.append(
            f"判令被告支付截至{cutoff}的{charges_detail(d)}，共计人民币{cny(claimed.charges)}元"
            f"（大写：{amount_in_capitals(claimed.charges)}）"
        )
        items.append(f"判令被告支付此后的利息，{continuing(d, cost_cap)}")
    items.append("判令本案诉讼费用由被告承担")
    last = len(items)
    return [f"{n}. {t}{'。' if n == last else '；'}" for n, t in enumerate(items, start=1)]


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
        charges_detail=charges_detail(d),
        charges_breakdown=charges_breakdown(d, cost_cap),
        continuing=continuing(d, cost_cap),
        cost_cap=f"{cost_cap:.0%}",
        costs_item_no=3 if charges > 0 else 2,
        total=cny(total),
        total_in_words=amount_in_capitals(total),
        requests=requests(d, cost_cap),
    )


def claims_charges(d: Dossier) -> bool:
    """The decision claims interest, 违约金 or fees: proven notice, or a reviewer who allowed
    them (the complaint then pleads the notice, never "principal only")."""
    return d.claim_interest + d.claim_penalty + d.claim_fees > 0


PRINCIPAL_ONLY = "本案仅主张透支本金，不主张利息、违约金及手续费等费用"


def card(d: Dossier) -> Card:
    # Never plead against the bank: without charges claimed, say what is claimed.
    notice = notice_given(d) if claims_charges(d) else PRINCIPAL_ONLY
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


def notice_given(d: Dossier) -> str:
    """How the bank pointed out and explained the charge clauses (提示说明), in its own words
    when the creditors file gives them."""
    a = d.creditor.settings.card_agreement
    told = "，".join(x for x in (a.notice_how, a.notice_when, a.notice_where) if x)
    return told or (
        f"原告在{a.title}中以加粗字体提示并向被告说明利息、违约金及费用条款，被告签字确认"
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
        # The jurisdiction's reasons are literal messages: told as they are, said from the
        # catalogue.
        why = Told(choice.unsettled or "no court can be read from the address")
        raise MissingFact(
            "{account_id}: {why}; set the court (legal-flows cases court)",
            account_id=d.account_id,
            why=why,
        )
    return choice.court, choice.basis


def evidence(d: Dossier) -> list[Evidence]:
    """民事诉讼证据规定 §19: each item with its source, purpose and whether the court gets the
    original; the parties' identity evidence as the plaintiff actually is (a branch has a
    负责人, a head office a 法定代表人). Pages are numbered when the bundle is assembled."""
    head = head_role(d.creditor.head_title)
    items = [
        ("原告营业执照", "原告", "证明原告主体资格", "复印件"),
        (f"{head}身份证明书", "原告", f"证明{d.creditor.head_name}系原告{head}", "原件"),
        ("被告身份信息（居民身份证复印件或户籍信息）", "原告", "证明被告身份及住所", "复印件"),
        ("信用卡申请表及《信用卡领用合约》", "原告", "证明双方信用卡合同关系及约定条款", "原件"),
        ("信用卡账户交易明细及对账单", "原告", "证明被告透支消费及欠款数额", "原件"),
        ("欠款计算明细", "原告", "证明本金、利息、违约金及费用的计算方法与金额", "原件"),
        ("催收记录", "原告", "证明原告向被告催收及诉讼时效中断", "打印件"),
    ]
    if d.terms_notice_proven:
        items.insert(4, ("条款提示说明确认书", "原告", "证明原告已履行提示说明义务", "原件"))
    return [
        Evidence(number=i, name=n, source=s, purpose=p, pages="", form=f)
        for i, (n, s, p, f) in enumerate(items, start=1)
    ]


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
        raise MissingFact(
            "{account_id}: preservation needs asset leads (保全规定 §1)", account_id=d.account_id
        )
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
    s = d.creditor.settings
    if s.agent_authority == "general":
        authority, items = "一般授权", []
    else:
        authority = "特别授权，具体权限如下："
        items = [*SPECIAL_AUTHORITIES, *([RECEIVE_MONEY] if s.agent_receives_money else [])]
    last = len(items)
    return PowerOfAttorneyContext(
        plaintiff=plaintiff(d),
        agents=agents(d),
        defendant=defendant(d),
        authority=authority,
        special_authorities=[
            f"{n}. {t}{'。' if n == last else '；'}" for n, t in enumerate(items, start=1)
        ],
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
    """律师函 (信用卡办法 §69): its own number, the address it is sent to, where to pay, a
    deadline after its own date, one line per way to reach the bank and the lawyer."""
    p, lawyers = plaintiff(d), agents(d)
    on = o.letter_on or o.signed_on
    account = d.creditor.settings.repayment_account
    lines = [f"发卡行：{p.name}，联系电话：{p.phone}"]
    lines += [f"承办律师：{a.name}（{a.firm}），联系电话：{a.phone}" for a in lawyers[:1]]
    return DemandLetterContext(
        plaintiff=p,
        agents=lawyers,
        defendant=defendant(d),
        card=card(d),
        claim=claim(d, o.cost_cap),
        letter_no=f"〔{on.year}〕律函字第{d.account_id}号",
        address=d.residence_address or d.registered_address,
        repayment=(
            f"还款账户：{account}" if account else "还款方式：发卡行客服热线、网点柜台或手机银行"
        ),
        pay_by=chinese_date(on + timedelta(days=DEMAND_DAYS)),
        contact=Contact(channels="发卡行客服热线、网点柜台及手机银行", lines=lines),
        signed_on=chinese_date(on),
    )
