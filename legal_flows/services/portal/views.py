"""What the portal shows and does for a signed-in user: their cases, a case's timeline, the
documents they download (each download audited), lawyer assignment and refused access."""

from datetime import date, datetime, tzinfo
from typing import Any

from sqlalchemy import select

from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.access import Permission, User, may, may_see_case
from legal_flows.domain.deadlines import stored_status_at
from legal_flows.domain.errors import Told
from legal_flows.domain.facts import CollectionKind
from legal_flows.domain.ledger import LedgerRules
from legal_flows.services.cases.queries import case_detail
from legal_flows.services.court.deadlines import calendar_marks
from legal_flows.services.errors import Forbidden, NotVisible
from legal_flows.services.filing.package import (
    download_name,
    list_documents,
    package_files,
    read_document,
    zip_bytes,
)
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import EVENT
from legal_flows.store.tables_enforcement import ASSET, AUCTION, SEIZURE
from legal_flows.store.tables_portal import USER
from legal_flows.store.uow import UnitOfWork

# What each permission allows, as a refusal names it (each a message of zh_CN.po, said in
# the reader's language inside the refusal).
ACTIONS = {
    Permission.SEE_ALL_CASES: "see all cases",
    Permission.DECIDE_REVIEWS: "decide reviews",
    Permission.ASSIGN_LAWYERS: "assign lawyers",
    Permission.START_FLOWS: "start flows",
    Permission.MANAGE_USERS: "manage users",
    Permission.RECORD_COURT_EVENTS: "record court events",
}


def require(user: User, permission: Permission) -> None:
    if not may(user.role, permission):
        action = Told(ACTIONS[permission])
        raise Forbidden("{role} may not {action}", role=user.role, action=action)


def visible_case(uow: UnitOfWork, *, user: User, case_id: int) -> Any:
    """The case row, or NotVisible for a case that is absent or not this user's (the same
    answer, so a lawyer cannot probe which case ids exist)."""
    row = uow.cases.find(id=case_id)
    if row is None or not may_see_case(user.role, user.id, row.lawyer_id):
        raise NotVisible("case {case}", case=case_id)
    return row


def case_page(
    uow: UnitOfWork,
    *,
    user: User,
    case_id: int,
    as_of: date,
    tz: tzinfo,
    rules: LedgerRules,
    covered_years: frozenset[int],
) -> dict[str, Any]:
    """A case in full for the portal: summary, balance on the day, timeline, documents; the
    years with an official holiday schedule (`covered_years`) tell which due dates are final."""
    from legal_flows.services.portal.papers import papers_of

    case = visible_case(uow, user=user, case_id=case_id)
    detail = case_detail(uow, case.account_id, tz=tz, as_of=as_of, rules=rules)
    query = select(USER.c.name).where(USER.c.id == case.lawyer_id)
    lawyer = uow.session.execute(query).scalar()
    return {
        "id": case.id,
        **{k: detail[k] for k in ("account_id", "stage", "outcome", "holder_name", "id_number")},
        **{k: detail[k] for k in ("phone", "ethnicity", "residence_address")},
        "card_number": detail["card_number"],
        "creditor_code": detail["creditor_code"],
        "creditor_name": detail["creditor_name"],
        "claim_total": detail["claim_total"],
        "principal": detail["principal"],
        "court": case.court,
        "court_case_no": case.court_case_no,
        "lawyer": lawyer,
        "version": case.version,
        "reasons": detail["reasons"],
        "balance": detail["balance"],
        "facts": review_facts(uow, case.id, detail),
        "papers": papers_of(uow, case.id),
        "timeline": timeline(
            uow,
            case_id=case.id,
            as_of=as_of,
            decisions=detail["decisions"],
            covered_years=covered_years,
        ),
        "documents": list_documents(uow, case.account_id, tz=tz),
    }


