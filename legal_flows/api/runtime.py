"""What every request shares: settings, the database, the document store and the clock."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property

from sqlalchemy import Engine
from sqlmodel import Session

from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.policy import Policy
from legal_flows.services.config import load_policy, work_calendar
from legal_flows.settings import Settings
from legal_flows.store.db import get_engine, session_scope


class Portal:
    """One per application: built from the settings once, handed to every route."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.ensure_home()

    @cached_property
    def engine(self) -> Engine:
        return get_engine(self.settings.db_url)

    @cached_property
    def store(self) -> DocumentStore:
        return DocumentStore(self.settings.document_store)

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        with session_scope(self.engine, read_only=read_only) as s:
            yield s

    def now(self) -> datetime:
        return datetime.now(self.settings.tz)

    def today(self) -> date:
        return self.now().date()

    @cached_property
    def policy(self) -> Policy:
        return load_policy(self.settings.policy_file)

    @cached_property
    def calendar(self) -> WorkCalendar:
        return work_calendar()
