"""Who is asking: the session cookie, the CSRF token, and the errors that end a request."""

import secrets
from typing import Annotated

from fastapi import Depends, Header, Request

from legal_flows.bootstrap import Runtime
from legal_flows.services.portal.users import Current, current_user

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
    with app.uow(read_only=True) as uow:
        found = current_user(uow, token=token, now=app.now())
    if found is None:  # unknown, expired, signed out, or the user was disabled
        raise SignInNeeded()
    request.state.user = found.user
    return found


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


SignedIn = Annotated[Current, Depends(signed_in)]
CsrfChecked = Annotated[Current, Depends(api_csrf)]
PortalDep = Annotated[Runtime, Depends(portal)]
