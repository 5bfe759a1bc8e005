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
    credit_code: str
    head_role: str  # 法定代表人 (head office) or 负责人 (branch): 民诉法解释 §52
    head_name: str
    head_title: str
    phone: str


class Agent(Context):
    name: str
    firm: str
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
    cost_cap: str
    costs_item_no: int
    total: str
    total_in_words: str


class Card(Context):
    number: str
    number_masked: str
    issued_on: str
    credit_limit: str
    annual_rate: str
    terms_notice: str
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


class Jurisdiction(Context):
    agreed_court: str
    basis: str
    preservation: str


class Evidence(Context):
    number: int
    name: str
    source: str
    purpose: str
    pages: str


class Contact(Context):
    channels: str


class ComplaintContext(Context):
    plaintiff: Plaintiff
    agents: list[Agent]
    defendant: Defendant
    service: Service
    claim: ClaimItems
    jurisdiction: Jurisdiction
    card: Card
    collections: list[Collection]
    evidence_count: int
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
    pay_by: str
    contact: Contact
    signed_on: str


class Judgment(Context):
    court: str
    case_no: str
    effective_on: str


class EnforcementItems(Context):
    principal: str
    charges: str
    late_interest: str
    late_from: str
    late_to: str
    costs: str
    total: str
    total_in_words: str


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


class InLieuContext(Context):
    plaintiff: Plaintiff
    defendant: Defendant
    asset: InLieuAsset
    case_no: str
    claim_left: str
    excess_statement: str
    court: str
    signed_on: str
