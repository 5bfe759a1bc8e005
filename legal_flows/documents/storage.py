"""Content-addressed document files: the name is the SHA-256 of the bytes.

A file is written to a temporary name in the same folder and renamed, so a crash leaves
either the whole file under its final name or nothing there (a stray temporary file at most,
never read). The file and its name are on disk before the rows that point at it commit: each
file is flushed with its folder, or a batch of them with one flush of the file system.
"""

import ctypes
import ctypes.util
import hashlib
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def _load_syncfs() -> Callable[[int], int] | None:
    """syncfs(2): everything written to one file system, on disk in one call (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


_SYNCFS = _load_syncfs()


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries (a rename is durable once its folder is)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DocumentStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._unsynced: set[Path] | None = None  # files of a batch not yet flushed
        self._folders: set[Path] = set()  # made already: no mkdir per file

    def path(self, digest: str, extension: str) -> Path:
        return self.root / digest[:2] / f"{digest}.{extension}"

    def put(self, data: bytes, extension: str) -> str:
        """Store the bytes once; returns their SHA-256. On disk when this returns, or, within
        `batch()`, when the batch ends."""
        digest = sha256(data)
        final = self.path(digest, extension)
        # A file already there is kept only if it still holds these bytes: one a crash or
        # a disk error spoiled is written again.
        if final.is_file() and sha256(final.read_bytes()) == digest:
            return digest
        if final.parent not in self._folders:
            final.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(final.parent)
        fd, temporary = self._temporary(final.parent, digest, extension)
        try:
            try:  # straight to the descriptor: a buffered file object around it was a fifth
                view = memoryview(data)  # of a store's write
                while view:
                    view = view[os.write(fd, view) :]
                if self._unsynced is None:
                    os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, final)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        if self._unsynced is None:
            _fsync(final.parent)
        else:
            self._unsynced.add(final)
        return digest

    @staticmethod
    def _temporary(folder: Path, digest: str, extension: str) -> tuple[int, str]:
        """A new temporary file, named after this process and thread and the bytes it will
        hold (no random name to draw: mkstemp's was a fifth of a store's write); one that
        exists already (a reused pid's leftover) makes it fall back to mkstemp."""
        prefix = f"{PARTIAL}{_HOST}-{os.getpid()}-"
        name = folder / f"{prefix}{threading.get_ident():x}{digest[:16]}.{extension}"
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(name)
        except FileNotFoundError:  # its folder was removed since this store made it
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass
        return tempfile.mkstemp(dir=folder, prefix=prefix, suffix=f".{extension}")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Files put inside are flushed together when the block ends, before the caller
        commits the rows that name them: one flush of the file system for a chunk of
        hundreds of documents, where a flush per file made two writers queue on the disk.
        A block that raises flushes nothing (its rows do not commit either)."""
        if self._unsynced is not None:  # already in a batch: that one flushes
            yield
            return
        self._unsynced = set()
        try:
            yield
            self._flush(self._unsynced)
        finally:
            self._unsynced = None

    def _flush(self, files: set[Path]) -> None:
        if not files:
            return
        if _SYNCFS is not None:
            fd = os.open(self.root, os.O_RDONLY)
            try:
                if _SYNCFS(fd) != 0:
                    errno = ctypes.get_errno()
                    raise OSError(errno, os.strerror(errno), str(self.root))
            finally:
                os.close(fd)
            return
        for path in files:
            _fsync(path)
        for folder in {path.parent for path in files}:
            _fsync(folder)

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
