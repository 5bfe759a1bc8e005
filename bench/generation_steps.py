"""Where generation's time goes: each step of the generation flow, timed, against rendering
the same documents alone.

    python bench/generation_steps.py [N]

Sets up as bench/generation.py does (N synthetic cases, default 1,000, imported and reviewed
into SQLite), renders the approved cases' packages alone, then runs the generation flow once
(Prefect, one process) with each step's functions wrapped in a timer. Steps nest
(`generate_chunk` holds the others). Figures, not a test.
"""

import argparse
import importlib
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from generation import contexts, generation_flow, prefect_start, rendering_alone
from scale import load  # bench/ is the script's own folder
from timing import time_calls

STEPS = {
    "legal_flows.flows.documents": ["generate_chunk"],  # the flow's task calls it by that name
    "legal_flows.services.filing.generation": ["package_contexts"],
    "legal_flows.services.filing.render": ["canonical_sha"],
    "legal_flows.services.filing.dossier": ["Dossiers.__init__"],
    "legal_flows.documents.compiled": ["CompiledTemplate.render", "Templates.load"],
    "legal_flows.documents.storage": ["DocumentStore.put", "DocumentStore._flush"],
    "legal_flows.store.documents": ["Documents.add_many", "Documents.of_cases"],
    "legal_flows.store.cases": ["Cases.move", "Cases.take"],
    "legal_flows.store.audit": ["AuditLog.append"],
}


def timed_steps() -> dict[str, float]:
    """Wrap each step in a timer; returns the totals, filled in as the flow runs."""
    totals: dict[str, float] = defaultdict(float)
    for module, names in STEPS.items():
        for name in names:
            owner: Any = importlib.import_module(module)
            attr = name
            if "." in name:
                cls, attr = name.split(".")
                owner = getattr(owner, cls)
            time_calls(owner, attr, name, totals)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    os.environ["LEGAL_FLOWS_HOME"] = str(work / "home")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    try:
        run(args.n, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(n: int, work: Path) -> None:
    from legal_flows.flows import runtime  # noqa: F401  (Prefect settings first)
    from legal_flows.store.db import dispose_all

    db = work / "reviewed.db"
    approved = load(f"sqlite:///{db}", n, work, reviewed=True)  # bench/scale.py's set-up
    dispose_all()
    packages = contexts(f"sqlite:///{db}")
    documents = sum(len(p) for p in packages)
    prefect_start()
    alone = rendering_alone(packages)
    totals = timed_steps()
    flow_s, done = generation_flow(f"sqlite:///{db}", work / "store")
    assert done["cases"] == approved, (done["cases"], approved)
    print(f"legal_flows generation steps: {approved:,} approved cases, {documents:,} documents")

    def line(label: str, seconds: float) -> None:
        print(f"{label:<36} {seconds:7.2f} s  {seconds / documents * 1e3:6.2f} ms/doc")

    line("rendering alone (not in the flow)", alone)
    line("generation flow, in all", flow_s)
    for label, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        line(f"  {label}", seconds)
    render = totals["CompiledTemplate.render"]
    print(
        f"rendering in the flow / alone = {render / alone:.2f}, flow / alone = {flow_s / alone:.2f}"
    )


if __name__ == "__main__":
    main()
