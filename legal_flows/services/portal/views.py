"""What the portal shows and does for a signed-in user: their cases, a case's timeline, the
documents they download (each download audited), lawyer assignment and refused access."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session

from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.access import Permission, Role, may, may_see_case
from legal_flows.domain.deadlines import UNSETTLED, status_at
from legal_flows.domain.identity import mask_id_number, mask_name
from legal_flows.domain.stages import Stage
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.cases.queries import case_detail
from legal_flows.services.errors import CaseNotFound, Forbidden, InputError, NotVisible
from legal_flows.services.filing.package import (
    list_documents,
    package_files,
    read_document,
    zip_bytes,
)
from legal_flows.services.portal.users import User
from legal_flows.store.tables import CASE, COURT_EVENT, DEADLINE, DEBTOR, DECISION, DOCUMENT
from legal_flows.store.tables_enforcement import ASSET, AUCTION, PROCEEDS, SEIZURE
from legal_flows.store.tables_portal import USER

_UNSETTLED = [s.value for s in UNSETTLED]


def require(user: User, permission: Permission) -> None:
    if not may(user.role, permission):
        raise Forbidden(f"{user.role} may not {permission.value.replace('_', ' ')}")


def visible_cases(
    session: Session,
    *,
    user: User,
    as_of: date,
    stage: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the cases this user may see, with the next deadline of each."""
    nxt = (
        select(DEADLINE.c.case_id, func.min(DEADLINE.c.due_on).label("due_on"))
        .where(DEADLINE.c.status.in_(_UNSETTLED))
        .group_by(DEADLINE.c.case_id)
        .subquery()
    )
    where = []
    if not may(user.role, Permission.SEE_ALL_CASES):
        where.append(CASE.c.lawyer_id == user.id)
    if stage:
        if stage not in {s.value for s in Stage}:
            raise InputError(f"unknown stage {stage!r}")
        where.append(CASE.c.stage == stage)
    total = session.execute(select(func.count()).select_from(CASE).where(*where)).scalar_one()
    query = (
        select(
            CASE.c.id,
            CASE.c.account_id,
            CASE.c.stage,
            CASE.c.court_case_no,
            DEBTOR.c.name,
            DEBTOR.c.id_number,
            DECISION.c.claim_total,
            USER.c.name.label("lawyer"),
            nxt.c.due_on,
        )
        .join(DEBTOR, DEBTOR.c.id == CASE.c.debtor_id)
        .outerjoin(DECISION, DECISION.c.id == CASE.c.decision_id)
        .outerjoin(USER, USER.c.id == CASE.c.lawyer_id)
        .outerjoin(nxt, nxt.c.case_id == CASE.c.id)
        .where(*where)
        .order_by(nxt.c.due_on.is_(None), nxt.c.due_on, CASE.c.account_id)
        .limit(limit)
        .offset(offset)
    )
    rows = session.execute(query).all()
    kinds = _deadline_kinds(session, [(r.id, r.due_on) for r in rows if r.due_on])
    items = [
        {
            "id": r.id,
            "account_id": r.account_id,
            "stage": r.stage,
            "court_case_no": r.court_case_no,
            "holder": mask_name(r.name),
            "id_number": mask_id_number(r.id_number),
            "claim_total": None if r.claim_total is None else f"{r.claim_total:.2f}",
            "lawyer": r.lawyer,
            "next_deadline": None
            if r.due_on is None
            else {
                "kind": kinds.get(r.id, ""),
                "due_on": r.due_on.isoformat(),
                "status": status_at(kinds.get(r.id, ""), r.due_on, met=False, as_of=as_of).value,
            },
        }
        for r in rows
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _deadline_kinds(session: Session, keys: list[tuple[int, date]]) -> dict[int, str]:
    if not keys:
        return {}
    rows = session.execute(
        select(DEADLINE.c.case_id, DEADLINE.c.due_on, DEADLINE.c.kind)
        .where(DEADLINE.c.case_id.in_([k[0] for k in keys]))
        .where(DEADLINE.c.status.in_(_UNSETTLED))
        .order_by(DEADLINE.c.kind)
    )
    wanted = set(keys)
    out: dict[int, str] = {}
    for r in rows:
        if (r.case_id, r.due_on) in wanted:
            out.setdefault(r.case_id, r.kind)
    return out


def visible_case(session: Session, *, user: User, case_id: int) -> Any:
    """The case row, or NotVisible for a case that is absent or not this user's (the same
    answer, so a lawyer cannot probe which case ids exist)."""
    row = session.execute(select(CASE).where(CASE.c.id == case_id)).first()
    if row is None or not may_see_case(user.role, user.id, row.lawyer_id):
        raise NotVisible(f"case {case_id}")
    return row


def case_page(session: Session, *, user: User, case_id: int, as_of: date) -> dict[str, Any]:
    """A case in full for the portal: summary, timeline, documents, assets."""
    case = visible_case(session, user=user, case_id=case_id)
    detail = case_detail(session, case.account_id)
    lawyer = session.execute(select(USER.c.name).where(USER.c.id == case.lawyer_id)).scalar()
    return {
        "id": case.id,
        **{k: detail[k] for k in ("account_id", "stage", "outcome", "holder_name", "id_number")},
        "card_number": detail["card_number"],
        "creditor_code": detail["creditor_code"],
        "claim_total": detail["claim_total"],
        "principal": detail["principal"],
        "court": case.court,
        "court_case_no": case.court_case_no,
        "lawyer": lawyer,
        "version": case.version,
        "reasons": detail["reasons"],
        "timeline": timeline(session, case_id=case.id, as_of=as_of, decisions=detail["decisions"]),
        "documents": list_documents(session, case.account_id),
    }


def timeline(
    session: Session, *, case_id: int, as_of: date, decisions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Everything dated on the case, oldest first: decisions, court events, deadlines,
    seizures, auction rounds and proceeds."""
    items: list[dict[str, Any]] = [
        _item(d["as_of"], "decision", d["outcome"], f"{d['decided_by']}: {d['reviewer_reason']}")
        if d["reviewer_reason"]
        else _item(d["as_of"], "decision", d["outcome"], d["decided_by"])
        for d in decisions
    ]
    for e in session.execute(select(COURT_EVENT).where(COURT_EVENT.c.case_id == case_id)):
        detail = " ".join(x for x in (e.case_no or "", e.party, e.detail) if x)
        items.append(_item(e.occurred_on.isoformat(), "court_event", e.code, detail))
    for d in session.execute(select(DEADLINE).where(DEADLINE.c.case_id == case_id)):
        status = status_at(d.kind, d.due_on, met=d.status == "met", as_of=as_of).value
        items.append(_item(d.due_on.isoformat(), "deadline", d.kind, d.citation, status=status))
    seizures = select(SEIZURE, ASSET.c.description).join(ASSET, ASSET.c.id == SEIZURE.c.asset_id)
    for s in session.execute(seizures.where(SEIZURE.c.case_id == case_id)):
        until = f", until {s.expires_on.isoformat()}" if s.expires_on else ""
        detail = f"{s.description}: {s.ruling_no}{until}"
        items.append(
            _item(s.effective_on.isoformat(), "seizure", s.measure, detail, status=s.status)
        )
    rounds = select(AUCTION, ASSET.c.description).join(ASSET, ASSET.c.id == AUCTION.c.asset_id)
    for a in session.execute(rounds.where(AUCTION.c.case_id == case_id)):
        detail = f"{a.description}: round {a.number} from {a.starting_price:.2f} on {a.platform}"
        items.append(
            _item(a.notice_on.isoformat(), "auction_round", str(a.number), detail, status=a.status)
        )
    for p in session.execute(select(PROCEEDS).where(PROCEEDS.c.case_id == case_id)):
        items.append(_item(p.received_on.isoformat(), "proceeds", p.source, f"{p.amount:.2f}"))
    return sorted(items, key=lambda i: (i["date"], i["type"]))


def _item(day: str, kind: str, code: str, detail: str, *, status: str = "") -> dict[str, Any]:
    return {"date": day, "type": kind, "code": code, "detail": detail, "status": status}


def download_document(
    session: Session, store: DocumentStore, *, user: User, document_id: int, now: datetime
) -> tuple[Any, bytes]:
    """A document's bytes (checked against the stored hash) and its row; the download is an
    audit event naming who fetched which file with which hash."""
    case_id = session.execute(
        select(DOCUMENT.c.case_id).where(DOCUMENT.c.id == document_id)
    ).scalar()
    if case_id is None:
        raise NotVisible(f"document {document_id}")
    try:
        case = visible_case(session, user=user, case_id=case_id)
    except NotVisible:
        raise NotVisible(f"document {document_id}") from None
    row, data = read_document(session, store, document_id)
    payload = {"document_id": document_id, "kind": row.kind, "format": row.format}
    payload |= {"sha256": row.output_sha, "size": len(data)}
    entry = AuditEntry("document.downloaded", "case", case.account_id, payload)
    record(session, Actor(user.name), [entry], at=now)
    return row, data


def download_package(
    session: Session, store: DocumentStore, *, user: User, case_id: int, now: datetime
) -> tuple[str, bytes]:
    """The current filing package as a zip (with its manifest of hashes); audited."""
    case = visible_case(session, user=user, case_id=case_id)
    data = zip_bytes(package_files(session, store, case.account_id))
    payload = {"sha256": sha256(data), "size": len(data)}
    entry = AuditEntry("package.downloaded", "case", case.account_id, payload)
    record(session, Actor(user.name), [entry], at=now)
    return case.account_id, data


def record_refusal(session: Session, *, user: User, what: str, path: str, now: datetime) -> None:
    """A user asked for something not theirs: kept in the audit log for the bank to review."""
    entry = AuditEntry("portal.access_denied", "user", user.name, {"asked": what, "path": path})
    record(session, Actor(user.name), [entry], at=now)


def assign_lawyer(
    session: Session, *, account_id: str, lawyer: str | None, actor: Actor, now: datetime
) -> str | None:
    """Give the case to a lawyer (or to none); only active lawyers may hold cases."""
    case = session.execute(select(CASE).where(CASE.c.account_id == account_id)).first()
    if case is None:
        raise CaseNotFound(account_id)
    lawyer_id = None
    if lawyer:
        found = session.execute(
            select(USER.c.id, USER.c.role, USER.c.active).where(USER.c.name == lawyer)
        ).first()
        if found is None or not found.active or found.role != Role.LAWYER.value:
            raise InputError(f"{lawyer!r} is not an active lawyer")
        lawyer_id = found.id
    before = session.execute(select(USER.c.name).where(USER.c.id == case.lawyer_id)).scalar()
    session.execute(
        update(CASE)
        .where(CASE.c.id == case.id)
        .values(lawyer_id=lawyer_id, version=CASE.c.version + 1, updated_at=now)
    )
    payload = {"lawyer": [before, lawyer or None]}
    record(
        session, actor, [AuditEntry("case.lawyer_assigned", "case", account_id, payload)], at=now
    )
    return lawyer or None
