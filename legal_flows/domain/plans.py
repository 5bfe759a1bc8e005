"""Instalment plans: a mediation paid by instalments, or a settlement during enforcement
(执行和解), the money received matched to them, and what a missed instalment leads to.

民诉法 §250 and 解释 §466: the two years to apply run from the last instalment's due date, and a
settlement interrupts them: they run again from the last day of the settlement's period.
执行和解规定 (2018) §9: when the debtor does not perform a settlement, the creditor may apply to
resume enforcement of the original instrument (恢复执行). A mediation not performed is enforced
as any instrument; where it accelerates (one missed instalment makes the rest due) the whole
remainder is asked for.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from legal_flows.domain.dates import add_years
from legal_flows.domain.errors import DomainError
from legal_flows.domain.instrument import Instalment
from legal_flows.domain.money import ZERO, to_cents

GRACE_DAYS = 15  # bank policy: days after a due date before an instalment counts as missed
RESUME_YEARS = 2  # 民诉法 §250; 解释 §466: from the settlement period's last day
RESUME_CITATION = "民诉法 (2023) §250; 民诉法解释 (2022) §466; 执行和解规定 (2018) §9"
MEDIATION_CITATION = "民诉法 (2023) §§247, 250"


class PlanKind(StrEnum):
    MEDIATION = "mediation"  # 民事调解书 with instalments
    SETTLEMENT = "enforcement_settlement"  # 执行和解协议

    @property
    def next_step(self) -> str:
        """The document a missed instalment prepares (a domain.filing.DocumentKind value)."""
        return "enforcement_application" if self == PlanKind.MEDIATION else "resumption_application"

    @property
    def citation(self) -> str:
        """Why that step: a mediation is enforced as any instrument (民诉法 §§247, 250); a
        settlement's original instrument is resumed (执行和解规定 §9; 解释 §466)."""
        return MEDIATION_CITATION if self == PlanKind.MEDIATION else RESUME_CITATION


class PlanProblem(DomainError, ValueError):
    """A schedule that cannot be read; the message names the row and the field (told, so
    the service wrapping it with the file's name says it in the reader's language)."""


@dataclass(frozen=True)
class InstalmentState:
    seq: int  # 1 = the first instalment
    due: date
    amount: Decimal
    paid: Decimal
    status: str  # paid | part_paid | open | missed

    @property
    def unpaid(self) -> Decimal:
        return self.amount - self.paid


def schedule_from(rows: Sequence[dict[str, Any]]) -> tuple[Instalment, ...]:
    """`due, amount` rows, checked: each a date and a positive amount, due dates rising."""
    if not rows:
        raise PlanProblem("the schedule has no instalments")
    out: list[Instalment] = []
    for n, row in enumerate(rows, start=1):
        raw_due, raw_amount = row.get("due"), row.get("amount")
        try:
            due = raw_due if isinstance(raw_due, date) else date.fromisoformat(str(raw_due))
        except ValueError:
            raise PlanProblem(
                "instalment {n}: due = {due!r} is not a date", n=n, due=raw_due
            ) from None
        try:
            amount = Decimal(str(raw_amount).replace(",", ""))
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite() or amount <= 0 or amount != to_cents(amount):
            raise PlanProblem(
                "instalment {n}: amount = {amount!r} is not an amount", n=n, amount=raw_amount
            )
        if out and due <= out[-1].due:
            raise PlanProblem(
                "instalment {n}: due {due} is not after {previous}",
                n=n,
                due=due,
                previous=out[-1].due,
            )
        out.append(Instalment(due, amount))
    return tuple(out)


def instalment_states(
    schedule: Sequence[Instalment], *, paid: Decimal, as_of: date, grace_days: int = GRACE_DAYS
) -> list[InstalmentState]:
    """Money received since the plan pays the instalments earliest first; one unpaid (in
    part or whole) more than `grace_days` after its due date is missed."""
    left, out = paid, []
    for seq, i in enumerate(schedule, start=1):
        part = min(left, i.amount)
        left -= part
        if part == i.amount:
            status = "paid"
        elif as_of > i.due + timedelta(days=grace_days):
            status = "missed"
        else:
            status = "part_paid" if part > 0 else "open"
        out.append(InstalmentState(seq, i.due, i.amount, part, status))
    return out


def first_missed(states: Sequence[InstalmentState]) -> InstalmentState | None:
    return next((s for s in states if s.status == "missed"), None)


def resume_by(schedule: Sequence[Instalment]) -> date:
    """解释 §466: a settlement's interruption ends on its period's last day; two years from it."""
    return add_years(schedule[-1].due, RESUME_YEARS)


def remaining(states: Sequence[InstalmentState]) -> Decimal:
    return sum((s.unpaid for s in states), ZERO)
