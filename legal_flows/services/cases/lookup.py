"""A case asked for by the bank's account id or by its id: found, or CaseNotFound."""

from typing import Any

from legal_flows.services.errors import CaseNotFound
from legal_flows.store.uow import UnitOfWork


def the_case(
    uow: UnitOfWork,
    *,
    account_id: str | None = None,
    case_id: int | None = None,
    lock: bool = False,
) -> Any:
    """The case row; `lock` holds it until the unit of work ends."""
    case = uow.cases.find(id=case_id, account_id=account_id, lock=lock)
    if case is None:
        raise CaseNotFound(str(account_id if account_id is not None else case_id))
    return case


def case_id_of(uow: UnitOfWork, account_id: str) -> int:
    found = uow.cases.id_of(account_id)
    if found is None:
        raise CaseNotFound(account_id)
    return found
