"""Importing court events from a court platform's export: CSV or JSON lines, row by row."""

import json
from datetime import datetime
from pathlib import Path

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.errors import DomainError
from legal_flows.services.court.events import record_court_event
from legal_flows.services.errors import InputError, ServiceError
from legal_flows.services.imports.report import FileReport, open_export
from legal_flows.services.imports.rows import RowError, RowReader
from legal_flows.services.imports.tabular import Sheet
from legal_flows.store.audit import Actor
from legal_flows.store.tables import CASE
from legal_flows.store.uow import UnitsOfWork

REQUIRED = ["account_id", "event", "on"]
ACCOUNT_ID_LENGTH = CASE.c.account_id.type.length
# `procedure` with a registration, `amount` with a preservation ruling (as `court record`).
OPTIONAL = ["case_no", "party", "detail", "procedure", "amount"]


def _read_jsonl(path: Path) -> Sheet:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                "{file}: line {number} is not JSON ({problem})",
                file=path.name,
                number=number,
                problem=exc.msg,
            ) from None
        rows.append(
            (number, {str(k): "" if v is None else str(v).strip() for k, v in values.items()})
        )
    columns = sorted({k for _, values in rows for k in values})
    return Sheet(path.name, columns, rows)


def import_court_events(
    uows: UnitsOfWork, *, path: Path, actor: Actor, now: datetime, calendar: WorkCalendar
) -> FileReport:
    """Each row its own transaction: a refused row (unknown case, contradiction) fails alone."""
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        if not path.is_file():
            raise InputError("{path}: no such file", path=path)
        sheet, report = _read_jsonl(path), FileReport(path.name, "court_events")
        missing = [c for c in REQUIRED if c not in sheet.columns]
        if missing and sheet.rows:
            raise InputError(
                "{file}: missing required field(s): {fields}",
                file=sheet.file,
                fields=", ".join(missing),
            )
    else:
        sheet, report = open_export(path, "court_events", REQUIRED, OPTIONAL)
    for number, values in sheet.rows:
        reader = RowReader(sheet.file, number, values)
        account = reader.text("account_id", required=True, max_length=ACCOUNT_ID_LENGTH)
        code = reader.text("event", required=True)
        on = reader.day("on", required=True)
        amount = reader.decimal("amount", positive=True)
        if reader.errors or account is None or code is None or on is None:
            report.reject(reader.errors)
            continue
        try:
            with uows() as uow:
                done = record_court_event(
                    uow,
                    account_id=account,
                    code=code,
                    on=on,
                    actor=actor,
                    now=now,
                    calendar=calendar,
                    party=values.get("party", ""),
                    detail=values.get("detail", ""),
                    case_no=values.get("case_no") or None,
                    source="import",
                    procedure=values.get("procedure") or None,
                    amount=amount,
                )
        except (ServiceError, DomainError) as exc:
            english = str(exc)  # the English names the column the refusal is about
            column = next(
                (c for c in ("procedure", "amount", "event") if c in english), "account_id"
            )
            report.reject([RowError.of(sheet.file, number, column, code, exc)])
            continue
        if done.new:
            report.created += 1
        else:
            report.unchanged += 1
    return report
