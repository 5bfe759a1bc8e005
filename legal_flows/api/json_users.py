"""The JSON API's users and passwords: admins manage users, everyone their own password."""

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from legal_flows.api import actions
from legal_flows.api.auth import SESSION_COOKIE, CsrfChecked, PortalDep, SignedIn
from legal_flows.api.schemas import (
    ActiveRequest,
    OwnPasswordRequest,
    PasswordReset,
    UserCreate,
    UserOut,
    UserRowOut,
)
from legal_flows.domain.access import Permission
from legal_flows.services.portal.users import add_user, list_users
from legal_flows.services.portal.views import require
from legal_flows.store.audit import Actor

router = APIRouter(prefix="/api")


@router.get("/users", responses={403: {}})
def users(current: SignedIn, app: PortalDep) -> list[UserRowOut]:
    require(current.user, Permission.MANAGE_USERS)
    with app.uow(read_only=True) as uow:
        return [UserRowOut(**u) for u in list_users(uow)]


@router.post("/users", status_code=201, responses={403: {}, 422: {}})
def create_user(body: UserCreate, current: CsrfChecked, app: PortalDep) -> UserOut:
    require(current.user, Permission.MANAGE_USERS)
    with app.uow() as uow:
        user = add_user(
            uow,
            name=body.name,
            role=body.role,
            password=body.password,
            actor=Actor(current.user.name),
            now=app.now(),
        )
    return UserOut(**asdict(user))


UserName = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f/]+$")]


@router.post("/me/password", status_code=204, responses={422: {}})
def own_password(
    body: OwnPasswordRequest, request: Request, current: CsrfChecked, app: PortalDep
) -> Response:
    """Change your own password (the current one first); your other sessions end."""
    actions.change_password(
        app,
        current.user,
        current=body.current,
        new=body.new,
        token=request.cookies[SESSION_COOKIE],
    )
    return Response(status_code=204)


@router.put("/users/{name}/active", status_code=204, responses={403: {}, 422: {}})
def user_active(
    name: UserName, body: ActiveRequest, current: CsrfChecked, app: PortalDep
) -> Response:
    """Disable (their sessions end) or enable a user (admin)."""
    actions.set_user_active(app, current.user, name=name, active=body.active)
    return Response(status_code=204)


@router.put("/users/{name}/password", status_code=204, responses={403: {}, 422: {}})
def user_password(
    name: UserName, body: PasswordReset, current: CsrfChecked, app: PortalDep
) -> Response:
    """Set a user's password (admin); their sessions end."""
    actions.reset_password(app, current.user, name=name, password=body.password)
    return Response(status_code=204)
