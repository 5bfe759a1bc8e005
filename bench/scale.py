"""Scale-out throughput on PostgreSQL: review + generation with 1 and 2 worker processes.

    python bench/scale.py [N] [--workers 1 2]

For each worker count: a fresh PostgreSQL schema (127.0.0.1:5432, database `test`) with N
synthetic cases, a real `prefect server start`, then that many processes each running the
eligibility-review flow and, once every process has finished reviewing, the generation flow,
all at once over the same cases (work shared by store/claims.py). Prints cases per second
for each phase, the 2-worker/1-worker ratio (target ≥ 1.6 on 2 cores) and the number of
cases or documents done twice (must be 0). The baseline is the same flows in one process.
"""

import argparse
import json
import os
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
    parser.add_argument("n", nargs="?", type=int, default=4000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--child", help=argparse.SUPPRESS)  # internal: one worker process
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    work = Path(tempfile.mkdtemp(prefix="lf-scale-"))
    print(f"legal_flows scale bench: N={args.n:,} cases, PostgreSQL, workers {args.workers}")
    with prefect_server(work) as env:
        results = {w: measure(args.n, w, work / f"w{w}", env) for w in args.workers}
    base = results[min(results)]
    for w, r in results.items():
        print(
            f"{w} worker(s): review {r['review']:8,.0f} cases/s   generation "
            f"{r['generation']:6,.0f} cases/s   both {r['both']:6,.0f} cases/s   "
            f"done twice: {r['twice']}"
        )
    for w, r in results.items():
        if w != min(results):
            print(
                f"{w}/{min(results)} workers: review {r['review'] / base['review']:.2f}×, "
                f"generation {r['generation'] / base['generation']:.2f}×, "
                f"both {r['both'] / base['both']:.2f}×   (target ≥ 1.6× on 2 cores)"
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
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env |= {
            "PREFECT_HOME": str(home / "prefect"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            "PREFECT_LOGGING_LEVEL": "WARNING",
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

    return run()


def measure(n: int, workers: int, folder: Path, env: dict[str, str]) -> dict[str, float]:
    import psycopg

    schema = f"scale_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    try:
        load(url, n, folder)
        start = time.time() + 20  # every process imported and connected by then
        spec = {"url": url, "home": str(folder / "home"), "start": start, "workers": workers}
        children = [
            subprocess.Popen(
                [sys.executable, __file__, "--child", json.dumps(spec | {"n": k})],
                env=env | {"LEGAL_FLOWS_DATABASE_URL": url, "LEGAL_FLOWS_HOME": spec["home"]},
                stdout=subprocess.PIPE,
                text=True,
            )
            for k in range(workers)
        ]
        reports = [json.loads(c.communicate()[0].strip().splitlines()[-1]) for c in children]
        return summarise(url, n, start, reports)
    finally:
        from legal_flows.store.db import dispose_all

        dispose_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def load(url: str, n: int, folder: Path) -> None:
    from legal_flows.services.audit import Actor
    from legal_flows.services.collections import import_collections
    from legal_flows.services.creditors import configure_creditors, read_creditors_file
    from legal_flows.services.intake import import_accounts
    from legal_flows.store.db import get_engine, session_scope
    from legal_flows.synthetic import write_portfolio

    pf = write_portfolio(folder / "in", count=n, seed=1, as_of=AS_OF)
    engine = get_engine(url)
    actor = Actor("bench")
    with session_scope(engine) as s:
        configure_creditors(s, read_creditors_file(pf.creditors), actor=actor, now=NOW)
    import_accounts(engine, path=pf.accounts, actor=actor, now=NOW)
    import_collections(engine, path=pf.collections, actor=actor, now=NOW)


def child(spec: dict) -> None:  # type: ignore[type-arg]
    """One worker process: review, wait for the others, generate; prints its timings."""
    from legal_flows.flows import runtime
    from legal_flows.flows.documents import generate_documents_flow
    from legal_flows.flows.eligibility import eligibility_review_flow

    home = Path(spec["home"])
    home.mkdir(parents=True, exist_ok=True)
    time.sleep(max(0.0, spec["start"] - time.time()))
    with runtime.fast_flow_runs():
        review = eligibility_review_flow(as_of=AS_OF, chunk_size=200)
        reviewed_at = time.time()
        (home / f"reviewed-{spec['n']}").touch()
        while len(list(home.glob("reviewed-*"))) < spec["workers"]:
            time.sleep(0.01)
        generation_start = time.time()
        generated = generate_documents_flow(chunk_size=20)
    print(
        json.dumps(
            {
                "reviewed": review["reviewed"],
                "reviewed_at": reviewed_at,
                "generation_start": generation_start,
                "generated": generated["cases"],
                "generated_at": time.time(),
            }
        )
    )


def summarise(url: str, n: int, start: float, reports: list[dict]) -> dict[str, float]:  # type: ignore[type-arg]
    from collections import Counter

    from sqlalchemy import select

    from legal_flows.store.db import get_engine, session_scope
    from legal_flows.store.tables import DOCUMENT, DecisionRow

    with session_scope(get_engine(url)) as s:
        decided = Counter(s.execute(select(DecisionRow.case_id)).scalars())
        documents = Counter(
            s.execute(select(DOCUMENT.c.case_id, DOCUMENT.c.kind, DOCUMENT.c.format)).all()
        )
    twice = sum(v > 1 for v in decided.values()) + sum(v > 1 for v in documents.values())
    assert len(decided) == n == sum(r["reviewed"] for r in reports), (len(decided), reports)
    reviewed_end = max(r["reviewed_at"] for r in reports)
    generation_start = max(r["generation_start"] for r in reports)
    end = max(r["generated_at"] for r in reports)
    generated = sum(r["generated"] for r in reports)
    return {
        "review": n / (reviewed_end - start),
        "generation": generated / (end - generation_start),
        "both": n / (end - start - (generation_start - reviewed_end)),
        "twice": twice,
    }


if __name__ == "__main__":
    main()