def review_facts(uow: UnitOfWork, case_id: int, detail: dict[str, Any]) -> dict[str, Any]:
    """What a reviewer weighs, beside the decision form: overdue since, the last payment, the
    limitation date, the amounts by item, the collection history (latest first)."""
    rows = uow.session.execute(
        select(EVENT).where(EVENT.c.case_id == case_id).order_by(EVENT.c.occurred_on.desc())
    ).all()
    paid = [r for r in rows if r.kind in (CollectionKind.REPAYMENT, CollectionKind.ACCOUNT_DEBIT)]
    return {
        "overdue_since": detail["overdue_since"],
        "last_payment": None
        if not paid
        else {"on": paid[0].occurred_on.isoformat(), "amount": f"{paid[0].amount or 0:.2f}"},
        "limitation_expires_on": detail["limitation_expires_on"],
        "amounts": {k: detail[k] for k in ("principal", "interest", "penalty", "fees")},
        "collections": [
            {
                "on": r.occurred_on.isoformat(),
                "kind": r.kind,
                "delivered": r.delivered,
                "confirmed": r.receipt_confirmed,
                "amount": None if r.amount is None else f"{r.amount:.2f}",
            }
            for r in rows[:30]
        ],
        "collections_total": len(rows),
    }


def timeline(
    uow: UnitOfWork,
    *,
    case_id: int,
    as_of: date,
    decisions: list[dict[str, Any]],
    covered_years: frozenset[int],
) -> list[dict[str, Any]]:
    """Everything dated on the case, oldest first: decisions, court events, deadlines,
    seizures, auction rounds and proceeds. A deadline's `calendar_confirmed` is false when
    its year has no official holiday schedule: its due date may still move."""
    items: list[dict[str, Any]] = [
        _item(d["as_of"], "decision", d["outcome"], f"{d['decided_by']}: {d['reviewer_reason']}")
        if d["reviewer_reason"]
        else _item(d["as_of"], "decision", d["outcome"], d["decided_by"])
        for d in decisions
    ]
    for e in uow.events.rows(case_id):
        detail = " ".join(x for x in (e.case_no or "", e.party, e.detail) if x)
        items.append(_item(e.occurred_on.isoformat(), "court_event", e.code, detail))
    for d in uow.deadlines.of_case(case_id):
        status = stored_status_at(d.kind, d.due_on, d.status, as_of).value
        item = _item(d.due_on.isoformat(), "deadline", d.kind, d.citation, status=status)
        items.append(item | calendar_marks(d.status, d.due_on, covered_years))
    session = uow.session
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
    for p in uow.enforcement.proceeds_of(case_id):
        items.append(_item(p.received_on.isoformat(), "proceeds", p.source, f"{p.amount:.2f}"))
    return sorted(items, key=lambda i: (i["date"], i["type"]))


def _item(day: str, kind: str, code: str, detail: str, *, status: str = "") -> dict[str, Any]:
    return {"date": day, "type": kind, "code": code, "detail": detail, "status": status}


def download_document(
    uow: UnitOfWork, store: DocumentStore, *, user: User, document_id: int, now: datetime
) -> tuple[Any, bytes, str]:
    """A document's bytes (checked against the stored hash), its row and the name to save it
    under; the download is an audit event naming who fetched which file with which hash."""
    document = uow.documents.get(document_id)
    if document is None:
        raise NotVisible("document {document_id}", document_id=document_id)
    try:
        case = visible_case(uow, user=user, case_id=document.case_id)
    except NotVisible:
        raise NotVisible("document {document_id}", document_id=document_id) from None
    row, data = read_document(uow, store, document_id)
    payload = {"document_id": document_id, "kind": row.kind, "format": row.format}
    payload |= {"sha256": row.output_sha, "size": len(data)}
    entry = AuditEntry("document.downloaded", "case", case.account_id, payload)
    uow.audit.append(Actor(user.name), [entry], at=now)
    name = download_name(case.account_id, case.court_case_no, row.kind, row.format)
    return row, data, name


def download_package(
    uow: UnitOfWork,
    store: DocumentStore,
    *,
    user: User,
    case_id: int,
    now: datetime,
    tz: tzinfo,
) -> tuple[str, bytes]:
    """The current filing package as a zip (with its manifest of hashes); audited."""
    case = visible_case(uow, user=user, case_id=case_id)
    data = zip_bytes(package_files(uow, store, case.account_id, tz=tz))
    payload = {"sha256": sha256(data), "size": len(data)}
    entry = AuditEntry("package.downloaded", "case", case.account_id, payload)
    uow.audit.append(Actor(user.name), [entry], at=now)
    return case.account_id, data


def record_refusal(uow: UnitOfWork, *, user: User, what: str, path: str, now: datetime) -> None:
    """A user asked for something not theirs: kept in the audit log for the bank to review."""
    entry = AuditEntry("portal.access_denied", "user", user.name, {"asked": what, "path": path})
    uow.audit.append(Actor(user.name), [entry], at=now)
