"""Which lawyer follows a case in the portal."""

from datetime import datetime

from sqlalchemy import select

from legal_flows.domain.access import Role
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.errors import InputError
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables_portal import USER
from legal_flows.store.uow import UnitOfWork


def assign_lawyer(
    uow: UnitOfWork,
    *,
    actor: Actor,
    now: datetime,
    lawyer: str | None,
    account_id: str | None = None,
    case_id: int | None = None,
) -> str | None:
    """Give the case (by account or id) to a lawyer, or to none; only active lawyers may
    hold cases."""
    case = the_case(uow, account_id=account_id, case_id=case_id, lock=True)
    lawyer_id = None
    if lawyer:
        found = uow.session.execute(
            select(USER.c.id, USER.c.role, USER.c.active).where(USER.c.name == lawyer)
        ).first()
        if found is None or not found.active or found.role != Role.LAWYER.value:
            raise InputError("{lawyer!r} is not an active lawyer", lawyer=lawyer)
        lawyer_id = found.id
    before = uow.session.execute(select(USER.c.name).where(USER.c.id == case.lawyer_id)).scalar()
    uow.cases.update(case.id, now=now, lawyer_id=lawyer_id)
    payload = {"lawyer": [before, lawyer or None]}
    entry = AuditEntry("case.lawyer_assigned", "case", case.account_id, payload)
    uow.audit.append(actor, [entry], at=now)
    return lawyer or None
