"""Who is asking: the session cookie, the CSRF token, and the errors that end a request."""

import secrets
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from legal_flows.bootstrap import Runtime
from legal_flows.services.errors import InputError
from legal_flows.services.portal.users import TOUCH_EVERY, Current, current_user, touch

SESSION_COOKIE = "lf_session"
LOGIN_CSRF_COOKIE = "lf_login_csrf"
CSRF_HEADER = "X-CSRF-Token"


class SignInNeeded(Exception):
    """No valid session: pages redirect to the sign-in form, the API answers 401."""


class CsrfRejected(Exception):
    """A state-changing request without the session's CSRF token (403)."""


def portal(request: Request) -> Runtime:
    app_portal: Runtime = request.app.state.portal
    return app_portal


def signed_in(request: Request, app: Annotated[Runtime, Depends(portal)]) -> Current:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise SignInNeeded()
    now, idle = app.now(), app.settings.portal_idle_minutes
    with app.uow(read_only=True) as uow:
        found = current_user(uow, token=token, now=now, idle_minutes=idle)
    if found is None:  # unknown, expired, idle too long, signed out, or the user disabled
        raise SignInNeeded()
    if found.seen_at is None or now - found.seen_at >= TOUCH_EVERY:
        with app.uow() as uow:
            touch(uow, token=token, now=now)
    request.state.user = found.user
    return found


def client_address(request: Request) -> str:
    """The client as the server reports it: behind the deploy/ proxy, uvicorn takes it from
    X-Forwarded-For of the trusted proxy addresses (LEGAL_FLOWS_PORTAL_TRUSTED_PROXIES)."""
    return request.client.host if request.client else ""


def check_csrf(current: Current, token: str | None) -> None:
    if not token or not secrets.compare_digest(token, current.csrf):
        raise CsrfRejected()


def api_csrf(
    current: Annotated[Current, Depends(signed_in)],
    token: Annotated[str | None, Header(alias=CSRF_HEADER)] = None,
) -> Current:
    """For the JSON API's writes: the token from sign-in, sent back in a header."""
    check_csrf(current, token)
    return current


# Below U+0020 only the line break is text; a textarea's CRLF counts as one (normalised by
# `text`), a bare CR or any other control character is refused.
_CONTROL = {chr(c) for c in range(0x20)} - {"\n"} | {"\x7f"}


def text(value: str) -> str:
    """A form field as stored: CRLF normalised to LF."""
    return value.replace("\r\n", "\n")


def check_form_text(form: Any) -> None:
    for name, value in form.multi_items():
        if isinstance(value, str) and _CONTROL & set(text(value)):
            raise InputError("{field}: control characters are not allowed", field=name)


async def form_checked(
    request: Request, current: Annotated[Current, Depends(signed_in)]
) -> Current:
    """For the pages' forms, before any field is validated: the session's CSRF token (a
    missing one is the same 403 as a wrong one), then no control characters in any field."""
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(current, token if isinstance(token, str) else None)
    check_form_text(form)
    return current


SignedIn = Annotated[Current, Depends(signed_in)]
FormChecked = Annotated[Current, Depends(form_checked)]
CsrfChecked = Annotated[Current, Depends(api_csrf)]
PortalDep = Annotated[Runtime, Depends(portal)]
