"""Daily-sweep time against portfolio size: 10,000 vs 1,000,000 cases.

    python bench/sweep.py [--sizes 10000 1000000] [--due 200]

Builds a fresh SQLite database per size in which most cases are closed or far from any
deadline and a fixed number have a deadline inside its alert lead time, then times the sweep
(service call: mark missed, list due, find stalled, raise alerts). The sweep reads due/open
rows through indexes, so the 1M sweep should stay within 2x the 10k sweep. Figures, not a test.

Each size is swept REPEAT times on its database and the median compared: a process's first
sweep also reads the message catalogue and compiles its statements (~50 ms, once a process,
printed apart as "first"), which would otherwise weigh on whichever size ran first.
"""

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from parties import add_parties
from sqlalchemy import insert

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.services.sweep.sweep import run_sweep
from legal_flows.store.audit import Actor
from legal_flows.store.db import get_engine, session_scope
from legal_flows.store.tables import CASE, DEADLINE
from legal_flows.store.uow import unit_of_work

AS_OF = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
BATCH = 50_000
REPEAT = 5


def build(path: Path, cases: int, due: int) -> float:
    engine = get_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    add_parties(engine)
    common = {
        "creditor_id": 1,
        "debtor_id": 1,
        "card_number": "6222021234567890128",
        "credit_limit": Decimal("1000"),
        "principal": Decimal("1000"),
        "interest": Decimal("0"),
        "penalty": Decimal("0"),
        "fees": Decimal("0"),
        "balance_date": AS_OF,
        "annual_rate": Decimal("0.18"),
        "card_issued_on": date(2020, 1, 1),
        "overdue_since": date(2024, 1, 1),
        "data_hash": "x",
        "version": 1,
        "updated_at": NOW,
    }
    for start in range(0, cases, BATCH):
        ids = range(start + 1, min(start + BATCH, cases) + 1)
        with session_scope(engine) as s:
            s.execute(
                insert(CASE),
                [
                    {
                        **common,
                        "id": i,
                        "account_id": f"A{i:09d}",
                        "stage": "served" if i <= due else "closed_recovered",
                    }
                    for i in ids
                ],
            )
            s.execute(
                insert(DEADLINE),
                [
                    {
                        "case_id": i,
                        "kind": "appeal" if i <= due else "enforcement_application",
                        "due_on": AS_OF + timedelta(days=2) if i <= due else date(2029, 6, 30),
                        "status": "open",
                        "citation": "民诉法 (2023) §171",
                        "source_kind": "case",
                        "source_id": i,
                    }
                    for i in ids
                ],
            )
    engine.dispose()
    return time.perf_counter() - started


def sweep(path: Path) -> tuple[float, int]:
    engine = get_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    with unit_of_work(engine) as uow:
        result = run_sweep(
            uow,
            as_of=AS_OF,
            policy=SweepPolicy(),
            actor=Actor("bench"),
            now=NOW,
            calendar=package_calendar(),
        )
    return time.perf_counter() - started, len(result.items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--due", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-sweepbench-"))
    times = {}
    try:
        for size in args.sizes:
            path = work / f"sweep-{size}.db"
            built = build(path, size, args.due)
            runs = [sweep(path) for _ in range(REPEAT)]
            seconds = statistics.median(t for t, _ in runs)
            times[size] = seconds
            print(
                f"{size:>10,} cases: built in {built:6.1f} s; sweep {seconds * 1000:8.1f} ms "
                f"(median of {REPEAT}; first {runs[0][0] * 1000:.1f} ms), {runs[0][1]} item(s)"
            )
        small, large = min(times), max(times)
        print(
            f"sweep {large:,} / sweep {small:,} = {times[large] / times[small]:.2f}x (target ≤ 2x)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
