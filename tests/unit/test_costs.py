"""The bank's cost ledger: refunds due after a halving, what it spent, the net recovery."""

from datetime import date
from decimal import Decimal

from legal_flows.domain.costs import CostEntry, CostKind, cost_summary, net_recovery, spent_on

D = Decimal
ON = date(2026, 3, 2)


def test_a_full_advance_halved_by_the_simplified_procedure_leaves_the_half_due_back():
    # 交纳办法 §§13, 16: 100,000 claimed → 2,300 advanced in full, 1,150 as charged.
    paid = [CostEntry(CostKind.FILING_FEE, D("2300"), ON)]
    summary = cost_summary(paid, filing_fee_charged=D("1150"))
    assert summary.refund_due == D("1150")
    refunded = [*paid, CostEntry(CostKind.REFUND, D("1150"), date(2026, 6, 1))]
    after = cost_summary(refunded, filing_fee_charged=D("1150"))
    assert (after.refund_due, after.refunded, after.spent) == (D("0"), D("1150"), D("1150"))
    # A cent short of the refund leaves a cent due.
    short = [*paid, CostEntry(CostKind.REFUND, D("1149.99"), date(2026, 6, 1))]
    assert cost_summary(short, filing_fee_charged=D("1150")).refund_due == D("0.01")


def test_an_advance_at_the_charged_fee_leaves_nothing_due():
    paid = [CostEntry(CostKind.FILING_FEE, D("1150"), ON)]
    assert cost_summary(paid, filing_fee_charged=D("1150")).refund_due == D("0")


def test_the_net_recovery_leaves_out_the_courts_fee_and_the_banks_costs():
    costs = [
        CostEntry(CostKind.FILING_FEE, D("1150"), ON),
        CostEntry(CostKind.NOTICE_FEE, D("260"), ON),
        CostEntry(CostKind.LAWYER_FEE, D("1500"), ON),
        CostEntry(CostKind.REFUND, D("100"), ON),
    ]
    assert spent_on(costs) == D("2810")
    assert cost_summary(costs, filing_fee_charged=D("1150")).spent == D("2810")
    # 20,000 received, of which the court kept its enforcement fee of 350.
    assert net_recovery(D("20000"), court_kept=D("350"), spent=D("2810")) == D("16840")
