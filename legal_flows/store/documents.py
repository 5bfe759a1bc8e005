"""The documents repository: a case's document rows, new versions, superseded ones."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Row, and_, insert, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from legal_flows.store.tables import CASE, DOCUMENT

_PDF = aliased(DOCUMENT)
CURRENT, SUPERSEDED = "current", "superseded"
# Built once: `insert().values(...)` for each document cost more than the insert itself.
_ADD_MANY = insert(DOCUMENT).returning(DOCUMENT.c.id, sort_by_parameter_order=True)


@dataclass
class CaseDocuments:
    """A case's document rows, read once: what exists (by kind, template, data and format)
    and which kinds have a current version, so a package costs no query per document."""

    rows: dict[tuple[str, str, str, str], tuple[int, str]]
    current: set[str]


@dataclass(frozen=True)
class DocumentIn:
    """A rendered document's row: which template and data made it, the hash of the file."""

    case_id: int
    kind: str
    format: str
    template_name: str
    template_sha: str
    context_sha: str
    output_sha: str
    size: int
    created_at: datetime
    created_by: str
    flow_run_id: str | None


class Documents:
    def __init__(self, session: Session) -> None:
        self._session = session

    def of_case(self, case_id: int) -> CaseDocuments:
        return self.of_cases([case_id])[case_id]

    def of_cases(self, case_ids: Sequence[int]) -> dict[int, CaseDocuments]:
        """Each case's rows, read in one query (a generation chunk's cases at once)."""
        found = self._session.execute(
            select(DOCUMENT.c.case_id, DOCUMENT.c.id, DOCUMENT.c.kind, DOCUMENT.c.template_sha)
            .add_columns(DOCUMENT.c.context_sha, DOCUMENT.c.format, DOCUMENT.c.status)
            .where(DOCUMENT.c.case_id.in_(case_ids))
        )
        cases = {case_id: CaseDocuments({}, set()) for case_id in case_ids}
        for r in found:
            documents = cases[r.case_id]
            documents.rows[(r.kind, r.template_sha, r.context_sha, r.format)] = (r.id, r.status)
            if r.status == CURRENT:
                documents.current.add(r.kind)
        return cases

    def add(self, document: DocumentIn) -> int:
        """A new current row."""
        return self.add_many([document])[0]

    def add_many(self, documents: Sequence[DocumentIn]) -> list[int]:
        """New current rows in one statement; their ids in the same order."""
        if not documents:
            return []
        rows = [{**d.__dict__, "status": CURRENT} for d in documents]
        return [int(i) for i in self._session.execute(_ADD_MANY, rows).scalars()]

    def make_current(self, document_id: int) -> None:
        self._session.execute(
            update(DOCUMENT).where(DOCUMENT.c.id == document_id).values(status=CURRENT)
        )

    def supersede(self, case_id: int, kind: str) -> int:
        """Every format of the case's current version of `kind` is superseded."""
        result = self._session.execute(
            update(DOCUMENT)
            .where(
                DOCUMENT.c.case_id == case_id,
                DOCUMENT.c.kind == kind,
                DOCUMENT.c.status == CURRENT,
            )
            .values(status=SUPERSEDED)
        )
        return int(cast(CursorResult[Any], result).rowcount)

    def get(self, document_id: int) -> Row[Any] | None:
        return self._session.execute(select(DOCUMENT).where(DOCUMENT.c.id == document_id)).first()

    def listing(self, case_id: int) -> list[Row[Any]]:
        query = select(DOCUMENT).where(DOCUMENT.c.case_id == case_id).order_by(DOCUMENT.c.id)
        return list(self._session.execute(query).all())

    def hashes(self) -> list[Row[Any]]:
        """Every stored file's id, hash and format (to check the files against)."""
        query = select(DOCUMENT.c.id, DOCUMENT.c.output_sha, DOCUMENT.c.format)
        return list(self._session.execute(query).all())

    def without_pdf(self, case_ids: Sequence[int]) -> list[Row[Any]]:
        """The current .docx rows of these cases that have no PDF of the same template and
        data yet, with their case's account."""
        query = (
            select(DOCUMENT, CASE.c.account_id)
            .join(CASE, CASE.c.id == DOCUMENT.c.case_id)
            .outerjoin(
                _PDF,
                and_(
                    _PDF.c.case_id == DOCUMENT.c.case_id,
                    _PDF.c.kind == DOCUMENT.c.kind,
                    _PDF.c.template_sha == DOCUMENT.c.template_sha,
                    _PDF.c.context_sha == DOCUMENT.c.context_sha,
                    _PDF.c.format == "pdf",
                ),
            )
            .where(
                DOCUMENT.c.case_id.in_(case_ids),
                DOCUMENT.c.format == "docx",
                DOCUMENT.c.status == CURRENT,
                _PDF.c.id.is_(None),
            )
        )
        return list(self._session.execute(query).all())
