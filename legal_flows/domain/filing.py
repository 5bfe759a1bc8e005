"""Which documents make up a case's filing package (issue: legal documents)."""

from datetime import date, timedelta
from enum import StrEnum

from legal_flows.domain.reasons import Outcome


class DocumentKind(StrEnum):
    COMPLAINT = "complaint"  # 民事起诉状 (要素式, 信用卡纠纷)
    PAYMENT_ORDER = "payment_order_application"  # 支付令申请书
    PRESERVATION = "preservation_application"  # 财产保全申请书
    POWER_OF_ATTORNEY = "power_of_attorney"  # 授权委托书
    IDENTITY_CERTIFICATE = "identity_certificate"  # 法定代表人/负责人身份证明书
    EVIDENCE_LIST = "evidence_list"  # 证据清单
    DEMAND_LETTER = "demand_letter"  # 律师函 (pre-litigation)
    ENFORCEMENT_APPLICATION = "enforcement_application"  # 强制执行申请书
    SEIZURE_RENEWAL = "seizure_renewal"  # 续行查封/冻结申请书
    IN_LIEU = "in_lieu_application"  # 以物抵债申请书
    RESUMPTION = "resumption_application"  # 恢复执行申请书 (执行和解规定 §9)


# The kinds a filing package is made of (the enforcement stage's documents are apart).
FILING_KINDS = frozenset(
    {
        DocumentKind.COMPLAINT,
        DocumentKind.PAYMENT_ORDER,
        DocumentKind.PRESERVATION,
        DocumentKind.POWER_OF_ATTORNEY,
        DocumentKind.IDENTITY_CERTIFICATE,
        DocumentKind.EVIDENCE_LIST,
        DocumentKind.DEMAND_LETTER,
    }
)


def filing_package(
    *,
    outcome: str,
    payment_order_candidate: bool,
    prefer_payment_order: bool,
    has_asset_leads: bool,
    demand_letter_requested: bool,
) -> tuple[DocumentKind, ...]:
    """The documents an approved case needs, in filing order; nothing for any other outcome.

    The route is a 支付令 only where the review found it possible (民诉法 §225; 解释 §427) and
    the bank prefers it; that route rules out preservation (解释 §427: no pre-action
    preservation), so preservation goes only with a complaint, when there are asset leads to
    name (保全规定 §1). The power of attorney and the identity certificate of the 法定代表人/
    负责人 go with every filing (登记立案规定 §6; 民诉法解释 §§50-52, 89).
    """
    if outcome != Outcome.APPROVED.value:
        return ()
    kinds = [DocumentKind.DEMAND_LETTER] if demand_letter_requested else []
    if payment_order_candidate and prefer_payment_order:
        kinds.append(DocumentKind.PAYMENT_ORDER)
    else:
        kinds.append(DocumentKind.COMPLAINT)
        if has_asset_leads:
            kinds.append(DocumentKind.PRESERVATION)
    kinds += [
        DocumentKind.EVIDENCE_LIST,
        DocumentKind.POWER_OF_ATTORNEY,
        DocumentKind.IDENTITY_CERTIFICATE,
    ]
    return tuple(kinds)


# Bank policy: the demand letter (律师函) gives the cardholder 15 days to pay before suit.
DEMAND_DAYS = 15


def litigation_date(signed_on: date, *, demand_letter: bool) -> date:
    """The date the court papers of a package carry. With a demand letter in the package the
    letter goes first, dated `signed_on`, and the papers the day after its deadline, when
    the bank may first sue (bank policy: DEMAND_DAYS); never the letter's own date."""
    return signed_on + timedelta(days=DEMAND_DAYS + 1) if demand_letter else signed_on


def signing_date(requested: date | None, *, reviewed_on: date) -> date:
    """The date a filing package is signed: the one asked for, else the review's date, so a
    rerun renders the same documents (same data, same date, same hash) instead of new ones."""
    return requested or reviewed_on
