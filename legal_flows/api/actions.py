"""The portal's writes, shared by the HTML forms and the JSON API: one function each."""

import time
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from fastapi import BackgroundTasks
from fastapi.responses import Response

from legal_flows.api.flows import FlowStart, FlowStarter
from legal_flows.bootstrap import Runtime
from legal_flows.domain.access import Permission, User
from legal_flows.domain.four_eyes import ProposalKind, needs_second_person
from legal_flows.services.cases.corrections import correct_holder as fix_holder
from legal_flows.services.cases.lawyers import assign_lawyer
from legal_flows.services.court.events import Recorded, record_court_event
from legal_flows.services.errors import InputError
from legal_flows.services.portal.users import (
    Refused,
    SignedIn,
    change_own_password,
    set_active,
    set_password,
    sign_in,
    sign_in_delay,
)
from legal_flows.services.portal.views import require, visible_case
from legal_flows.services.review.manual import ManualDecision, decide_case
from legal_flows.services.review.proposals import Deciding, answer, propose
from legal_flows.store.audit import Actor, AuditEntry


def decide(
    app: Runtime,
    user: User,
    *,
    case_id: int,
    approve: bool,
    reason: str,
    expected_version: int | None,
    overrule: bool = False,
    allow_charges: bool = False,
) -> ManualDecision | dict[str, Any]:
    """The CLI's `review decide`, with the signed-in user as the named reviewer: the case is
    read once, locked, and checked as the user's to see. An overrule or leave to claim
    charges is a proposal for a second person (its summary is returned)."""
    require(user, Permission.DECIDE_REVIEWS)
    kind = needs_second_person(overrule=overrule, allow_charges=allow_charges)
    if kind is not None:
        with app.uow() as uow:
            return propose(
                uow,
                case_id=case_id,
                viewer=user,
                kind=kind,
                proposed_by=user.name,
                reason=reason.replace("\r\n", "\n"),
                now=app.now(),
                tz=app.tz,
                action={"approve": approve, "allow_charges": allow_charges},
            )
    with app.uow() as uow:
        return decide_case(
            uow,
            case_id=case_id,
            viewer=user,
            approve=approve,
            reviewer=user.name,
            reason=reason.replace("\r\n", "\n"),  # a textarea's line breaks, stored as LF
            as_of=app.today(),
            now=app.now(),
            policy=app.policy,
            calendar=app.calendar,
            tz=app.tz,
            expected_version=expected_version,
        )


def reopen(app: Runtime, user: User, *, case_id: int, reason: str) -> dict[str, Any]:
    require(user, Permission.DECIDE_REVIEWS)
    with app.uow() as uow:
        return propose(
            uow,
            case_id=case_id,
            viewer=user,
            kind=ProposalKind.REOPEN,
            proposed_by=user.name,
            reason=reason.replace("\r\n", "\n"),
            now=app.now(),
            tz=app.tz,
        )


def answer_proposal(
    app: Runtime, user: User, *, proposal_id: int, approve: bool, reason: str
) -> dict[str, Any]:
    """The signed-in user is the second person: never the proposer (domain.four_eyes)."""
    require(user, Permission.DECIDE_REVIEWS)
    deciding = Deciding(app.today(), app.policy, app.calendar, app.tz)
    with app.uow() as uow:
        return answer(
            uow,
            proposal_id=proposal_id,
            approve=approve,
            checker=user.name,
            reason=reason.replace("\r\n", "\n"),
            now=app.now(),
            deciding=deciding,
            viewer=user,
        )


def assign(app: Runtime, user: User, *, case_id: int, lawyer: str | None) -> str | None:
    require(user, Permission.ASSIGN_LAWYERS)
    with app.uow() as uow:
        case = visible_case(uow, user=user, case_id=case_id)
        return assign_lawyer(
            uow, case_id=case.id, lawyer=lawyer, actor=Actor(user.name), now=app.now()
        )


def assign_many(app: Runtime, user: User, *, case_ids: list[int], lawyer: str | None) -> int:
    """Many cases to one lawyer in one transaction: all of them, or none if one is refused."""
    require(user, Permission.ASSIGN_LAWYERS)
    with app.uow() as uow:
        for case_id in case_ids:
            case = visible_case(uow, user=user, case_id=case_id)
            assign_lawyer(
                uow, case_id=case.id, lawyer=lawyer, actor=Actor(user.name), now=app.now()
            )
    return len(case_ids)


