"""Eligibility review throughput: the Prefect flow vs a bare loop over the same data.

    python bench/eligibility.py [N] [--chunk 500]

Generates N synthetic cases (default 100,000) into a fresh SQLite database, then prints
(a) the review flow's time for all N, Prefect's start-up printed apart, and (b) the naive
baseline named in the issue: one SELECT, the same domain function in a loop, one executemany
of the decisions, and (b') the same loop with Python's garbage collector set as the flow sets
it for its run (flows/runtime.batch_collector), so what that setting alone gives is seen apart.
Figures, not a test: compare a/b (target ≤ 1.3) and b (target ≥ 20,000/s).
"""

import argparse
import functools
import os
import shutil
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
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    db = work / "bench.db"
    os.environ["LEGAL_FLOWS_HOME"] = str(work)
    os.environ["LEGAL_FLOWS_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    try:
        run(args.n, args.chunk, work, db)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n: int, chunk: int, work: Path, db: Path) -> None:
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
    baseline_db, settled_db = work / "baseline.db", work / "baseline-settled.db"
    shutil.copy(db, baseline_db)
    shutil.copy(db, settled_db)

    from legal_flows.flows.runtime import batch_collector

    b = baseline(f"sqlite:///{baseline_db}")
    with batch_collector():
        b_settled = baseline(f"sqlite:///{settled_db}")
    startup, a, summary = flow(chunk)
    assert summary["reviewed"] == n, summary
    print(
        f"(a) review flow:     {a:7.2f} s  {n / a:9,.0f} cases/s  "
        f"({-(-n // chunk)} tasks; Prefect start-up {startup:.1f} s, not counted)"
    )
    print(
        f"(b) bare baseline:   {b:7.2f} s  {n / b:9,.0f} cases/s  "
        "(one SELECT, review_case in a loop, one executemany)"
    )
    print(
        f"(b') bare, collector set as the flow sets it: {b_settled:7.2f} s  "
        f"{n / b_settled:9,.0f} cases/s"
    )
    print(f"a/b = {a / b:.2f}   (target ≤ 1.3, issue 16; baseline target ≥ 20,000 cases/s)")
    print(f"a/b' = {a / b_settled:.2f}")
    print("outcomes:", dict(sorted(summary["outcomes"].items())))


def flow(chunk: int) -> tuple[float, float, dict]:
    from prefect import flow as prefect_flow

    from legal_flows.flows.eligibility import run_review
    from legal_flows.flows.runtime import fast_flow_runs

    @prefect_flow(name="bench-warm-up")
    def warm_up() -> None:
        return None

    with fast_flow_runs():
        t = time.perf_counter()
        warm_up()  # starts the ephemeral API: Prefect's start-up, timed apart
        startup = time.perf_counter() - t
        t = time.perf_counter()
        summary = run_review(as_of=AS_OF, workers=1, chunk_size=chunk)
        return startup, time.perf_counter() - t, summary


def baseline(url: str) -> float:
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
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
