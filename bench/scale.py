"""Scale-out throughput on PostgreSQL: review + generation with 1 and 2 worker processes.

    python bench/scale.py [--review N] [--generate G] [--workers 1 2] [--repeat 3]

Against a real `prefect server start` on PostgreSQL and our state in PostgreSQL
(127.0.0.1:5432, trust auth; a schema of database `test` per measurement), for
each worker count: (a) N fresh synthetic cases, reviewed by that many processes each running
the eligibility-review flow at once; (b) G fresh cases, reviewed beforehand, whose filing
packages that many processes render at once with the generation flow. The processes share
the cases through row claims (store/claims.py), in the flows' default chunks. Prints cases
per second, the ratio of 2 workers to 1 (target ≥ 1.8× on 2 cores, issue 16) and how many cases or
documents were done twice (must be 0). The baseline is the same flows in one process.

Each measurement also prints the cores its parts kept busy — the flow processes, the Prefect
server, PostgreSQL, the rest — which tells a part that waits from a part that works.
N and G are large enough that each run lasts tens of seconds: Prefect's fixed cost of
starting and ending a run (~0.5 s) and the last chunk's tail then weigh little, as in a
night of real work; with N = 10,000 they are a third of a two-worker run.
"""

import argparse
import functools
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


# Cases per second over the whole runs, in steady state, cases done twice, run time (s).
Measured = tuple[float, float, int, float]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=int, default=100_000, help="cases to review")
    parser.add_argument("--generate", type=int, default=4_000, help="cases to render")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--chunk", type=int, help="cases per review task (default: the flow's, 2,000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each worker count")
    parser.add_argument(
        "--gen-chunk", type=int, help="cases per generation task (default: the flow's, 100)"
    )
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
    runs: dict[int, list[tuple[Measured, Measured]]] = {w: [] for w in args.workers}
    with prefect_server(work) as env:
        # A first run pays the server's one-off costs (FastAPI builds its routes' validators
        # on their first request): billed to no measurement.
        measure("review", 50, 1, work / "warm-up", env, args.chunk, report=False)
        # Worker counts alternate, repeat after repeat, so a machine that slows down or
        # speeds up during the bench weighs on both sides alike; medians are compared.
        for k in range(args.repeat):
            for w in args.workers:
                folder = work / f"{k}-{w}"
                review = measure("review", args.review, w, folder / "r", env, args.chunk)
                generation = (
                    measure("generate", args.generate, w, folder / "g", env, args.gen_chunk)
                    if args.generate
                    else (float("nan"), float("nan"), 0, 0.0)
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

    # Review then generation, as a night runs them: the two measured run times added. Each
    # repeat measures 1 and 2 workers back to back, so its ratio is a paired comparison.
    paired = [
        (r1[0][3] + r1[1][3]) / (r2[0][3] + r2[1][3])
        for r1, r2 in zip(runs[min(runs)], runs[max(runs)], strict=True)
    ]
    for w, (review, generation) in results.items():
        if w != min(results):
            print(
                f"{w}/{min(results)} workers: review {review[0] / base[0][0]:.2f}× "
                f"(steady {review[1] / base[0][1]:.2f}×), generation "
                f"{generation[0] / base[1][0]:.2f}× (steady {generation[1] / base[1][1]:.2f}×)"
            )
    one, two = (
        statistics.median(r[0][3] + r[1][3] for r in runs[w]) for w in (min(runs), max(runs))
    )
    print(
        f"review + generation, run times added: {statistics.median(paired):.2f}× the median of "
        f"{len(paired)} repeats ({', '.join(f'{p:.2f}' for p in paired)}); ratio of the "
        f"median times {one / two:.2f}×   (target ≥ 1.8× on 2 cores, issue 16)"
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
            yield env | {"PREFECT_API_URL": api, "LEGAL_FLOWS_BENCH_SERVER_PID": str(server.pid)}
        finally:
            server.terminate()
            server.wait(30)
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {database} WITH (FORCE)")

    return run()


def measure(
    phase: str,
    n: int,
    workers: int,
    folder: Path,
    env: dict[str, str],
    chunk: int | None,
    *,
    report: bool = True,
) -> "Measured":
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
        time.sleep(max(0.0, start - time.time()))
        before = cpu_snapshot(env["LEGAL_FLOWS_BENCH_SERVER_PID"])
        reports, flows_cpu = [], 0.0
        for c in children:
            assert c.stdout is not None
            reports.append(json.loads(c.stdout.read().strip().splitlines()[-1]))
            # The process's whole CPU, its run's ending and its exit included.
            _pid, c.returncode, usage = os.wait4(c.pid, 0)
            flows_cpu += usage.ru_utime + usage.ru_stime
        after = cpu_snapshot(env["LEGAL_FLOWS_BENCH_SERVER_PID"])
        done = sum(r["done"] for r in reports)
        assert done == todo, (phase, done, todo)
        elapsed = max(r["ended"] for r in reports) - start
        wall = done / elapsed
        flows_cpu -= sum(r["cpu"] for r in reports)
        if report:
            print_cpu(phase, workers, elapsed, before, after, flows_cpu)
        return wall, steady(url, phase), done_twice(url), elapsed
    finally:
        from legal_flows.store.db import dispose_all

        dispose_all()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def load(url: str, n: int, folder: Path, *, reviewed: bool) -> int:
    """N synthetic cases imported (and reviewed, for the generation phase); returns how
    many the phase has to do."""
    from sqlalchemy import func, select

    from legal_flows.bootstrap import package_calendar
    from legal_flows.demo.synthetic import write_portfolio
    from legal_flows.domain.policy import Policy
    from legal_flows.services.intake.accounts import import_accounts
    from legal_flows.services.intake.collections import import_collections
    from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
    from legal_flows.services.review.automatic import refresh_after_review, review_next
    from legal_flows.store.audit import Actor
    from legal_flows.store.db import get_engine, session_scope
    from legal_flows.store.tables import CaseRow
    from legal_flows.store.uow import unit_of_work

    pf = write_portfolio(folder / "in", count=n, seed=1, as_of=AS_OF)
    engine = get_engine(url)
    actor = Actor("bench")
    uows = functools.partial(unit_of_work, engine)
    with uows() as uow:
        configure_creditors(uow, read_creditors_file(pf.creditors), actor=actor, now=NOW)
    import_accounts(uows, path=pf.accounts, actor=actor, now=NOW)
    import_collections(uows, path=pf.collections, actor=actor, now=NOW)
    if not reviewed:
        return n
    after, calendar = 0, package_calendar()
    while True:
        with uows() as uow:
            part = review_next(
                uow,
                after=after,
                size=500,
                as_of=AS_OF,
                actor=actor,
                now=NOW,
                policy=Policy(),
                calendar=calendar,
            )
        if not part.claimed:
            break
        after = part.last_id
    with uows() as uow:
        refresh_after_review(uow)  # as the review flow does when it ends
    with session_scope(engine) as s:
        query = select(func.count()).where(CaseRow.stage == "approved")
        return int(s.execute(query).scalar_one())


def child(spec: dict) -> None:  # type: ignore[type-arg]
    """One worker process: its phase's flow, started with the others; prints what it did."""
    from legal_flows.flows import runtime
    from legal_flows.flows.documents import generate_documents_flow
    from legal_flows.flows.eligibility import eligibility_review_flow

    time.sleep(max(0.0, spec["start"] - time.time()))
    cpu = time.process_time()  # importing and connecting, before the runs start
    chunk = {"chunk_size": spec["chunk"]} if spec["chunk"] else {}  # else the flow's default
    with runtime.fast_flow_runs():
        if spec["phase"] == "review":
            done = eligibility_review_flow(as_of=AS_OF, **chunk)["reviewed"]
        else:
            done = generate_documents_flow(**chunk)["cases"]
    print(json.dumps({"done": done, "ended": time.time(), "cpu": cpu}))


def _proc_stats() -> dict[int, tuple[int, str, float]]:
    """pid → (parent pid, command, CPU seconds of it and of its children it has reaped)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        # utime, stime, cutime, cstime are fields 14-17 of proc(5); `fields` starts at 3.
        cpu = sum(int(f) for f in fields[11:15]) / tick
        stats[int(entry.name)] = (int(fields[1]), comm, cpu)
    return stats


def _tree_cpu(stats: dict[int, tuple[int, str, float]], roots: set[int]) -> float:
    members, grew = set(roots), True
    while grew:
        more = {p for p, (parent, _c, _t) in stats.items() if parent in members} - members
        members |= more
        grew = bool(more)
    return sum(stats[p][2] for p in members if p in stats)


def cpu_snapshot(server_pid: str) -> dict[str, float]:
    """CPU seconds used so far by the Prefect server, PostgreSQL and the whole machine:
    telling where the cores went shows contention apart from overhead."""
    stats = _proc_stats()
    postmasters = {
        p
        for p, (parent, comm, _t) in stats.items()
        if comm == "postgres" and stats.get(parent, (0, ""))[1] != "postgres"
    }
    with open("/proc/stat") as f:
        ticks = [int(v) for v in f.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    # /proc/stat's cpu line: user nice system idle iowait irq softirq steal ...
    return {
        "prefect server": _tree_cpu(stats, {int(server_pid)}),
        "postgresql": _tree_cpu(stats, postmasters),
        "machine": (sum(ticks[:8]) - ticks[3] - ticks[4] - ticks[7]) / tick,
        "steal": ticks[7] / tick,
        "clock": time.monotonic(),
    }


def print_cpu(
    phase: str,
    workers: int,
    elapsed: float,
    before: dict[str, float],
    after: dict[str, float],
    flows: float,
) -> None:
    """Cores each part kept busy on average, from the runs' start until every process ended
    (the flow processes' own CPU includes finishing their runs)."""
    used = {k: after[k] - before[k] for k in before} | {"flow processes": flows}
    window = used.pop("clock")
    used["other"] = used["machine"] - used["prefect server"] - used["postgresql"] - flows
    parts = "  ".join(
        f"{k} {v / window:4.2f}" for k, v in used.items() if k not in ("machine", "steal")
    )
    print(
        f"    {phase} with {workers} worker(s): {elapsed:5.1f} s; cores busy "
        f"{used['machine'] / window:4.2f} of {os.cpu_count()} "
        f"(stolen {used['steal'] / window:4.2f}): {parts}",
        flush=True,
    )


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
    if first == last:
        return float("nan")  # one chunk: no steady state to speak of
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
