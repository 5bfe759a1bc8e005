"""Flow starts through Prefect's deployments, when the portal talks to a Prefect server.

With `PREFECT_API_URL` set, the portal does no flow work itself: it asks the server for a run
of the flow's deployment (`legal-flows serve` or a work pool's worker picks it up), links the
run in the Prefect UI, and reads its state and its failed cases (the flow's `failed-cases`
artifact) when the flows page is shown. Without a server, or when the server has no such
deployment (nothing served or deployed: a test harness, a half-done setup), the portal runs
the flow in-process (api/flows.py), as the ephemeral API has no workers (TECH-NOTES §2).
"""

import contextlib
import json
import logging
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from legal_flows.domain.errors import Told
from legal_flows.flows.deploy import FAILED_CASES_KEY, full_name
from legal_flows.settings import Settings

if TYPE_CHECKING:
    from prefect.client.schemas.objects import FlowRun

    from legal_flows.api.flows import FlowStart

# Prefect's state types, as the flows page names them (flow_state labels in the catalogue).
_STATES = {
    "SCHEDULED": "scheduled",
    "PENDING": "scheduled",
    "PAUSED": "scheduled",
    "RUNNING": "running",
    "CANCELLING": "running",
    "COMPLETED": "completed",
    "FAILED": "failed",
    "CRASHED": "failed",
    "CANCELLED": "cancelled",
}
FINAL = {"completed", "completed with failures", "failed", "cancelled"}
log = logging.getLogger(__name__)


def configured() -> bool:
    """A Prefect server is configured (not the ephemeral API the portal would start itself)."""
    from prefect.settings import PREFECT_API_URL

    return bool(PREFECT_API_URL.value())


def parameters(name: str, settings: Settings, as_of: date) -> dict[str, Any]:
    """The deployment's parameters for a portal start: today, and the configured lanes."""
    if name == "review":
        return {"as_of": as_of, "chunk_size": settings.chunk_size, "lanes": settings.task_workers}
    if name == "generate":
        return {"lanes": settings.task_workers}
    return {"as_of": as_of}


def start(start: "FlowStart", settings: Settings) -> bool:
    """Ask the server for a run of the flow's deployment, the page following it by its id;
    False when the server has no such deployment (nothing deployed or served: the portal then
    runs the flow itself, as without a server)."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import PREFECT_UI_URL

    name = full_name(start.name)
    try:
        with get_client(sync_client=True) as client:
            client.read_deployment_by_name(name)
    except ObjectNotFound:
        log.warning("no deployment %s on the Prefect server: running it in the portal", name)
        return False
    # Called from a worker thread (no event loop): run_deployment answers synchronously.
    run: FlowRun = run_deployment(  # type: ignore[assignment]
        name=name,
        parameters=parameters(start.name, settings, start.as_of),
        timeout=0,  # scheduled, not awaited: the worker runs it
        tags=["portal", f"started-by:{start.started_by}"],
    )
    start.flow_run_id = str(run.id)
    ui = PREFECT_UI_URL.value()
    start.link = f"{ui}/runs/flow-run/{run.id}" if ui else None
    start.state = "scheduled"
    return True


def refresh(starts: "list[FlowStart]") -> None:
    """Read from the server the state of each deployment run not yet final, and the failed
    cases of those that ended."""
    from prefect.client.orchestration import get_client

    pending = [s for s in starts if s.flow_run_id and s.state not in FINAL]
    if not pending:
        return
    with get_client(sync_client=True) as client:
        for s in pending:
            run = client.read_flow_run(UUID(s.flow_run_id))
            state = _STATES.get(run.state.type.value if run.state else "", "scheduled")
            if state == "completed":
                s.failures = _failed_cases(client, run.id)
                s.summary = {"failed": len(s.failures)}
                state = "completed with failures" if s.failures else "completed"
            elif state == "failed" and run.state is not None:
                message = (run.state.message or run.state.name or state)[:300]
                s.told = Told("the Prefect run failed: {message}", message=message)
            s.state = state


def _failed_cases(client: Any, run_id: UUID) -> list[dict[str, Any]]:
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    found = client.read_artifacts(
        artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]),
            key=ArtifactFilterKey(any_=[FAILED_CASES_KEY]),
        )
    )
    rows: list[dict[str, Any]] = []
    for artifact in found:
        data = artifact.data
        rows += json.loads(data) if isinstance(data, str) else list(data or [])
    for row in rows:  # the artifact's cells are flat: a told failure's values went as JSON
        with contextlib.suppress(TypeError, ValueError):
            row["values"] = json.loads(row.get("values") or "{}")
    return rows[:50]
