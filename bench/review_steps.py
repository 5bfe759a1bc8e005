"""Where the review's time goes: each step of the chunked review service, timed, against the
bare baseline of bench/eligibility.py over the same cases.

    python bench/review_steps.py [N] [--chunk 2000]

Generates N synthetic cases (default 20,000) into a fresh SQLite database, reviews them
through `services.review.automatic.review_next` chunk by chunk (no Prefect: what a task
runs, with the garbage collector set as the flow sets it: flows/runtime.batch_collector), each
step's functions wrapped in a timer, then runs the bare baseline on a copy.
Steps nest (`_write` holds the decision insert, the stage moves and the limitation rows).
Figures, not a test.
"""

import argparse
import functools
import os
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eligibility import AS_OF, NOW, baseline  # bench/eligibility.py, beside this one
from timing import time_calls

STEPS = {
    "automatic": [
        "_write",
        "_limitation_deadlines",
        "_audit_entry",
        "case_rows",
        "collections_by_case",
        "creditor_facts",
        "to_facts",
        "review_case",
        "decision_values",
    ],
    "deadlines": ["replace_kind"],
    "cases": ["take", "versions", "move_many"],
}


def timed_steps() -> dict[str, float]:
    """Wrap each step in a timer; returns the totals, filled in as the review runs."""
    import legal_flows.services.review.automatic as automatic
    import legal_flows.store.cases as cases
    import legal_flows.store.deadlines as deadlines

    totals: dict[str, float] = defaultdict(float)
    owners: dict[str, Any] = {
        "automatic": automatic,
        "deadlines": deadlines.Deadlines,
        "cases": cases.Cases,
    }

    for where, names in STEPS.items():
        for name in names:
            label = name if where == "automatic" else f"{where}.{name}"
            time_calls(owners[where], name, label, totals)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-steps-"))
    os.environ["LEGAL_FLOWS_HOME"] = str(work)
    os.environ["LEGAL_FLOWS_DATABASE_URL"] = f"sqlite:///{work / 'bench.db'}"
    try:
        run(args.n, args.chunk, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n: int, chunk: int, work: Path) -> None:
    from legal_flows.bootstrap import runtime
    from legal_flows.demo.synthetic import write_portfolio
    from legal_flows.flows.runtime import batch_collector
    from legal_flows.services.intake.accounts import import_accounts
    from legal_flows.services.intake.collections import import_collections
    from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
    from legal_flows.store.audit import Actor
    from legal_flows.store.db import get_engine
    from legal_flows.store.uow import unit_of_work

    pf = write_portfolio(work / "in", count=n, seed=1, as_of=AS_OF)
    uows = functools.partial(unit_of_work, get_engine(f"sqlite:///{work / 'bench.db'}"))
    actor = Actor("bench")
    with uows() as uow:
        configure_creditors(uow, read_creditors_file(pf.creditors), actor=actor, now=NOW)
    import_accounts(uows, path=pf.accounts, actor=actor, now=NOW)
    import_collections(uows, path=pf.collections, actor=actor, now=NOW)
    get_engine(f"sqlite:///{work / 'bench.db'}").dispose()  # the WAL folded in: a whole copy
    shutil.copy(work / "bench.db", work / "baseline.db")
    bare = baseline(f"sqlite:///{work / 'baseline.db'}")  # before the timers go in

    totals = timed_steps()
    import legal_flows.services.review.automatic as automatic

    rt = runtime()
    after, chunks, start = 0, 0, time.perf_counter()
    with batch_collector():
        while True:
            with rt.uow() as uow:
                done = automatic.review_next(
                    uow,
                    after=after,
                    size=chunk,
                    as_of=AS_OF,
                    actor=actor,
                    now=NOW,
                    policy=rt.policy,
                    calendar=rt.calendar,
                )
            if not done.claimed:
                break
            after, chunks = done.last_id, chunks + 1
    service = time.perf_counter() - start
    print(f"legal_flows review steps: N={n:,}, {chunks} chunks of {chunk:,}, SQLite")
    print(f"{'review service, in all':<36} {service:7.2f} s  {service / n * 1e6:6.0f} µs/case")
    for label, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {label:<34} {seconds:7.2f} s  {seconds / n * 1e6:6.0f} µs/case")
    print(
        f"{'bare baseline (bench/eligibility.py)':<36} {bare:7.2f} s  {bare / n * 1e6:6.0f} µs/case"
    )
    print(f"service / baseline = {service / bare:.2f}")


if __name__ == "__main__":
    main()
