"""One persistent LibreOffice converter: started once, a document at a time, killed and
started again when it hangs or dies.

LibreOffice is driven over UNO by `uno_bridge.py`, run by the Python its bridge is built for
(python3-uno: the system Python, not this venv's). The converter and its LibreOffice are one
process group, so a hung one is killed whole. Measured here (bench/pdf.py): a complaint costs
LibreOffice ~0.2-0.3 s and a start ~1.5 s, so a converter that stays up saves the start, and a
per-document timeout finds a document that hangs without waiting out a whole batch.
"""

import contextlib
import ctypes.util
import json
import os
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from functools import cache
from itertools import count
from pathlib import Path
from typing import Any

from legal_flows.documents.errors import DocumentError
from legal_flows.documents.unbreakable import keep_tokens_whole

__all__ = ["Converter", "check_libreoffice", "keep_tokens_whole"]

BRIDGE = Path(__file__).with_name("uno_bridge.py")
UNO_PYTHON = "/usr/bin/python3"  # Debian's python3-uno is built for the system Python
START_SECONDS = 90  # a first start with a new profile; the bridge itself gives up after 60
# LibreOffice's time goes a quarter to malloc with glibc's allocator; with jemalloc a complaint
# took 0.22 s instead of 0.35 s (measured here, LibreOffice 7.4, 40 complaints in one run).
# Used when installed (Debian: libjemalloc2); the PDFs are LibreOffice's own either way.
FAST_ALLOCATOR = "jemalloc"
# TECH-NOTES §6: without an alias LibreOffice falls back to a CJK *sans* for 宋体/仿宋.
SERIF = "Noto Serif CJK SC"
WORD_SERIF_FONTS = ("宋体", "仿宋", "仿宋_GB2312", "SimSun", "FangSong", "STSong", "STFangsong")

_numbers = count()


@cache
def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise DocumentError(
            "PDF needs LibreOffice: `soffice` is not on PATH "
            "(Debian: apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
        )
    return found


@cache
def _uno_python() -> str:
    probe = subprocess.run(
        [UNO_PYTHON, "-c", "import uno"], capture_output=True, check=False, timeout=60
    )
    if probe.returncode:
        raise DocumentError(
            "PDF needs LibreOffice's Python bridge: {python} cannot import uno "
            "(Debian: apt-get install python3-uno)",
            python=UNO_PYTHON,
        )
    return UNO_PYTHON


@cache
def fast_allocator() -> str:
    """jemalloc's library name when installed, else "" (looking it up runs ldconfig: once)."""
    return ctypes.util.find_library(FAST_ALLOCATOR) or ""


def check_libreoffice() -> None:
    """Raise a DocumentError saying what to install when PDF copies cannot be made here."""
    _soffice()
    _uno_python()


def _font_aliases(folder: Path) -> Path:
    """Court fonts by the names Word uses (宋体, 仿宋) map to a CJK serif that is installed."""
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family>'
        f"<prefer><family>{SERIF}</family></prefer></alias>"
        for name in WORD_SERIF_FONTS
    )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"{aliases}</fontconfig>",
        encoding="utf-8",
    )
    return path


