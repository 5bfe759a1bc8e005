"""Pure builders of the enforcement stage's documents (强制执行申请书, 续行查封/冻结申请书)."""

from datetime import date, timedelta
from decimal import Decimal

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
from legal_flows.domain.dates import chinese_date
from legal_flows.domain.deadlines import PERFORMANCE_DAYS
from legal_flows.domain.distribution import late_performance_interest
from legal_flows.domain.money import amount_in_capitals, cny

MEASURE_WORDS = {"freeze": "冻结", "seize": "查封", "detain": "扣押"}


def enforcement_application_context(
    d: Dossier,
    *,
    case_no: str | None,
    effective_on: date | None,
    owed: dict[str, Decimal],
    as_of: date,
    signed_on: date,
) -> EnforcementApplicationContext:
    """ENF-03: the doubled interest runs on the unpaid principal from the day after the
    performance deadline (effective + PERFORMANCE_DAYS) to `as_of`, shown as of that date."""
    if not case_no or effective_on is None:
        raise MissingFact(
            f"{d.account_id}: enforcement needs the judgment's case number and its effective date"
        )
    deadline = effective_on + timedelta(days=PERFORMANCE_DAYS)
    late = late_performance_interest(
        owed["principal"], performance_deadline=deadline, paid_on=as_of
    )
    charges = owed["interest"] + owed["penalty"]
    total = owed["principal"] + charges + late + owed["costs"]
    court_name = court(d)[0]
    return EnforcementApplicationContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        judgment=Judgment(
            court=court_name, case_no=case_no, effective_on=chinese_date(effective_on)
        ),
        items=EnforcementItems(
            principal=cny(owed["principal"]),
            charges=cny(charges),
            late_interest=cny(late),
            late_from=chinese_date(deadline + timedelta(days=1)),
            late_to=chinese_date(as_of),
            costs=cny(owed["costs"]),
            total=cny(total),
            total_in_words=amount_in_capitals(total),
        ),
        asset_leads=list(d.asset_leads) or ["申请人将另行提供"],
        court=court_name,
        signed_on=chinese_date(signed_on),
    )


def seizure_renewal_context(
    d: Dossier,
    *,
    case_no: str,
    measure: str,
    months: int,
    asset: str,
    identifier: str,
    ruling_no: str,
    expires_on: date,
    signed_on: date,
) -> SeizureRenewalContext:
    return SeizureRenewalContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        seizure=RenewalItem(
            measure=MEASURE_WORDS[measure],
            months=months,
            asset=asset,
            identifier=identifier or "见原裁定",
            ruling_no=ruling_no,
            expires_on=chinese_date(expires_on),
        ),
        case_no=case_no,
        court=court(d)[0],
        signed_on=chinese_date(signed_on),
    )


def in_lieu_context(
    d: Dossier,
    *,
    case_no: str,
    description: str,
    identifier: str,
    round_number: int,
    platform: str,
    failed_on: date,
    reserve_price: Decimal,
    claim_left: Decimal,
    signed_on: date,
) -> InLieuContext:
    """拍卖变卖规定 §16: the creditor takes the asset at the failed round's reserve price and pays
    back any part of the price above what it is still owed."""
    excess = reserve_price - claim_left
    statement = (
        f"保留价超出债权部分人民币{cny(excess)}元，申请执行人承诺于裁定送达后补交。"
        if excess > 0
        else "保留价未超过申请执行人的债权，不足部分被执行人仍应清偿。"
    )
    return InLieuContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        asset=InLieuAsset(
            description=description,
            identifier=identifier or "见查封裁定",
            round=round_number,
            platform=platform,
            failed_on=chinese_date(failed_on),
            reserve_price=cny(reserve_price),
            reserve_in_words=amount_in_capitals(reserve_price),
        ),
        case_no=case_no,
        claim_left=cny(claim_left),
        excess_statement=statement,
        court=court(d)[0],
        signed_on=chinese_date(signed_on),
    )
