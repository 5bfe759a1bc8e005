"""The JSON API under /api: the same reads and writes as the pages, for scripts and tools."""

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from legal_flows.api import actions
from legal_flows.api.auth import (
    SESSION_COOKIE,
    CsrfChecked,
    PortalDep,
    SignedIn,
    client_address,
)
from legal_flows.api.flows import FlowStart
from legal_flows.api.schemas import (
    AssignOut,
    AssignRequest,
    BulkAssign,
    BulkAssignOut,
    CaseList,
    CaseListQuery,
    CaseOut,
    FlowStartOut,
    FlowStartRequest,
    SignInOut,
    SignInRequest,
    UserOut,
)
from legal_flows.domain.access import Permission
from legal_flows.i18n import ENGLISH, translator
from legal_flows.services.portal.case_list import visible_cases
from legal_flows.services.portal.users import (
    Refused,
    lawyers,
    sign_out,
)
from legal_flows.services.portal.views import (
    case_page,
    download_document,
    download_package,
    require,
)
from legal_flows.services.portal.workbench import workbench

router = APIRouter(prefix="/api")
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Absent, or not yours"}}


def set_session_cookie(response: Response, app: PortalDep, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=app.settings.portal_session_hours * 3600,
        httponly=True,  # no script reads it
        samesite="lax",  # not sent on cross-site POSTs
        secure=app.settings.portal_secure_cookies,
        path="/",
    )


@router.post("/session", responses={401: {}, 429: {}})
def api_sign_in(
    body: SignInRequest, request: Request, response: Response, app: PortalDep
) -> SignInOut:
    """Sign in; the session cookie is set and the CSRF token returned."""
    result = actions.sign_in_now(
        app, name=body.name, password=body.password, address=client_address(request)
    )
    if isinstance(result, Refused):
        return refused_json(result)  # type: ignore[return-value]
    set_session_cookie(response, app, result.token)
    user = UserOut(**asdict(result.user))
    return SignInOut(user=user, csrf_token=result.csrf, expires_at=result.expires_at)


def refused_json(result: Refused) -> JSONResponse:
    if result.retry_after is None:
        return JSONResponse({"detail": result.message}, status_code=401)
    headers = {"Retry-After": str(result.retry_after)}
    return JSONResponse({"detail": result.message}, status_code=429, headers=headers)


@router.delete("/session", status_code=204)
def api_sign_out(request: Request, current: CsrfChecked, app: PortalDep) -> Response:
    with app.uow() as uow:
        sign_out(uow, token=request.cookies[SESSION_COOKIE], now=app.now())
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me")
def me(current: SignedIn) -> UserOut:
    return UserOut(**asdict(current.user))


@router.get("/workbench")
def work(current: SignedIn, app: PortalDep) -> dict[str, Any]:
    """Today's work for the signed-in user: deadlines missed, due today and within 7 days
    (days left, `urgency` red/amber/green), the sweep's new alerts, limitation within 90 days
    on cases with no lawyer (staff), missed instalments, seizures expiring within 60 days."""
    covered = app.calendar.covered_years
    with app.uow(read_only=True) as uow:
        return workbench(
            uow,
            user=current.user,
            as_of=app.today(),
            grace_days=app.enforcement_policy.instalment_grace_days,
            covered_years=covered,
        )


@router.get("/cases")
def cases(
    current: SignedIn,
    app: PortalDep,
    filters: Annotated[CaseListQuery, Query()],
) -> CaseList:
    """The cases you may see (a lawyer: those assigned to them), next deadline first: `q`
    finds an account, a 案号 (or part of it), a holder's full name or the last four of the ID;
    filter by stage, lawyer, unassigned, court, next deadline within N days or overdue; sort
    by any column."""
    covered = app.calendar.covered_years
    with app.uow(read_only=True) as uow:
        page = visible_cases(
            uow,
            user=current.user,
            as_of=app.today(),
            covered_years=covered,
            limit=filters.limit,
            offset=filters.offset,
            filters=filters.as_filter(),
        )
    return CaseList.model_validate(page)


