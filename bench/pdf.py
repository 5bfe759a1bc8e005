"""PDF copies: one `soffice --convert-to` run per chunk against a pool of persistent converters.

    python bench/pdf.py [N] [--chunk 10] [--converters 2] [--unoserver PATH]

Renders N complaints (default 120; the heaviest paper of a filing package) and converts the
same documents two ways, printing docs/s for each:
(a) what `generate --pdf` does now: one LibreOffice run per chunk of --chunk documents, with
    --converters runs at once, each with its own profile (legal_flows.documents.pdf);
(b) a pool of --converters persistent LibreOffice processes (unoserver, one per core), each
    document sent on its own, --converters at a time.
It also prints what one converter takes for a one-line document, the floor of (b).
(b) needs LibreOffice's Python bridge and unoserver for the system Python
(`apt-get install python3-uno`; `pip download unoserver` and unpack it, then --unoserver
FOLDER); without them it prints why and measures (a) only. Figures, not a test.
"""

import argparse
import io
import os
import socket
import subprocess
import tempfile
import time
import xmlrpc.client
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from documents import AS_OF, dossiers, production  # bench/documents.py, beside this one
from docx import Document

from legal_flows.documents.complaint import complaint_context
from legal_flows.documents.inputs import Options
from legal_flows.documents.pdf import PdfConverter, keep_tokens_whole

SYSTEM_PYTHON = "/usr/bin/python3"  # the Python LibreOffice's bridge (python3-uno) is built for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def per_chunk(docs: list[bytes], chunk: int, converters: int, work: Path) -> None:
    runs = [PdfConverter(work / f"chunk-{n}") for n in range(converters)]
    chunks = [
        {f"d{i}": docs[i] for i in range(k, min(k + chunk, len(docs)))}
        for k in range(0, len(docs), chunk)
    ]
    with ThreadPoolExecutor(converters) as pool:
        list(pool.map(lambda a: runs[a[0] % converters].convert(a[1]), enumerate(chunks)))


class Pool:
    """unoserver processes, one per converter, each with its own profile and ports."""

    def __init__(self, converters: int, unoserver: str | None, work: Path) -> None:
        env = dict(os.environ, HOME=str(work))
        if unoserver:
            env["PYTHONPATH"] = unoserver
        self.ports, self.processes = [], []
        for n in range(converters):
            port, uno = _free_port(), _free_port()
            command = [SYSTEM_PYTHON, "-m", "unoserver.server", "--quiet", "--port", str(port)]
            command += ["--uno-port", str(uno), "--user-installation", str(work / f"pool-{n}")]
            self.processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            )
            self.ports.append(port)
        deadline = time.monotonic() + 60
        for port in self.ports:
            while True:
                try:
                    self._proxy(port).info()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit("unoserver did not start") from None
                    time.sleep(0.2)

    @staticmethod
    def _proxy(port: int) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}", allow_none=True)

    def convert(self, n: int, data: bytes) -> bytes:
        port = self.ports[n % len(self.ports)]
        answer = self._proxy(port).convert(None, xmlrpc.client.Binary(data), None, "pdf")
        return bytes(answer.data)

    def close(self) -> None:
        for process in self.processes:
            process.terminate()
            process.wait(timeout=30)


def pooled(pool: Pool, docs: list[bytes]) -> None:
    ready = [keep_tokens_whole(d) for d in docs]
    with ThreadPoolExecutor(len(pool.ports)) as threads:
        out = list(threads.map(lambda a: pool.convert(*a), enumerate(ready)))
    assert all(pdf.startswith(b"%PDF-") for pdf in out)


def timed(label: str, n: int, work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<52} {seconds:7.2f} s  {n / seconds:6.1f} docs/s")
    return n / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=120)
    parser.add_argument("--chunk", type=int, default=10)
    parser.add_argument("--converters", type=int, default=2)
    parser.add_argument("--unoserver", help="a folder holding the unoserver package")
    args = parser.parse_args()
    options = Options(signed_on=AS_OF, cost_cap=Decimal("0.24"), preservation=False)
    docs = production([complaint_context(d, options) for d in dossiers(args.n)])
    work = Path(tempfile.mkdtemp(prefix="lf-pdfbench-"))
    print(f"legal_flows PDF bench: {args.n} complaints, {os.cpu_count()} cores")
    a = timed(
        f"(a) soffice per chunk of {args.chunk}, {args.converters} at once",
        args.n,
        lambda: per_chunk(docs, args.chunk, args.converters, work),
    )
    probe = [SYSTEM_PYTHON, "-c", "import uno, unoserver"]
    env = dict(os.environ, PYTHONPATH=args.unoserver or "")
    if subprocess.run(probe, env=env, capture_output=True, check=False).returncode:
        print("(b) skipped: the system Python lacks uno (python3-uno) or unoserver (--unoserver)")
        return
    pool = Pool(args.converters, args.unoserver, work)
    try:
        pool.convert(0, keep_tokens_whole(docs[0]))  # each converter's first load, off the clock
        pool.convert(1, keep_tokens_whole(docs[0]))
        b = timed(f"(b) unoserver pool of {args.converters}", args.n, lambda: pooled(pool, docs))
        line = io.BytesIO()
        blank = Document()
        blank.add_paragraph("民事起诉状")
        blank.save(line)
        floor = timed(
            "    one converter, a one-line document ×10",
            10,
            lambda: [pool.convert(0, line.getvalue()) for _ in range(10)],
        )
    finally:
        pool.close()
    print(f"pool / per chunk: {b / a:.2f}×; a one-line document: {1 / floor:.3f} s")


if __name__ == "__main__":
    main()
