"""Alembic environment: runs on the connection handed over by legal_flows.store.db.migrate."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from legal_flows.store import tables  # registers the tables on the metadata

config = context.config
target_metadata = SQLModel.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line: sqlalchemy.url from the ini
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as conn:
            _run_on(conn)
    else:
        _run_on(connection)


def _render_item(kind: str, obj: object, _ctx: object) -> str | bool:
    """Our column types render as their plain SQLAlchemy equivalent: migrations import no app."""
    if kind == "type" and isinstance(obj, tables.UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run_on(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_item=_render_item,
        render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
    )
    with context.begin_transaction():
        context.run_migrations()


run()
