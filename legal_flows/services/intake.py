"""Import escalated accounts and their collection history; every bad row reported, none lost.

Rows are validated first (pure), then written in chunks, each chunk its own transaction, with
Core executemany (TECH-NOTES §5). Re-importing a file is a no-op: accounts are matched by
account_id and a data fingerprint, collection events by an event key.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, bindparam, insert, select, update

from legal_flows.domain.stages import Stage, is_filed, path_to_review
from legal_flows.services.audit import Actor, AuditEntry, record
from legal_flows.services.errors import InputError
from legal_flows.services.intake_rows import (
    ACCOUNT_OPTIONAL,
    ACCOUNT_REQUIRED,
    COLLECTION_OPTIONAL,
    COLLECTION_REQUIRED,
    AccountRecord,
    CollectionIn,
    RowError,
    RowReader,
    mask_value,
    read_account,
    read_collection,
)
from legal_flows.services.tabular import Sheet, read_table
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, CollectionEventRow, CreditorRow, DebtorRow

CHUNK = 1000
_T = TypeVar("_T")
_CASE = CaseRow.__table__  # type: ignore[attr-defined]
_DEBTOR = DebtorRow.__table__  # type: ignore[attr-defined]
_DEBTOR_FIELDS = (
    "name gender birth_date ethnicity registered_address residence_address phone email".split()
)
_CASE_FIELDS = (
    "card_number credit_limit principal interest penalty fees balance_date annual_rate "
    "card_issued_on overdue_since last_payment_on terms_notice_proven agreed_court deceased "
    "bankrupt disputed whereabouts_unknown data_hash"
).split()


@dataclass
class FileReport:
    file: str
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected_rows: int = 0
    rejected: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def reject(self, errors: Sequence[RowError]) -> None:
        self.rejected.extend(errors)
        self.rejected_rows += len({e.row for e in errors})


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.total("created"),
            "updated": self.total("updated"),
            "unchanged": self.total("unchanged"),
            "rejected_rows": self.total("rejected_rows"),
            "rejected": [asdict(e) for f in self.files for e in f.rejected],
            "warnings": [w for f in self.files for w in f.warnings],
            "files": [{k: v for k, v in asdict(f).items() if k != "rejected"} for f in self.files],
        }


def _chunks(items: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _open(
    path: Path, kind: str, required: list[str], optional: list[str]
) -> tuple[Sheet, FileReport]:
    sheet = read_table(path)
    missing = [c for c in required if c not in sheet.columns]
    if missing:
        raise InputError(f"{sheet.file}: missing required column(s): {', '.join(missing)}")
    report = FileReport(sheet.file, kind)
    unknown = [c for c in sheet.columns if c and c not in required and c not in optional]
    if unknown:
        report.warnings.append(f"{sheet.file}: ignored unknown column(s): {', '.join(unknown)}")
    return sheet, report


def import_accounts(engine: Engine, *, path: Path, actor: Actor, now: datetime) -> FileReport:
    sheet, report = _open(path, "accounts", ACCOUNT_REQUIRED, ACCOUNT_OPTIONAL)
    with session_scope(engine) as session:
        table = CreditorRow.__table__  # type: ignore[attr-defined]
        creditors: dict[str, int] = dict(session.execute(select(table.c.code, table.c.id)).all())
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
    for chunk in _chunks(good):
        with session_scope(engine) as session:
            entries = _write_accounts(session, chunk, creditors, report, now)
            record(session, actor, entries, at=now)
    return report


def _write_accounts(
    session: Any,
    chunk: Sequence[tuple[int, AccountRecord]],
    creditors: dict[str, int],
    report: FileReport,
    now: datetime,
) -> list[AuditEntry]:
    ids = [r.account_id for _, r in chunk]
    cases = {
        row.account_id: row
        for row in session.execute(
            select(_CASE.c.id, _CASE.c.account_id, _CASE.c.data_hash, _CASE.c.stage).where(
                _CASE.c.account_id.in_(ids)
            )
        )
    }
    debtors, refused = _upsert_debtors(session, chunk, report)
    entries: list[AuditEntry] = []
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for number, rec in chunk:
        if number in refused:
            continue
        fields = {f: getattr(rec, f) for f in _CASE_FIELDS}
        existing = cases.get(rec.account_id)
        if existing is None:
            inserts.append(
                {
                    **fields,
                    "account_id": rec.account_id,
                    "creditor_id": creditors[rec.creditor_code],
                    "debtor_id": debtors[rec.id_number],
                    "stage": Stage.INTAKE.value,
                    "version": 1,
                    "updated_at": now,
                }
            )
            claim = rec.principal + rec.interest + rec.penalty + rec.fees
            created = {"creditor": rec.creditor_code, "claim": str(claim)}
            entries.append(AuditEntry("case.created", "case", rec.account_id, created))
        elif existing.data_hash == rec.data_hash:
            report.unchanged += 1
        elif is_filed(existing.stage):
            # intake-format.md: once filed, the court holds the claim; report, do not apply.
            why = f"case is already filed (stage {existing.stage}): change not applied"
            report.reject([RowError(report.file, number, "account_id", rec.account_id, why)])
        else:
            moves = path_to_review(existing.stage)  # a decided case is decided again
            stage = moves[-1].value if moves else existing.stage
            updates.append(
                {
                    **fields,
                    "b_id": existing.id,
                    "creditor_id": creditors[rec.creditor_code],
                    "debtor_id": debtors[rec.id_number],
                    "stage": stage,
                    "outcome": None,
                    "updated_at": now,
                }
            )
            changed: dict[str, Any] = {"data_hash": [existing.data_hash, rec.data_hash]}
            if moves:
                changed["stage"] = [existing.stage, stage]
            entries.append(AuditEntry("case.updated", "case", rec.account_id, changed))
    if inserts:
        session.execute(insert(_CASE), inserts)
        report.created += len(inserts)
    if updates:
        stmt = (
            update(_CASE).where(_CASE.c.id == bindparam("b_id")).values(version=_CASE.c.version + 1)
        )
        session.execute(stmt, updates)
        report.updated += len(updates)
    return entries


def _upsert_debtors(
    session: Any,
    chunk: Sequence[tuple[int, AccountRecord]],
    report: FileReport,
) -> tuple[dict[str, int], set[int]]:
    """Debtors by ID number; a row naming someone else under a known ID number is rejected."""
    wanted = {r.id_number for _, r in chunk}
    known = {
        row.id_number: row
        for row in session.execute(select(_DEBTOR).where(_DEBTOR.c.id_number.in_(wanted)))
    }
    latest: dict[str, AccountRecord] = {}
    refused: set[int] = set()
    for number, rec in chunk:
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
        session.execute(insert(_DEBTOR), new)
    changed = [
        {**_debtor_values(r), "b_id": known[i].id}
        for i, r in latest.items()
        if i in known and any(getattr(known[i], f) != v for f, v in _debtor_values(r).items())
    ]
    if changed:
        stmt = update(_DEBTOR).where(_DEBTOR.c.id == bindparam("b_id"))
        session.execute(stmt, changed)
    ids = session.execute(
        select(_DEBTOR.c.id_number, _DEBTOR.c.id).where(_DEBTOR.c.id_number.in_(list(latest)))
    )
    return dict(ids.all()), refused


def _debtor_values(rec: AccountRecord) -> dict[str, Any]:
    values = {f: getattr(rec, f) for f in _DEBTOR_FIELDS if f != "name"}
    return {"id_number": rec.id_number, "name": rec.holder_name, **values}


def import_collections(engine: Engine, *, path: Path, actor: Actor, now: datetime) -> FileReport:
    sheet, report = _open(path, "collections", COLLECTION_REQUIRED, COLLECTION_OPTIONAL)
    good: list[tuple[int, CollectionIn]] = []
    for number, values in sheet.rows:
        reader = RowReader(sheet.file, number, values)
        rec = read_collection(reader)
        if reader.errors or rec is None:
            report.reject(reader.errors)
        else:
            good.append((number, rec))
    for chunk in _chunks(good):
        with session_scope(engine) as session:
            entries = _write_collections(session, chunk, report)
            record(session, actor, entries, at=now)
    return report


def _write_collections(
    session: Any, chunk: Sequence[tuple[int, CollectionIn]], report: FileReport
) -> list[AuditEntry]:
    accounts = {r.account_id for _, r in chunk}
    cases = {
        row.account_id: row
        for row in session.execute(
            select(_CASE.c.id, _CASE.c.account_id, _CASE.c.stage).where(
                _CASE.c.account_id.in_(accounts)
            )
        )
    }
    case_ids = [c.id for c in cases.values()]
    event = CollectionEventRow.__table__  # type: ignore[attr-defined]
    seen = set(
        session.execute(
            select(event.c.case_id, event.c.event_key).where(event.c.case_id.in_(case_ids))
        ).all()
    )
    rows: list[dict[str, Any]] = []
    added: dict[str, int] = {}
    for number, rec in chunk:
        case = cases.get(rec.account_id)
        if case is None:
            reason = "no such account in this import or the database"
            report.reject([RowError(report.file, number, "account_id", rec.account_id, reason)])
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
        session.execute(insert(event), rows)
        report.created += len(rows)
    return _requeue_for_review(session, [cases[a] for a in added], added)


def _requeue_for_review(
    session: Any, cases: Iterable[Any], added: dict[str, int]
) -> list[AuditEntry]:
    """New collection history can change limitation: decided, unfiled cases are reviewed again."""
    entries = []
    back: list[int] = []
    for case in cases:
        change: dict[str, Any] = {"added": added[case.account_id]}
        if not is_filed(case.stage) and path_to_review(case.stage):
            change["stage"] = [case.stage, Stage.REVIEW.value]
            back.append(case.id)
        entries.append(AuditEntry("collections.added", "case", case.account_id, change))
    if back:
        session.execute(
            update(_CASE)
            .where(_CASE.c.id.in_(back))
            .values(stage=Stage.REVIEW.value, outcome=None, version=_CASE.c.version + 1)
        )
    return entries
