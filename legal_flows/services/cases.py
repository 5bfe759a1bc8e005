"""Reading cases for people and scripts: lists, one case in full, the review queue, a summary."""

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session
from sqlmodel import select as select_rows

from legal_flows.domain.identity import mask_card_number, mask_id_number, mask_name, mask_phone
from legal_flows.domain.reasons import Effect
from legal_flows.domain.stages import Stage
from legal_flows.services.errors import CaseNotFound
from legal_flows.settings import local_time
from legal_flows.store.tables import (
    CaseRow,
    CollectionEventRow,
    CreditorRow,
    DebtorRow,
    DecisionRow,
)

_C = CaseRow.__table__  # type: ignore[attr-defined]
_DEC = DecisionRow.__table__  # type: ignore[attr-defined]


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def list_cases(
    session: Session, *, stage: str | None = None, outcome: str | None = None, limit: int = 1000
) -> list[dict[str, Any]]:
    query = select(
        _C.c.account_id, _C.c.stage, _C.c.outcome, _C.c.procedure, _C.c.claim_total, _C.c.principal
    ).order_by(_C.c.account_id)
    if stage:
        query = query.where(_C.c.stage == Stage(stage).value)
    if outcome:
        query = query.where(_C.c.outcome == outcome)
    return [
        {
            "account_id": r.account_id,
            "stage": r.stage,
            "outcome": r.outcome,
            "procedure": r.procedure,
            "claim_total": _money(r.claim_total),
            "principal": _money(r.principal),
        }
        for r in session.execute(query.limit(limit))
    ]


def _latest_decisions(session: Session, case_ids: list[int]) -> dict[int, Any]:
    latest = (
        select(func.max(_DEC.c.id)).where(_DEC.c.case_id.in_(case_ids)).group_by(_DEC.c.case_id)
    )
    rows = session.execute(select(_DEC).where(_DEC.c.id.in_(latest.scalar_subquery())))
    return {r.case_id: r for r in rows}


def case_detail(session: Session, account_id: str) -> dict[str, Any]:
    """One case as a stable JSON object (documented in README, "cases show --json")."""
    case = session.exec(select_rows(CaseRow).where(CaseRow.account_id == account_id)).first()
    if case is None:
        raise CaseNotFound(account_id)
    debtor = session.get(DebtorRow, case.debtor_id)
    creditor = session.get(CreditorRow, case.creditor_id)
    assert debtor is not None  # foreign keys guarantee both
    assert creditor is not None
    decisions = session.exec(
        select_rows(DecisionRow).where(DecisionRow.case_id == case.id).order_by(DecisionRow.id)  # type: ignore[arg-type]
    ).all()
    events = session.execute(
        select(func.count()).where(CollectionEventRow.case_id == case.id)  # type: ignore[arg-type]
    ).scalar_one()
    latest = decisions[-1] if decisions else None
    return {
        "account_id": case.account_id,
        "stage": case.stage,
        "outcome": case.outcome,
        "reasons": [
            {k: r[k] for k in ("code", "message", "citation", "effect")}
            for r in (latest.reasons if latest and case.outcome else [])
        ],
        "procedure": case.procedure,
        "payment_order_candidate": case.payment_order_candidate,
        "criminal_referral_candidate": case.criminal_referral_candidate,
        "limitation_expires_on": _iso(case.limitation_expires_on),
        "claim_principal": _money(case.claim_principal),
        "claim_interest": _money(case.claim_interest),
        "claim_penalty": _money(case.claim_penalty),
        "claim_fees": _money(case.claim_fees),
        "claim_total": _money(case.claim_total),
        "principal": _money(case.principal),
        "interest": _money(case.interest),
        "penalty": _money(case.penalty),
        "fees": _money(case.fees),
        "balance_date": _iso(case.balance_date),
        "overdue_since": _iso(case.overdue_since),
        "creditor_code": creditor.code,
        "card_number": mask_card_number(case.card_number),
        "holder_name": mask_name(debtor.name),
        "id_number": mask_id_number(debtor.id_number),
        "phone": mask_phone(debtor.phone) if debtor.phone else None,
        "collection_events": events,
        "version": case.version,
        "decisions": [
            {
                "outcome": d.outcome,
                "decided_by": d.decided_by,
                "decided_at": local_time(d.decided_at).isoformat(timespec="seconds"),
                "as_of": d.as_of.isoformat(),
                "reviewer_reason": d.reviewer_reason,
            }
            for d in decisions
        ],
    }


def review_queue(session: Session) -> list[dict[str, Any]]:
    """Cases waiting for a named reviewer, with the reasons that sent them there."""
    rows = session.execute(
        select(_C.c.id, _C.c.account_id, _C.c.claim_total, _C.c.version)
        .where(_C.c.stage == Stage.MANUAL_REVIEW.value)
        .order_by(_C.c.account_id)
    ).all()
    decisions = _latest_decisions(session, [r.id for r in rows])
    queue = []
    for r in rows:
        reasons = decisions[r.id].reasons if r.id in decisions else []
        queue.append(
            {
                "account_id": r.account_id,
                "claim_total": _money(r.claim_total),
                "version": r.version,
                "reasons": [x for x in reasons if x.get("effect") == Effect.MANUAL.value],
            }
        )
    return queue


def outcome_summary(session: Session) -> dict[str, Any]:
    """Cases by stage and outcome, and the most common rejection reasons."""
    by_outcome = dict(
        session.execute(select(_C.c.outcome, func.count()).group_by(_C.c.outcome)).all()
    )
    by_stage = dict(session.execute(select(_C.c.stage, func.count()).group_by(_C.c.stage)).all())
    rejected = session.execute(select(_C.c.id).where(_C.c.stage == Stage.REJECTED.value)).scalars()
    counts: Counter[str] = Counter()
    for decision in _latest_decisions(session, list(rejected)).values():
        counts.update(r["code"] for r in decision.reasons if r.get("effect") == Effect.REJECT.value)
    return {
        "cases": sum(by_stage.values()),
        "by_outcome": {
            str(k or "pending"): v for k, v in sorted(by_outcome.items(), key=lambda kv: str(kv[0]))
        },
        "by_stage": by_stage,
        "top_rejection_reasons": counts.most_common(3),
    }
