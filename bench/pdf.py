"""PDF copies: one `soffice --convert-to` run per chunk against the pool of persistent converters.

    python bench/pdf.py [N] [--chunk 10] [--converters 2]

Renders N complaints (default 120; the heaviest paper of a filing package) and converts the
same documents three ways, printing docs/s for each:
(a) one LibreOffice run per chunk of --chunk documents (what `generate --pdf` did before the
    pool), --converters runs at once, each with its own profile;
(a') the same with LibreOffice on jemalloc, as the pool starts it: the allocator's share;
(b) what `generate --pdf` does now: legal_flows.documents.pdf_pool, --converters persistent
    LibreOffice processes, each document sent on its own, the batch spread over them.
It also prints what one converter takes for a one-line document, the floor of (b). Figures,
not a test.
"""

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from documents import AS_OF, dossiers, production  # bench/documents.py, beside this one
from docx import Document

from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.complaint import complaint_context
from legal_flows.documents.inputs import Options
from legal_flows.documents.pdf import FAST_ALLOCATOR, fast_allocator, keep_tokens_whole
from legal_flows.documents.pdf_pool import ConverterPool

sys.path.insert(0, str(DEFAULT_TEMPLATES.parent))
from lean import lean  # document_templates/lean.py, not a package


def convert_to(docs: dict[str, bytes], profile: Path, preload: str) -> None:
    """One `soffice --convert-to pdf` run over a chunk (the flow's former converter)."""
    with tempfile.TemporaryDirectory(prefix="lf-pdfchunk-") as work:
        source, target = Path(work, "in"), Path(work, "out")
        source.mkdir()
        for name, data in docs.items():
            (source / f"{name}.docx").write_bytes(keep_tokens_whole(data))
        command = [shutil.which("soffice") or "soffice", "--headless", "--norestore"]
        command += [f"-env:UserInstallation={profile.resolve().as_uri()}"]
        command += ["--convert-to", "pdf", "--outdir", str(target)]
        env = dict(os.environ, HOME=work) | ({"LD_PRELOAD": preload} if preload else {})
        subprocess.run(
            [*command, *sorted(map(str, source.iterdir()))],
            env=env,
            check=True,
            capture_output=True,
        )
        assert len(list(target.iterdir())) == len(docs)


def per_chunk(docs: list[bytes], chunk: int, converters: int, work: Path, preload: str) -> None:
    chunks = [
        {f"d{i}": docs[i] for i in range(k, min(k + chunk, len(docs)))}
        for k in range(0, len(docs), chunk)
    ]
    with ThreadPoolExecutor(converters) as pool:
        list(
            pool.map(
                lambda a: convert_to(a[1], work / f"chunk-{a[0] % converters}", preload),
                enumerate(chunks),
            )
        )


def pooled(pool: ConverterPool, docs: list[bytes]) -> None:
    made, failed = pool.convert_each({f"d{i}": d for i, d in enumerate(docs)})
    assert not failed, failed
    assert all(pdf.startswith(b"%PDF-") for pdf in made.values())


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
    args = parser.parse_args()
    options = Options(signed_on=AS_OF, cost_cap=Decimal("0.24"), preservation=False)
    docs = production([complaint_context(d, options) for d in dossiers(args.n)])
    work = Path(tempfile.mkdtemp(prefix="lf-pdfbench-"))
    print(f"legal_flows PDF bench: {args.n} complaints, {os.cpu_count()} cores")
    a = timed(
        f"(a) soffice per chunk of {args.chunk}, {args.converters} at once",
        args.n,
        lambda: per_chunk(docs, args.chunk, args.converters, work, ""),
    )
    preload = fast_allocator()
    if preload:
        a2 = timed(
            f"(a') the same, LibreOffice on {preload}",
            args.n,
            lambda: per_chunk(docs, args.chunk, args.converters, work, preload),
        )
    else:
        a2 = a
        print(f"(a') skipped: {FAST_ALLOCATOR} is not installed (Debian: libjemalloc2)")
    pool = ConverterPool(work / "pool", args.converters)
    try:
        pool.convert_each({f"w{n}": docs[0] for n in range(args.converters)})  # off the clock
        b = timed(f"(b) pool of {args.converters} converters", args.n, lambda: pooled(pool, docs))
        line = io.BytesIO()
        blank = Document()
        blank.add_paragraph("民事起诉状")
        blank.save(line)
        # With only the styles it uses, like the shipped templates (document_templates/lean.py).
        lean_line = lean(line.getvalue())
        one = ConverterPool(work / "one", 1)
        one.convert_each({"w": lean_line})
        floor = timed(
            "    one converter, a one-line document ×10",
            10,
            lambda: one.convert_each({f"l{i}": lean_line for i in range(10)}),
        )
        one.close()
    finally:
        pool.close()
    print(
        f"pool / per chunk: {b / a:.2f}× ({b / a2:.2f}× against (a')); "
        f"a one-line document: {1 / floor:.3f} s"
    )


if __name__ == "__main__":
    main()
