"""Reading the collections system's exports: UTF-8 CSV (BOM or not) and .xlsx, header row first."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from legal_flows.services.errors import InputError


@dataclass(frozen=True)
class Sheet:
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the user sees it, header = 1)


def read_table(path: Path) -> Sheet:
    if not path.is_file():
        raise InputError("{path}: no such file", path=path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        header, body = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        header, body = _read_csv(path)
    else:
        raise InputError(
            "{file}: unsupported file type {suffix!r} (use .csv or .xlsx)",
            file=path.name,
            suffix=suffix,
        )
    columns = [h.strip() for h in header]
    rows = []
    for number, values in body:
        if not any(v.strip() for v in values):
            continue  # blank line: nothing to import and nothing to report
        padded = values + [""] * (len(columns) - len(values))
        rows.append((number, {c: v.strip() for c, v in zip(columns, padded, strict=False) if c}))
    return Sheet(path.name, columns, rows)


def _read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "{file}: not UTF-8 text ({reason} at byte {start})",
            file=path.name,
            reason=exc.reason,
            start=exc.start,
        ) from None
    # newline="" keeps line breaks inside quoted cells (addresses, notes) part of the cell.
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise InputError("{file}: empty file, no header row", file=path.name)
    return header, ((reader.line_num, row) for row in reader)


def _cell(value: object) -> str:
    """Excel cells come typed; turn them back into the text a person typed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # repr gives the shortest text that reads back as the same float: 12345.67, not 12345.6699…
        return format(Decimal(repr(value)), "f") if value != int(value) else str(int(value))
    return str(value)


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(
            "{file}: not a readable .xlsx file ({problem})", file=path.name, problem=str(exc)
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise InputError("{file}: empty sheet, no header row", file=path.name)
    body = [(i, [_cell(v) for v in row]) for i, row in enumerate(rows, start=2)]
    book.close()
    return [_cell(h) for h in header], iter(body)
