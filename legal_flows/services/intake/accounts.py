"""Import escalated accounts; every bad row reported, none lost, a rerun adds nothing.

Rows are validated first (pure), then written in chunks, each chunk its own transaction, with
Core executemany (TECH-NOTES §5). Accounts are matched by account_id and a fingerprint of the
row, cardholders by ID number.
"""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update

from legal_flows.domain.stages import Stage, is_filed, path_to_review
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.imports.report import FileReport, chunks, open_export
from legal_flows.services.imports.rows import RowError, RowReader, mask_value
from legal_flows.services.intake.collections import REQUEUED, REQUEUED_OVERRIDE
from legal_flows.services.intake.rows import (
    ACCOUNT_OPTIONAL,
    ACCOUNT_REQUIRED,
    AccountRecord,
    read_account,
)
from legal_flows.store.db import refresh_statistics, session_scope
from legal_flows.store.tables import CASE, CREDITOR, DEBTOR

_DEBTOR_FIELDS = (
    "gender birth_date ethnicity registered_address residence_address phone email".split()
)
_CASE_FIELDS = (
    "card_number credit_limit principal interest penalty fees balance_date annual_rate "
    "card_issued_on overdue_since last_payment_on terms_notice_proven agreed_court deceased "
    "bankrupt disputed whereabouts_unknown asset_leads data_hash"
).split()


def import_accounts(engine: Engine, *, path: Path, actor: Actor, now: datetime) -> FileReport:
    sheet, report = open_export(path, "accounts", ACCOUNT_REQUIRED, ACCOUNT_OPTIONAL)
    with session_scope(engine, read_only=True) as session:
        creditors: dict[str, int] = dict(
            session.execute(select(CREDITOR.c.code, CREDITOR.c.id)).all()
        )
    good: list[tuple[int, AccountRecord]] = []
    first_row: dict[str, int] = {}
    for number, values in sheet.rows:
        reader = RowReader(sheet.file, number, values)
        rec = read_account(reader)
        if rec is not None and rec.creditor_code not in creditors:
            reader.fail("creditor_code", "unknown creditor (not in the creditors configuration)")
        if rec is not None and rec.account_id in first_row:
            reader.fail("account_id", f"duplicate of row {first_row[rec.account_id]} in this file")
        if reader.errors or rec is None:
            report.reject(reader.errors)
            continue
        first_row[rec.account_id] = number
        good.append((number, rec))
    for chunk in chunks(good):
        with session_scope(engine) as session:
            entries = _write_accounts(session, chunk, creditors, report, now)
            record(session, actor, entries, at=now)
    if report.created or report.updated:
        refresh_statistics(engine, [DEBTOR, CASE])
    return report


def _write_accounts(
    session: Any,
    chunk: Sequence[tuple[int, AccountRecord]],
    creditors: dict[str, int],
    report: FileReport,
    now: datetime,
) -> list[AuditEntry]:
    query = select(CASE.c.id, CASE.c.account_id, CASE.c.data_hash, CASE.c.stage)
    ids = [r.account_id for _, r in chunk]
    cases = {r.account_id: r for r in session.execute(query.where(CASE.c.account_id.in_(ids)))}
    accepted: list[tuple[int, AccountRecord]] = []
    for number, rec in chunk:
        existing = cases.get(rec.account_id)
        if existing is not None and existing.data_hash == rec.data_hash:
            report.unchanged += 1
        elif existing is not None and is_filed(existing.stage):
            # intake-format.md: once filed, the court holds the claim; report, do not apply.
            why = f"case is already filed (stage {existing.stage}): change not applied"
            report.reject([RowError(report.file, number, "account_id", rec.account_id, why)])
        else:
            accepted.append((number, rec))
    # Only rows that will be applied may touch the cardholder's record.
    debtors, refused = _upsert_debtors(session, accepted, report)
    entries: list[AuditEntry] = []
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for number, rec in accepted:
        if number in refused:
            continue
        fields = {f: getattr(rec, f) for f in _CASE_FIELDS}
        fields |= {"creditor_id": creditors[rec.creditor_code], "debtor_id": debtors[rec.id_number]}
        existing = cases.get(rec.account_id)
        if existing is None:
            inserts.append({**fields, "account_id": rec.account_id, "stage": Stage.INTAKE.value})
            claim = rec.principal + rec.interest + rec.penalty + rec.fees
            created = {"creditor": rec.creditor_code, "claim": str(claim)}
            entries.append(AuditEntry("case.created", "case", rec.account_id, created))
            continue
        moves = path_to_review(existing.stage)  # a decided case is decided again
        requeue = {**REQUEUED, **REQUEUED_OVERRIDE} if moves else {}
        updates.append({**fields, "stage": existing.stage, **requeue, "b_id": existing.id})
        changed: dict[str, Any] = {"data_hash": [existing.data_hash, rec.data_hash]}
        if moves:
            changed["stage"] = [existing.stage, Stage.REVIEW.value]
        entries.append(AuditEntry("case.updated", "case", rec.account_id, changed))
    if inserts:
        session.execute(insert(CASE).values(version=1, updated_at=now), inserts)
        report.created += len(inserts)
    for group in _same_keys(updates):
        stmt = update(CASE).where(CASE.c.id == bindparam("b_id"))
        session.execute(stmt.values(version=CASE.c.version + 1, updated_at=now), group)
    report.updated += len(updates)
    return entries


def _same_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """executemany needs one set of columns per statement: requeued rows carry more."""
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    return list(groups.values())


def _upsert_debtors(
    session: Any, rows: Sequence[tuple[int, AccountRecord]], report: FileReport
) -> tuple[dict[str, int], set[int]]:
    """Cardholders by ID number; a row naming someone else under a known ID is refused."""
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
            report.reject([RowError(report.file, number, "holder_name", masked, reason)])
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
    values = {f: getattr(rec, f) for f in _DEBTOR_FIELDS}
    return {"id_number": rec.id_number, "name": rec.holder_name, **values}
