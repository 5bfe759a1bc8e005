"""What every task needs: the runtime built from settings inside the task (tasks take ids,
not objects), the flow's actor with its run id, and the task's moment."""

from dataclasses import dataclass
from datetime import date, datetime

from legal_flows.bootstrap import Runtime, runtime
from legal_flows.flows.runtime import current_flow_run_id
from legal_flows.store.audit import Actor, AuditEntry


@dataclass(frozen=True)
class TaskContext:
    rt: Runtime
    actor: Actor
    now: datetime


def task_context(flow_name: str) -> TaskContext:
    rt = runtime()
    return TaskContext(rt, Actor(f"flow:{flow_name}", current_flow_run_id()), rt.now())


def audit_other_day(rt: Runtime, flow_name: str, as_of: date, *, preview: bool = False) -> None:
    """A run as of a day other than today (operators and scripts backdate on purpose) is in
    the audit trail with the day it used, so nobody mistakes its decisions for today's."""
    today = rt.today()
    if as_of == today:
        return
    payload = {"as_of": as_of.isoformat(), "today": today.isoformat(), "preview": preview}
    entry = AuditEntry("flow.as_of_other_day", "flow", flow_name, payload)
    with rt.uow() as uow:
        uow.audit.append(Actor(f"flow:{flow_name}", current_flow_run_id()), [entry], at=rt.now())
