"""The portal's case list with 100,000 cases on PostgreSQL: a search or a filtered page.

    python bench/case_list.py [--cases 100000] [--repeat 7]

Builds a database of its own on the local server (127.0.0.1:5432, trust auth; dropped at the
end): every case with its debtor, decision and two open deadlines, a third assigned to one of
ten lawyers. Then times `visible_cases` (what GET /cases and GET /api/cases run) for the
searches and filters a legal department uses, as legal staff and as a lawyer, median of
`--repeat` runs. Target: each under 200 ms. Figures, not a test.
"""

import argparse
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import psycopg
from parties import add_creditor
from sqlalchemy import insert, text

from legal_flows.domain.access import User
from legal_flows.services.portal.case_list import CaseFilter, visible_cases
from legal_flows.store.db import dispose_all, get_engine, session_scope
from legal_flows.store.tables import CASE, DEADLINE, DEBTOR, DECISION
from legal_flows.store.tables_portal import USER
from legal_flows.store.uow import unit_of_work

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
AS_OF = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
BATCH = 10_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华"
STAGES = ("approved", "documents_ready", "filed", "registered", "judged", "enforcement_registered")


def name_of(i: int) -> str:
    return SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i // 400) % 20]


def id_of(i: int) -> str:
    return f"11{i:015d}X"  # unique per debtor, as the real ones are


def build(url: str, cases: int) -> float:
    engine = get_engine(url)
    started = time.perf_counter()
    add_creditor(engine)
    with session_scope(engine) as s:
        s.execute(
            insert(USER),
            [
                {
                    "id": n,
                    "name": f"lawyer{n}",
                    "role": "lawyer",
                    "password_hash": "x",
                    "active": True,
                    "created_at": NOW,
                }
                for n in range(1, 11)
            ],
        )
    for start in range(0, cases, BATCH):
        ids = range(start + 1, min(start + BATCH, cases) + 1)
        with session_scope(engine) as s:
            s.execute(
                insert(DEBTOR),
                [
                    {
                        "id": i,
                        "id_number": id_of(i),
                        "name": name_of(i),
                        "gender": "女",
                        "birth_date": date(1980, 1, 1),
                        "registered_address": "北京",
                    }
                    for i in ids
                ],
            )
            s.execute(
                insert(CASE),
                [
                    {
                        "id": i,
                        "account_id": f"A{i:09d}",
                        "creditor_id": 1,
                        "debtor_id": i,
                        "card_number": "6222021234567890128",
                        "credit_limit": Decimal("50000"),
                        "principal": Decimal(20000 + i % 9000),
                        "interest": Decimal("1200"),
                        "penalty": Decimal("0"),
                        "fees": Decimal("0"),
                        "balance_date": date(2026, 2, 28),
                        "annual_rate": Decimal("0.18"),
                        "card_issued_on": date(2020, 1, 1),
                        "overdue_since": date(2025, 1, 1),
                        "data_hash": "x",
                        "version": 1,
                        "updated_at": NOW,
                        "stage": STAGES[i % len(STAGES)],
                        "court": "北京市朝阳区人民法院" if i % 2 else "北京市海淀区人民法院",
                        "court_case_no": f"（2026）京0105民初{i}号" if i % 3 else None,
                        "lawyer_id": (i % 10) + 1 if i % 3 == 0 else None,
                        "next_due_on": AS_OF
                        + timedelta(days=i % 120 - 20),  # as the store keeps it
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
                        "claim_principal": Decimal(20000 + i % 9000),
                        "claim_interest": Decimal(0),
                        "claim_penalty": Decimal(0),
                        "claim_fees": Decimal(0),
                        "claim_total": Decimal(20000 + i % 9000),
                        "decided_at": NOW,
                    }
                    for i in ids
                ],
            )
            s.execute(
                CASE.update()
                .where(CASE.c.id.between(ids[0], ids[-1]))
                .values(decision_id=CASE.c.id)
            )
            s.execute(
                insert(DEADLINE),
                [
                    row
                    for i in ids
                    for row in (
                        {
                            "case_id": i,
                            "kind": "limitation",
                            "due_on": date(2028, 1, 1),
                            "citation": "民法典 §188",
                            "source_kind": "review",
                            "source_id": i,
                            "seq": 0,
                            "status": "open",
                            "note": "",
                        },
                        {
                            "case_id": i,
                            "kind": "trial_limit",
                            "due_on": AS_OF + timedelta(days=i % 120 - 20),
                            "citation": "民诉法 §164",
                            "source_kind": "court_event",
                            "source_id": i,
                            "seq": 0,
                            "status": "missed" if i % 120 < 20 else "open",
                            "note": "",
                        },
                    )
                ],
            )
    with session_scope(engine) as s:
        s.execute(text("ANALYZE"))  # the planner's statistics, as autovacuum would keep them
    return time.perf_counter() - started


def timed(url: str, user: User, filters: CaseFilter, offset: int, repeat: int) -> float:
    engine = get_engine(url)
    times = []
    with unit_of_work(engine, read_only=True) as uow:
        for _ in range(repeat):
            started = time.perf_counter()
            visible_cases(uow, user=user, as_of=AS_OF, limit=50, offset=offset, filters=filters)
            times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    database = f"lf_caselist_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {database}")
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"
    try:
        print(f"{args.cases:,} cases built in {build(url, args.cases):.1f} s (PostgreSQL)")
        staff, lawyer = User(0, "li.staff", "legal_staff"), User(3, "lawyer3", "lawyer")
        n = args.cases // 2 + 7
        cases = [
            ("first page, next deadline first", staff, CaseFilter(), 0),
            ("search: account", staff, CaseFilter(q=f"A{n:09d}"), 0),
            ("search: holder's full name", staff, CaseFilter(q=name_of(n)), 0),
            ("search: last four of the ID", staff, CaseFilter(q=id_of(n)[-4:]), 0),
            ("search: part of a 案号", staff, CaseFilter(q=f"民初{n}号"), 0),
            (
                "filter: stage + deadline within 7 days",
                staff,
                CaseFilter(stage="judged", due_within=7),
                0,
            ),
            (
                "filter: overdue, sorted by claim",
                staff,
                CaseFilter(overdue=True, sort="claim_total", descending=True),
                0,
            ),
            (
                "filter: unassigned, court, sorted by holder",
                staff,
                CaseFilter(unassigned=True, court="北京市朝阳区人民法院", sort="holder"),
                0,
            ),
            ("page 1,000 of the whole list", staff, CaseFilter(), 49_950),
            ("a lawyer's own cases", lawyer, CaseFilter(), 0),
        ]
        for title, user, filters, offset in cases:
            ms = timed(url, user, filters, offset, args.repeat)
            print(f"{title:48s} {ms:7.1f} ms (target < 200 ms)")
    finally:
        dispose_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {database} WITH (FORCE)")


if __name__ == "__main__":
    main()
