"""What every task needs, built from settings inside the task (tasks take ids, not objects)."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Engine

from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.policy import Policy
from legal_flows.flows.runtime import current_flow_run_id
from legal_flows.services.audit import Actor
from legal_flows.services.config import load_policy, work_calendar
from legal_flows.services.filing.package import Templates
from legal_flows.settings import Settings, load_settings
from legal_flows.store.db import get_engine


@dataclass(frozen=True)
class TaskContext:
    settings: Settings
    engine: Engine
    actor: Actor
    now: datetime

    @property
    def policy(self) -> Policy:
        return load_policy(self.settings.policy_file)

    @property
    def calendar(self) -> WorkCalendar:
        return work_calendar()

    @property
    def store(self) -> DocumentStore:
        return DocumentStore(self.settings.document_store)

    @property
    def templates(self) -> Templates:
        return _templates(self.settings.templates or DEFAULT_TEMPLATES)


@cache
def _templates(folder: Path) -> Templates:
    """One per process and folder: each template is compiled once for every chunk this
    process renders (and again only when its file changes), not once per chunk."""
    return Templates(folder)


def task_context(flow_name: str) -> TaskContext:
    settings = load_settings()
    return TaskContext(
        settings=settings,
        engine=get_engine(settings.db_url),
        actor=Actor(f"flow:{flow_name}", current_flow_run_id()),
        now=datetime.now(settings.tz),
    )
