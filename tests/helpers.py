"""Builders for integration and end-to-end tests: portfolios on disk, configured creditors."""

import csv
from pathlib import Path

from sqlalchemy import Engine, select, update

from legal_flows.demo.synthetic import Portfolio, write_portfolio
from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow
from tests.conftest import ACTOR, AS_OF, NOW


def portfolio(folder: Path, count: int = 60, seed: int = 7) -> Portfolio:
    return write_portfolio(folder, count=count, seed=seed, as_of=AS_OF)


def with_creditors(engine: Engine, pf: Portfolio) -> None:
    with session_scope(engine) as session:
        configure_creditors(session, read_creditors_file(pf.creditors), actor=ACTOR, now=NOW)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def imported(engine: Engine, folder: Path, count: int) -> list[dict[str, str]]:
    """A portfolio imported (accounts only); returns its rows as written to the file."""
    from legal_flows.services.intake.accounts import import_accounts

    pf = portfolio(folder, count=count)
    with_creditors(engine, pf)
    import_accounts(engine, path=pf.accounts, actor=ACTOR, now=NOW)
    return read_rows(pf.accounts)


def set_case(engine: Engine, account_id: str, **values: object) -> None:
    """Put a case where a later stage would have left it (for the stages this issue lacks)."""
    with session_scope(engine) as s:
        s.execute(update(CaseRow).where(CaseRow.account_id == account_id).values(**values))


def first_in_stage(engine: Engine, stage: str) -> str:
    with session_scope(engine) as s:
        query = select(CaseRow.account_id).where(CaseRow.stage == stage).order_by(CaseRow.id)
        return str(s.execute(query).scalars().first())
