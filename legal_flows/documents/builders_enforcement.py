"""Pure builders of the enforcement stage's documents (强制执行申请书, 续行, 以物抵债)."""

from legal_flows.documents.builders import court, defendant, plaintiff
from legal_flows.documents.contexts import (
    EnforcementApplicationContext,
    EnforcementItems,
    InLieuAsset,
    InLieuContext,
    Judgment,
    RenewalItem,
    SeizureRenewalContext,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.errors import MissingFact
from legal_flows.documents.inputs import EnforcementFacts, InLieuFacts, RenewalFacts
from legal_flows.domain.dates import chinese_date
from legal_flows.domain.deadlines import performance_deadline
from legal_flows.domain.distribution import enforcement_amounts, in_lieu_excess
from legal_flows.domain.money import amount_in_capitals, cny
from legal_flows.domain.seizure import Measure


def enforcement_application_context(
    d: Dossier, f: EnforcementFacts
) -> EnforcementApplicationContext:
    """ENF-03: what the judged debt still carries and the doubled interest to `as_of`."""
    if not f.case_no or f.effective_on is None:
        raise MissingFact(
            f"{d.account_id}: enforcement needs the judgment's case number and its effective date"
        )
    amounts = enforcement_amounts(
        f.owed, performance_deadline=performance_deadline(f.effective_on), as_of=f.as_of
    )
    court_name = court(d, f.signed_on)[0]
    return EnforcementApplicationContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        judgment=Judgment(
            court=court_name, case_no=f.case_no, effective_on=chinese_date(f.effective_on)
        ),
        items=EnforcementItems(
            principal=cny(amounts.principal),
            charges=cny(amounts.charges),
            late_interest=cny(amounts.late_interest),
            late_from=chinese_date(amounts.late_from),
            late_to=chinese_date(amounts.late_to),
            costs=cny(amounts.costs),
            total=cny(amounts.total),
            total_in_words=amount_in_capitals(amounts.total),
        ),
        asset_leads=list(d.asset_leads) or ["申请人将另行提供"],
        court=court_name,
        signed_on=chinese_date(f.signed_on),
    )


def seizure_renewal_context(d: Dossier, f: RenewalFacts) -> SeizureRenewalContext:
    return SeizureRenewalContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        seizure=RenewalItem(
            measure=Measure(f.measure).words,
            months=f.months,
            asset=f.asset,
            identifier=f.identifier or "见原裁定",
            ruling_no=f.ruling_no,
            expires_on=chinese_date(f.expires_on),
        ),
        case_no=f.case_no,
        court=court(d, f.signed_on)[0],
        signed_on=chinese_date(f.signed_on),
    )


def in_lieu_context(d: Dossier, f: InLieuFacts) -> InLieuContext:
    """拍卖变卖规定 §16: the creditor takes the asset at the failed round's reserve price and pays
    back any part of the price above what it is still owed."""
    excess = in_lieu_excess(f.reserve_price, f.claim_left)
    statement = (
        f"保留价超出债权部分人民币{cny(excess)}元，申请执行人承诺于裁定送达后补交。"
        if excess > 0
        else "保留价未超过申请执行人的债权，不足部分被执行人仍应清偿。"
    )
    return InLieuContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        asset=InLieuAsset(
            description=f.description,
            identifier=f.identifier or "见查封裁定",
            round=f.round_number,
            platform=f.platform,
            failed_on=chinese_date(f.failed_on),
            reserve_price=cny(f.reserve_price),
            reserve_in_words=amount_in_capitals(f.reserve_price),
        ),
        case_no=f.case_no,
        claim_left=cny(f.claim_left),
        excess_statement=statement,
        court=court(d, f.signed_on)[0],
        signed_on=chinese_date(f.signed_on),
    )
