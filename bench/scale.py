"""Scale-out throughput on PostgreSQL: review + generation with 1 and 2 worker processes.

    python bench/scale.py [--review N] [--generate G] [--workers 1 2] [--repeat 3]

Against a real `prefect server start` on PostgreSQL and our state in PostgreSQL
(127.0.0.1:5432, trust auth; a schema of database `test` per measurement), for
each worker count: (a) N fresh synthetic cases, reviewed by that many processes each running
the eligibility-review flow at once; (b) G fresh cases, reviewed beforehand, whose filing
packages that many processes render at once with the generation flow. The processes share
the cases through row claims (store/claims.py). Prints cases per second, the ratio of 2
workers to 1 (target ≥ 1.6× on 2 cores) and how many cases or documents were done twice
(must be 0). The baseline is the same flows in one process.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AS_OF = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=int, default=10_000, help="cases to review")
    parser.add_argument("--generate", type=int, default=800, help="cases to render")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk", type=int, default=500, help="cases per review task")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each worker count")
    parser.add_argument("--gen-chunk", type=int, default=25, help="cases per generation task")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: one worker process
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    work = Path(tempfile.mkdtemp(prefix="lf-scale-"))
    print(
        f"legal_flows scale bench: review {args.review:,} cases, render {args.generate:,}, "
        f"PostgreSQL, workers {args.workers}"
    )
    runs: dict[int, list[tuple[tuple[float, float, int], tuple[float, float, int]]]] = {
        w: [] for w in args.workers
    }
    with prefect_server(work) as env:
        # Worker counts alternate, repeat after repeat, so a machine that slows down or
        # speeds up during the bench weighs on both sides alike; medians are compared.
        for k in range(args.repeat):
            for w in args.workers:
                folder = work / f"{k}-{w}"
                review = measure("review", args.review, w, folder / "r", env, args.chunk)
                generation = (
                    measure("generate", args.generate, w, folder / "g", env, args.gen_chunk)
                    if args.generate
                    else (float("nan"), float("nan"), 0)
                )
                runs[w].append((review, generation))
                print(
                    f"{w} worker(s): review {review[0]:7,.0f} cases/s ({review[1]:7,.0f} "
                    f"steady)   generation {generation[0]:5,.1f} cases/s ({generation[1]:5,.1f}"
                    f" steady)   done twice: {review[2] + generation[2]}",
                    flush=True,
                )
    results = {
        w: tuple(
            tuple(statistics.median(r[phase][i] for r in rs) for i in range(3))
            for phase in range(2)
        )
        for w, rs in runs.items()
    }
    print(f"medians of {args.repeat} run(s):")
    for w, (review, generation) in results.items():
        twice = sum(r[0][2] + r[1][2] for r in runs[w])
        print(
            f"{w} worker(s): review {review[0]:7,.0f} cases/s ({review[1]:7,.0f} steady)   "
            f"generation {generation[0]:5,.1f} cases/s ({generation[1]:5,.1f} steady)   "
            f"done twice in all runs: {twice}"
        )
    base = results[min(results)]

    def wall(r: tuple[tuple[float, float, int], tuple[float, float, int]]) -> float:
        """Both phases one after the other: the night's review, then its documents."""
        return args.review / r[0][0] + (args.generate / r[1][0] if args.generate else 0.0)

    for w, (review, generation) in results.items():
        if w != min(results):
            print(
                f"{w}/{min(results)} workers: review {review[0] / base[0][0]:.2f}× "
                f"(steady {review[1] / base[0][1]:.2f}×), generation "
                f"{generation[0] / base[1][0]:.2f}× (steady {generation[1] / base[1][1]:.2f}×), "
                f"review + generation {wall(base) / wall(results[w]):.2f}×   "
                "(target ≥ 1.6× on 2 cores)"
            )


