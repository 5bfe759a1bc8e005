"""The case list page: one search box, filters, sorting by any column, a page jump, bulk
assignment to a lawyer, and the filtered list as a CSV file (masked as on the page)."""

import csv
import io
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from legal_flows.api import actions
from legal_flows.api.auth import FormChecked, PortalDep, SignedIn
from legal_flows.api.language import translator_for
from legal_flows.api.pages import back, render
from legal_flows.api.schemas import CasePageQuery, CaseQuery
from legal_flows.domain.access import Permission, may
from legal_flows.domain.stages import Stage
from legal_flows.services.portal.case_list import SORTS, export_rows, visible_cases
from legal_flows.services.portal.users import lawyers

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
CSV_COLUMNS = (
    "account_id",
    "stage",
    "court",
    "court_case_no",
    "holder",
    "id_number",
    "claim_total",
    "lawyer",
    "next_deadline",
    "due_on",
    "provisional",  # the due date's year has no official holiday schedule yet: it may move
    "status",
)


@router.get("/cases")
def cases(
    request: Request,
    current: SignedIn,
    app: PortalDep,
    filters: Annotated[CasePageQuery, Query()],
) -> HTMLResponse:
    page = filters.page
    covered = app.calendar.covered_years
    with app.uow(read_only=True) as uow:
        found = visible_cases(
            uow,
            user=current.user,
            as_of=app.today(),
            covered_years=covered,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            filters=filters.as_filter(),
        )
        names = (
            [u.name for u in lawyers(uow)]
            if may(current.user.role, Permission.ASSIGN_LAWYERS)
            else []
        )
    chosen = {
        k: v for k, v in filters.model_dump(exclude={"page"}).items() if v not in (None, "", False)
    }
    values = {
        "found": found,
        "f": filters,
        "stages": [s.value for s in Stage],
        "sorts": SORTS,
        "lawyers": names,
        "page": page,
        "pages": max(1, -(-found["total"] // PAGE_SIZE)),
        "query": urlencode(chosen),
        "chosen": chosen,
        # Searched or filtered (the order, always chosen, is neither): "no cases" then means
        # none matched, not that none are assigned.
        "filtered": bool(chosen.keys() - {"sort", "desc"}),
        "sorted_by": lambda column: urlencode(
            chosen | {"sort": column, "desc": filters.sort == column and not filters.desc}
        ),
    }
    return render(request, "cases.html", current, **values)


@router.get("/cases.csv")
def cases_csv(
    request: Request,
    current: SignedIn,
    app: PortalDep,
    filters: Annotated[CaseQuery, Query()],
) -> Response:
    """The filtered list as CSV (UTF-8 with a BOM, so Excel reads the Chinese): names and ID
    numbers masked, as on the page."""
    t = translator_for(request)
    covered = app.calendar.covered_years
    with app.uow(read_only=True) as uow:
        rows = export_rows(
            uow,
            user=current.user,
            as_of=app.today(),
            filters=filters.as_filter(),
            covered_years=covered,
        )
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(
            _cell(value)
            for value in [
                r["account_id"],
                t.label("stage", r["stage"]),
                r["court"] or "",
                r["court_case_no"] or "",
                r["holder"],
                r["id_number"],
                r["claim_total"] or "",
                r["lawyer"] or "",
                t.label("deadline", r["next_deadline"]),
                r["due_on"],
                t("provisional") if r["provisional"] else "",
                t.label("status", r["status"]),
            ]
        )
    headers = {"Content-Disposition": 'attachment; filename="cases.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/cases/assign")
async def assign_many(request: Request, current: FormChecked, app: PortalDep) -> Response:
    """The ticked cases to the lawyer chosen (legal staff)."""
    form = await request.form()
    ids = [int(v) for v in form.getlist("case_id") if isinstance(v, str) and v.isdigit()]
    lawyer = form.get("lawyer")
    chosen = lawyer if isinstance(lawyer, str) and lawyer else None
    if ids:
        actions.assign_many(app, current.user, case_ids=ids[:500], lawyer=chosen)
    return back("/cases", "bulk_assigned")


def _cell(value: str) -> str:
    """A cell Excel shows as text: one starting like a formula (=, +, -, @) is quoted, so a
    typed 案号 or name can never run as one (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
