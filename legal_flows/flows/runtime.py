"""Prefect settings this project relies on, applied before Prefect is imported."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

# TECH-NOTES §3.2: the telemetry service is what locks the ephemeral server's SQLite at start.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# A cold first start creates and migrates Prefect's database: ~17 s measured, more on a busy box.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@contextmanager
def fast_flow_runs() -> Iterator[None]:
    """Switch off the flow heartbeat, whose thread join costs ~1 s per sync flow (TECH-NOTES §1).

    Our flows are short batch runs started from the CLI; the zombie detection heartbeats give
    is for long runs on workers, which keep the default.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def current_flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    run_id = flow_run.id
    return str(run_id) if run_id else None
