"""A timer put around a function of ours, for the benches that say where a run's time goes."""

import functools
import time
from collections.abc import Callable
from typing import Any


def time_calls(owner: Any, name: str, label: str, totals: dict[str, float]) -> None:
    """Replace `owner.name` with the same function adding its time to `totals[label]`."""
    inner: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(inner)
    def timer(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start

    setattr(owner, name, timer)
