"""Pure builders of the enforcement stage's documents (强制执行申请书, 续行, 以物抵债)."""

from datetime import date
from decimal import Decimal

from legal_flows.documents.builders import court, defendant, plaintiff
from legal_flows.documents.contexts import (
    EnforcementApplicationContext,
    EnforcementItems,
    InLieuAsset,
    InLieuContext,
    Judgment,
    RenewalItem,
    ResumptionContext,
    SeizureRenewalContext,
)
from legal_flows.documents.dossier import Dossier
from legal_flows.documents.errors import MissingFact
from legal_flows.documents.inputs import (
    EnforcementFacts,
    InLieuFacts,
    RenewalFacts,
    ResumptionFacts,
)
from legal_flows.domain.dates import chinese_date
from legal_flows.domain.distribution import in_lieu_excess
from legal_flows.domain.money import ZERO, amount_in_capitals, cny
from legal_flows.domain.seizure import Measure

# 保全规定 (2020) §18: a preservation seizure is renewed on the applicant's request before it
# expires; after judgment the enforcement court renews it (民诉法解释 §485).
RENEWAL_PRESERVATION = "《最高人民法院关于人民法院办理财产保全案件若干问题的规定》第十八条"
RENEWAL_ENFORCEMENT = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条"


def enforcement_application_context(
    d: Dossier, f: EnforcementFacts
) -> EnforcementApplicationContext:
    """ENF-03: what the instrument awarded and the ledger still shows owed on `as_of`: the
    judged items, the continuing interest grown to that day, the doubled interest on its
    lawful base (迟延履行利息解释 §1: every money debt but ordinary interest) from the day
    after the performance period; the enforcement fee is the court's (交纳办法 §20)."""
    if not f.case_no or f.effective_on is None:
        raise MissingFact(
            "{account_id}: enforcement needs the instrument's case number and the date it "
            "took effect",
            account_id=d.account_id,
        )
    owed = f.ledger.owed
    late, base = owed["late"], f.ledger.late_base
    late_from = f.terms.late_from(f.effective_on)
    if f.due_instalments:
        total = sum((unpaid for _, _, unpaid in f.due_instalments), ZERO) + late
        requests = _instalment_requests(f, total)
    else:
        total = f.ledger.claim_left
        requests = _requests(f, late_from, total)
    court_name = court(d, f.signed_on)[0]
    return EnforcementApplicationContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        judgment=Judgment(
            court=court_name,
            case_no=f.case_no,
            effective_on=chinese_date(f.effective_on),
            instrument=f.instrument.words,
        ),
        items=EnforcementItems(
            principal=cny(owed["principal"]),
            charges=cny(owed["interest"] + owed["continuing"] + owed["fees"] + owed["penalty"]),
            late_interest=cny(late),
            late_base=cny(base),
            late_from=chinese_date(late_from),
            late_to=chinese_date(f.as_of),
            costs=cny(owed["costs"]),
            total=cny(total),
            total_in_words=amount_in_capitals(total),
            requests=requests,
        ),
        asset_leads=list(d.asset_leads) or ["申请人将另行提供"],
        court=court_name,
        signed_on=chinese_date(f.signed_on),
    )


