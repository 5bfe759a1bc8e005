"""What every task needs: the runtime built from settings inside the task (tasks take ids,
not objects), the flow's actor with its run id, and the task's moment."""

from dataclasses import dataclass
from datetime import datetime

from legal_flows.bootstrap import Runtime, runtime
from legal_flows.flows.runtime import current_flow_run_id
from legal_flows.store.audit import Actor


@dataclass(frozen=True)
class TaskContext:
    rt: Runtime
    actor: Actor
    now: datetime


def task_context(flow_name: str) -> TaskContext:
    rt = runtime()
    return TaskContext(rt, Actor(f"flow:{flow_name}", current_flow_run_id()), rt.now())
