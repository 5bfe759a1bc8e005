"""Eligibility review throughput: the Prefect flow vs a bare loop over the same data.

    python bench/eligibility.py [N] [--chunk 500] [--repeat 3]

Generates N synthetic cases (default 100,000) into a fresh SQLite database, starts Prefect
(its start-up printed apart), then runs rounds, each on fresh copies of that database, and
prints each round and the medians: (a) the review flow's time for all N, (b) the naive
baseline named in the issue: one SELECT, the same domain function in a loop, one executemany
of the decisions, and (b') the same loop with Python's garbage collector set as the flow sets
it for its run (flows/runtime.batch_collector), so what that setting alone gives is seen apart.
Figures, not a test: compare a/b (target ≤ 1.3) and b (target ≥ 20,000/s).
"""

import argparse
import contextlib
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

AS_OF = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=500, help="cases per review task")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the three runs")
    parser.add_argument("--bare", help=argparse.SUPPRESS)  # a round's bare loop, on this file
    parser.add_argument("--expect", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--settled", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_main(args.bare, args.expect, args.settled)
        return
    work = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    db = work / "bench.db"
    os.environ["LEGAL_FLOWS_HOME"] = str(work)
    os.environ["LEGAL_FLOWS_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    try:
        run(args.n, args.chunk, args.repeat, work, db)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n: int, chunk: int, repeat: int, work: Path, db: Path) -> None:
    from legal_flows.demo.synthetic import write_portfolio
    from legal_flows.flows import runtime  # noqa: F401  (Prefect settings first)
    from legal_flows.services.intake.accounts import import_accounts
    from legal_flows.services.intake.collections import import_collections
    from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
    from legal_flows.store.audit import Actor
    from legal_flows.store.db import get_engine
    from legal_flows.store.uow import unit_of_work

    print(f"legal_flows eligibility bench: N={n:,}, chunk={chunk}, SQLite at {db}")
    t = time.perf_counter()
    pf = write_portfolio(work / "in", count=n, seed=1, as_of=AS_OF)
    engine = get_engine(f"sqlite:///{db}")
    actor = Actor("bench")
    uows = functools.partial(unit_of_work, engine)
    with uows() as uow:
        configure_creditors(uow, read_creditors_file(pf.creditors), actor=actor, now=NOW)
    accounts = import_accounts(uows, path=pf.accounts, actor=actor, now=NOW)
    events = import_collections(uows, path=pf.collections, actor=actor, now=NOW)
    print(
        f"setup: {accounts.created:,} cases, {events.created:,} collection events "
        f"generated and imported in {time.perf_counter() - t:.1f} s"
    )
    # Closing the last connection folds the WAL into the file, so each copy holds every row.
    engine.dispose()

    startup = start_prefect()
    print(f"Prefect start-up {startup:.1f} s (not counted)")
    # The machine's speed drifts by tens of percent from one minute to the next, so a single
    # (a, b) pair can say 1.2 or 1.6 of the same code: rounds alternate the three runs on
    # fresh copies, each round's ratio is printed, and the median is the figure. The bare
    # loops run in a process of their own, started for each, as a script for them would.
    rounds = []
    for i in range(1, repeat + 1):
        copies = [work / f"{name}-{i}.db" for name in ("baseline", "settled", "flow")]
        for copy in copies:
            shutil.copy(db, copy)
        b = bare_process(copies[0], n)
        b_settled = bare_process(copies[1], n, settled=True)
        a, summary = flow(chunk, f"sqlite:///{copies[2]}")
        assert summary["reviewed"] == n, summary
        for copy in copies:
            copy.unlink()
        rounds.append((a, b, b_settled))
        print(
            f"round {i}: (a) flow {a:6.2f} s, (b) bare {b:6.2f} s, (b') bare with the flow's "
            f"collector {b_settled:6.2f} s: a/b = {a / b:.2f}, a/b' = {a / b_settled:.2f}"
        )
    a, b, b_settled = (statistics.median(r[k] for r in rounds) for k in range(3))
    ratio = statistics.median(r[0] / r[1] for r in rounds)
    ratio_settled = statistics.median(r[0] / r[2] for r in rounds)
    print(f"medians of {repeat} rounds:")
    print(f"(a) review flow:     {a:7.2f} s  {n / a:9,.0f} cases/s  ({-(-n // chunk)} tasks)")
    print(
        f"(b) bare baseline:   {b:7.2f} s  {n / b:9,.0f} cases/s  "
        "(one SELECT, review_case in a loop, one executemany)"
    )
    print(
        f"(b') bare, collector set as the flow sets it: {b_settled:7.2f} s  "
        f"{n / b_settled:9,.0f} cases/s"
    )
    spread = ", ".join(f"{r[0] / r[1]:.2f}" for r in rounds)
    print(f"a/b = {ratio:.2f} ({spread})   (target ≤ 1.3, issue 16; baseline target ≥ 20,000/s)")
    print(f"a/b' = {ratio_settled:.2f}")
    print("outcomes:", dict(sorted(summary["outcomes"].items())))


def bare_process(db: Path, n: int, *, settled: bool = False) -> float:
    """The bare loop in a Python of its own, as a script written for it would run: nothing
    of the bench's set-up or of Prefect in its heap, which the garbage collector would walk
    (and whose size sets how often it walks it)."""
    command = [sys.executable, __file__, "--bare", str(db), "--expect", str(n)]
    done = subprocess.run(
        [*command, "--settled"] if settled else command,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.split()[-1])


def bare_main(db: str, expect: int, settled: bool) -> None:
    from legal_flows.flows.runtime import batch_collector

    with batch_collector() if settled else contextlib.nullcontext():
        seconds = baseline(f"sqlite:///{db}", expect=expect)
    print(f"{seconds:.4f}")


def start_prefect() -> float:
    """Start the ephemeral API with an empty flow: Prefect's start-up, timed apart."""
    from prefect import flow as prefect_flow

    from legal_flows.flows.runtime import fast_flow_runs

    @prefect_flow(name="bench-warm-up")
    def warm_up() -> None:
        return None

    with fast_flow_runs():
        t = time.perf_counter()
        warm_up()
        return time.perf_counter() - t


def flow(chunk: int, url: str) -> tuple[float, dict]:
    """The review flow as the CLI runs it, on the database at `url`."""
    from legal_flows.flows.eligibility import run_review
    from legal_flows.flows.runtime import fast_flow_runs

    os.environ["LEGAL_FLOWS_DATABASE_URL"] = url  # each task's runtime reads it
    with fast_flow_runs():
        t = time.perf_counter()
        summary = run_review(as_of=AS_OF, workers=1, chunk_size=chunk)
        return time.perf_counter() - t, summary


def baseline(url: str, expect: int | None = None) -> float:
    from legal_flows.bootstrap import package_calendar
    from legal_flows.domain.eligibility import review_case
    from legal_flows.domain.facts import CollectionKind, CollectionRecord
    from legal_flows.domain.policy import Policy
    from legal_flows.services.review.automatic import decision_values
    from legal_flows.services.review.facts import CASE_COLUMNS, creditor_facts, to_facts
    from legal_flows.store.db import get_engine
    from legal_flows.store.tables import CaseRow, CollectionEventRow, DebtorRow, DecisionRow

    # The flow's own engine settings (WAL, its JSON codec): the two differ in what they do,
    # not in how they talk to the database.
    engine = get_engine(url)
    case, debtor = CaseRow.__table__, DebtorRow.__table__
    event = CollectionEventRow.__table__
    policy, calendar = Policy(), package_calendar()
    kinds = {k.value: k for k in CollectionKind}
    t = time.perf_counter()
    with engine.begin() as conn:
        query = (
            select(
                *[case.c[n] if n in case.c else debtor.c[n] for n in CASE_COLUMNS],
                event.c.occurred_on,
                event.c.kind,
                event.c.delivered,
                event.c.receipt_confirmed,
                event.c.amount,
            )
            .join(debtor, debtor.c.id == case.c.debtor_id)
            .outerjoin(event, event.c.case_id == case.c.id)
            .order_by(case.c.id)
        )
        decisions, current, records = [], None, []

        # The creditors as the flow reads them (their agents, a place-of-performance court):
        # the same facts, so both decide alike.
        creditors = creditor_facts(conn)

        def decide(row, records) -> None:
            facts = to_facts(row, tuple(records), creditors)
            d = review_case(facts, policy=policy, as_of=AS_OF, calendar=calendar)
            decisions.append(decision_values(row.id, d))

        for row in conn.execute(query):
            if current is not None and row.id != current.id:
                decide(current, records)
                records = []
            current = row
            if row.kind is not None:
                records.append(
                    CollectionRecord(
                        row.occurred_on,
                        kinds[row.kind],
                        row.delivered,
                        row.receipt_confirmed,
                        row.amount,
                    )
                )
        if current is not None:
            decide(current, records)
        shared = {"decided_by": "bench", "as_of": AS_OF, "decided_at": NOW}
        conn.execute(insert(DecisionRow.__table__).values(**shared), decisions)
    seconds = time.perf_counter() - t
    engine.dispose()
    assert expect is None or len(decisions) == expect, (len(decisions), expect)
    return seconds


if __name__ == "__main__":
    main()