def _requests(f: EnforcementFacts, late_from: date, total: Decimal) -> list[str]:
    owed, title, as_of = f.ledger.owed, f.instrument.words, chinese_date(f.as_of)
    items = [f"强制被执行人给付{title}确定的本金人民币{cny(owed['principal'])}元"]
    if (charges := owed["interest"] + owed["fees"]) > 0:
        items.append(f"强制被执行人给付利息及手续费等人民币{cny(charges)}元")
    if owed["penalty"] > 0:
        items.append(f"强制被执行人给付违约金人民币{cny(owed['penalty'])}元")
    c = f.terms.continuing
    if c is not None and (owed["continuing"] > 0 or owed["principal"] > 0):
        note = "本金部分清偿后以尚欠本金为基数，" if owed["principal"] < c.base else ""
        items.append(
            f"强制被执行人给付以人民币{cny(c.base)}元为基数，自{chinese_date(c.from_on)}起按年利率"
            f"{c.annual_rate:.2%}计算至实际清偿之日止的利息（{note}暂计至{as_of}为人民币"
            f"{cny(owed['continuing'])}元）"
        )
    if owed["costs"] > 0:
        items.append(f"强制被执行人负担案件受理费等诉讼费用人民币{cny(owed['costs'])}元")
    late_lines = [x for x in f.ledger.lines if x.item == "late"]
    if owed["late"] > 0 or f.ledger.late_base > 0:
        bases = {x.base for x in late_lines}
        if len(bases) <= 1 and not f.terms.instalments:
            late = (
                f"以人民币{cny(f.ledger.late_base)}元为基数，按日万分之一点七五，"
                f"自{chinese_date(late_from)}起计算至实际履行之日止"
            )
        else:
            late = (
                f"自{chinese_date(late_from)}起按日万分之一点七五，以各期间未履行的金钱债务"
                f"（一般债务利息除外）为基数分段计算至实际履行之日止，现以人民币"
                f"{cny(f.ledger.late_base)}元为基数继续计算"
            )
        items.append(
            f"强制被执行人支付迟延履行期间的加倍部分债务利息：{late}"
            f"（暂计至{as_of}为人民币{cny(owed['late'])}元）"
        )
    items.append(f"以上暂计人民币{cny(total)}元（大写：{amount_in_capitals(total)}）")
    items.append("本案执行费用由被执行人负担")
    last = len(items)
    return [f"{n}. {t}{'。' if n == last else '；'}" for n, t in enumerate(items, start=1)]


def _instalment_requests(f: EnforcementFacts, total: Decimal) -> list[str]:
    """An instrument paid by instalments without acceleration: the instalments due and
    unpaid, their doubled interest (each from the day after its own due date), the rest kept
    for when it falls due."""
    title, as_of = f.instrument.words, chinese_date(f.as_of)
    due = f.due_instalments
    parts = "、".join(
        f"第{n}期（{chinese_date(on)}到期）人民币{cny(unpaid)}元" for n, on, unpaid in due
    )
    items = [
        f"强制被执行人给付{title}确定的已届履行期限尚未履行的分期款项共计人民币"
        f"{cny(sum((u for _, _, u in due), ZERO))}元：{parts}",
        f"强制被执行人支付迟延履行期间的加倍部分债务利息：自各期履行期限届满次日起按日万分之一点七五"
        f"计算至实际履行之日止（暂计至{as_of}为人民币{cny(f.ledger.owed['late'])}元）",
        f"以上暂计人民币{cny(total)}元（大写：{amount_in_capitals(total)}）",
        "其余分期款项履行期限届满后被执行人仍未履行的，申请执行人另行申请执行",
        "本案执行费用由被执行人负担",
    ]
    last = len(items)
    return [f"{n}. {t}{'。' if n == last else '；'}" for n, t in enumerate(items, start=1)]


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
        basis=RENEWAL_PRESERVATION if f.preservation else RENEWAL_ENFORCEMENT,
        court=court(d, f.signed_on)[0],
        signed_on=chinese_date(f.signed_on),
    )


def in_lieu_context(d: Dossier, f: InLieuFacts) -> InLieuContext:
    """拍卖变卖规定 §16: the creditor takes the asset at the failed round's reserve price and pays
    back any part of the price above what it is still owed."""
    excess = in_lieu_excess(f.reserve_price, f.claim_left)
    statement = (
        f"保留价超出债权部分人民币{cny(excess)}元，申请执行人承诺在人民法院指定的期间内补交差额。"
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


def resumption_context(d: Dossier, f: ResumptionFacts) -> ResumptionContext:
    """执行和解规定 (2018) §9: the debtor did not perform the settlement, so the original
    instrument is enforced again, for what the ledger shows owed that day."""
    return ResumptionContext(
        plaintiff=plaintiff(d),
        defendant=defendant(d),
        instrument=f"{f.instrument_case_no}{f.instrument.words}",
        enforcement_case_no=f.enforcement_case_no,
        agreed_on=chinese_date(f.agreed_on),
        missed_due=chinese_date(f.missed_due),
        missed_amount=cny(f.missed_amount),
        plan_unpaid=cny(f.plan_unpaid),
        owed=cny(f.owed),
        owed_in_words=amount_in_capitals(f.owed),
        court=court(d, f.signed_on)[0],
        signed_on=chinese_date(f.signed_on),
    )
