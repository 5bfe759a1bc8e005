"""Document-generation flow: lanes of chunks, each claimed and rendered in one transaction."""

from contextlib import nullcontext
from datetime import date
from typing import Any, cast

from prefect import flow, get_client, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectNotFound

from legal_flows.bootstrap import runtime
from legal_flows.documents.pdf_pool import Slot
from legal_flows.domain.errors import told_parts
from legal_flows.flows.context import TaskContext, task_context
from legal_flows.flows.converters import converters, pdf_run
from legal_flows.flows.deploy import publish_failed_cases
from legal_flows.flows.runtime import (
    batch_collector,
    generation_runner,
    retry_on_lost_connection,
    run_lanes,
)
from legal_flows.services.filing.generation import generate_chunk
from legal_flows.services.filing.pdf import NotMade, convert_to_pdf
from legal_flows.settings import Settings, load_settings

FLOW_NAME = "generate-documents"
PDF_LIMIT = "legal-flows-libreoffice"
COUNTS = ("cases", "created", "reused", "pdf")


@task(name="tidy-document-store", cache_policy=NO_CACHE)
def tidy_store_task() -> int:
    """Temporary files a killed run left behind are deleted before new ones are written."""
    removed = task_context(FLOW_NAME).rt.store.remove_stale_partials()
    if removed:
        get_run_logger().info("removed %d unfinished file(s) of an interrupted run", removed)
    return removed


@task(
    name="generate-chunk",
    cache_policy=NO_CACHE,
    retries=3,
    retry_delay_seconds=[2, 5, 15],
    retry_condition_fn=retry_on_lost_connection,
)
def generate_chunk_task(
    after: int,
    chunk_size: int,
    case_ids: list[int] | None,
    signed_on: date | None,
    demand_letter: bool,
    pdf: bool,
) -> dict[str, Any]:
    """Claim up to `chunk_size` cases past `after` and render their packages in one
    transaction; then their PDF copies by the process's LibreOffice converters."""
    ctx = task_context(FLOW_NAME)
    rt = ctx.rt
    # The store's batch ends (its files flushed to disk) before the unit of work commits.
    with rt.uow() as uow, rt.store.batch():
        steps = generate_chunk(
            uow,
            after=after,
            size=chunk_size,
            case_ids=case_ids,
            with_ready=pdf,
            signed_on=signed_on,
            actor=ctx.actor,
            now=ctx.now,
            policy=rt.policy,
            store=rt.store,
            templates=rt.templates,
            demand_letter=demand_letter,
        )
    done: dict[str, Any] = dict.fromkeys(COUNTS, 0) | {
        "failed": [],
        "claimed": len(steps),
        "last_id": steps[-1].case_id if steps else after,
    }
    ready = []
    for step in steps:
        if step.generated is None:
            # One case's problem (say, no court readable from its address) fails that case.
            failure: dict[str, Any] = {"case_id": step.case_id, "error": step.error}
            if step.told is not None:
                failure |= {"template": step.told[0], "values": step.told[1]}
            done["failed"].append(failure)
            continue
        ready.append(step.case_id)
        done["cases"] += 1
        done["created"] += len(step.generated.created)
        done["reused"] += len(step.generated.reused)
    if pdf and ready:
        done["pdf"], not_made = _pdf_copies(ctx, ready)
        done["failed"] += not_made
    return done


def _pdf_copies(ctx: TaskContext, case_ids: list[int]) -> tuple[int, list[dict[str, Any]]]:
    """The chunk's PDF copies. A document LibreOffice cannot convert (it fails or hangs on
    it, alone) is named with its case as having no PDF yet; the others are stored. Its .docx
    is committed and no partial PDF is stored, so the next run finds it without a PDF and
    tries again (documents.without_pdf)."""
    made, not_made = _converted(ctx, case_ids)
    failures = []
    for case_id, kind, exc in not_made:  # logged with the run's other failures
        template, values = told_parts(exc)
        failures.append(
            {
                "case_id": case_id,
                "kind": kind,
                "error": str(exc),
                "template": template,
                "values": values,
            }
        )
    return made, failures


def _converted(ctx: TaskContext, case_ids: list[int]) -> tuple[int, list[NotMade]]:
    return convert_to_pdf(
        ctx.rt.uow,
        case_ids=case_ids,
        converters=converters(ctx.rt.settings),
        store=ctx.rt.store,
        actor=ctx.actor,
        now=ctx.now,
        slot=libreoffice_slot(),
    )


def libreoffice_slot() -> Slot:
    """How many LibreOffice processes the installation allows at once is a Prefect global
    concurrency limit an operator creates (`prefect gcl create legal-flows-libreoffice
    --limit 2`): each converter a chunk uses holds a slot while it works. Without one the
    converters go ahead unthrottled; the limit is looked up once a chunk, because Prefect
    warns at every slot asked of a limit that does not exist (twice a chunk on two cores)."""
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(PDF_LIMIT)
        except ObjectNotFound:
            return nullcontext
    # strict=False: a limit deleted since is skipped, not a failed chunk.
    return lambda: concurrency(PDF_LIMIT, occupy=1, strict=False)


# The runner is chosen by configuration when a worker imports this module (prefect.yaml).
@flow(name=FLOW_NAME, task_runner=generation_runner(load_settings()))
def generate_documents_flow(
    signed_on: date | None = None,
    case_ids: list[int] | None = None,
    demand_letter: bool = False,
    pdf: bool = False,
    chunk_size: int = 100,  # ~1 s of rendering a task: Prefect's share stays small
    lanes: int = 1,
) -> dict[str, Any]:
    """Render the filing package of every approved case (or of the given case ids).

    `lanes` chunks are rendered at once; this run and any other share the cases without
    overlap (store/claims.py). With `pdf`, cases already ready are completed with PDFs.
    """
    with batch_collector(), pdf_run() if pdf else nullcontext():
        tidy_store_task()
        parts: list[dict[str, Any]] = run_lanes(
            lambda after: generate_chunk_task.submit(
                after, chunk_size, case_ids, signed_on, demand_letter, pdf
            ),
            lanes,
            lambda part: part["last_id"] if part["claimed"] else None,
        )
        total: dict[str, Any] = dict.fromkeys(COUNTS, 0) | {"failed": []}
        for part in parts:
            for key in COUNTS:
                total[key] += part[key]
            total["failed"] += part["failed"]
        for failure in total["failed"]:
            get_run_logger().error("case %s: %s", failure["case_id"], failure["error"])
        publish_failed_cases(total["failed"])
        t = runtime().translator  # codes for scripts, names for people
        counts = {k: total[k] for k in COUNTS} | {"failed": len(total["failed"])}
        create_table_artifact(
            key="generate-documents",
            table=[
                {"what": k, "name": t.label("summary", k), "count": n} for k, n in counts.items()
            ],
            description=t("filing documents generated"),
        )
        return total


def run_generation(settings: Settings, **parameters: Any) -> dict[str, Any]:
    """The flow with the task runner and lanes the current settings choose (the module-level
    runner was fixed when this module was imported)."""
    runner = generation_runner(settings)
    configured = generate_documents_flow.with_options(task_runner=runner)
    return cast(dict[str, Any], configured(**{"lanes": settings.task_workers} | parameters))
