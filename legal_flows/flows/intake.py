"""Intake flow: import an accounts export, then its collection history."""

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from legal_flows.flows.context import task_context
from legal_flows.services.imports.report import FileReport, ImportReport
from legal_flows.services.intake.accounts import import_accounts
from legal_flows.services.intake.collections import import_collections

FLOW_NAME = "intake"


@task(name="import-accounts", cache_policy=NO_CACHE)
def import_accounts_task(path: str) -> FileReport:
    ctx = task_context(FLOW_NAME)
    return import_accounts(ctx.rt.uow, path=Path(path), actor=ctx.actor, now=ctx.now)


@task(name="import-collections", cache_policy=NO_CACHE)
def import_collections_task(path: str) -> FileReport:
    ctx = task_context(FLOW_NAME)
    return import_collections(ctx.rt.uow, path=Path(path), actor=ctx.actor, now=ctx.now)


@flow(name=FLOW_NAME)
def intake_flow(accounts: str, collections: str | None = None) -> dict[str, Any]:
    """Takes file paths only: the rows (personal data) never become Prefect parameters."""
    report = ImportReport([import_accounts_task(accounts)])
    if collections:
        report.files.append(import_collections_task(collections))
    summary = report.as_dict()
    get_run_logger().info(
        "imported: %s created, %s updated, %s unchanged, %s rejected rows",
        summary["created"],
        summary["updated"],
        summary["unchanged"],
        summary["rejected_rows"],
    )
    return summary
