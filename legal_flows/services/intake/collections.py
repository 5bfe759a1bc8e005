"""Import the collection history (催收记录): contacts and limitation-relevant events."""

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from legal_flows.domain.stages import REQUEUE_TO, is_filed, path_to_review
from legal_flows.services.imports.report import FileReport, chunks, open_export
from legal_flows.services.imports.rows import RowError, RowReader
from legal_flows.services.intake.rows import (
    COLLECTION_OPTIONAL,
    COLLECTION_REQUIRED,
    CollectionIn,
    read_collection,
)
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import CASE, EVENT
from legal_flows.store.uow import UnitOfWork, UnitsOfWork


def import_collections(uows: UnitsOfWork, *, path: Path, actor: Actor, now: datetime) -> FileReport:
    sheet, report = open_export(path, "collections", COLLECTION_REQUIRED, COLLECTION_OPTIONAL)
    good: list[tuple[int, CollectionIn]] = []
    for number, values in sheet.rows:
        reader = RowReader(sheet.file, number, values)
        rec = read_collection(reader)
        if reader.errors or rec is None:
            report.reject(reader.errors)
        else:
            good.append((number, rec))
    for chunk in chunks(good):
        with uows() as uow:
            entries = _write_collections(uow, chunk, report, now)
            uow.audit.append(actor, entries, at=now)
    if report.created:
        with uows() as uow:
            uow.refresh_statistics([EVENT, CASE])
    return report


def _write_collections(
    uow: UnitOfWork, chunk: Sequence[tuple[int, CollectionIn]], report: FileReport, now: datetime
) -> list[AuditEntry]:
    session = uow.session
    accounts = {r.account_id for _, r in chunk}
    cases = uow.cases.by_accounts(accounts, ["id", "stage"])
    case_ids = [c.id for c in cases.values()]
    seen: set[tuple[int, str]] = {
        (r.case_id, r.event_key)
        for r in session.execute(
            select(EVENT.c.case_id, EVENT.c.event_key).where(EVENT.c.case_id.in_(case_ids))
        )
    }
    rows: list[dict[str, Any]] = []
    added: dict[str, int] = {}
    for number, rec in chunk:
        case = cases.get(rec.account_id)
        if case is None:
            reason = "no such account in this import or the database"
            report.reject([RowError.of(report.file, number, "account_id", rec.account_id, reason)])
            continue
        key = (case.id, rec.event_key)
        if key in seen:
            report.unchanged += 1
            continue
        seen.add(key)
        values = asdict(rec)
        values.pop("account_id")
        rows.append({**values, "kind": rec.kind.value, "case_id": case.id, "event_key": key[1]})
        added[rec.account_id] = added.get(rec.account_id, 0) + 1
    if rows:
        session.execute(insert(EVENT), rows)
        report.created += len(rows)
    return requeue_for_review(uow, [cases[a] for a in added], added, now)


def requeue_for_review(
    uow: UnitOfWork, cases: Iterable[Any], added: dict[str, int], now: datetime
) -> list[AuditEntry]:
    """New collection history can change limitation: decided, unfiled cases are reviewed again."""
    entries = []
    back: list[int] = []
    for case in cases:
        change: dict[str, Any] = {"added": added[case.account_id]}
        if not is_filed(case.stage) and path_to_review(case.stage):
            change["stage"] = [case.stage, REQUEUE_TO.value]
            back.append(case.id)
        entries.append(AuditEntry("collections.added", "case", case.account_id, change))
    uow.cases.requeue(back, now=now)
    return entries
