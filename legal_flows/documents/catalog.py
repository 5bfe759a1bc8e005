"""The template catalog: each document kind, its .docx file and the context it is given."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from legal_flows.documents import builders
from legal_flows.documents.contexts import (
    ComplaintContext,
    Context,
    DemandLetterContext,
    EnforcementApplicationContext,
    EvidenceListContext,
    IdentityCertificateContext,
    InLieuContext,
    PaymentOrderContext,
    PowerOfAttorneyContext,
    PreservationContext,
    SeizureRenewalContext,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.domain.filing import DocumentKind as K

# The repository's templates (an installed copy is pointed at with LEGAL_FLOWS_TEMPLATES).
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "document_templates" / "zh-CN"


@dataclass(frozen=True)
class Options:
    signed_on: date
    cost_cap: Decimal
    preservation: bool


@dataclass(frozen=True)
class TemplateSpec:
    kind: K
    file: str
    title: str
    context: type[Context]
    # None: built with the facts of its own stage (services/enforcement/documents.py).
    build: Callable[[Dossier, Options], Context] | None


CATALOG: dict[K, TemplateSpec] = {
    spec.kind: spec
    for spec in (
        TemplateSpec(
            K.COMPLAINT,
            "complaint.docx",
            "民事起诉状",
            ComplaintContext,
            lambda d, o: builders.complaint_context(
                d, signed_on=o.signed_on, cost_cap=o.cost_cap, preservation=o.preservation
            ),
        ),
        TemplateSpec(
            K.PAYMENT_ORDER,
            "payment_order_application.docx",
            "支付令申请书",
            PaymentOrderContext,
            lambda d, o: builders.payment_order_context(
                d, signed_on=o.signed_on, cost_cap=o.cost_cap
            ),
        ),
        TemplateSpec(
            K.PRESERVATION,
            "preservation_application.docx",
            "财产保全申请书",
            PreservationContext,
            lambda d, o: builders.preservation_context(
                d, signed_on=o.signed_on, cost_cap=o.cost_cap
            ),
        ),
        TemplateSpec(
            K.POWER_OF_ATTORNEY,
            "power_of_attorney.docx",
            "授权委托书",
            PowerOfAttorneyContext,
            lambda d, o: builders.power_of_attorney_context(d, signed_on=o.signed_on),
        ),
        TemplateSpec(
            K.IDENTITY_CERTIFICATE,
            "identity_certificate.docx",
            "法定代表人/负责人身份证明书",
            IdentityCertificateContext,
            lambda d, o: builders.identity_certificate_context(d, signed_on=o.signed_on),
        ),
        TemplateSpec(
            K.EVIDENCE_LIST,
            "evidence_list.docx",
            "证据清单",
            EvidenceListContext,
            lambda d, o: builders.evidence_list_context(d, signed_on=o.signed_on),
        ),
        TemplateSpec(
            K.DEMAND_LETTER,
            "demand_letter.docx",
            "律师函",
            DemandLetterContext,
            lambda d, o: builders.demand_letter_context(
                d, signed_on=o.signed_on, cost_cap=o.cost_cap
            ),
        ),
        TemplateSpec(
            K.ENFORCEMENT_APPLICATION,
            "enforcement_application.docx",
            "强制执行申请书",
            EnforcementApplicationContext,
            None,
        ),
        TemplateSpec(K.IN_LIEU, "in_lieu_application.docx", "以物抵债申请书", InLieuContext, None),
        TemplateSpec(
            K.SEIZURE_RENEWAL,
            "seizure_renewal.docx",
            "续行查封冻结申请书",
            SeizureRenewalContext,
            None,
        ),
    )
}
