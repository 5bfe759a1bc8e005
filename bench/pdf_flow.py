"""PDF copies as legal staff make them: `generate --pdf`'s flow, against the issue's baseline.

    python bench/pdf_flow.py [N] [--repeat 2]

N synthetic cases (default 250) are imported and reviewed into a fresh SQLite database and
their filing packages generated (.docx, not timed). Then, on a copy of that database each
run, the generation flow with `pdf=True` is timed: it finds every document without a PDF and
has the process's pool of LibreOffice converters (one per core) make and store them. Printed:
documents per second against issue 16's figure for the old path (one `soffice --convert-to`
per chunk: ~9 documents/s, 856 in 94 s) and its goal (≥ 25). bench/pdf.py compares the pool
and the per-chunk runs on the same documents. Figures, not a test.
"""

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

ISSUE_BASELINE = 9.0  # documents/s, issue 16's table (856 in 94 s)
GOAL = 25.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=2, help="runs of the timed flow")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    try:
        run(args.n, args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n: int, repeat: int, work: Path) -> None:
    from generation import generation_flow, prefect_start  # bench/ is the script's own folder
    from scale import load

    from legal_flows.documents.pdf import check_libreoffice, fast_allocator
    from legal_flows.flows import runtime  # noqa: F401  (Prefect settings first)
    from legal_flows.settings import load_settings
    from legal_flows.store.db import dispose_all

    check_libreoffice()
    db, store = work / "generated.db", work / "store"
    print(f"legal_flows PDF flow bench: N={n:,} cases, SQLite, one process")
    t = time.perf_counter()
    approved = load(f"sqlite:///{db}", n, work, reviewed=True)  # bench/scale.py's set-up
    startup = prefect_start()
    generation_flow(f"sqlite:///{db}", store)  # the .docx packages, as `generate` leaves them
    dispose_all()  # the WAL checkpointed into the file each run copies
    print(f"setup: {approved:,} approved cases generated in {time.perf_counter() - t:.1f} s")
    size = load_settings().pdf_converters or os.cpu_count()
    print(f"{size} converters, LibreOffice on {fast_allocator() or 'glibc malloc'}")
    for i in range(repeat):
        copy, documents = work / f"run{i}.db", work / f"store{i}"
        shutil.copy(db, copy)
        shutil.copytree(store, documents)
        seconds, summary = generation_flow(f"sqlite:///{copy}", documents, pdf=True)
        assert not summary["failed"], summary["failed"]
        made = int(summary["pdf"])
        rate = made / seconds
        print(
            f"run {i + 1}: {made:,} PDFs in {seconds:.1f} s = {rate:.1f} docs/s "
            f"(the converters' start included: each run starts its own) = "
            f"{rate / ISSUE_BASELINE:.2f}x the issue's ~{ISSUE_BASELINE:.0f} docs/s; "
            f"goal ≥ {GOAL:.0f}"
        )
    print(f"Prefect start-up {startup:.1f} s, not counted")


if __name__ == "__main__":
    main()