def prefect_server(home: Path):  # type: ignore[no-untyped-def]
    from contextlib import contextmanager

    @contextmanager
    def run():  # type: ignore[no-untyped-def]
        import socket
        import urllib.request

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        import psycopg

        # Prefect's own state in PostgreSQL too, as in production (deploy/README.md): a
        # SQLite-backed server serialises the task-state writes of several workers.
        database = f"prefect_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {database}")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env |= {
            "PREFECT_HOME": str(home / "prefect"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "PREFECT_API_DATABASE_CONNECTION_URL": (
                f"postgresql+asyncpg://postgres@127.0.0.1:5432/{database}"
            ),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        api = f"http://127.0.0.1:{port}/api"
        try:
            for _ in range(240):
                try:
                    urllib.request.urlopen(f"{api}/health", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.5)
            yield env | {"PREFECT_API_URL": api}
        finally:
            server.terminate()
            server.wait(30)
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {database} WITH (FORCE)")

    return run()


def measure(
    phase: str, n: int, workers: int, folder: Path, env: dict[str, str], chunk: int
) -> tuple[float, float, int]:
    """Cases per second for `workers` processes running the phase's flow: over the whole
    runs (Prefect's start of each run included) and in steady state; and the number of cases
    or documents done twice."""
    import psycopg

    schema = f"scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    try:
        todo = load(url, n, folder, reviewed=phase == "generate")
        start = time.time() + 15  # every process imported and connected by then
        spec = {"phase": phase, "start": start, "chunk": chunk}
        home = str(folder / "home")
        children = [
            subprocess.Popen(
                [sys.executable, __file__, "--child", json.dumps(spec)],
                env=env | {"LEGAL_FLOWS_DATABASE_URL": url, "LEGAL_FLOWS_HOME": home},
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(workers)
        ]
        reports = [json.loads(c.communicate()[0].strip().splitlines()[-1]) for c in children]
        done = sum(r["done"] for r in reports)
        assert done == todo, (phase, done, todo)
        wall = done / (max(r["ended"] for r in reports) - start)
        return wall, steady(url, phase), done_twice(url)
    finally:
        from legal_flows.store.db import dispose_all

        dispose_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def load(url: str, n: int, folder: Path, *, reviewed: bool) -> int:
    """N synthetic cases imported (and reviewed, for the generation phase); returns how
    many the phase has to do."""
    from sqlalchemy import func, select

    from legal_flows.domain.policy import Policy
    from legal_flows.services.audit import Actor
    from legal_flows.services.collections import import_collections
    from legal_flows.services.config import work_calendar
    from legal_flows.services.creditors import configure_creditors, read_creditors_file
    from legal_flows.services.intake import import_accounts
    from legal_flows.services.review import review_next
    from legal_flows.store.db import get_engine, session_scope
    from legal_flows.store.tables import CaseRow
    from legal_flows.synthetic import write_portfolio

    pf = write_portfolio(folder / "in", count=n, seed=1, as_of=AS_OF)
    engine = get_engine(url)
    actor = Actor("bench")
    with session_scope(engine) as s:
        configure_creditors(s, read_creditors_file(pf.creditors), actor=actor, now=NOW)
    import_accounts(engine, path=pf.accounts, actor=actor, now=NOW)
    import_collections(engine, path=pf.collections, actor=actor, now=NOW)
    if not reviewed:
        return n
    after, calendar = 0, work_calendar()
    while part := review_next(
        engine,
        after=after,
        size=500,
        as_of=AS_OF,
        actor=actor,
        now=NOW,
        policy=Policy(),
        calendar=calendar,
    ):
        if not part.claimed:
            break
        after = part.last_id
    with session_scope(engine) as s:
        query = select(func.count()).where(CaseRow.stage == "approved")
        return int(s.execute(query).scalar_one())


def child(spec: dict) -> None:  # type: ignore[type-arg]
    """One worker process: its phase's flow, started with the others; prints what it did."""
    from legal_flows.flows import runtime
    from legal_flows.flows.documents import generate_documents_flow
    from legal_flows.flows.eligibility import eligibility_review_flow

    time.sleep(max(0.0, spec["start"] - time.time()))
    with runtime.fast_flow_runs():
        if spec["phase"] == "review":
            done = eligibility_review_flow(as_of=AS_OF, chunk_size=spec["chunk"])["reviewed"]
        else:
            done = generate_documents_flow(chunk_size=spec["chunk"])["cases"]
    print(json.dumps({"done": done, "ended": time.time()}))


def steady(url: str, phase: str) -> float:
    """Cases per second between the first and the last chunk's start (each chunk stamps its
    rows with its start time): the rate once the runs are going, without Prefect's fixed
    cost of starting and finishing a run, which a night of millions of cases does not feel."""
    import json as _json
    from collections import Counter
    from datetime import datetime as _dt

    from sqlalchemy import select

    from legal_flows.store.db import get_engine, session_scope
    from legal_flows.store.tables import AUDIT, DOCUMENT

    per_start: Counter[_dt] = Counter()
    with session_scope(get_engine(url)) as s:
        if phase == "review":
            query = select(AUDIT.c.at, AUDIT.c.payload).where(AUDIT.c.action == "cases.reviewed")
            for at, payload in s.execute(query):
                per_start[_dt.fromisoformat(at)] += len(_json.loads(payload)["cases"])
        else:
            query = select(DOCUMENT.c.created_at, DOCUMENT.c.case_id).distinct()
            for at, _case in s.execute(query):
                per_start[at] += 1
    first, last = min(per_start), max(per_start)
    return (sum(per_start.values()) - per_start[last]) / (last - first).total_seconds()


def done_twice(url: str) -> int:
    from collections import Counter

    from sqlalchemy import select

    from legal_flows.store.db import get_engine, session_scope
    from legal_flows.store.tables import DOCUMENT, DecisionRow

    with session_scope(get_engine(url)) as s:
        decided = Counter(s.execute(select(DecisionRow.case_id)).scalars())
        documents = Counter(
            s.execute(select(DOCUMENT.c.case_id, DOCUMENT.c.kind, DOCUMENT.c.format)).all()
        )
    return sum(v > 1 for v in decided.values()) + sum(v > 1 for v in documents.values())


if __name__ == "__main__":
    main()
