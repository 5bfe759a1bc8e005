"""Progress bars for flows: the flow runs in a worker thread; the bar polls the database."""

import contextvars
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from legal_flows.cli.common import errors

R = TypeVar("R")


def run_with_progress(
    label: str, work: Callable[[], R], *, total: int, done: Callable[[], int], quiet: bool
) -> R:
    """Run `work()` while a bar shows `done()` of `total`; re-raise whatever `work` raised."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the calling thread below
            outcome["error"] = exc

    # Prefect keeps its settings (API URL, test harness) in context variables: carry them over.
    context = contextvars.copy_context()
    thread = threading.Thread(
        target=context.run, args=(target,), name=f"legal-flows {label}", daemon=True
    )
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, disable=quiet, transient=False) as bar:
        task = bar.add_task(label, total=total or None)
        thread.start()
        while thread.is_alive():
            thread.join(timeout=0.5)
            if total:
                bar.update(task, completed=min(_safe(done), total))
        bar.update(task, completed=total)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def _safe(done: Callable[[], int]) -> int:
    try:
        return done()
    except Exception:  # a busy database must not kill the bar; the next poll catches up
        time.sleep(0.1)
        return 0
