"""What the debt ledger adds to the recovery report: 100,000 cases, with and without balances.

    python bench/report.py [--cases 100000] [--repeat 3]

Builds a fresh SQLite database of pursued cases (each with its decision in force; two in five
in court with a judgment, half of those with recorded terms and continuing interest, one in
five in enforcement; one in three with money received), then times `build_report` as of
2026-12-01 with the ledgers (every pursued case's balance on the day) and without. Target:
the ledgers add under 5 s for 100,000 cases. Figures, not a test.
"""

import argparse
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from parties import add_parties
from sqlalchemy import insert, update

from legal_flows.domain.instrument import InstrumentKind, terms_from
from legal_flows.domain.ledger import LedgerRules
from legal_flows.services.enforcement.proceeds import balance
from legal_flows.services.sweep.report import build_report
from legal_flows.store.db import get_engine, session_scope
from legal_flows.store.tables import CASE, COURT_EVENT, DECISION
from legal_flows.store.tables_enforcement import PROCEEDS
from legal_flows.store.uow import unit_of_work

AS_OF = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
BATCH = 20_000
TERMS = terms_from(
    {
        "award": {"principal": "30000", "interest": "1200", "costs": "287"},
        "continuing": {"base": "30000", "annual_rate": "0.18", "from": "2026-03-01"},
    },
    kind=InstrumentKind.JUDGMENT,
).as_dict()


def _events(i: int) -> list[dict[str, object]]:
    if i % 5 > 1:
        return []
    on = date(2026, 3, 2)
    rows = [
        ("submitted", on, None, None),
        ("registered", on + timedelta(4), "（2026）京0105民初1号", None),
    ]
    rows += [("judgment", date(2026, 5, 20), None, TERMS if i % 2 else None)]
    rows += [("effective", date(2026, 6, 10), None, None)]
    if i % 5 == 0:
        rows += [("enforcement_registered", date(2026, 7, 15), "（2026）京0105执1号", None)]
    return [
        {
            "case_id": i,
            "code": code,
            "occurred_on": day,
            "case_no": no,
            "terms": terms,
            "received_at": NOW,
            "recorded_by": "bench",
        }
        for code, day, no, terms in rows
    ]


def build(path: Path, cases: int) -> float:
    engine = get_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    add_parties(engine)
    money = {
        "principal": Decimal("30000"),
        "interest": Decimal("1200"),
        "penalty": Decimal("0"),
        "fees": Decimal("0"),
    }
    for start in range(0, cases, BATCH):
        ids = range(start + 1, min(start + BATCH, cases) + 1)
        with session_scope(engine) as s:
            s.execute(
                insert(CASE),
                [
                    {
                        **money,
                        "id": i,
                        "account_id": f"A{i:09d}",
                        "creditor_id": 1,
                        "debtor_id": 1,
                        "card_number": "6222021234567890128",
                        "credit_limit": Decimal("50000"),
                        "balance_date": date(2026, 2, 28),
                        "annual_rate": Decimal("0.18"),
                        "card_issued_on": date(2020, 1, 1),
                        "overdue_since": date(2025, 1, 1),
                        "data_hash": "x",
                        "version": 1,
                        "updated_at": NOW,
                        "stage": "judged" if i % 5 <= 1 else "documents_ready",
                        "court": "北京市朝阳区人民法院",
                    }
                    for i in ids
                ],
            )
            s.execute(
                insert(DECISION),
                [
                    {
                        "id": i,
                        "case_id": i,
                        "outcome": "approved",
                        "decided_by": "bench",
                        "as_of": date(2026, 3, 1),
                        "procedure": "simplified",
                        "limitation_expires_on": date(2028, 1, 1),
                        "claim_principal": Decimal("30000"),
                        "claim_interest": Decimal("1200"),
                        "claim_penalty": Decimal("0"),
                        "claim_fees": Decimal("0"),
                        "claim_total": Decimal("31200"),
                        "decided_at": NOW,
                    }
                    for i in ids
                ],
            )
            s.execute(
                update(CASE).where(CASE.c.id.between(ids[0], ids[-1])).values(decision_id=CASE.c.id)
            )
            events = [row for i in ids for row in _events(i)]
            if events:
                s.execute(insert(COURT_EVENT), events)
            s.execute(
                insert(PROCEEDS),
                [
                    {
                        "case_id": i,
                        "received_on": date(2026, 8, 1),
                        "amount": Decimal("5000"),
                        "source": "transfer",
                        "applied": {},
                        "created_at": NOW,
                    }
                    for i in ids
                    if i % 3 == 0
                ],
            )
    engine.dispose()
    return time.perf_counter() - started


def timed(path: Path, balances: bool) -> tuple[float, str]:
    engine = get_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    with unit_of_work(engine, read_only=True) as uow:
        report = build_report(uow, as_of=AS_OF, balances=balances)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds, str(report["outstanding"])


def one_balance(path: Path, case_id: int, repeat: int = 200) -> float:
    """The median time of `balance` for one case (lookup, events, proceeds, ledger), in ms."""
    engine = get_engine(f"sqlite:///{path}")
    times = []
    with unit_of_work(engine, read_only=True) as uow:
        for _ in range(repeat):
            started = time.perf_counter()
            balance(uow, case_id, as_of=AS_OF, rules=LedgerRules())
            times.append(time.perf_counter() - started)
    engine.dispose()
    return sorted(times)[len(times) // 2] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-reportbench-"))
    try:
        path = work / "report.db"
        print(f"{args.cases:,} cases built in {build(path, args.cases):.1f} s")
        for n in range(1, args.repeat + 1):
            without, _ = timed(path, balances=False)
            with_, owed = timed(path, balances=True)
            print(
                f"run {n}: report without balances {without:6.2f} s, with {with_:6.2f} s: the "
                f"ledgers add {with_ - without:5.2f} s (target < 5 s); outstanding {owed}"
            )
        # Case 15: judged with terms, in enforcement, money received.
        print(f"balance for one case: {one_balance(path, 15):.2f} ms median (target < 50 ms)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
