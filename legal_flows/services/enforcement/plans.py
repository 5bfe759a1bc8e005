"""Instalment plans: recorded from a schedule file, followed against the money received, and
the next step prepared once when an instalment is missed."""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from legal_flows.documents.compiled import Templates
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import CITATIONS, DeadlineKind, Source
from legal_flows.domain.errors import Told
from legal_flows.domain.instrument import Instalment
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.money import ZERO
from legal_flows.domain.plans import (
    InstalmentState,
    PlanKind,
    PlanProblem,
    first_missed,
    instalment_states,
    remaining,
    resume_by,
    schedule_from,
)
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.enforcement.documents import (
    generate_enforcement_application,
    generate_resumption_application,
)
from legal_flows.services.errors import InputError, choice
from legal_flows.services.imports.tabular import read_table
from legal_flows.services.imports.toml import read_toml
from legal_flows.store.audit import Actor
from legal_flows.store.deadlines import DeadlineIn
from legal_flows.store.uow import UnitOfWork


def read_schedule(path: Path) -> tuple[Instalment, ...]:
    """A schedule file: CSV or XLSX with `due, amount` columns, or TOML `[[instalments]]`
    tables; refused naming the file, the instalment and the field."""
    if path.suffix.lower() == ".toml":
        rows = read_toml(path, "schedule").get("instalments") or []
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError(
                "{file}: [[instalments]] tables of due and amount expected", file=path.name
            )
    else:
        sheet = read_table(path)
        missing = [c for c in ("due", "amount") if c not in sheet.columns]
        if missing:
            raise InputError(
                "{file}: missing column(s) {columns}", file=path.name, columns=", ".join(missing)
            )
        rows = [values for _, values in sheet.rows]
    try:
        return schedule_from(rows)
    except PlanProblem as exc:
        raise InputError("{file}: {problem}", file=path.name, problem=exc) from None


def record_plan(
    uow: UnitOfWork,
    *,
    account_id: str,
    kind: str,
    schedule: tuple[Instalment, ...],
    agreed_on: date,
    accelerates: bool,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
) -> dict[str, Any]:
    """A plan the case now follows (a later one replaces it). A settlement interrupts the two
    years to apply: they run again from its last instalment (解释 §466), as a deadline."""
    plan_kind = choice(PlanKind, kind, Told("plan kind"))
    case_id = case_id_of(uow, account_id)
    plan_id = uow.enforcement.add_plan(
        case_id=case_id,
        kind=plan_kind.value,
        agreed_on=agreed_on,
        accelerates=accelerates,
        schedule=[{"due": i.due.isoformat(), "amount": str(i.amount)} for i in schedule],
        recorded_by=actor.name,
        created_at=now,
    )
    rows = resume_rows(plan_id, plan_kind, schedule, calendar)
    uow.deadlines.replace(
        case_id, rows, kinds=[DeadlineKind.RESUME_ENFORCEMENT.value], source=(Source.PLAN, plan_id)
    )
    payload = {"plan": plan_id, "kind": plan_kind.value, "instalments": len(schedule)}
    uow.audit.append_for_case(
        actor, case_id=case_id, action="plan.recorded", payload=payload, at=now
    )
    return {
        "account_id": account_id,
        "plan_id": plan_id,
        "kind": plan_kind.value,
        "instalments": len(schedule),
        "total": str(sum((i.amount for i in schedule), ZERO)),
    }


def resume_rows(
    plan_id: int, kind: PlanKind, schedule: Sequence[Instalment], calendar: WorkCalendar
) -> list[DeadlineIn]:
    """A settlement's deadline to resume enforcement, two years from its last instalment
    (解释 §466); a mediation plan sets none."""
    if kind != PlanKind.SETTLEMENT:
        return []
    resume = DeadlineKind.RESUME_ENFORCEMENT
    rolled = calendar.rollover(resume_by(schedule))
    return [
        DeadlineIn(
            kind=resume.value,
            due_on=rolled.due_on,
            citation=CITATIONS[resume],
            source=Source.PLAN,
            source_id=plan_id,
            note=rolled.note,
        )
    ]


