"""The debt ledger, worked by hand: continuing interest, doubled late interest, law's order,
the enforcement fee on what is enforced, each at and just past its limit."""

from datetime import date
from decimal import Decimal

from legal_flows.domain.instrument import Award, Continuing, Instalment, Terms
from legal_flows.domain.ledger import Debt, LedgerRules, Payment, debt_ledger

D = Decimal

AWARD = Award(
    principal=D("50000"),
    interest=D("3000"),
    penalty=D("500"),
    fees=D("200"),
    costs=D("1100"),
)
# 自2026年3月1日起按年利率18%计算至实际清偿之日止; effective 06-21, perform within 10 days.
TERMS = Terms(AWARD, Continuing(D("50000"), D("0.18"), date(2026, 3, 1)))
JUDGMENT = Debt(TERMS, "（2026）浙0106民初123号民事判决书", effective_on=date(2026, 6, 21))


def test_on_the_last_day_to_perform_only_the_continuing_interest_has_grown():
    ledger = debt_ledger(JUDGMENT, [], date(2026, 7, 1))
    # 50,000 × 18% × 123 days (03-01 … 07-01, both counted) ÷ 365 = 3,032.876…
    assert ledger.owed["continuing"] == D("3032.88")
    assert ledger.owed["late"] == D("0.00")
    assert ledger.outstanding == D("57832.88")
    (line,) = [x for x in ledger.lines if x.item == "continuing"]
    assert (line.base, line.days, line.rate, line.per) == (
        D("50000"),
        123,
        D("0.18"),
        "year",
    )
    assert "民初123号" in line.citation
    assert "第六百七十六条" in line.citation


def test_the_day_after_the_period_the_doubled_interest_starts_on_all_but_interest():
    ledger = debt_ledger(JUDGMENT, [], date(2026, 7, 2))
    (late,) = [x for x in ledger.lines if x.item == "late"]
    # 本金 + 违约金 + 手续费 + 诉讼费 = 51,800 (ordinary interest left out, 2014 解释 §1);
    # 51,800 × 0.0175% × 1 day = 9.065 → 9.07 (half up).
    assert (late.base, late.from_on, late.days, late.amount) == (
        D("51800"),
        date(2026, 7, 2),
        1,
        D("9.07"),
    )
    assert "第二百六十四条" in late.citation
    assert ledger.owed["continuing"] == D("3057.53")  # 124 days


def test_a_payment_pays_costs_interest_penalty_principal_and_the_doubled_interest_last():
    ledger = debt_ledger(JUDGMENT, [Payment(date(2026, 8, 1), D("20000"))], date(2026, 8, 1))
    (applied,) = ledger.payments
    # Through 08-01: continuing 154 days = 3,797.26; late 31 days × 9.065 = 281.015 → 281.02.
    assert applied.paid["costs"] == D("1100")
    assert applied.paid["interest"] == D("3000")
    assert applied.paid["continuing"] == D("3797.26")
    assert applied.paid["fees"] == D("200")
    assert applied.paid["penalty"] == D("500")
    assert applied.paid["principal"] == D("11402.74")
    assert applied.paid["late"] == D("0")  # 解释 §4: after the judged money debt
    assert ledger.owed["principal"] == D("38597.26")
    assert ledger.owed["late"] == D("281.02")


def test_after_a_payment_both_interests_run_on_what_is_still_owed():
    ledger = debt_ledger(JUDGMENT, [Payment(date(2026, 8, 1), D("20000"))], date(2026, 8, 31))
    continuing = [x for x in ledger.lines if x.item == "continuing"]
    late = [x for x in ledger.lines if x.item == "late"]
    # 08-02 … 08-31 (30 days) on 38,597.26: continuing 571.027… → 571.03, late 202.6356… → 202.64.
    assert (continuing[-1].base, continuing[-1].days, continuing[-1].amount) == (
        D("38597.26"),
        30,
        D("571.03"),
    )
    assert (late[-1].base, late[-1].days, late[-1].amount) == (
        D("38597.26"),
        30,
        D("202.64"),
    )
    assert ledger.outstanding == D("39651.95")  # 38,597.26 + 571.03 + 281.02 + 202.64


def test_the_order_is_the_banks_where_agreed():
    rules = LedgerRules(order=("principal", "penalty", "interest", "costs"))
    ledger = debt_ledger(JUDGMENT, [Payment(date(2026, 7, 1), D("50500"))], date(2026, 7, 1), rules)
    assert ledger.payments[0].paid["principal"] == D("50000")
    assert ledger.payments[0].paid["penalty"] == D("500")
    assert ledger.owed["costs"] == D("1100")


def test_the_continuing_rate_is_held_to_the_cost_cap():
    terms = Terms(AWARD, Continuing(D("50000"), D("0.30"), date(2026, 3, 1)))
    debt = Debt(terms, "判决书", effective_on=date(2026, 6, 21))
    ledger = debt_ledger(debt, [], date(2026, 3, 1), LedgerRules(cost_cap=D("0.24")))
    (line,) = [x for x in ledger.lines if x.item == "continuing"]
    assert (line.rate, line.amount) == (
        D("0.24"),
        D("32.88"),
    )  # 50,000 × 24% ÷ 365 = 32.876…


