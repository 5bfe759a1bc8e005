"""The template catalog: each document kind, its .docx file and the context it is given."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from legal_flows.documents import builders, complaint
from legal_flows.documents import builders_enforcement as enforcement
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
    ResumptionContext,
    SeizureRenewalContext,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.inputs import (
    EnforcementFacts,
    InLieuFacts,
    Options,
    RenewalFacts,
    ResumptionFacts,
)
from legal_flows.domain.filing import DocumentKind

Inputs = TypeVar("Inputs")

# The repository's templates (an installed copy is pointed at with LEGAL_FLOWS_TEMPLATES).
DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "document_templates" / "zh-CN"


@dataclass(frozen=True)
class TemplateSpec(Generic[Inputs]):
    """One document kind: its .docx file, its title, the context its template is given and
    the pure builder that makes that context from the dossier and the kind's own inputs."""

    kind: DocumentKind
    file: str
    title: str
    context: type[Context]
    build: Callable[[Dossier, Inputs], Context]


CATALOG: dict[DocumentKind, TemplateSpec[Any]] = {
    spec.kind: spec
    for spec in (
        TemplateSpec[Options](
            DocumentKind.COMPLAINT,
            "complaint.docx",
            "民事起诉状",
            ComplaintContext,
            complaint.complaint_context,
        ),
        TemplateSpec[Options](
            DocumentKind.PAYMENT_ORDER,
            "payment_order_application.docx",
            "支付令申请书",
            PaymentOrderContext,
            builders.payment_order_context,
        ),
        TemplateSpec[Options](
            DocumentKind.PRESERVATION,
            "preservation_application.docx",
            "财产保全申请书",
            PreservationContext,
            builders.preservation_context,
        ),
        TemplateSpec[Options](
            DocumentKind.POWER_OF_ATTORNEY,
            "power_of_attorney.docx",
            "授权委托书",
            PowerOfAttorneyContext,
            builders.power_of_attorney_context,
        ),
        TemplateSpec[Options](
            DocumentKind.IDENTITY_CERTIFICATE,
            "identity_certificate.docx",
            "法定代表人/负责人身份证明书",
            IdentityCertificateContext,
            builders.identity_certificate_context,
        ),
        TemplateSpec[Options](
            DocumentKind.EVIDENCE_LIST,
            "evidence_list.docx",
            "证据清单",
            EvidenceListContext,
            builders.evidence_list_context,
        ),
        TemplateSpec[Options](
            DocumentKind.DEMAND_LETTER,
            "demand_letter.docx",
            "律师函",
            DemandLetterContext,
            builders.demand_letter_context,
        ),
        TemplateSpec[EnforcementFacts](
            DocumentKind.ENFORCEMENT_APPLICATION,
            "enforcement_application.docx",
            "强制执行申请书",
            EnforcementApplicationContext,
            enforcement.enforcement_application_context,
        ),
        TemplateSpec[InLieuFacts](
            DocumentKind.IN_LIEU,
            "in_lieu_application.docx",
            "以物抵债申请书",
            InLieuContext,
            enforcement.in_lieu_context,
        ),
        TemplateSpec[ResumptionFacts](
            DocumentKind.RESUMPTION,
            "resumption_application.docx",
            "恢复执行申请书",
            ResumptionContext,
            enforcement.resumption_context,
        ),
        TemplateSpec[RenewalFacts](
            DocumentKind.SEIZURE_RENEWAL,
            "seizure_renewal.docx",
            "续行查封冻结申请书",
            SeizureRenewalContext,
            enforcement.seizure_renewal_context,
        ),
    )
}

# A kind's other templates, chosen per creditor (creditors file: complaint_style = "prose").
VARIANTS: dict[tuple[DocumentKind, str], TemplateSpec[Any]] = {
    (DocumentKind.COMPLAINT, "prose"): TemplateSpec[Options](
        DocumentKind.COMPLAINT,
        "complaint_prose.docx",
        "民事起诉状",
        ComplaintContext,
        complaint.complaint_context,
    ),
}
# Every template the system ships, each checked by `templates check`.
ALL_SPECS: tuple[TemplateSpec[Any], ...] = (*CATALOG.values(), *VARIANTS.values())


def spec_for(kind: DocumentKind, style: str = "elements") -> TemplateSpec[Any]:
    """The template of a kind in the creditor's style (the kind's own when it has no other)."""
    return VARIANTS.get((kind, style), CATALOG[kind])