class Converter:
    """One LibreOffice with its bridge, its own profile and its own files. Not for two
    threads at once: the pool lends each converter to one thread."""

    def __init__(self, profile_root: Path) -> None:
        self.soffice, self.python = _soffice(), _uno_python()
        number = next(_numbers)
        # Two LibreOffice processes on one profile serialise or fail silently (TECH-NOTES §6).
        self.profile = profile_root / f"libreoffice-{os.getpid()}-{number}"
        self.pipe = f"legal-flows-{os.getpid()}-{number}"
        self.starts = 0
        self.office_pid: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._work = Path(tempfile.mkdtemp(prefix="lf-pdf-"))
        self._buffer = b""

    def convert(self, docx: bytes, timeout: float) -> bytes:
        """The PDF of one .docx. A LibreOffice that dies under it is started again and the
        document tried once more; one that takes longer than `timeout` is killed (the next
        document starts a new one) and this document is not made."""
        source, target = self._work / "document.docx", self._work / "document.pdf"
        try:
            source.write_bytes(keep_tokens_whole(docx))
        except zipfile.BadZipFile:
            raise DocumentError(
                "LibreOffice could not convert it: {detail}", detail="not a .docx file"
            ) from None
        target.unlink(missing_ok=True)
        answer = self._attempt(source, target, timeout)
        if answer.get("lost"):  # its LibreOffice died under it: once more, on a new one
            self.kill()
            answer = self._attempt(source, target, timeout)
            if answer.get("lost"):
                self.kill()
                raise DocumentError(
                    "LibreOffice stopped while converting it: {detail}", detail=answer["error"]
                )
        if not answer.get("ok"):
            raise DocumentError(
                "LibreOffice could not convert it: {detail}", detail=answer["error"]
            )
        return target.read_bytes()

    def _attempt(self, source: Path, target: Path, timeout: float) -> dict[str, Any]:
        """The bridge's answer for one conversion; past `timeout` its LibreOffice is killed."""
        self._ensure_started()
        answer = self._ask({"source": str(source), "target": str(target)}, timeout)
        if answer is None:
            self.kill()
            raise DocumentError("LibreOffice did not finish in {seconds} s", seconds=timeout)
        return answer

    def _ensure_started(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        self.kill()
        home = self._work / "home"
        home.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "HOME": str(home),  # LibreOffice insists on a writable HOME
            "FONTCONFIG_FILE": str(_font_aliases(self._work)),
            "LEGAL_FLOWS_SOFFICE_PRELOAD": fast_allocator(),
        }
        profile = self.profile.resolve().as_uri()
        self._process = subprocess.Popen(
            [self.python, str(BRIDGE), self.soffice, profile, self.pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # its own process group: killed whole, LibreOffice too
        )
        self._buffer = b""
        self.starts += 1
        hello = self._answer(START_SECONDS)
        if hello is None or not hello.get("ready"):
            self.kill()
            detail = "no answer" if hello is None else hello.get("error", "no answer")
            raise DocumentError("LibreOffice did not start: {detail}", detail=detail)
        self.office_pid = int(hello["pid"])

    def _ask(self, request: dict[str, str], timeout: float) -> dict[str, Any] | None:
        assert self._process is not None
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request).encode() + b"\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            return {"error": "the converter had stopped", "lost": True}
        return self._answer(timeout)

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        """The bridge's next line; None when it did not come in time, a `lost` error when the
        bridge ended."""
        assert self._process is not None
        assert self._process.stdout is not None
        stream = self._process.stdout
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            deadline = time.monotonic() + timeout
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return None
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    return {"error": "the converter stopped", "lost": True}
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        answer: dict[str, Any] = json.loads(line)
        return answer

    def kill(self) -> None:
        """Kill the bridge and its LibreOffice at once (a hung one does not answer a quit)."""
        process, office = self._process, self.office_pid
        self._process, self.office_pid = None, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        _close_pipes(process)
        if office is not None:
            _wait_ended(office)

    def close(self) -> None:
        """Let LibreOffice quit (the bridge tells it to when its input closes), else kill it."""
        process = self._process
        if process is not None and process.poll() is None and process.stdin is not None:
            try:
                process.stdin.close()
                process.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()
        shutil.rmtree(self._work, ignore_errors=True)
        # The next process names its own profile (by its pid): this one would only pile up.
        shutil.rmtree(self.profile, ignore_errors=True)


def _close_pipes(process: subprocess.Popen[bytes]) -> None:
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def process_running(pid: int) -> bool:
    """Whether a process runs: a zombie does not (it died and awaits its parent), nor one
    already gone. Linux's /proc; elsewhere nothing can be told, so False. (The UNO bridge
    has its own copy: it runs under the system Python and imports nothing of ours.)"""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_ended(pid: int, seconds: float = 5.0) -> None:
    """Until a killed LibreOffice has ended: SIGKILL arrives when the kernel gets to it, and
    one still dying on its profile would trouble the next one started on the same profile."""
    deadline = time.monotonic() + seconds
    while process_running(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
