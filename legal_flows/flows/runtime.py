"""Prefect settings this project relies on, applied before Prefect is imported."""

import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

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


# The young generation's threshold during a batch run: its chunks make tens of thousands of
# short-lived rows, facts and decisions, each gone by reference count, never in a cycle.
BATCH_GC_THRESHOLD = (50_000, 20, 10)
_collector_lock = threading.Lock()
_collector_runs = 0
_collector_before: tuple[int, ...] = ()


@contextmanager
def batch_collector() -> Iterator[None]:
    """Python's cyclic garbage collector set for a batch run while it lasts.

    Each review chunk's rows, facts and decisions outlive the young generations, so they kept
    triggering full collections, and each full collection walked every object Prefect,
    SQLAlchemy and our modules made at start-up: 23 of 0.3 s in a 50,000-case review, 7 of its
    17 s. Frozen (gc.freeze), the objects there before the run are left out of those walks; a
    larger first threshold makes the young collections rarer. Measured on that review:
    17.1 s -> 11.3 s. The young generations are collected before the freeze, so the garbage
    a command has just made is not kept; a full collection there walked every object of
    start-up again, 0.15 s of each run (a generation run of 714 cases takes 4.7 s), for the
    rare cycle that outlived two collections, which now waits for the run's end. When the
    last run in the process ends (the portal runs flows in its own process), the objects are
    unfrozen and the thresholds are what they were.
    """
    global _collector_runs, _collector_before
    with _collector_lock:
        _collector_runs += 1
        if _collector_runs == 1:
            _collector_before = gc.get_threshold()
            gc.collect(1)
            gc.freeze()
            gc.set_threshold(*BATCH_GC_THRESHOLD)
    try:
        yield
    finally:
        with _collector_lock:
            _collector_runs -= 1
            if _collector_runs == 0:
                gc.unfreeze()
                gc.set_threshold(*_collector_before)


def current_flow_run_id() -> str | None:
    from prefect.runtime import flow_run

    run_id = flow_run.id
    return str(run_id) if run_id else None


def retry_on_lost_connection(_task: Any, _run: Any, state: Any) -> bool:
    """Prefect's retry condition for tasks that write: try again when the database connection
    was lost (the transaction rolled back whole); a bad case or a bug fails at once."""
    from legal_flows.store.db import connection_lost

    return connection_lost(state.result(raise_on_failure=False))


# The flows' `lanes` parameter decides how many chunks run at once; their thread pool only
# caps it (chunks mostly wait on the database, which serves several at once on PostgreSQL).
MAX_LANES = 8


def run_lanes(
    submit: Callable[[int], Any], lanes: int, next_after: Callable[[T], int | None]
) -> list[T]:
    """Run `lanes` chains of chunk tasks at once. `submit(after)` starts a task that claims
    the chunk past `after`; `next_after(result)` says where that lane goes on (None: nothing
    was left to claim, the lane ends). Each result is kept, in the order the chunks ended."""
    from prefect.futures import as_completed

    running = [submit(0) for _ in range(min(max(lanes, 1), MAX_LANES))]
    results: list[T] = []
    while running:
        finished = next(iter(as_completed(running)))
        running.remove(finished)
        part: T = finished.result()
        after = next_after(part)
        if after is not None:
            results.append(part)
            running.append(submit(after))
    return results


def generation_runner(settings: Any) -> Any:
    """The task runner for document generation chosen by configuration: a thread pool in the
    flow's process, or an existing Dask cluster (prefect-dask) for rendering at scale."""
    if settings.task_runner == "dask":
        if not settings.dask_address:
            raise ValueError("LEGAL_FLOWS_TASK_RUNNER=dask needs LEGAL_FLOWS_DASK_ADDRESS")
        from prefect_dask.task_runners import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=MAX_LANES)