@router.post("/cases/assign", responses={403: {}, 422: {}})
def assign_many(body: BulkAssign, current: CsrfChecked, app: PortalDep) -> BulkAssignOut:
    """Assign many cases to one lawyer (or to none) at once (legal staff)."""
    done = actions.assign_many(app, current.user, case_ids=body.case_ids, lawyer=body.lawyer)
    return BulkAssignOut(assigned=done, lawyer=body.lawyer)


@router.get("/cases/{case_id}", responses=NOT_FOUND)
def case(case_id: Id, current: SignedIn, app: PortalDep) -> CaseOut:
    """A case with its timeline (events, deadlines, decisions, seizures, auctions, proceeds)
    and its documents."""
    with app.uow(read_only=True) as uow:
        return CaseOut.model_validate(
            case_page(
                uow,
                user=current.user,
                case_id=case_id,
                as_of=app.today(),
                tz=app.tz,
                rules=app.ledger_rules,
                covered_years=app.calendar.covered_years,
            )
        )


@router.get(
    "/documents/{document_id}",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {m: {} for m in actions.MEDIA_TYPES.values()}}},
)
def document(document_id: Id, current: SignedIn, app: PortalDep) -> Response:
    """The document's bytes (checked against its stored SHA-256); the download is audited."""
    with app.uow() as uow:
        row, data, name = download_document(
            uow, app.store, user=current.user, document_id=document_id, now=app.now()
        )
    return actions.attachment(data, filename=name, media_type=actions.MEDIA_TYPES[row.format])


@router.get(
    "/cases/{case_id}/package",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {"application/zip": {}}}},
)
def package(case_id: Id, current: SignedIn, app: PortalDep) -> Response:
    """The current filing package as a zip with manifest.json; the download is audited."""
    with app.uow() as uow:
        account, data = download_package(
            uow, app.store, user=current.user, case_id=case_id, now=app.now(), tz=app.tz
        )
    return actions.attachment(data, filename=f"{account}.zip", media_type="application/zip")


@router.put("/cases/{case_id}/lawyer", responses={**NOT_FOUND, 403: {}})
def lawyer(case_id: Id, body: AssignRequest, current: CsrfChecked, app: PortalDep) -> AssignOut:
    """Assign the case to a lawyer, or to none (legal staff)."""
    return AssignOut(lawyer=actions.assign(app, current.user, case_id=case_id, lawyer=body.lawyer))


@router.get("/lawyers", responses={403: {}})
def lawyer_list(current: SignedIn, app: PortalDep) -> list[UserOut]:
    require(current.user, Permission.ASSIGN_LAWYERS)
    with app.uow(read_only=True) as uow:
        return [UserOut(**asdict(u)) for u in lawyers(uow)]


@router.get("/flows", responses={403: {}})
def flows(request: Request, current: SignedIn) -> list[FlowStartOut]:
    """The portal's recent flow starts (the Prefect UI has every run)."""
    require(current.user, Permission.START_FLOWS)
    return [_start_out(s) for s in request.app.state.flows.followed()]


@router.post("/flows/{name}", status_code=202, responses={403: {}, 409: {"description": "Running"}})
def start(
    name: Annotated[str, Path(pattern="^(review|generate|sweep)$")],
    request: Request,
    background: BackgroundTasks,
    current: CsrfChecked,
    app: PortalDep,
    body: FlowStartRequest | None = None,
) -> FlowStartOut:
    """Start the review, generate or sweep flow (legal staff); it runs after the answer."""
    as_of = body.as_of if body else None
    started = actions.start_flow(
        app, request.app.state.flows, background, current.user, name=name, as_of=as_of
    )
    return _start_out(started)


def _start_out(start: FlowStart) -> FlowStartOut:
    """A start as scripts read it: why it or a case failed in English, as every JSON error."""
    english = translator(ENGLISH)
    why = {"error": start.error_in(english), "failures": start.failures_in(english)}
    return FlowStartOut(**asdict(start) | why)
