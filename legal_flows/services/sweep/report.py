"""The recovery report: measures, breakdowns and charts, as JSON, CSV or HTML."""

import csv
import io
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from legal_flows.domain.costs import CostEntry, CostKind, net_recovery, spent_on
from legal_flows.domain.court import CourtEvent, CourtRecord
from legal_flows.domain.distribution import ProceedsSource
from legal_flows.domain.jurisdiction import choose_court
from legal_flows.domain.ledger import LedgerRules, Payment, debt_ledger
from legal_flows.domain.reporting import (
    CaseFigures,
    average_cycles,
    is_pursued,
    portfolio_measures,
)
from legal_flows.domain.sweep import SweepPolicy, is_stalled
from legal_flows.services.court.instrument import INSTRUMENT_CODES
from legal_flows.services.enforcement.proceeds import debt_from
from legal_flows.store.tables import AGENT, CASE, COURT_EVENT, CREDITOR, DEBTOR, DECISION
from legal_flows.store.tables_enforcement import PROCEEDS
from legal_flows.store.tables_portal import USER
from legal_flows.store.uow import UnitOfWork

# The by-lawyer key of cases whose creditor has no agent and no lawyer assigned.
NO_AGENT = "(no agent)"


def build_report(
    uow: UnitOfWork,
    *,
    as_of: date,
    policy: SweepPolicy | None = None,
    rules: LedgerRules | None = None,
    balances: bool = True,
) -> dict[str, Any]:
    """The portfolio on `as_of`, each pursued case's debt from its ledger on that day (the
    events and proceeds are read in bulk, the ledger computed per case as `balance` does).
    `balances=False` leaves the ledgers out (bench/report.py measures what they add)."""
    policy, rules = policy or SweepPolicy(), rules or LedgerRules()
    session = uow.session
    payments: dict[int, list[Payment]] = defaultdict(list)
    for case_id, on, amount, source in session.execute(
        select(PROCEEDS.c.case_id, PROCEEDS.c.received_on, PROCEEDS.c.amount, PROCEEDS.c.source)
    ):
        payments[case_id].append(Payment(on, amount, source == ProceedsSource.AUCTION.value))
    spent: dict[int, list[CostEntry]] = defaultdict(list)
    for cost in uow.enforcement.costs_of():
        spent[cost.case_id].append(CostEntry(CostKind(cost.kind), cost.amount, cost.paid_on))
    realised: dict[int, list[Payment]] = defaultdict(list)
    for sale in uow.enforcement.sale_rulings():
        realised[sale.case_id].append(Payment(sale.ruling_on, sale.price))
    lawyers: dict[int, str] = {}
    for creditor_id, name in session.execute(
        select(AGENT.c.creditor_id, AGENT.c.name).order_by(AGENT.c.id)
    ):
        lawyers.setdefault(creditor_id, name)
    histories: dict[int, list[CourtRecord]] = defaultdict(list)
    events: dict[int, list[Any]] = defaultdict(list)
    e = COURT_EVENT.c
    for event in session.execute(
        select(e.case_id, e.id, e.code, e.occurred_on, e.case_no, e.procedure, e.amount)
    ):
        histories[event.case_id].append(CourtRecord(CourtEvent(event.code), event.occurred_on))
        events[event.case_id].append(event)
    # Only an instrument's row has terms: read them apart, not a JSON null per event.
    terms: dict[int, Any] = {}
    if balances:
        query = select(e.id, e.terms).where(e.code.in_(INSTRUMENT_CODES), e.terms.is_not(None))
        terms = dict(session.execute(query).all())
    rows = session.execute(
        select(
            CASE.c.id,
            CASE.c.stage,
            CASE.c.overdue_since,
            CASE.c.creditor_id,
            CASE.c.court,
            CASE.c.agreed_court,
            CASE.c.terms_notice_proven,
            CASE.c.annual_rate,
            CASE.c.balance_date,
            CASE.c.court_case_no,
            DEBTOR.c.registered_address,
            DEBTOR.c.residence_address,
            DEBTOR.c.residence_since,
            CREDITOR.c.settings,
            DECISION.c.claim_total,
            DECISION.c.claim_principal,
            DECISION.c.claim_interest,
            DECISION.c.claim_penalty,
            DECISION.c.claim_fees,
            DECISION.c.procedure,
            USER.c.name.label("lawyer"),
        )
        .join(DEBTOR, DEBTOR.c.id == CASE.c.debtor_id)
        .join(CREDITOR, CREDITOR.c.id == CASE.c.creditor_id)
        .outerjoin(DECISION, DECISION.c.id == CASE.c.decision_id)
        .outerjoin(USER, USER.c.id == CASE.c.lawyer_id)
    )
    figures, stalled = [], 0
    for r in rows:
        court = choose_court(
            court=r.court,
            agreed_court=r.agreed_court,
            terms_notice_proven=r.terms_notice_proven,
            registered_address=r.registered_address,
            residence_address=r.residence_address,
            residence_since=r.residence_since,
            filed_on=as_of,
            performance_court=(r.settings or {}).get("performance_court") or None,
        ).court
        paid = payments.get(r.id, [])
        outstanding = kept = Decimal(0)
        if balances and is_pursued(r.stage, r.claim_total):
            debt = debt_from(
                r,
                r,
                events.get(r.id, []),
                cost_cap=rules.cost_cap,
                terms=terms,
                realised=realised.get(r.id, ()),
            )
            ledger = debt_ledger(debt, paid, as_of, rules)
            outstanding = ledger.outstanding
            kept = ledger.paid("enforcement_fee")
        received = sum((p.amount for p in paid if p.on <= as_of), Decimal(0))
        costs = [c for c in spent.get(r.id, []) if c.on <= as_of]
        figures.append(
            CaseFigures(
                stage=r.stage,
                claim=r.claim_total,
                received=received,
                outstanding=outstanding,
                net=net_recovery(received, court_kept=kept, spent=spent_on(costs)),
                overdue_since=r.overdue_since,
                court=court or "(court to be set)",
                # The lawyer assigned in the portal; else the creditor's first agent.
                lawyer=r.lawyer or lawyers.get(r.creditor_id, NO_AGENT),
            )
        )
        history = histories.get(r.id)
        if history and is_stalled(r.stage, max(e.on for e in history), as_of, policy):
            stalled += 1
    report = portfolio_measures(figures, as_of)
    report["cycle_days"] = average_cycles(histories.values())
    report["stalled"] = stalled
    return report


def report_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["measure", "key", "value"])
    for key, value in report.items():
        if isinstance(value, dict):
            for sub, item in value.items():
                writer.writerow(
                    [
                        key,
                        sub,
                        json.dumps(item, ensure_ascii=False) if isinstance(item, dict) else item,
                    ]
                )
        else:
            writer.writerow([key, "", value])
    return out.getvalue()
