"""Content-addressed document files: the name is the SHA-256 of the bytes.

A file is written to a temporary name in the same folder, flushed to disk and renamed, so a
crash leaves either the whole file under its final name or nothing there (a stray temporary
file at most, never read). Rows point at files only after the file is in place.
"""

import hashlib
import os
import tempfile
from pathlib import Path


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
            dir=final.parent, prefix=".partial-", suffix=f".{extension}"
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

    def get(self, digest: str, extension: str) -> bytes:
        return self.path(digest, extension).read_bytes()

    def matches(self, digest: str, extension: str) -> bool:
        """Is the stored file there and still the bytes it was stored as?"""
        path = self.path(digest, extension)
        return path.is_file() and sha256(path.read_bytes()) == digest