def test_nothing_is_late_before_an_instrument_takes_effect():
    debt = Debt(TERMS, "起诉状", effective_on=None)
    ledger = debt_ledger(debt, [], date(2027, 1, 1))
    assert ledger.owed["late"] == D("0")
    assert ledger.owed["continuing"] > 0


def test_instalments_each_run_late_from_the_day_after_their_own_due_date():
    award = Award(
        principal=D("50000"),
        interest=D("1200"),
        penalty=D("300"),
        costs=D("2300"),
    )
    terms = Terms(
        award,
        instalments=(
            Instalment(date(2026, 8, 31), D("20000")),
            Instalment(date(2026, 9, 30), D("32600")),
        ),
    )
    debt = Debt(terms, "调解书", effective_on=date(2026, 8, 1))
    assert debt_ledger(debt, [], date(2026, 8, 31)).owed["late"] == D("0")
    # Nothing paid, 10-10: the base (principal + 违约金 + costs = 52,600) is unpaid, the latest
    # instalment's first: 20,000 late 40 days (09-01 … 10-10) = 140.00, 32,600 late 10 days
    # (10-01 … 10-10) = 57.05.
    ledger = debt_ledger(debt, [], date(2026, 10, 10))
    assert [(x.base, x.from_on, x.days, x.amount) for x in ledger.lines if x.item == "late"] == [
        (D("20000"), date(2026, 9, 1), 40, D("140.00")),
        (D("32600"), date(2026, 10, 1), 10, D("57.05")),
    ]


def test_on_the_enforced_basis_paying_the_quote_leaves_nothing():
    debt = Debt(TERMS, "判决书", effective_on=date(2026, 6, 21), enforcement_on=date(2026, 8, 10))
    paid = [Payment(date(2026, 8, 1), D("20000"))]  # before enforcement: no fee on it
    quote = debt_ledger(debt, paid, date(2026, 8, 31))
    # x = 39,651.95 + 50 + (x − 10,000) × 1.5%  →  x = 40,154.26, the fee 502.31 (交纳办法 §14).
    assert quote.owed["enforcement_fee"] == D("502.31")
    assert quote.outstanding == D("40154.26")
    settled = debt_ledger(
        debt, [*paid, Payment(date(2026, 8, 31), D("40154.26"))], date(2026, 8, 31)
    )
    assert settled.outstanding == D("0")
    assert settled.surplus == D("0")
    assert settled.payments[-1].paid["enforcement_fee"] == D("502.31")


def test_a_cent_short_of_the_quote_leaves_a_cent_and_a_cent_over_is_surplus():
    debt = Debt(TERMS, "判决书", effective_on=date(2026, 6, 21), enforcement_on=date(2026, 8, 10))
    paid = [Payment(date(2026, 8, 1), D("20000"))]
    short = debt_ledger(debt, [*paid, Payment(date(2026, 8, 31), D("40154.25"))], date(2026, 8, 31))
    assert short.outstanding == D("0.01")
    over = debt_ledger(debt, [*paid, Payment(date(2026, 8, 31), D("40154.27"))], date(2026, 8, 31))
    assert (over.outstanding, over.surplus) == (D("0"), D("0.01"))


def test_on_the_applied_basis_the_fee_is_charged_once_on_registration():
    debt = Debt(TERMS, "判决书", effective_on=date(2026, 6, 21), enforcement_on=date(2026, 8, 10))
    rules = LedgerRules(fee_on="applied")
    assert debt_ledger(debt, [], date(2026, 8, 9), rules).owed["enforcement_fee"] == D("0")
    ledger = debt_ledger(debt, [], date(2026, 8, 10), rules)
    # On the award, 54,800: 50 + 44,800 × 1.5% = 722.00.
    assert ledger.owed["enforcement_fee"] == D("722.00")
    assert debt_ledger(debt, [], date(2026, 12, 1), rules).owed["enforcement_fee"] == D("722.00")


def test_a_sale_ruling_stops_the_doubled_interest_on_the_price_before_the_money_comes():
    """迟延履行利息解释 §2: the value realised stops on the day the sale ruling takes effect."""
    sold = Debt(
        TERMS,
        "判决书",
        effective_on=date(2026, 6, 21),
        realised=(Payment(date(2026, 8, 1), D("20000")),),
    )
    paid_out = [Payment(date(2026, 9, 1), D("20000"), of_sale=True)]
    ledger = debt_ledger(sold, paid_out, date(2026, 9, 1))
    late = [(x.base, x.from_on, x.days, x.amount) for x in ledger.lines if x.item == "late"]
    # 07-02 … 08-01 on 51,800 (281.015); 08-02 … 09-01 on 31,800 (172.515), not 51,800.
    assert late == [
        (D("51800"), date(2026, 7, 2), 31, D("281.02")),
        (D("31800"), date(2026, 8, 2), 31, D("172.52")),
    ]
    after = debt_ledger(sold, paid_out, date(2026, 9, 2))
    # Paid out, the price's part is paid: the base is what is still unpaid.
    (last,) = [x for x in after.lines if x.item == "late" and x.from_on == date(2026, 9, 2)]
    assert last.base == after.late_base
    unsold = debt_ledger(
        Debt(TERMS, "判决书", effective_on=date(2026, 6, 21)), [], date(2026, 9, 1)
    )
    assert unsold.owed["late"] == D("562.03")  # 51,800 × 0.0175% × 62 days
