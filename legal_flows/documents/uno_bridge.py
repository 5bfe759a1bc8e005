"""One persistent LibreOffice, driven over UNO: run by the Python LibreOffice's bridge is built
for (Debian's python3-uno is for /usr/bin/python3), never imported by legal_flows.

    /usr/bin/python3 uno_bridge.py SOFFICE PROFILE_URL PIPE_NAME

It starts soffice headless with its own profile, listening on a named pipe, and answers one
JSON line on stdout per JSON line on stdin:
    {"source": "/in/1.docx", "target": "/out/1.pdf"}  ->  {"ok": true} or {"error": "..."}
The first line it writes is {"ready": true, "pid": N} once LibreOffice answers. It exits when
stdin closes (LibreOffice is told to quit) or when LibreOffice dies ({"error": ..., "lost":
true} first). The caller (pdf_pool.Converter) times each answer and kills the whole process
group of a converter that hangs. Standard library and uno only: it runs outside the venv.
"""

import contextlib
import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]  # python3-uno, the system Python's
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]

START_SECONDS = 60  # LibreOffice's first start with a new profile takes a few seconds


def _props(**values: object) -> tuple[object, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _say(**message: object) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _start(soffice: str, profile: str, pipe: str) -> tuple[subprocess.Popen[bytes], object]:
    env = dict(os.environ)
    preload = env.pop("LEGAL_FLOWS_SOFFICE_PRELOAD", "")
    if preload:  # the allocator is LibreOffice's alone, not this Python's
        env["LD_PRELOAD"] = preload
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
    return office, desktop


def _office_pid(launcher: int) -> int:
    """LibreOffice's own process (soffice.bin), which the launcher (oosplash) starts from one
    of its threads and waits on: the process a hang or a kill is about."""
    children: list[str] = []
    try:
        for task in os.listdir(f"/proc/{launcher}/task"):
            with open(f"/proc/{launcher}/task/{task}/children") as listed:
                children += listed.read().split()
    except OSError:
        pass
    return int(children[0]) if children else launcher


def _running(pid: int) -> bool:
    """Whether the process runs (a zombie does not: it died and awaits its parent)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _answers(desktop: object) -> bool:
    """Whether LibreOffice still answers over the bridge (one cheap call)."""
    try:
        desktop.getFrames()  # type: ignore[attr-defined]
    except Exception:
        return False
    return True


def _gone(office: subprocess.Popen[bytes], pid: int, desktop: object) -> bool:
    """Whether a failed conversion was LibreOffice dying rather than the document. A killed
    soffice.bin closes the bridge's pipe a moment before it becomes a zombie, and the call
    in hand can fail with another error first ("illegal object given!", seen in CI): so
    the bridge is asked too, and after a short wait, asked again."""
    for wait in (0.0, 0.05):
        time.sleep(wait)
        if office.poll() is not None or not _running(pid) or not _answers(desktop):
            return True
    return False


def _convert(desktop: object, source: str, target: str) -> None:
    document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        uno.systemPathToFileUrl(source), "_blank", 0, _props(Hidden=True, ReadOnly=True)
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        partial = target + ".part"
        document.storeToURL(
            uno.systemPathToFileUrl(partial), _props(FilterName="writer_pdf_Export")
        )
        os.replace(partial, target)  # the caller sees a whole PDF or none
    finally:
        document.close(True)


def main() -> None:
    soffice, profile, pipe = sys.argv[1:4]
    try:
        office, desktop = _start(soffice, profile, pipe)
    except Exception as exc:
        _say(error=f"LibreOffice did not start: {exc}", lost=True)
        return
    pid = _office_pid(office.pid)
    _say(ready=True, pid=pid)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            _convert(desktop, request["source"], request["target"])
        except Exception as exc:
            # A disposed bridge is a LibreOffice gone, even while its process is still being
            # killed: no later call on it can succeed, so the converter starts a new one.
            lost = isinstance(exc, DisposedException) or _gone(office, pid, desktop)
            said = str(exc).strip()
            _say(error=said.splitlines()[0] if said else repr(exc), lost=lost)
            if lost:
                return
        else:
            _say(ok=True)
    with contextlib.suppress(Exception):  # it may be gone already
        desktop.terminate()  # type: ignore[attr-defined]
    try:
        office.wait(timeout=10)
    except subprocess.TimeoutExpired:
        office.kill()


if __name__ == "__main__":
    main()
