"""Legal staff start the review, generation and sweep flows from the portal.

With a Prefect server configured (PREFECT_API_URL), a start is a run of the flow's deployment,
picked up by `legal-flows serve` or a work pool's worker (api/deployments.py); otherwise the
flow runs in this process after the response is sent (Prefect records it like a CLI run).
The page lists the portal's recent starts; the Prefect UI holds the full record.
"""

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from legal_flows.domain.errors import Told
from legal_flows.i18n import Translator, said, said_failure
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
    told: Told | None = None  # why the start failed, as a template and values (_failed)
    # Each case the run could not finish: its account (or case id), why in English, and why
    # as a template and values, said in the reader's language (failures_in).
    failures: list[dict[str, Any]] = field(default_factory=list)
    flow_run_id: str | None = None  # a run of the flow's deployment (a Prefect server is set)
    link: str | None = None  # that run in the Prefect UI

    def error_in(self, t: Translator) -> str | None:
        return said(t, self.told) if self.told else None

    def failures_in(self, t: Translator) -> list[str]:
        return [_failure(f, t) for f in self.failures]


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
        self._count = 0

    def claim(self, name: str, *, user: str, now: datetime, as_of: date) -> FlowStart:
        if name not in _RUNNERS:
            known = ", ".join(_RUNNERS)
            raise InputError("unknown flow {name!r}; one of: {known}", name=name, known=known)
        with self._lock:
            if any(s.name == name and s.state in ("running", "scheduled") for s in self.starts):
                raise ConflictError("the {name} flow is already running", name=name)
            self._count += 1  # numbered since the portal started (the list keeps the last 20)
            start = FlowStart(self._count, name, user, now, as_of)
            self.starts.appendleft(start)
        return start

    def followed(self) -> list[FlowStart]:
        """The recent starts, those run by a deployment read again from the Prefect server."""
        from legal_flows.api import deployments

        starts = list(self.starts)
        with contextlib.suppress(Exception):  # the server is away: the last state it had
            deployments.refresh(starts)
        return starts

    def run(self, start: FlowStart) -> None:
        """The flow itself; called after the response, so the page does not wait for it.
        With a Prefect server configured, a run of its deployment instead (api/deployments)."""
        from legal_flows.api import deployments
        from legal_flows.flows.runtime import fast_flow_runs

        try:
            if deployments.configured() and deployments.start(start, self.settings):
                return
        except Exception as exc:  # the page shows it: the server is away
            _failed(start, exc)
            return

        try:
            with fast_flow_runs():
                result = _RUNNERS[start.name](self.settings, start.as_of)
        except Exception as exc:  # the page shows it; Prefect has the traceback
            _failed(start, exc)
            return
        start.summary = {k: v for k, v in result.items() if isinstance(v, int | str)}
        failed = result.get("failed") or []
        start.summary["failed"] = len(failed)
        start.failures = list(failed[:50])
        start.state = "completed" if not failed else "completed with failures"


def _failure(failed: Any, t: Translator) -> str:
    """A failed case as the page names it: its account and the first line of why, said in
    the department's language when the failure came with its template and values."""
    if isinstance(failed, dict):
        case = failed.get("case_id")
        account = failed.get("account_id") or (t("case {case}", case=case) if case else "?")
        why = said_failure(t, failed)
        return t("{account}: {why}", account=account, why=why.splitlines()[0] if why else "")[:300]
    return str(failed)[:300]


def _failed(start: FlowStart, exc: BaseException) -> None:
    """A start that failed: why as a told error (the page says it in the reader's language,
    the JSON API in English); an error of ours keeps its template and values."""
    start.state = "failed"
    if isinstance(exc, Told):
        start.told = _plain(exc)
    else:  # the server away, a fault in the flow: Prefect's log has the traceback
        why = (str(exc).splitlines() or [""])[0][:300]
        start.told = Told("the flow failed: {error}", error=f"{type(exc).__name__}: {why}")


def _plain(error: Told) -> Told:
    """The error as a plain Told: no traceback (and its frames) kept alive, and copied by
    dataclasses.asdict (a subclass with its own __init__ is not rebuilt from its args)."""
    values = {
        k: _plain(v) if isinstance(v, Told) else str(v) if isinstance(v, BaseException) else v
        for k, v in error.values.items()
    }
    return Told(error.template, **values)
