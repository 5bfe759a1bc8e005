"""The process's LibreOffice converters: started when a run's first chunk needs a PDF, shared
by the chunks the process runs, stopped when the last run that uses them ends (the portal runs
flows in its own process, so none is left running there). Tasks on a Dask worker run outside
the flow's process: there the pool lasts as long as the worker and stops when it exits."""

import atexit
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from legal_flows.documents.pdf_pool import ConverterPool
from legal_flows.settings import Settings

_lock = threading.Lock()
_pool: ConverterPool | None = None
_runs = 0


def converters(settings: Settings) -> ConverterPool:
    """The process's pool, made on first use (a missing LibreOffice is a DocumentError)."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ConverterPool(
                settings.home / "libreoffice",
                settings.pdf_converters,
                settings.pdf_timeout_seconds,
            )
        return _pool


@contextmanager
def pdf_run() -> Iterator[None]:
    """A run that makes PDFs: when the last one in the process ends, the converters stop."""
    global _runs, _pool
    with _lock:
        _runs += 1
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            pool, last = _pool, _runs == 0
            if last:
                _pool = None
        if last and pool is not None:
            pool.close()


@atexit.register
def _stop_at_exit() -> None:
    if _pool is not None:
        _pool.close()
