"""The court's papers on a case: a lawyer uploads the 判决书, 裁定书 or 受理通知书 as received (a
PDF or a picture), kept in the case's file store by its SHA-256, every upload and download
audited."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import insert, select

from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.domain.access import Permission, User
from legal_flows.services.errors import InputError, NotVisible
from legal_flows.services.portal.views import require, visible_case
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables_control import COURT_PAPER
from legal_flows.store.uow import UnitOfWork


class PaperKind(StrEnum):
    ACCEPTANCE = "acceptance"  # 受理通知书
    FEE_NOTICE = "fee_notice"  # 交纳诉讼费用通知书
    SUMMONS = "summons"  # 传票
    JUDGMENT = "judgment"  # 民事判决书
    MEDIATION = "mediation"  # 民事调解书
    RULING = "ruling"  # 民事裁定书
    PAYMENT_ORDER = "payment_order"  # 支付令
    EFFECTIVE = "effective"  # 生效证明
    ENFORCEMENT = "enforcement"  # 执行案件受理通知书、执行裁定书
    OTHER = "other"


# What a file is, by its first bytes (never by the name or the type the browser claims).
_MAGIC = ((b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
MEDIA = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def kind_of(data: bytes) -> str:
    for magic, extension in _MAGIC:
        if data.startswith(magic):
            return extension
    raise InputError("file: a court paper is a PDF, PNG or JPEG")


def upload_paper(
    uow: UnitOfWork,
    store: DocumentStore,
    *,
    user: User,
    case_id: int,
    kind: str,
    received_on: date,
    filename: str,
    data: bytes,
    now: datetime,
) -> dict[str, Any]:
    require(user, Permission.RECORD_COURT_EVENTS)
    case = visible_case(uow, user=user, case_id=case_id)
    try:
        paper = PaperKind(kind)
    except ValueError:
        raise InputError("kind: one of {kinds}", kinds=", ".join(PaperKind)) from None
    if not data:
        raise InputError("file: empty")
    extension = kind_of(data)
    digest = store.put(data, extension)
    # The name the browser sent, made safe to hand back in a download: no path, quotes or
    # control characters.
    cleaned = "".join("-" if c in '/\\"' or c < " " else c for c in filename).strip(" .")
    name = (cleaned or f"{paper.value}.{extension}")[:200]
    new = uow.session.execute(
        insert(COURT_PAPER)
        .values(
            case_id=case.id,
            kind=paper.value,
            filename=name,
            extension=extension,
            sha256=digest,
            size=len(data),
            received_on=received_on,
            uploaded_by=user.name,
            uploaded_at=now,
        )
        .returning(COURT_PAPER.c.id)
    ).scalar_one()
    payload = {"paper": new, "kind": paper.value, "sha256": digest, "size": len(data)}
    entry = AuditEntry("court_paper.uploaded", "case", case.account_id, payload)
    uow.audit.append(Actor(user.name), [entry], at=now)
    return {"id": new, "kind": paper.value, "sha256": digest, "size": len(data)}


def papers_of(uow: UnitOfWork, case_id: int) -> list[dict[str, Any]]:
    rows = uow.session.execute(
        select(COURT_PAPER).where(COURT_PAPER.c.case_id == case_id).order_by(COURT_PAPER.c.id)
    )
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "filename": r.filename,
            "sha256": r.sha256,
            "size": r.size,
            "received_on": r.received_on.isoformat(),
            "uploaded_by": r.uploaded_by,
        }
        for r in rows
    ]


def download_paper(
    uow: UnitOfWork, store: DocumentStore, *, user: User, paper_id: int, now: datetime
) -> tuple[bytes, str, str]:
    """The paper's bytes (checked against its hash), its name and media type; audited."""
    row = uow.session.execute(select(COURT_PAPER).where(COURT_PAPER.c.id == paper_id)).first()
    if row is None:
        raise NotVisible("paper {paper_id}", paper_id=paper_id)
    try:
        case = visible_case(uow, user=user, case_id=row.case_id)
    except NotVisible:
        raise NotVisible("paper {paper_id}", paper_id=paper_id) from None
    data = store.get(row.sha256, row.extension)
    if sha256(data) != row.sha256:
        raise InputError("the stored file no longer matches its hash")
    entry = AuditEntry("court_paper.downloaded", "case", case.account_id, {"paper": paper_id})
    uow.audit.append(Actor(user.name), [entry], at=now)
    return data, row.filename, MEDIA[row.extension]
