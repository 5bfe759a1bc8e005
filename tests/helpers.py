"""Builders for integration and end-to-end tests: portfolios on disk, configured creditors."""

import csv
from pathlib import Path

from sqlalchemy import Engine

from legal_flows.services.creditors import configure_creditors, read_creditors_file
from legal_flows.store.db import session_scope
from legal_flows.synthetic import Portfolio, write_portfolio
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