def plan_detail(
    uow: UnitOfWork, *, account_id: str, as_of: date, grace_days: int
) -> dict[str, Any]:
    """`plan show --json`: each instalment with what was paid of it and its status."""
    case_id = case_id_of(uow, account_id)
    plan = uow.enforcement.plan_of(case_id)
    if plan is None:
        raise InputError(
            "case {account_id} has no instalment plan (plan record)", account_id=account_id
        )
    states = _states(uow, plan, as_of, grace_days)
    missed = first_missed(states)
    return {
        "account_id": account_id,
        "plan_id": plan.id,
        "kind": plan.kind,
        "agreed_on": plan.agreed_on.isoformat(),
        "accelerates": plan.accelerates,
        "as_of": as_of.isoformat(),
        "instalments": [
            {
                "seq": s.seq,
                "due": s.due.isoformat(),
                "amount": str(s.amount),
                "paid": str(s.paid),
                "status": s.status,
            }
            for s in states
        ],
        "unpaid": str(remaining(states)),
        "missed": None if missed is None else missed.seq,
        "next_step": None if missed is None else PlanKind(plan.kind).next_step,
    }


def _states(uow: UnitOfWork, plan: Any, as_of: date, grace_days: int) -> list[InstalmentState]:
    """Money received on or after the day the plan was agreed pays it, earliest first."""
    schedule = schedule_from(plan.schedule)
    paid = sum(
        (
            r.amount
            for r in uow.enforcement.proceeds_of(plan.case_id)
            if plan.agreed_on <= r.received_on <= as_of
        ),
        Decimal(0),
    )
    return instalment_states(schedule, paid=paid, as_of=as_of, grace_days=grace_days)


def missed_instalments(
    uow: UnitOfWork, *, as_of: date, grace_days: int, cases: Collection[int] | None = None
) -> list[tuple[Any, InstalmentState]]:
    """Every case's plan (or only those of `cases`) with its first missed instalment (the
    sweep alerts each once)."""
    out = []
    for plan in uow.enforcement.plans():
        if cases is not None and plan.case_id not in cases:
            continue
        missed = first_missed(_states(uow, plan, as_of, grace_days))
        if missed is not None:
            out.append((plan, missed))
    return out


def prepare_next_steps(
    uow: UnitOfWork,
    *,
    as_of: date,
    grace_days: int,
    store: DocumentStore,
    templates: Templates,
    actor: Actor,
    now: datetime,
    rules: LedgerRules,
) -> int:
    """For each missed instalment not yet acted on, the next step's document, once: the
    强制执行申请书 for a mediation (the ledger's whole balance where it accelerates), the
    恢复执行申请书 for a settlement (执行和解规定 §9)."""
    made = 0
    for plan, missed in missed_instalments(uow, as_of=as_of, grace_days=grace_days):
        if plan.breach_prepared == missed.seq:
            continue
        case = uow.cases.find(id=plan.case_id)
        assert case is not None  # a plan's case is a foreign key
        if plan.kind == PlanKind.MEDIATION:
            # Without acceleration only what fell due is enforced; with it, the whole rest.
            due = (
                ()
                if plan.accelerates
                else tuple(
                    (s.seq, s.due, s.unpaid)
                    for s in _states(uow, plan, as_of, grace_days)
                    if s.unpaid > 0 and s.due < as_of
                )
            )
            generate_enforcement_application(
                uow,
                account_id=case.account_id,
                as_of=as_of,
                store=store,
                templates=templates,
                actor=actor,
                now=now,
                rules=rules,
                due_instalments=due,
            )
        else:
            states = _states(uow, plan, as_of, grace_days)
            generate_resumption_application(
                uow,
                account_id=case.account_id,
                plan=plan,
                missed=missed,
                plan_unpaid=remaining(states),
                as_of=as_of,
                store=store,
                templates=templates,
                actor=actor,
                now=now,
                rules=rules,
            )
        uow.enforcement.update_plan(plan.id, breach_prepared=missed.seq)
        made += 1
    return made
