"""Legal staff start the review, generation and sweep flows from the portal.

The flow runs in this process after the response is sent (Prefect records it like a CLI run);
the page lists the portal's recent starts, and the Prefect UI holds the full record. With
many machines, the same flows run from their deployments on workers (`prefect.yaml`).
"""

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from legal_flows.services.errors import ConflictError, InputError
from legal_flows.settings import Settings

TITLES = {
    "review": "Eligibility review of every case awaiting review",
    "generate": "Filing documents for every approved case",
    "sweep": "Daily sweep: deadlines, renewals, alerts and report",
}


@dataclass
class FlowStart:
    number: int
    name: str
    started_by: str
    started_at: datetime
    as_of: date
    state: str = "running"
    summary: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    failures: list[str] = field(default_factory=list)  # each failed case: account and why


def _review(settings: Settings, as_of: date) -> dict[str, Any]:
    from legal_flows.flows.eligibility import run_review

    return run_review(as_of=as_of, workers=settings.task_workers, chunk_size=settings.chunk_size)


def _generate(settings: Settings, _as_of: date) -> dict[str, Any]:
    from legal_flows.flows.documents import run_generation

    # Signed on the review date, as `legal-flows generate` does: a rerun changes nothing.
    return run_generation(settings)


def _sweep(_settings: Settings, as_of: date) -> dict[str, Any]:
    from legal_flows.flows.sweep import sweep_flow

    return sweep_flow(as_of=as_of)


_RUNNERS: dict[str, Callable[[Settings, date], dict[str, Any]]] = {
    "review": _review,
    "generate": _generate,
    "sweep": _sweep,
}


class FlowStarter:
    """Starts flows and remembers the last few starts (one running start per flow)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.starts: deque[FlowStart] = deque(maxlen=20)
        self._lock = threading.Lock()

    def claim(self, name: str, *, user: str, now: datetime, as_of: date) -> FlowStart:
        if name not in _RUNNERS:
            raise InputError(f"unknown flow {name!r}; one of: {', '.join(_RUNNERS)}")
        with self._lock:
            if any(s.name == name and s.state == "running" for s in self.starts):
                raise ConflictError(f"the {name} flow is already running")
            start = FlowStart(len(self.starts) + 1, name, user, now, as_of)
            self.starts.appendleft(start)
        return start

    def run(self, start: FlowStart) -> None:
        """The flow itself; called after the response, so the page does not wait for it."""
        from legal_flows.flows.runtime import fast_flow_runs

        try:
            with fast_flow_runs():
                result = _RUNNERS[start.name](self.settings, start.as_of)
        except Exception as exc:  # the page shows it; Prefect has the traceback
            start.state, start.error = "failed", str(exc).splitlines()[0][:300]
            return
        start.summary = {k: v for k, v in result.items() if isinstance(v, int | str)}
        failed = result.get("failed") or []
        start.summary["failed"] = len(failed)
        start.failures = [_failure(f) for f in failed[:50]]
        start.state = "completed" if not failed else "completed with failures"


def _failure(failed: Any) -> str:
    """A failed case as the page names it: its account and the first line of why."""
    if isinstance(failed, dict):
        case = failed.get("case_id")
        account = failed.get("account_id") or (f"case {case}" if case is not None else "?")
        why = str(failed.get("error") or failed.get("reason") or "")
        return f"{account}: {why.splitlines()[0] if why else ''}"[:300]
    return str(failed)[:300]
