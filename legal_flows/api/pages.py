"""Server-rendered pages: sign-in, cases, a case, the review queue, flows and users."""

import secrets
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Query, Request
from fastapi import Path as FastApiPath
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile as StarletteUpload

from legal_flows.api import actions
from legal_flows.api.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CsrfRejected,
    FormChecked,
    PortalDep,
    SignedIn,
    check_form_text,
    client_address,
)
from legal_flows.api.flows import TITLES as FLOW_TITLES
from legal_flows.api.json_api import Id, set_session_cookie
from legal_flows.api.language import translator_for
from legal_flows.domain.access import Permission, may
from legal_flows.domain.court import CourtEvent
from legal_flows.domain.four_eyes import may_ask_for_charges, overruling
from legal_flows.i18n.reasons import reason_text
from legal_flows.services.cases.queries import review_queue
from legal_flows.services.errors import InputError
from legal_flows.services.portal.papers import upload_paper as upload_court_paper
from legal_flows.services.portal.users import (
    Current,
    Refused,
    lawyers,
)
from legal_flows.services.portal.users import sign_out as end_session
from legal_flows.services.portal.views import case_page, require
from legal_flows.services.portal.workbench import workbench
from legal_flows.services.review.proposals import pending

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["reason_text"] = reason_text  # a review reason in the reader's language
NOTICES = {
    "decided": "Decision recorded.",
    "assigned": "Lawyer assignment saved.",
    "started": "Flow started: it runs in the background; reload to follow it.",
    "user_added": "User added.",
    "answered": "Proposal answered.",
    "proposed": "Proposed: another legal-staff user approves or declines it on the reviews "
    "page; nothing changes until then.",
    "bulk_assigned": "Lawyer assignment saved.",
    "event_recorded": "Court event recorded; deadlines recomputed.",
    "paper_uploaded": "The court's paper is stored.",
    "holder_corrected": "Particulars saved: the case is reviewed again.",
    "user_changed": "User changed.",
    "password_changed": "Password changed.",
}


def render(
    request: Request,
    name: str,
    current: Current | None,
    status: int = 200,
    **values: Any,
) -> HTMLResponse:
    t = translator_for(request)
    context = {
        "t": t,
        "_": t,
        "user": current.user if current else None,
        "csrf": current.csrf if current else "",
        "may": (lambda p: may(current.user.role, Permission(p))) if current else (lambda p: False),
        "notice": NOTICES.get(request.query_params.get("notice", "")),
        **values,
    }
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str, **values: Any) -> HTMLResponse:
    """An error as a page, its message in the reader's language where the catalogue has it."""
    text = translator_for(request)(message, **values)
    return render(request, "error.html", None, status=status, status_code=status, message=text)


def back(url: str, notice: str) -> RedirectResponse:
    return RedirectResponse(f"{url}?notice={notice}", status_code=303)


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/") -> HTMLResponse:
    return _login_page(request, landing=safe_landing(next))


def safe_landing(path: str) -> str:
    """Where to go after signing in: a path on this site, never another host ("//x", "\\")."""
    if not path.startswith("/") or path.startswith(("//", "/\\")) or any(c < " " for c in path):
        return "/"
    return path


def _login_page(
    request: Request, message: str = "", status: int = 200, landing: str = "/"
) -> HTMLResponse:
    # Before a session exists, a cookie and a form field carrying the same random value show
    # the form was posted from this site (double-submit CSRF defence).
    token = secrets.token_urlsafe(32)
    values = {"login_csrf": token, "error": message, "landing": landing}
    response = render(request, "login.html", None, status=status, **values)
    secure = request.app.state.portal.settings.portal_secure_cookies
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login", secure=secure
    )
    return response


async def login_checked(request: Request) -> None:
    """Before the fields are validated: the form's token matches the sign-in cookie (a
    missing one is the same 403 as a wrong one), and no field has control characters."""
    form = await request.form()
    token, cookie = form.get("csrf_token"), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not isinstance(token, str) or not cookie or not secrets.compare_digest(cookie, token):
        raise CsrfRejected()
    check_form_text(form)


@router.post("/login", dependencies=[Depends(login_checked)])
def login(
    request: Request,
    app: PortalDep,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=200)],
    landing: Annotated[str, Form(alias="next", max_length=500)] = "/",
) -> Response:
    landing = safe_landing(landing)
    result = actions.sign_in_now(app, name=name, password=password, address=client_address(request))
    if isinstance(result, Refused):
        status = 429 if result.retry_after else 401
        page = _login_page(request, result.message, status, landing)
        if result.retry_after:
            page.headers["Retry-After"] = str(result.retry_after)
        return page
    response = RedirectResponse(landing, status_code=303)
    set_session_cookie(response, app, result.token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, current: FormChecked, app: PortalDep) -> Response:
    with app.uow() as uow:
        end_session(uow, token=request.cookies[SESSION_COOKIE], now=app.now())
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(request: Request, current: SignedIn, app: PortalDep) -> HTMLResponse:
    """The 工作台: what the signed-in user has to act on today."""
    covered = app.calendar.covered_years
    with app.uow(read_only=True) as uow:
        work = workbench(
            uow,
            user=current.user,
            as_of=app.today(),
            grace_days=app.enforcement_policy.instalment_grace_days,
            covered_years=covered,
        )
    return render(request, "home.html", current, work=work)


