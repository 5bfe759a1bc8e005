"""The pages of users and passwords: admins manage users, everyone their own password."""

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from legal_flows.api import actions
from legal_flows.api.auth import SESSION_COOKIE, FormChecked, PortalDep, SignedIn
from legal_flows.api.pages import back, render
from legal_flows.domain.access import Permission
from legal_flows.services.portal.users import add_user, list_users
from legal_flows.services.portal.views import require
from legal_flows.store.audit import Actor

router = APIRouter(include_in_schema=False)
UserName = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f/]+$")]


@router.get("/users")
def users(request: Request, current: SignedIn, app: PortalDep) -> HTMLResponse:
    require(current.user, Permission.MANAGE_USERS)
    with app.uow(read_only=True) as uow:
        rows = list_users(uow)
    return render(request, "users.html", current, users=rows)


@router.post("/users")
def create_user(
    current: FormChecked,
    app: PortalDep,
    name: Annotated[str, Form(max_length=100)],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=200)],
) -> Response:
    require(current.user, Permission.MANAGE_USERS)
    with app.uow() as uow:
        add_user(
            uow,
            name=name,
            role=role,
            password=password,
            actor=Actor(current.user.name),
            now=app.now(),
        )
    return back("/users", "user_added")


@router.post("/users/{name}/active")
def user_active(
    name: UserName,
    current: FormChecked,
    app: PortalDep,
    active: Annotated[str, Form(pattern="^(true|false)$")],
) -> Response:
    actions.set_user_active(app, current.user, name=name, active=active == "true")
    return back("/users", "user_changed")


@router.post("/users/{name}/password")
def user_password(
    name: UserName,
    current: FormChecked,
    app: PortalDep,
    password: Annotated[str, Form(max_length=200)],
) -> Response:
    actions.reset_password(app, current.user, name=name, password=password)
    return back("/users", "user_changed")


@router.get("/password")
def password_form(request: Request, current: SignedIn) -> HTMLResponse:
    return render(request, "password.html", current)


@router.post("/password")
def change_password(
    request: Request,
    current: FormChecked,
    app: PortalDep,
    old: Annotated[str, Form(alias="current", max_length=200)],
    new: Annotated[str, Form(max_length=200)],
) -> Response:
    actions.change_password(
        app, current.user, current=old, new=new, token=request.cookies[SESSION_COOKIE]
    )
    return back("/password", "password_changed")
