"""Content-addressed document files: the name is the SHA-256 of the bytes.

A file is written to a temporary name in the same folder, flushed to disk and renamed, so a
crash leaves either the whole file under its final name or nothing there (a stray temporary
file at most, never read). Rows point at files only after the file is in place.
"""

import hashlib
import os
import socket
import tempfile
import time
from pathlib import Path

PARTIAL = ".partial-"
# Host names may hold "-": the name is split from the right, where pid and random part are.
_HOST = socket.gethostname().replace("/", "_")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DocumentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest: str, extension: str) -> Path:
        return self.root / digest[:2] / f"{digest}.{extension}"

    def put(self, data: bytes, extension: str) -> str:
        """Store the bytes once; returns their SHA-256."""
        digest = sha256(data)
        final = self.path(digest, extension)
        if final.is_file() and final.stat().st_size == len(data):
            return digest
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(
            dir=final.parent, prefix=f"{PARTIAL}{_HOST}-{os.getpid()}-", suffix=f".{extension}"
        )
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temporary, final)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return digest

    def partials(self) -> list[Path]:
        return sorted(self.root.glob(f"*/{PARTIAL}*")) if self.root.is_dir() else []

    def remove_stale_partials(self, *, older_than: float = 3600.0) -> int:
        """Delete what a killed writer left: temporary files of processes on this host that
        are gone, and any older than `older_than` seconds (a write takes milliseconds, so
        an hour-old one on a shared store belongs to a dead writer on another machine)."""
        removed = 0
        for path in self.partials():
            host, _, rest = path.name[len(PARTIAL) :].rpartition("-")[0].rpartition("-")
            pid = int(rest) if rest.isdigit() else None
            try:
                dead = host == _HOST and pid is not None and not _alive(pid)
                if dead or time.time() - path.stat().st_mtime > older_than:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # another cleaner or the writer itself got there first
                continue
        return removed

    def get(self, digest: str, extension: str) -> bytes:
        return self.path(digest, extension).read_bytes()

    def matches(self, digest: str, extension: str) -> bool:
        """Is the stored file there and still the bytes it was stored as?"""
        path = self.path(digest, extension)
        return path.is_file() and sha256(path.read_bytes()) == digest