@router.get("/cases/{case_id}")
def case(request: Request, case_id: Id, current: SignedIn, app: PortalDep) -> HTMLResponse:
    with app.uow(read_only=True) as uow:
        detail = case_page(
            uow,
            user=current.user,
            case_id=case_id,
            as_of=app.today(),
            tz=app.tz,
            rules=app.ledger_rules,
            covered_years=app.calendar.covered_years,
        )
        staff = may(current.user.role, Permission.ASSIGN_LAWYERS)
        choices = [u.name for u in lawyers(uow)] if staff else []
    codes = [c.value for c in CourtEvent]
    unproven = may_ask_for_charges(r["code"] for r in detail["reasons"])
    return render(
        request,
        "case.html",
        current,
        case=detail,
        lawyers=choices,
        codes=codes,
        unproven_terms=unproven,
        overruling=overruling(detail["stage"]),
    )


@router.post("/cases/{case_id}/decision")
def decide(
    case_id: Id,
    current: FormChecked,
    app: PortalDep,
    decision: Annotated[str, Form(pattern="^(approve|reject)$")],
    reason: Annotated[str, Form(max_length=2000)],
    version: Annotated[int, Form(ge=1, le=2**31 - 1)],
    overrule: Annotated[bool, Form()] = False,
    allow_charges: Annotated[bool, Form()] = False,
) -> Response:
    """A decision on a case held for review; an overrule of the rules' decision, or leave to
    claim the charges, is a proposal for a second person (domain.four_eyes)."""
    done = actions.decide(
        app,
        current.user,
        case_id=case_id,
        approve=decision == "approve",
        reason=reason,
        expected_version=version,
        overrule=overrule,
        allow_charges=allow_charges,
    )
    return back(f"/cases/{case_id}", "proposed" if isinstance(done, dict) else "decided")


@router.post("/cases/{case_id}/events")
def court_event(
    case_id: Id,
    current: FormChecked,
    app: PortalDep,
    code: Annotated[str, Form(pattern=r"^[a-z_]{3,32}$")],
    on: Annotated[date, Form()],
    case_no: Annotated[str, Form(max_length=64)] = "",
    party: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """A lawyer (or staff) records what the court did, as `court record` does."""
    actions.record_event(
        app, current.user, case_id=case_id, code=code, on=on, case_no=case_no or None, party=party
    )
    return back(f"/cases/{case_id}", "event_recorded")


@router.post("/cases/{case_id}/papers")
async def upload_paper(
    request: Request, case_id: Id, current: FormChecked, app: PortalDep
) -> Response:
    """A court paper uploaded from the case page (PDF, PNG or JPEG)."""
    form = await request.form()
    upload, kind, on = form.get("file"), form.get("kind"), form.get("received_on")
    if not isinstance(upload, StarletteUpload) or not isinstance(kind, str):
        raise InputError("file: choose the court's paper to upload")
    try:
        received = date.fromisoformat(str(on))
    except ValueError:
        raise InputError("received_on: a date (YYYY-MM-DD)") from None
    data = await upload.read()
    with app.uow() as uow:
        upload_court_paper(
            uow,
            app.store,
            user=current.user,
            case_id=case_id,
            kind=kind,
            received_on=received,
            filename=upload.filename or "",
            data=data,
            now=app.now(),
        )
    return back(f"/cases/{case_id}", "paper_uploaded")


@router.post("/cases/{case_id}/holder")
def correct_holder(
    case_id: Id,
    current: FormChecked,
    app: PortalDep,
    phone: Annotated[str, Form(max_length=30)] = "",
    ethnicity: Annotated[str, Form(max_length=20)] = "",
    residence_address: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    changes = {"phone": phone, "ethnicity": ethnicity, "residence_address": residence_address}
    actions.correct_holder(
        app, current.user, case_id=case_id, changes={k: v for k, v in changes.items() if v}
    )
    return back(f"/cases/{case_id}", "holder_corrected")


@router.post("/cases/{case_id}/lawyer")
def assign(
    case_id: Id,
    current: FormChecked,
    app: PortalDep,
    lawyer: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    actions.assign(app, current.user, case_id=case_id, lawyer=lawyer or None)
    return back(f"/cases/{case_id}", "assigned")


@router.get("/reviews")
def reviews(request: Request, current: SignedIn, app: PortalDep) -> HTMLResponse:
    require(current.user, Permission.DECIDE_REVIEWS)
    with app.uow(read_only=True) as uow:
        queue, waiting = review_queue(uow), pending(uow)
    return render(request, "reviews.html", current, queue=queue, proposals=waiting)


@router.post("/proposals/{proposal_id}/{verdict}")
def answer_proposal(
    proposal_id: Id,
    verdict: Annotated[str, FastApiPath(pattern="^(approve|decline)$")],
    current: FormChecked,
    app: PortalDep,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    actions.answer_proposal(
        app, current.user, proposal_id=proposal_id, approve=verdict == "approve", reason=reason
    )
    return back("/reviews", "answered")


@router.get("/flows")
def flows(request: Request, current: SignedIn) -> HTMLResponse:
    require(current.user, Permission.START_FLOWS)
    t = translator_for(request)
    starts = [  # why a start or a case failed, in the reader's language
        asdict(s) | {"error": s.error_in(t), "failures": s.failures_in(t)}
        for s in request.app.state.flows.followed()
    ]
    return render(request, "flows.html", current, starts=starts, titles=FLOW_TITLES)


@router.post("/flows/{name}")
def start(
    name: str,
    request: Request,
    background: BackgroundTasks,
    current: FormChecked,
    app: PortalDep,
) -> Response:
    flows = request.app.state.flows
    actions.start_flow(app, flows, background, current.user, name=name, as_of=None)
    return back("/flows", "started")
