"""A person settles which court hears a case the rules could not place (JUR-01)."""

from datetime import datetime

from legal_flows.domain.stages import REQUEUE_TO, is_filed, path_to_review
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.errors import ConflictError, InputError
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.uow import UnitOfWork


def set_court(
    uow: UnitOfWork, *, account_id: str, court: str, actor: Actor, now: datetime
) -> dict[str, str | None]:
    """Set the court that hears the case; it wins over every rule of choice. A decided case
    not yet filed is reviewed again (its decision and documents assumed the old court); a
    filed one keeps the court it was filed in."""
    court = court.strip()
    if not court.endswith("法院"):
        raise InputError(
            "{court!r} is not a court's name (it ends in 法院, e.g. 永嘉县人民法院)", court=court
        )
    case = the_case(uow, account_id=account_id, lock=True)
    if is_filed(case.stage):
        if case.court:
            raise ConflictError(
                "case {account} was filed ({stage}) in {court}: "
                "the court can no longer be changed here",
                account=case.account_id,
                stage=case.stage,
                court=case.court,
            )
        raise ConflictError(
            "case {account} was filed ({stage}) in its court: "
            "the court can no longer be changed here",
            account=case.account_id,
            stage=case.stage,
        )
    if court == case.court:
        # The court it already has: nothing to review again, nothing to record.
        return {"account_id": case.account_id, "court": court, "stage": case.stage}
    change: dict[str, list[str | None]] = {"court": [case.court, court]}
    uow.cases.update(case.id, now=now, court=court)
    if path_to_review(case.stage):
        change["stage"] = [case.stage, REQUEUE_TO.value]
        uow.cases.requeue([case.id], now=now)
    uow.audit.append(actor, [AuditEntry("case.court_set", "case", case.account_id, change)], at=now)
    return {
        "account_id": case.account_id,
        "court": court,
        "stage": change.get("stage", [case.stage])[-1],
    }
