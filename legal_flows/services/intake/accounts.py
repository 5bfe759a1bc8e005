"""Import escalated accounts; every bad row reported, none lost, a rerun adds nothing.

Rows are validated first (pure), then written in chunks, each chunk its own transaction, with
Core executemany (TECH-NOTES §5). Accounts are matched by account_id and a fingerprint of the
row, cardholders by ID number.
"""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from legal_flows.domain.stages import REQUEUE_TO, Stage, is_filed, path_to_review
from legal_flows.services.imports.report import FileReport, chunks, open_export
from legal_flows.services.imports.rows import RowError, RowReader, mask_value
from legal_flows.services.intake.fields import ACCOUNT_OPTIONAL, ACCOUNT_REQUIRED, Stored
from legal_flows.services.intake.rows import AccountRecord, read_account
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import CASE, CREDITOR, DEBTOR
from legal_flows.store.uow import UnitOfWork, UnitsOfWork


def import_accounts(uows: UnitsOfWork, *, path: Path, actor: Actor, now: datetime) -> FileReport:
    sheet, report = open_export(path, "accounts", ACCOUNT_REQUIRED, ACCOUNT_OPTIONAL)
    with uows(read_only=True) as uow:
        creditors: dict[str, int] = dict(
            uow.session.execute(select(CREDITOR.c.code, CREDITOR.c.id)).all()
        )
    good: list[tuple[int, AccountRecord]] = []
    first_row: dict[str, int] = {}
    for number, values in sheet.rows:
        reader = RowReader(sheet.file, number, values)
        rec = read_account(reader)
        if rec is not None and rec.creditor_code not in creditors:
            reader.fail("creditor_code", "unknown creditor (not in the creditors configuration)")
        if rec is not None and rec.account_id in first_row:
            first = first_row[rec.account_id]
            reader.fail("account_id", "duplicate of row {row} in this file", row=first)
        if reader.errors or rec is None:
            report.reject(reader.errors)
            continue
        first_row[rec.account_id] = number
        good.append((number, rec))
    for chunk in chunks(good):
        with uows() as uow:
            entries = _write_accounts(uow, chunk, creditors, report, now)
            uow.audit.append(actor, entries, at=now)
    if report.created or report.updated:
        with uows() as uow:
            uow.refresh_statistics([DEBTOR, CASE])
    return report


def _write_accounts(
    uow: UnitOfWork,
    chunk: Sequence[tuple[int, AccountRecord]],
    creditors: dict[str, int],
    report: FileReport,
    now: datetime,
) -> list[AuditEntry]:
    ids = [r.account_id for _, r in chunk]
    cases = uow.cases.by_accounts(ids, ["id", "data_hash", "stage"])
    accepted: list[tuple[int, AccountRecord]] = []
    for number, rec in chunk:
        existing = cases.get(rec.account_id)
        if existing is not None and existing.data_hash == rec.data_hash:
            report.unchanged += 1
        elif existing is not None and is_filed(existing.stage):
            # intake-format.md: once filed, the court holds the claim; report, do not apply.
            why = "case is already filed (stage {stage}): change not applied"
            filed = RowError.of(
                report.file, number, "account_id", rec.account_id, why, stage=existing.stage
            )
            report.reject([filed])
        else:
            accepted.append((number, rec))
    # Only rows that will be applied may touch the cardholder's record.
    debtors, refused = _upsert_debtors(uow, accepted, report)
    entries: list[AuditEntry] = []
    inserts: list[dict[str, Any]] = []
    updates: dict[int, dict[str, Any]] = {}
    requeued: list[int] = []
    for number, rec in accepted:
        if number in refused:
            continue
        fields = rec.stored(Stored.CASE) | {"data_hash": rec.data_hash}
        fields |= {"creditor_id": creditors[rec.creditor_code], "debtor_id": debtors[rec.id_number]}
        existing = cases.get(rec.account_id)
        if existing is None:
            inserts.append({**fields, "account_id": rec.account_id, "stage": Stage.INTAKE.value})
            created = {"creditor": rec.creditor_code, "claim": str(rec.claim.total)}
            entries.append(AuditEntry("case.created", "case", rec.account_id, created))
            continue
        updates[existing.id] = fields
        changed: dict[str, Any] = {"data_hash": [existing.data_hash, rec.data_hash]}
        if path_to_review(existing.stage):  # a decided case is decided again
            requeued.append(existing.id)
            changed["stage"] = [existing.stage, REQUEUE_TO.value]
        entries.append(AuditEntry("case.updated", "case", rec.account_id, changed))
    uow.cases.add_many(inserts, now=now)
    report.created += len(inserts)
    uow.cases.update_many(updates, now=now, requeue=requeued)
    report.updated += len(updates)
    return entries


def _upsert_debtors(
    uow: UnitOfWork, rows: Sequence[tuple[int, AccountRecord]], report: FileReport
) -> tuple[dict[str, int], set[int]]:
    """Cardholders by ID number; a row naming someone else under a known ID is refused."""
    session = uow.session
    wanted = {r.id_number for _, r in rows}
    known = {
        row.id_number: row
        for row in session.execute(select(DEBTOR).where(DEBTOR.c.id_number.in_(wanted)))
    }
    latest: dict[str, AccountRecord] = {}
    refused: set[int] = set()
    for number, rec in rows:
        prior = known[rec.id_number].name if rec.id_number in known else None
        if rec.id_number in latest:
            prior = latest[rec.id_number].holder_name
        if prior is not None and prior != rec.holder_name:
            reason = "another name is already recorded for this ID number"
            masked = mask_value("holder_name", rec.holder_name)
            report.reject([RowError.of(report.file, number, "holder_name", masked, reason)])
            refused.add(number)
            continue
        latest[rec.id_number] = rec
    new = [_debtor_values(r) for i, r in latest.items() if i not in known]
    if new:
        session.execute(insert(DEBTOR), new)
    changed = [
        {**_debtor_values(r), "b_id": known[i].id}
        for i, r in latest.items()
        if i in known and any(getattr(known[i], f) != v for f, v in _debtor_values(r).items())
    ]
    if changed:
        session.execute(update(DEBTOR).where(DEBTOR.c.id == bindparam("b_id")), changed)
    ids = select(DEBTOR.c.id_number, DEBTOR.c.id).where(DEBTOR.c.id_number.in_(list(latest)))
    return dict(session.execute(ids).all()), refused


def _debtor_values(rec: AccountRecord) -> dict[str, Any]:
    return {"id_number": rec.id_number, "name": rec.holder_name, **rec.stored(Stored.DEBTOR)}
