"""`legal-flows portal` (the web portal) and `legal-flows users add|list|passwd|disable|enable`."""

import sys
from typing import Annotated

import typer

from legal_flows.cli.common import (
    JsonFlag,
    Table,
    cli_translator,
    console,
    edge,
    fail,
    print_json,
    runtime,
    unit,
)
from legal_flows.domain.access import Role
from legal_flows.services.cases.lawyers import assign_lawyer
from legal_flows.services.portal.users import add_user, list_users, set_active, set_password
from legal_flows.store.audit import Actor

users_app = typer.Typer(help="Portal users: admin, legal_staff and lawyer.")
ACTOR = Actor("cli:users")
STDIN_HELP = "Read the password from the first line of standard input instead of prompting."


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    t = cli_translator()
    return str(
        typer.prompt(
            t("Password"),
            hide_input=True,
            confirmation_prompt=t("Repeat for confirmation"),
        )
    )


@users_app.command("add")
@edge
def add(
    name: Annotated[str, typer.Argument(help="The sign-in name, e.g. the lawyer's own name.")],
    role: Annotated[Role, typer.Option(help="What the user may do.")],
    password_stdin: Annotated[bool, typer.Option(help=STDIN_HELP)] = False,
) -> None:
    """Add a portal user (the password is stored as an argon2id hash)."""
    password = _password(password_stdin)
    with unit() as (rt, uow):
        user = add_user(
            uow, name=name, role=role.value, password=password, actor=ACTOR, now=rt.now()
        )
    t = cli_translator()
    line = t("user {name} added ({role})", name=user.name, role=t.label("role", user.role))
    console.print(line, markup=False)


@users_app.command("list")
@edge
def list_command(as_json: JsonFlag = False) -> None:
    """Every portal user with role and whether they may sign in."""
    with unit(read_only=True) as (_, uow):
        rows = list_users(uow)
    if as_json:
        print_json(rows)
        return
    t = cli_translator()
    table = Table(t("Name"), t("Role"), t("Active"), title=t("{count} user(s)", count=len(rows)))
    for r in rows:
        table.add_row(r["name"], t.label("role", r["role"]), t("yes") if r["active"] else t("no"))
    console.print(table)


@users_app.command("passwd")
@edge
def passwd(
    name: str, password_stdin: Annotated[bool, typer.Option(help=STDIN_HELP)] = False
) -> None:
    """Set a new password; the user's open sessions end."""
    password = _password(password_stdin)
    with unit() as (rt, uow):
        set_password(uow, name=name, password=password, actor=ACTOR, now=rt.now())
    t = cli_translator()
    console.print(t("password of {name} changed", name=name), markup=False)


def _set_active(name: str, *, active: bool) -> None:
    with unit() as (rt, uow):
        set_active(uow, name=name, active=active, actor=ACTOR, now=rt.now())
    t = cli_translator()
    line = t("{name} enabled", name=name) if active else t("{name} disabled", name=name)
    console.print(line, markup=False)


@users_app.command("disable")
@edge
def disable(name: str) -> None:
    """Stop a user from signing in (their open sessions end); the history keeps the name."""
    _set_active(name, active=False)


@users_app.command("enable")
@edge
def enable(name: str) -> None:
    """Let a disabled user sign in again."""
    _set_active(name, active=True)


@edge
def assign(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    lawyer: Annotated[str | None, typer.Option(help="The lawyer's user name; omit for none.")],
    by: Annotated[str, typer.Option(help="Your name, as it goes into the record.")] = "cli",
) -> None:
    """Assign a case to a lawyer, who then follows it in the portal."""
    with unit() as (rt, uow):
        assign_lawyer(uow, account_id=account_id, lawyer=lawyer, actor=Actor(by), now=rt.now())
    t = cli_translator()
    line = t("{account_id}: lawyer {lawyer}", account_id=account_id, lawyer=lawyer or t("none"))
    console.print(line, markup=False)


@edge
def portal(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (PostgreSQL only).")] = 1,
) -> None:
    """Serve the lawyer and legal-staff portal (pages at /, JSON API under /api)."""
    import uvicorn

    if workers > 1 and runtime().engine.dialect.name == "sqlite":
        fail("several portal processes need PostgreSQL (LEGAL_FLOWS_DATABASE_URL)")
    t = cli_translator()
    console.print(t("portal on http://{host}:{port}/ (Ctrl-C stops it)", host=host, port=port))
    uvicorn.run(
        "legal_flows.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        # The client address (the sign-in throttle's key) from X-Forwarded-For, only when
        # the request comes from one of these proxies.
        forwarded_allow_ips=runtime().settings.portal_trusted_proxies,
        server_header=False,
    )
