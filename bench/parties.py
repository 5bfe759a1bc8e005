"""The one creditor and one debtor the database benches hang their cases on."""

from datetime import date

from sqlalchemy import Engine, insert

from legal_flows.store.db import session_scope
from legal_flows.store.tables import CREDITOR, DEBTOR


def add_creditor(engine: Engine) -> None:
    """Creditor 1, the bank entity every bench case sues for."""
    with session_scope(engine) as s:
        s.execute(
            insert(CREDITOR).values(
                id=1,
                code="B",
                name="银行",
                address="北京",
                credit_code="x",
                head_name="张",
                head_title="行长",
                phone="1",
            )
        )


def add_parties(engine: Engine) -> None:
    """Creditor 1 and debtor 1 (the benches measure cases, not parties)."""
    add_creditor(engine)
    with session_scope(engine) as s:
        s.execute(
            insert(DEBTOR).values(
                id=1,
                id_number="11010519491231002X",
                name="王",
                gender="女",
                birth_date=date(1949, 12, 31),
                registered_address="北京",
            )
        )
