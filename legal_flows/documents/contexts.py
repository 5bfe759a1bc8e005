"""One typed context per template, built from a case's dossier by pure code.

Templates print these values as they are: amounts already in figures and in 大写, dates as
2026年11月29日. A template may use only the fields its context declares (`templates check`).
"""

from pydantic import BaseModel, ConfigDict


class Context(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Plaintiff(Context):
    name: str
    address: str
    registered_place: str  # 注册地/登记地
    credit_code: str
    entity_type: str  # 主体类型 ("" when the creditors file does not say)
    head_role: str  # 法定代表人 (head office) or 负责人 (branch): 民诉法解释 §52
    head_name: str
    head_title: str
    phone: str


class Agent(Context):
    name: str
    firm: str
    title: str  # 职务: 律师
    licence_no: str
    phone: str


class Defendant(Context):
    name: str
    gender: str
    ethnicity: str
    birth_date: str
    id_number: str
    id_number_masked: str
    registered_address: str
    residence_address: str
    phone: str
    id_type: str  # 证件类型: 居民身份证
    employer: str  # 工作单位 ("" when unknown: the line is left out)
    occupation: str  # 职务


class ClaimItems(Context):
    """The amounts claimed (诉讼请求), in figures and in 大写."""

    cutoff_date: str
    accrual_from: str
    principal: str
    principal_in_words: str
    interest: str
    penalty: str
    fees: str
    charges: str
    charges_in_words: str
    has_charges: bool
    # Only the charges above zero, each with its amount: 利息人民币5,400.00元、违约金人民币…
    charges_detail: str
    # The same, each with how it was charged (the 要素式 form's 明细).
    charges_breakdown: str
    # The continuing claim, written out ("" when no charges are claimed).
    continuing: str
    cost_cap: str
    costs_item_no: int
    total: str
    total_in_words: str
    requests: list[str]  # the 诉讼请求 as numbered sentences, none of 0.00 元


class Card(Context):
    number: str
    number_masked: str
    issued_on: str
    credit_limit: str
    annual_rate: str
    terms_notice: str  # what the bank pointed out and how; or what is claimed without it
    repayments: str
    overdue_since: str


class Collection(Context):
    date: str
    channel: str
    result: str


class Service(Context):
    address: str
    recipient: str
    phone: str
    electronic: str  # 是否接受电子送达, boxes ticked: 是☑ 方式：电子邮箱 … / 否☑


class Jurisdiction(Context):
    agreed_court: str
    basis: str
    preservation: str
    agreement: str  # 有无仲裁、法院管辖约定, ticked, with the clause's words
    preserved: str  # 是否已经诉前保全, ticked


class Agreement(Context):
    """The card agreement as the 要素式 form pleads it (事实与理由 rows 2, 3 and 14)."""

    credit_line: str  # 透支金额
    calculation: str  # 利息、罚息、复利、滞纳金、违约金、手续费等的计算标准
    liability: str  # 违约责任, with when an account is overdue
    termination: str  # 解除条件
    notice: str  # 提示说明: ticked, how, when and where
    basis_contract: str  # 请求依据: 合同约定
    basis_law: str  # 请求依据: 法律规定


class Performance(Context):
    """事实与理由 rows 4-6: what was repaid, what is overdue, the collections that reached
    the cardholder."""

    repaid: str
    overdue_since: str
    overdue_periods: int
    owed: str
    collected: str  # 是否向被告进行通知和催收, ticked


class Evidence(Context):
    number: int
    name: str
    source: str
    purpose: str
    pages: str  # 页码: blank until the bundle is paginated
    form: str  # 原件 / 复印件 / 打印件


class Contact(Context):
    channels: str
    lines: list[str]  # one per party to reach, each with its own number


class ComplaintContext(Context):
    """Both complaint templates: the SPC's 要素式 form (complaint.docx) and the prose one."""

    plaintiff: Plaintiff
    agents: list[Agent]
    authority: str  # 代理权限, ticked: 一般授权□ 特别授权☑
    defendant: Defendant
    service: Service
    claim: ClaimItems
    jurisdiction: Jurisdiction
    card: Card
    agreement: Agreement
    performance: Performance
    collections: list[Collection]  # only those that reached the cardholder
    other: list[str]  # 其他需要说明的内容
    evidence_count: int
    mediation: str  # 是否考虑先行调解, ticked
    court: str
    signed_on: str


class PaymentOrderContext(Context):
    plaintiff: Plaintiff
    agents: list[Agent]
    defendant: Defendant
    claim: ClaimItems
    card: Card
    court: str
    signed_on: str


class PreservationContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    claim: ClaimItems
    asset_leads: list[str]
    security_statement: str
    court: str
    signed_on: str


class PowerOfAttorneyContext(Context):
    plaintiff: Plaintiff
    agents: list[Agent]
    defendant: Defendant
    authority: str
    special_authorities: list[str]
    signed_on: str


class IdentityCertificateContext(Context):
    plaintiff: Plaintiff
    signed_on: str


class EvidenceListContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    evidence: list[Evidence]
    signed_on: str


class DemandLetterContext(Context):
    plaintiff: Plaintiff
    agents: list[Agent]
    defendant: Defendant
    card: Card
    claim: ClaimItems
    letter_no: str  # 函号
    address: str  # where the letter is sent
    repayment: str  # the bank's repayment account, or how to pay
    pay_by: str
    contact: Contact
    signed_on: str


class Judgment(Context):
    """The instrument enforced (执行依据)."""

    court: str
    case_no: str
    effective_on: str
    instrument: str  # 民事判决书 / 民事调解书 / 支付令 / 民事裁定书


class EnforcementItems(Context):
    principal: str
    charges: str
    late_interest: str
    late_base: str
    late_from: str
    late_to: str
    costs: str
    total: str
    total_in_words: str
    requests: list[str]  # the 申请事项, numbered, none of 0.00 元


class EnforcementApplicationContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    judgment: Judgment
    items: EnforcementItems
    asset_leads: list[str]
    court: str
    signed_on: str


class RenewalItem(Context):
    measure: str
    months: int
    asset: str
    identifier: str
    ruling_no: str
    expires_on: str


class SeizureRenewalContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    seizure: RenewalItem
    case_no: str
    basis: str  # the rule the renewal rests on: 保全规定 §18 in preservation, 解释 §485 after
    court: str
    signed_on: str


class InLieuAsset(Context):
    description: str
    identifier: str
    round: int
    platform: str
    failed_on: str
    reserve_price: str
    reserve_in_words: str


class ResumptionContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    instrument: str  # （2026）京0105民初5号民事判决书
    enforcement_case_no: str
    agreed_on: str
    missed_due: str
    missed_amount: str
    plan_unpaid: str
    owed: str
    owed_in_words: str
    court: str
    signed_on: str


class InLieuContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    asset: InLieuAsset
    case_no: str
    claim_left: str
    excess_statement: str
    court: str
    signed_on: str
