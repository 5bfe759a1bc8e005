"""What an import reports, and opening an export with its columns checked."""

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from legal_flows.services.errors import InputError
from legal_flows.services.imports.rows import RowError
from legal_flows.services.imports.tabular import Sheet, read_table

CHUNK = 1000  # rows per transaction: a crash loses at most one chunk, and a rerun completes it
_T = TypeVar("_T")


@dataclass
class FileReport:
    file: str
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected_rows: int = 0
    rejected: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # English, for scripts
    # The same warnings as a catalogue msgid and its values, for a person's language.
    warnings_told: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, errors: Sequence[RowError]) -> None:
        self.rejected.extend(errors)
        self.rejected_rows += len({e.row for e in errors})

    def warn(self, template: str, **values: Any) -> None:
        self.warnings.append(template.format(**values))
        self.warnings_told.append({"template": template, "values": values})


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
            "warnings_told": [w for f in self.files for w in f.warnings_told],
            "files": [
                {k: v for k, v in asdict(f).items() if k not in ("rejected", "warnings_told")}
                for f in self.files
            ],
        }


def chunks(items: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def open_export(
    path: Path, kind: str, required: list[str], optional: list[str]
) -> tuple[Sheet, FileReport]:
    """Read the file; a missing required column refuses the whole file, naming the column."""
    sheet = read_table(path)
    missing = [c for c in required if c not in sheet.columns]
    if missing:
        raise InputError(
            "{file}: missing required column(s): {columns}",
            file=sheet.file,
            columns=", ".join(missing),
        )
    report = FileReport(sheet.file, kind)
    unknown = [c for c in sheet.columns if c and c not in required and c not in optional]
    if unknown:
        report.warn(
            "{file}: ignored unknown column(s): {columns}",
            file=sheet.file,
            columns=", ".join(unknown),
        )
    return sheet, report
