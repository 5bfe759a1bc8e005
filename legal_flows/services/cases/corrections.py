"""Legal staff complete what the export left out — the holder's phone, 民族, addresses — and
the case is reviewed again on the completed data (what was decided on the old data, its
decision and documents, no longer holds)."""

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from legal_flows.domain.identity import mask_phone, mask_text
from legal_flows.domain.stages import REQUEUE_TO, is_filed, path_to_review
from legal_flows.services.cases.lookup import the_case
from legal_flows.services.errors import ConflictError, InputError
from legal_flows.services.imports.rows import PHONE
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import CASE, DEBTOR
from legal_flows.store.uow import UnitOfWork

FIELDS = ("phone", "ethnicity", "registered_address", "residence_address")
_LIMITS = {"phone": 30, "ethnicity": 20, "registered_address": 300, "residence_address": 300}


def correct_holder(
    uow: UnitOfWork,
    *,
    case_id: int,
    changes: dict[str, str],
    actor: Actor,
    now: datetime,
) -> dict[str, Any]:
    """The holder's missing or wrong particulars, each checked; the holder's cases back to
    review."""
    values = {k: v.strip() for k, v in changes.items() if k in FIELDS and v and v.strip()}
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise InputError("{field}: not a particular staff correct here", field=unknown[0])
    if not values:
        raise InputError("nothing to correct: give the phone, 民族 or an address")
    for field, value in values.items():
        if len(value) > _LIMITS[field]:
            raise InputError(
                "{field}: longer than {limit} characters", field=field, limit=_LIMITS[field]
            )
    if "phone" in values and not PHONE.fullmatch(values["phone"].replace(" ", "")):
        raise InputError("phone: not a phone number")
    case = the_case(uow, case_id=case_id, lock=True)
    # The particulars are the holder's, shared by every card of theirs in litigation: none of
    # those cases may be with a court, and each decided one is decided again.
    theirs = uow.session.execute(
        select(CASE.c.id, CASE.c.account_id, CASE.c.stage).where(CASE.c.debtor_id == case.debtor_id)
    ).all()
    for other in theirs:
        if is_filed(other.stage):
            raise ConflictError(
                "case {account} is {stage}: the court has its papers; correct them there",
                account=other.account_id,
                stage=other.stage,
            )
    uow.session.execute(update(DEBTOR).where(DEBTOR.c.id == case.debtor_id).values(**values))
    requeue = [o.id for o in theirs if path_to_review(o.stage)]
    uow.cases.requeue(requeue, now=now)
    for other in theirs:
        if other.id not in requeue:
            uow.cases.update(other.id, now=now)
    stage = REQUEUE_TO.value if case.id in requeue else case.stage
    shown = {k: mask_phone(v) if k == "phone" else mask_text(v) for k, v in values.items()}
    payload = {"corrected": shown, "stage": [case.stage, stage]}
    entry = AuditEntry("case.holder_corrected", "case", case.account_id, payload)
    uow.audit.append(actor, [entry], at=now)
    return {"account_id": case.account_id, "corrected": sorted(values), "stage": stage}
