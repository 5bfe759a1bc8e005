"""The one wiring: everything a command, a flow task or the portal needs, built from Settings.

The CLI builds a Runtime per command, each flow task one per task, the portal one per
application. Nothing else reads the clock's date, parses the policy file or opens the
database: services are handed a unit of work (or, for batch use cases, the runtime's
`uow` factory) and plain values taken from here.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.compiled import Templates
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.distribution import EnforcementPolicy
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.policy import Policy
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.i18n import Translator, translator
from legal_flows.policy_file import Policies, load_policies
from legal_flows.services.calendar.schedules import calendar_with_loaded
from legal_flows.settings import Settings, load_settings
from legal_flows.store.db import get_engine
from legal_flows.store.uow import UnitOfWork, unit_of_work


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # The clock: "today" is the business day in the configured zone, or the pinned day.
    @cached_property
    def tz(self) -> ZoneInfo:
        return self.settings.tz

    def now(self) -> datetime:
        moment = datetime.now(self.tz)
        pinned = self.settings.today
        return moment if pinned is None else datetime.combine(pinned, moment.timetz())

    def today(self) -> date:
        return self.settings.today or self.now().date()

    @property
    def translator(self) -> Translator:
        """What the runs write for people (artifacts, report pages) is said in the
        department's language and date format (LEGAL_FLOWS_LANGUAGE, _DATE_FORMAT)."""
        settings = self.settings
        return translator(settings.language, iso_dates=settings.date_format == "iso")

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) instant shown in business time."""
        return moment.astimezone(self.tz)

    # State: the database, one unit of work per transaction, the document files.
    @property
    def engine(self) -> Engine:
        self.settings.ensure_home()  # the default SQLite file lives there
        return get_engine(self.settings.db_url)  # one engine per URL per process, migrated

    def migrate(self) -> None:
        """The database at the latest schema, before a flow's tasks open it (a no-op when
        it is there already)."""
        self.settings.ensure_home()
        get_engine(self.settings.db_url)

    @contextmanager
    def uow(self, *, read_only: bool = False, dry_run: bool = False) -> Iterator[UnitOfWork]:
        """One transaction: committed when the block ends, rolled back if it raises (or
        always, `dry_run`)."""
        with unit_of_work(self.engine, read_only=read_only, dry_run=dry_run) as uow:
            yield uow

    @cached_property
    def store(self) -> DocumentStore:
        return DocumentStore(self.settings.document_store)

    @property
    def templates(self) -> Templates:
        return _templates(self.settings.templates or DEFAULT_TEMPLATES)

    # The bank's policy file, parsed once, and the holiday calendar.
    @cached_property
    def policies(self) -> Policies:
        return load_policies(self.settings.policy_file)

    @property
    def policy(self) -> Policy:
        return self.policies.review

    @property
    def sweep_policy(self) -> SweepPolicy:
        return self.policies.sweep

    @property
    def enforcement_policy(self) -> EnforcementPolicy:
        return self.policies.enforcement

    @property
    def ledger_rules(self) -> LedgerRules:
        """How the debt ledger applies money and charges the enforcement fee."""
        return self.enforcement_policy.ledger_rules(self.policy.cost_cap_rate)

    @property
    def calendar(self) -> WorkCalendar:
        """The holiday package's calendar, each year the bank loaded in its place (asked on
        every use: a year loaded while the portal runs counts from its next request; built
        again only after a load, services/calendar/schedules.calendar_with_loaded)."""
        with self.uow(read_only=True) as uow:
            return calendar_with_loaded(uow.session, package_calendar())


def runtime() -> Runtime:
    """A runtime on the current environment (read now, not at import)."""
    return Runtime(load_settings())


@lru_cache(maxsize=8)
def _templates(folder: Path) -> Templates:
    """One per process and folder: each template is compiled once for every chunk this
    process renders (and again only when its file changes), not once per chunk."""
    return Templates(folder)


@lru_cache(maxsize=1)
def package_calendar() -> WorkCalendar:
    """Official holidays and adjusted working days from the maintained chinesecalendar package."""
    import chinese_calendar

    holidays: frozenset[date] = frozenset(chinese_calendar.holidays)
    workdays: frozenset[date] = frozenset(chinese_calendar.workdays)
    years = frozenset(d.year for d in holidays)
    return WorkCalendar(holidays=holidays, workdays=workdays, covered_years=years)
