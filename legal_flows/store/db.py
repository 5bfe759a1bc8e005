"""Engines, sessions and automatic migrations for SQLite (default) and PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

MIGRATIONS = Path(__file__).parent / "migrations"
_ENGINES: dict[str, Engine] = {}
_MIGRATED: set[str] = set()
# Any fixed number: serialises migrations of concurrent processes on one PostgreSQL database.
_MIGRATION_LOCK = 7_240_001
_READ_ONLY = "legal_flows_read_only"
SQLITE_CACHE_KIB = 64 * 1024  # each SQLite connection's page cache, at most (see _pragmas)
SQLITE_CHECKPOINT_PAGES = 10_000  # WAL pages (4 KiB) that trigger a checkpoint (see _pragmas)


def _json_text(value: Any) -> str:
    """JSON columns' text (decisions' reasons, settings, loaded calendars…): orjson writes a
    review chunk's reasons ~7× faster than the json module, the same values read back. Keys
    that are not strings are written as strings, as json.dumps writes them."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


# Every engine reads and writes its JSON columns with orjson (see _json_text).
_JSON = {"json_serializer": _json_text, "json_deserializer": orjson.loads}


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def get_engine(url: str) -> Engine:
    """One engine per URL per process, migrated to the latest schema on first use."""
    engine = _ENGINES.get(url)
    if engine is None:
        engine = _create(url)
        _ENGINES[url] = engine
    if url not in _MIGRATED:
        migrate(engine)
        _MIGRATED.add(url)
    return engine


def _create(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # hide_parameters: a failed statement must not print names and ID numbers into logs.
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True, **_JSON)

        @event.listens_for(engine, "connect")
        def _no_jit(dbapi_conn: Any, _record: Any) -> None:
            # PostgreSQL compiles "expensive-looking" statements with JIT: ~10 ms measured on
            # a chunk's UPDATE that runs in 17 ms. Our statements are short; JIT only costs.
            with dbapi_conn.cursor() as cursor:
                cursor.execute("SET jit = off")
            dbapi_conn.commit()

        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True, **_JSON)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver's own BEGIN is replaced below
        cursor = dbapi_conn.cursor()
        # WAL lets readers work while the single writer commits; foreign keys are off by default.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # A review chunk changes a page or two of each date index per case, scattered over
        # the whole index (a deadline's due date has nothing to do with the case's id): at
        # 100,000 cases ~1,800 pages a chunk of 500, against SQLite's default cache of 2 MiB
        # (500 pages), which spilled them into the WAL mid-transaction and read them back.
        # A ceiling per connection, filled only as pages are read, freed when it closes.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        # The savepoint each chunk writes in journals the pages it changes, in a temporary
        # file by default. strace over a 100,000-case review in chunks of 500, before and
        # after these two: WAL writes 396,000 -> 320,000, temporary-file writes 366,000 -> 0,
        # reads 378,000 -> 142,000.
        cursor.execute("PRAGMA temp_store=MEMORY")
        # Checkpoint the WAL into the database every ~40 MB instead of every 4 MB: the pages
        # each review chunk rewrites are copied back once for ~14 chunks, not once for one or
        # two. Over that review: fdatasync 278 -> 42, writes 352,000 -> 314,000, reads
        # 114,000 -> 75,000, the service 13.1-13.9 s -> 12.1-12.6 s in three alternated pairs.
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # SQLite has one writer. Taking the write lock up front makes a second writer wait
        # for the first to commit and then read fresh data, instead of failing halfway with
        # "database is locked" when it tries to write over a stale snapshot. Readers take
        # no lock: with WAL they read a snapshot while the writer works.
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision; a no-op costing one query when it is there."""
    cfg = _alembic_config()
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    with engine.connect() as conn:
        if set(MigrationContext.configure(conn).get_current_heads()) == heads:
            return
    with engine.begin() as conn:
        if not is_sqlite(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@contextmanager
def session_scope(
    engine: Engine, *, read_only: bool = False, dry_run: bool = False
) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error.

    `read_only` sessions do not queue behind SQLite's writer (they must not write);
    `dry_run` ones write and then roll everything back (a preview of what a run would do).
    """
    bind = engine.execution_options(**{_READ_ONLY: True}) if read_only else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise


def connection_lost(exc: BaseException) -> bool:
    """A dropped, refused or restarted database connection, as opposed to bad data: the kind
    of failure worth trying again on a new connection."""
    return isinstance(exc, OperationalError | InterfaceError) or bool(
        getattr(exc, "connection_invalidated", False)
    )


def dispose_all() -> None:
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
    _MIGRATED.clear()
