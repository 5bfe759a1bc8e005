"""The portal application: routers, security headers, and errors translated once, here."""

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.types import ASGIApp

from legal_flows.api import (
    json_api,
    json_review,
    json_users,
    pages,
    pages_cases,
    pages_users,
)
from legal_flows.api.auth import CsrfRejected, SignInNeeded
from legal_flows.api.flows import FlowStarter
from legal_flows.api.language import translator_for
from legal_flows.api.limits import BodyLimit
from legal_flows.bootstrap import Runtime
from legal_flows.documents.errors import DocumentError
from legal_flows.domain.errors import DomainError
from legal_flows.i18n import said
from legal_flows.services.errors import (
    CaseNotFound,
    ConflictError,
    Forbidden,
    InputError,
    NotVisible,
    ServiceError,
)
from legal_flows.services.portal.views import record_refusal
from legal_flows.settings import Settings, load_settings

STATIC = Path(__file__).parent / "static"
# Pages load only our own stylesheet; nothing may frame them (clickjacking) or post elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",  # case data and documents stay out of shared caches
}


class SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        super().__init__(app)
        self.headers = dict(SECURITY_HEADERS)
        if https:
            self.headers["Strict-Transport-Security"] = "max-age=31536000"

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    yield
    stop_prefect_servers()


def stop_prefect_servers() -> None:
    """Stop the temporary Prefect server a portal-started flow brought up (no PREFECT_API_URL),
    so stopping the portal leaves no server process behind. Prefect registers the same stop
    at interpreter exit, which a signal-stopped worker process can skip. A portal that never
    started one never imported Prefect's server: importing it only to find none took seconds
    (10 s and more on a busy machine) of every stop."""
    module = sys.modules.get("prefect.server.api.server")
    if module is None:
        return
    for server in list(module.SubprocessASGIServer._instances.values()):
        server.stop()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(
        lifespan=lifespan,
        title="legal_flows portal",
        summary="Cases, documents and reviews for the bank's lawyers and legal staff.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the hosted Swagger UI loads scripts from a CDN our CSP forbids
        redoc_url=None,
    )
    app.state.portal = Runtime(settings)
    app.state.flows = FlowStarter(settings)
    app.add_middleware(
        BodyLimit,
        limit=settings.portal_max_body_bytes,
        upload_limit=settings.portal_max_upload_bytes,
    )
    app.add_middleware(SecurityHeaders, https=settings.portal_secure_cookies)
    app.include_router(json_api.router)
    app.include_router(json_review.router)
    app.include_router(json_users.router)
    app.include_router(pages_cases.router)
    app.include_router(pages.router)
    app.include_router(pages_users.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    return app


def _api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _answer(request: Request, status: int, message: str | Exception) -> Response:
    """JSON for scripts (English: they read codes and statuses), a page in the reader's
    language for people."""
    if _api(request):
        return JSONResponse({"detail": str(message)}, status_code=status)
    if isinstance(message, Exception):
        return pages.error_page(request, status, said(translator_for(request), message))
    return pages.error_page(request, status, message)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        # Where and why, never what was sent (FastAPI's default echoes the input: a
        # password typed one character too long came back in the answer).
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        if _api(request):
            return JSONResponse({"detail": errors}, status_code=422)
        fields = ", ".join(sorted({str(e["loc"][-1]) for e in errors}))
        return pages.error_page(
            request, 422, "check these fields and try again: {fields}", fields=fields
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _answer(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(SignInNeeded)
    async def sign_in_needed(request: Request, _exc: Exception) -> Response:
        if _api(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        # Back to the page asked for once signed in (a path on this site only).
        wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        target = "/login" if wanted in ("/", "/login") else f"/login?next={quote(wanted)}"
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(CsrfRejected)
    async def csrf(request: Request, _exc: Exception) -> Response:
        return _answer(request, 403, "missing or wrong CSRF token: reload the page")

    @app.exception_handler(NotVisible)
    def not_visible(request: Request, exc: Exception) -> Response:
        # Absent and not-yours look the same to the asker; the bank sees the attempt.
        portal: Runtime = request.app.state.portal
        with portal.uow() as uow:
            record_refusal(
                uow, user=request.state.user, what=str(exc), path=request.url.path, now=portal.now()
            )
        return _answer(request, 404, "not found")

    statuses: list[tuple[type[Exception], int]] = [
        (CaseNotFound, 404),
        (Forbidden, 403),
        (ConflictError, 409),
        (DomainError, 409),
        (InputError, 422),
        (DocumentError, 422),
        (ServiceError, 400),
    ]
    for kind, status in statuses:

        async def handler(request: Request, exc: Exception, status: int = status) -> Response:
            return _answer(request, status, exc)

        app.exception_handler(kind)(handler)

    @app.exception_handler(SQLAlchemyError)
    async def database(request: Request, exc: Exception) -> Response:
        # The engine hides statement parameters; say only what kind of failure it was.
        if isinstance(exc, IntegrityError):
            return _answer(request, 409, "a conflicting change was saved first: reload")
        return _answer(request, 503, "the database is unavailable: try again shortly")