def start_flow(
    app: Runtime,
    starter: FlowStarter,
    background: BackgroundTasks,
    user: User,
    *,
    name: str,
    as_of: date | None,
) -> FlowStart:
    require(user, Permission.START_FLOWS)
    day = app.today()
    if as_of is not None and as_of != day:
        # A review "as of 2099" would reject live cases as time-barred, a sweep would burn the
        # alert keys: backdating stays with the CLI's operators, and is audited there.
        raise InputError(
            "as_of: a flow started from the portal runs as of today ({today}); "
            "another day only from the command line (--as-of)",
            today=day,
        )
    start = starter.claim(name, user=user.name, now=app.now(), as_of=day)
    try:
        with app.uow() as uow:
            entry = AuditEntry("flow.started", "flow", name, {"as_of": day.isoformat()})
            uow.audit.append(Actor(user.name), [entry], at=app.now())
    except Exception:
        start.state = "failed"  # not started: free the slot for the next try
        raise
    background.add_task(starter.run, start)
    return start


def attachment(data: bytes, *, filename: str, media_type: str) -> Response:
    # RFC 6266: an ASCII fallback name and the UTF-8 one; no-store keeps copies off proxies.
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def set_user_active(app: Runtime, user: User, *, name: str, active: bool) -> None:
    """An admin disables or enables a user (never themselves: nobody locks the last door)."""
    require(user, Permission.MANAGE_USERS)
    if name == user.name and not active:
        raise InputError("you cannot disable yourself: ask another admin")
    with app.uow() as uow:
        set_active(uow, name=name, active=active, actor=Actor(user.name), now=app.now())


def reset_password(app: Runtime, user: User, *, name: str, password: str) -> None:
    """An admin sets a user's password (their sessions end)."""
    require(user, Permission.MANAGE_USERS)
    with app.uow() as uow:
        set_password(uow, name=name, password=password, actor=Actor(user.name), now=app.now())


def change_password(app: Runtime, user: User, *, current: str, new: str, token: str) -> None:
    with app.uow() as uow:
        change_own_password(uow, user=user, current=current, new=new, token=token, now=app.now())


def record_event(
    app: Runtime,
    user: User,
    *,
    case_id: int,
    code: str,
    on: date,
    case_no: str | None = None,
    party: str = "",
    detail: str = "",
    procedure: str | None = None,
    amount: Decimal | None = None,
) -> Recorded:
    """`court record` from the portal: the same service and checks, the user as recorder; a
    lawyer on the cases they hold."""
    require(user, Permission.RECORD_COURT_EVENTS)
    with app.uow() as uow:
        case = visible_case(uow, user=user, case_id=case_id)
        return record_court_event(
            uow,
            account_id=case.account_id,
            code=code,
            on=on,
            actor=Actor(user.name),
            now=app.now(),
            calendar=app.calendar,
            party=party,
            detail=detail,
            case_no=case_no,
            source="portal",
            procedure=procedure,
            amount=amount,
        )


def correct_holder(app: Runtime, user: User, *, case_id: int, changes: dict[str, str]) -> Any:
    """Staff complete the holder's particulars; the case is reviewed again."""
    require(user, Permission.DECIDE_REVIEWS)
    with app.uow() as uow:
        visible_case(uow, user=user, case_id=case_id)
        return fix_holder(
            uow, case_id=case_id, changes=changes, actor=Actor(user.name), now=app.now()
        )


def sign_in_now(app: Runtime, *, name: str, password: str, address: str) -> SignedIn | Refused:
    """The throttle's delay waited outside any transaction (a slowed guess holds no database
    connection or writer lock), then the sign-in in its own."""
    with app.uow(read_only=True) as uow:
        delay = sign_in_delay(uow, name=name, address=address, now=app.now())
    if delay:
        time.sleep(delay)
    with app.uow() as uow:
        return sign_in(
            uow,
            name=name,
            password=password,
            address=address,
            now=app.now(),
            hours=app.settings.portal_session_hours,
        )
