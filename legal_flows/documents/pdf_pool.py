"""A pool of persistent LibreOffice converters, one per core by default, shared by the chunks
a process runs; each batch is spread over the converters that are free.

How many LibreOffice processes run at once across workers is still a Prefect global
concurrency limit: the caller hands in `slot`, entered once for each converter a batch uses.
"""

import contextvars
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.pdf import Converter, check_libreoffice

# A document LibreOffice takes longer than this on is taken to hang it: measured here, the
# heaviest paper (a seven-page complaint) takes ~0.3 s, and a first start a few seconds.
DOCUMENT_TIMEOUT_SECONDS = 120.0

Slot = Callable[[], AbstractContextManager[object]]


class ConverterPool:
    """Up to `size` converters, started when first needed and kept until `close`."""

    def __init__(
        self, root: Path, size: int = 0, timeout: float = DOCUMENT_TIMEOUT_SECONDS
    ) -> None:
        check_libreoffice()  # what to install is said before any document waits on it
        self.root = root
        self.size = size if size > 0 else (os.cpu_count() or 1)
        self.timeout = timeout
        self._idle: list[Converter] = []
        self._all: list[Converter] = []
        self._free = threading.Condition()

    @property
    def starts(self) -> int:
        """LibreOffice starts so far: one per converter, and one per restart."""
        return sum(c.starts for c in self._all)

    def started(self) -> list[Converter]:
        """The converters started so far (each may have restarted its LibreOffice since)."""
        return list(self._all)

    @contextmanager
    def _borrowed(self) -> Iterator[Converter]:
        with self._free:
            while not self._idle and len(self._all) >= self.size:
                self._free.wait()
            if self._idle:
                converter = self._idle.pop()
            else:
                self.root.mkdir(parents=True, exist_ok=True)
                converter = Converter(self.root)
                self._all.append(converter)
        try:
            yield converter
        finally:
            with self._free:
                self._idle.append(converter)
                self._free.notify()

    def convert_each(
        self, documents: dict[str, bytes], slot: Slot = nullcontext
    ) -> tuple[dict[str, bytes], dict[str, DocumentError]]:
        """{name: docx bytes} -> ({name: pdf bytes}, {name: why not}). Every document that can
        be made is; each that cannot (LibreOffice fails on it, hangs on it, or will not start)
        is returned with its error, and nothing partial is returned."""
        waiting = deque(sorted(documents))
        made: dict[str, bytes] = {}
        failed: dict[str, DocumentError] = {}
        lock = threading.Lock()
        trouble: list[Exception] = []

        def next_name() -> str | None:
            with lock:
                return waiting.popleft() if waiting else None

        def lane() -> None:
            try:
                with self._borrowed() as converter, slot():
                    while (name := next_name()) is not None:
                        try:
                            pdf = converter.convert(documents[name], self.timeout)
                        except DocumentError as exc:
                            with lock:
                                failed[name] = exc
                        except Exception as exc:  # a bug here must not lose a document
                            with lock:
                                failed[name] = DocumentError(
                                    "LibreOffice could not convert it: {detail}",
                                    detail=f"{type(exc).__name__}: {exc}",
                                )
                        else:
                            with lock:
                                made[name] = pdf
            except (DocumentError, OSError) as exc:  # no converter: its documents wait
                with lock:
                    trouble.append(exc)

        # Each lane runs in a copy of the caller's context: `slot` may need what the caller's
        # context holds (Prefect's API client settings live in context variables).
        lanes = [
            threading.Thread(target=contextvars.copy_context().run, args=(lane,))
            for _ in range(min(self.size, len(documents)))
        ]
        for thread in lanes:
            thread.start()
        for thread in lanes:
            thread.join()
        for name in waiting:  # left when no converter could start
            why = trouble[0] if trouble else None
            failed[name] = (
                why
                if isinstance(why, DocumentError)
                else DocumentError("LibreOffice did not start: {detail}", detail=str(why))
            )
        return made, failed

    def close(self) -> None:
        """Let every LibreOffice quit; one that does not is killed."""
        with self._free:
            converters, self._all, self._idle = self._all, [], []
        for converter in converters:
            converter.close()
