"""Generation end to end against rendering alone, the same documents of the same cases.

    python bench/generation.py [N] [--repeat 2]

N synthetic cases (default 1,000) are imported and reviewed into a fresh SQLite database.
Then, for the approved ones, prints documents per second of:
(a) rendering alone: each case's filing package (its kinds, templates and contexts, built
    beforehand and not timed) rendered by the compiled templates, nothing stored;
(b) the generation flow (Prefect, one process, its default chunks) on a copy of the
    database: dossier reads, rendering, the document store, document rows, stage moves,
    audit and commits. Prefect's start-up is printed apart.
The goal is (b) ≥ 60% of (a) (issue 16). bench/scale.py measures the same flow on PostgreSQL
with 1 and 2 workers. Figures, not a test.
"""

import argparse
import os
import shutil
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

AS_OF = date(2026, 11, 29)
NOW = datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    os.environ["LEGAL_FLOWS_HOME"] = str(work / "home")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    try:
        run(args.n, args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n: int, repeat: int, work: Path) -> None:
    from scale import load  # bench/ is the script's own folder

    from legal_flows.flows import runtime  # noqa: F401  (Prefect settings first)
    from legal_flows.store.db import dispose_all

    db = work / "reviewed.db"
    print(f"legal_flows generation bench: N={n:,} cases, SQLite, one process")
    t = time.perf_counter()
    approved = load(f"sqlite:///{db}", n, work, reviewed=True)  # bench/scale.py's set-up
    dispose_all()  # its WAL checkpointed into the file each run copies
    print(f"setup: {approved:,} approved cases in {time.perf_counter() - t:.1f} s")
    packages = contexts(f"sqlite:///{db}")
    documents = sum(len(p) for p in packages)
    startup = prefect_start()
    for i in range(repeat):
        alone = rendering_alone(packages)
        copy = work / f"run{i}.db"
        shutil.copy(db, copy)
        flow_s, summary = generation_flow(f"sqlite:///{copy}", work / f"store{i}")
        assert summary["cases"] == approved, (summary["cases"], approved)
        print(
            f"run {i + 1}: (a) rendering alone {documents / alone:7.1f} docs/s "
            f"({documents:,} documents, {alone:.2f} s)   (b) generation flow "
            f"{documents / flow_s:7.1f} docs/s ({approved / flow_s:.1f} cases/s, "
            f"{flow_s:.2f} s)   b/a = {alone / flow_s:.0%} (goal ≥ 60%)"
        )
    print(f"Prefect start-up {startup:.1f} s, not counted")


def contexts(url: str) -> list[list[tuple]]:  # type: ignore[type-arg]
    """Each approved case's package as the generation flow builds it (kinds, specs, contexts)."""
    from legal_flows.domain.policy import Policy
    from legal_flows.services.filing.dossier import load_dossier
    from legal_flows.services.filing.generation import cases_needing_documents, package_contexts
    from legal_flows.store.db import get_engine
    from legal_flows.store.uow import unit_of_work

    engine = get_engine(url)
    packages, creditors = [], {}  # type: ignore[var-annotated]
    with unit_of_work(engine) as uow:
        for case_id in cases_needing_documents(uow):
            dossier, decision, _ = load_dossier(uow, case_id, creditors)
            packages.append(
                package_contexts(dossier, decision, Policy(), signed_on=None, demand_letter=False)
            )
    engine.dispose()
    return packages


def rendering_alone(packages: list[list[tuple]]) -> float:  # type: ignore[type-arg]
    from legal_flows.documents.catalog import DEFAULT_TEMPLATES
    from legal_flows.documents.compiled import Templates

    templates = Templates(DEFAULT_TEMPLATES)
    for package in packages[:1]:  # compiled before the clock starts, as the flow's first case
        for _, spec, _ in package:
            templates.load(spec)
    t = time.perf_counter()
    for package in packages:
        for _, spec, context in package:
            templates.load(spec)[0].render(context)
    return time.perf_counter() - t


def prefect_start() -> float:
    from prefect import flow

    from legal_flows.flows import runtime

    @flow(name="bench-warm-up")
    def warm_up() -> None:
        return None

    t = time.perf_counter()
    with runtime.fast_flow_runs():
        warm_up()  # starts the ephemeral API
    return time.perf_counter() - t


def generation_flow(url: str, store: Path, **parameters: Any) -> tuple[float, dict[str, Any]]:
    """The generation flow's time and summary (bench/pdf_flow.py passes pdf=True)."""
    from legal_flows.flows import runtime
    from legal_flows.flows.documents import generate_documents_flow

    os.environ["LEGAL_FLOWS_DATABASE_URL"] = url
    os.environ["LEGAL_FLOWS_HOME"] = str(store)  # its documents/ folder is the store
    with runtime.fast_flow_runs():
        t = time.perf_counter()
        done = generate_documents_flow(**parameters)
        return time.perf_counter() - t, done


if __name__ == "__main__":
    main()
