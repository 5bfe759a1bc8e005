"""Reading cases for people and scripts: lists, one case in full, the review queue, a summary."""

from collections import Counter
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import func, select

from legal_flows.domain.identity import mask_card_number, mask_id_number, mask_name, mask_phone
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.reasons import Effect
from legal_flows.domain.stages import AWAITING_REVIEW, Stage
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.court.instrument import instrument_detail, instrument_of
from legal_flows.services.enforcement.proceeds import balance, ledger_detail
from legal_flows.services.errors import InputError
from legal_flows.store.tables import CASE, CREDITOR, DEBTOR, DECISION, EVENT
from legal_flows.store.uow import UnitOfWork

_RESULT_FIELDS = (
    "procedure",
    "payment_order_candidate",
    "criminal_referral_candidate",
    "limitation_expires_on",
)
_CLAIM_FIELDS = ("claim_principal", "claim_interest", "claim_penalty", "claim_fees", "claim_total")


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def list_cases(
    uow: UnitOfWork, *, stage: str | None = None, outcome: str | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    query = (
        select(CASE.c.account_id, CASE.c.stage, CASE.c.outcome, DECISION.c.procedure)
        .add_columns(DECISION.c.claim_total, CASE.c.principal)
        .outerjoin(DECISION, DECISION.c.id == CASE.c.decision_id)
        .order_by(CASE.c.account_id)
    )
    if stage:
        if stage not in {s.value for s in Stage}:
            known = ", ".join(s.value for s in Stage)
            raise InputError("unknown stage {stage!r}; one of: {known}", stage=stage, known=known)
        query = query.where(CASE.c.stage == stage)
    if outcome:
        query = query.where(CASE.c.outcome == outcome)
    return [
        {
            "account_id": r.account_id,
            "stage": r.stage,
            "outcome": r.outcome,
            "procedure": r.procedure,
            "claim_total": _money(r.claim_total),
            "principal": _money(r.principal),
        }
        for r in uow.session.execute(query.limit(limit))
    ]


def count_awaiting_review(uow: UnitOfWork) -> int:
    query = select(func.count()).where(CASE.c.stage.in_([s.value for s in AWAITING_REVIEW]))
    return int(uow.session.execute(query).scalar_one())


def case_detail(
    uow: UnitOfWork,
    account_id: str,
    *,
    tz: tzinfo,
    as_of: date | None = None,
    rules: LedgerRules | None = None,
) -> dict[str, Any]:
    """One case as a stable JSON object (documented in README, "cases show --json"); with
    `as_of` and the ledger's rules, its `balance` on that day (None before a decision)."""
    case = the_case(uow, account_id=account_id)
    session = uow.session
    debtor = session.execute(select(DEBTOR).where(DEBTOR.c.id == case.debtor_id)).one()
    creditor = session.execute(
        select(CREDITOR.c.code, CREDITOR.c.name).where(CREDITOR.c.id == case.creditor_id)
    ).one()
    decisions = session.execute(
        select(DECISION).where(DECISION.c.case_id == case.id).order_by(DECISION.c.id)
    ).all()
    current = next((d for d in decisions if d.id == case.decision_id), None)
    events = session.execute(select(func.count()).where(EVENT.c.case_id == case.id))
    detail: dict[str, Any] = {
        "account_id": case.account_id,
        "stage": case.stage,
        "outcome": case.outcome,
        "reasons": [
            # template and values say the message in the reader's language (i18n.reasons);
            # rows stored before they existed have the English message only.
            {k: r.get(k) for k in ("code", "message", "template", "values", "citation", "effect")}
            for r in (current.reasons if current else [])
        ],
    }
    for name in _RESULT_FIELDS:
        value = getattr(current, name) if current else None
        detail[name] = _iso(value) if name == "limitation_expires_on" else value
    for name in _CLAIM_FIELDS:
        detail[name] = _money(getattr(current, name) if current else None)
    for name in ("principal", "interest", "penalty", "fees"):
        detail[name] = _money(getattr(case, name))
    detail |= {
        "balance_date": _iso(case.balance_date),
        "overdue_since": _iso(case.overdue_since),
        "creditor_code": creditor.code,
        "creditor_name": creditor.name,
        "court": case.court,
        "court_case_no": case.court_case_no,
        "instrument": instrument_detail(instrument_of(uow, case.id)),
        "balance": ledger_detail(balance(uow, case.id, as_of=as_of, rules=rules))
        if current is not None and as_of is not None and rules is not None
        else None,
        "card_number": mask_card_number(case.card_number),
        "holder_name": mask_name(debtor.name),
        "id_number": mask_id_number(debtor.id_number),
        "phone": mask_phone(debtor.phone) if debtor.phone else None,
        # What staff complete for a filing (a court's form asks for both): shown, not masked.
        "ethnicity": debtor.ethnicity,
        "residence_address": debtor.residence_address,
        "collection_events": events.scalar_one(),
        "version": case.version,
        "decisions": [
            {
                "outcome": d.outcome,
                "decided_by": d.decided_by,
                "decided_at": d.decided_at.astimezone(tz).isoformat(timespec="seconds"),
                "as_of": d.as_of.isoformat(),
                "claim_total": _money(d.claim_total),
                "reviewer_reason": d.reviewer_reason,
            }
            for d in decisions
        ],
    }
    return detail


def review_queue(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Cases waiting for a named reviewer, with the reasons that sent them there."""
    rows = uow.session.execute(
        select(CASE.c.id, CASE.c.account_id, CASE.c.version)
        .add_columns(DECISION.c.claim_total, DECISION.c.reasons)
        .join(DECISION, DECISION.c.id == CASE.c.decision_id)
        .where(CASE.c.stage == Stage.MANUAL_REVIEW.value)
        .order_by(CASE.c.account_id)
    )
    return [
        {
            "id": r.id,
            "account_id": r.account_id,
            "claim_total": _money(r.claim_total),
            "version": r.version,
            "reasons": [x for x in r.reasons if x.get("effect") == Effect.MANUAL.value],
        }
        for r in rows
    ]


def outcome_summary(uow: UnitOfWork) -> dict[str, Any]:
    """Cases by stage and outcome, and the most common rejection reasons."""
    session = uow.session
    by_outcome = session.execute(select(CASE.c.outcome, func.count()).group_by(CASE.c.outcome))
    by_stage = dict(
        session.execute(select(CASE.c.stage, func.count()).group_by(CASE.c.stage)).all()
    )
    rejected = session.execute(
        select(DECISION.c.reasons)
        .join(CASE, CASE.c.decision_id == DECISION.c.id)
        .where(CASE.c.stage == Stage.REJECTED.value)
    ).scalars()
    counts: Counter[str] = Counter()
    for reasons in rejected:
        counts.update(r["code"] for r in reasons if r.get("effect") == Effect.REJECT.value)
    return {
        "cases": sum(by_stage.values()),
        "by_outcome": dict(sorted((str(k or "pending"), v) for k, v in by_outcome.all())),
        "by_stage": by_stage,
        "top_rejection_reasons": counts.most_common(3),
    }
