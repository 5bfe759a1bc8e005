"""The bank's costs of a case: what it advanced and paid, what the court owes it back, and the
net recovery (received less what the court kept and what the bank spent).

交纳办法 §20: the plaintiff advances the filing fee; §§15-16: halved for the simplified procedure
or a mediation or withdrawal, the court refunding the halved part of a full advance (退费);
§22: the advance is due within 7 days of the fee notice (the `fee_payment` deadline); §12:
公告费 and the like are the court's actual outlays; 参考价规定 §33: the appraisal fee is advanced
by the creditor and borne by the debtor; §29: the losing party bears the costs.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from legal_flows.domain.money import ZERO


class CostKind(StrEnum):
    FILING_FEE = "filing_fee"  # 案件受理费, advanced (预交)
    PRESERVATION_FEE = "preservation_fee"  # 申请保全费
    NOTICE_FEE = "notice_fee"  # 公告费
    APPRAISAL_FEE = "appraisal_fee"  # 评估费 / 询价费
    LAWYER_FEE = "lawyer_fee"  # the bank's lawyer
    REFUND = "refund"  # 退费: money the court paid back

    @property
    def words(self) -> str:
        return COST_WORDS[self.value]


COST_WORDS = {
    "filing_fee": "案件受理费（预交）",
    "preservation_fee": "申请保全费",
    "notice_fee": "公告费",
    "appraisal_fee": "评估费",
    "lawyer_fee": "律师费",
    "refund": "退费",
}


@dataclass(frozen=True)
class CostEntry:
    kind: CostKind
    amount: Decimal
    on: date


@dataclass(frozen=True)
class CostSummary:
    outlays: dict[str, Decimal]  # what the bank paid, by kind (refunds apart)
    refunded: Decimal
    refund_due: Decimal  # a full advance beyond the fee as charged, not yet paid back

    @property
    def spent(self) -> Decimal:
        """What the bank is out of pocket: outlays less what came back."""
        return sum(self.outlays.values(), ZERO) - self.refunded


def cost_summary(entries: Iterable[CostEntry], *, filing_fee_charged: Decimal) -> CostSummary:
    """The case's cost ledger. A filing fee advanced in full and then halved (交纳办法 §§15-16)
    leaves the difference due back from the court until the refund is recorded."""
    outlays = {k.value: ZERO for k in CostKind if k != CostKind.REFUND}
    refunded = ZERO
    for e in entries:
        if e.kind == CostKind.REFUND:
            refunded += e.amount
        else:
            outlays[e.kind.value] += e.amount
    due = max(outlays[CostKind.FILING_FEE.value] - filing_fee_charged - refunded, ZERO)
    return CostSummary(outlays, refunded, due)


def spent_on(entries: Iterable[CostEntry]) -> Decimal:
    """Outlays less refunds (the report sums it per case without the rest of the ledger)."""
    return sum((-e.amount if e.kind == CostKind.REFUND else e.amount for e in entries), ZERO)


def net_recovery(received: Decimal, *, court_kept: Decimal, spent: Decimal) -> Decimal:
    """What the case brought the bank: the money received less the part the court kept (the
    enforcement fee it takes from the proceeds, 交纳办法 §20) and the bank's own costs."""
    return received - court_kept - spent
