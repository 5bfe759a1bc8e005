"""Rules the store runs as SQL agree with the domain's; fingerprints stay what they were."""

from datetime import date, timedelta

from sqlalchemy import insert, select

from legal_flows.domain.deadlines import DeadlineKind, Source, status_at
from legal_flows.domain.seizure import SeizureStatus, has_lapsed
from legal_flows.services.enforcement.seizures import add_asset
from legal_flows.services.imports.rows import RowReader
from legal_flows.services.imports.tabular import read_table
from legal_flows.services.intake.rows import read_account, read_collection
from legal_flows.store.tables import DEADLINE
from tests.helpers import ACTOR, NOW, portfolio, read_rows, uow, write_rows

SWEEP_DAY = date(2026, 12, 1)


def test_marking_passed_deadlines_in_sql_gives_the_status_the_domain_gives(engine, ready):
    """Deadlines.mark_passed is a set-based UPDATE; for every kind, due the day before, on
    and after the sweep's day, its status is domain.deadlines.status_at's."""
    with uow(engine) as w:
        case_id = w.cases.id_of(ready)
        rows = [
            {
                "case_id": case_id,
                "kind": kind.value,
                "due_on": SWEEP_DAY + timedelta(days=offset),
                "status": "open",
                "citation": "c",
                "source_kind": Source.CASE.value,
                "source_id": case_id,
                "seq": n,  # from 1: the review's own limitation deadline is seq 0
            }
            for n, (kind, offset) in enumerate(
                ((k, o) for k in DeadlineKind for o in (-1, 0, 1)), start=1
            )
        ]
        w.session.execute(insert(DEADLINE), rows)
    with uow(engine) as w:
        w.deadlines.mark_passed(SWEEP_DAY)
    with uow(engine) as w:
        stored = w.session.execute(
            select(DEADLINE.c.kind, DEADLINE.c.due_on, DEADLINE.c.status).where(DEADLINE.c.seq > 0)
        )
        got = {(r.kind, r.due_on): r.status for r in stored}
    for kind in DeadlineKind:
        for offset in (-1, 0, 1):
            due = SWEEP_DAY + timedelta(days=offset)
            expected = status_at(kind.value, due, met=False, as_of=SWEEP_DAY).value
            assert got[(kind.value, due)] == expected, (kind, offset)


def test_lapsing_seizures_in_sql_ends_those_the_domain_says_have_lapsed(engine, ready):
    with uow(engine) as w:
        asset_id = add_asset(
            w,
            account_id=ready,
            kind="deposit",
            description="账户",
            identifier="1",
            value=None,
            necessary_home=False,
            actor=ACTOR,
            now=NOW,
        )
        case_id = w.cases.id_of(ready)
        cases = [
            (status, SWEEP_DAY + timedelta(days=offset) if offset is not None else None)
            for status in SeizureStatus
            for offset in (-1, 0, 1, None)
        ]
        for n, (status, expires) in enumerate(cases):
            w.enforcement.add_seizure(
                asset_id=asset_id,
                case_id=case_id,
                measure="freeze",
                stage="enforcement",
                ruling_no=str(n),
                effective_on=date(2026, 1, 1),
                served_on=date(2026, 1, 1),
                expires_on=expires,
                status=status.value,
                updated_at=NOW,
            )
    with uow(engine) as w:
        found = {r.ruling_no for r in w.enforcement.expired(SWEEP_DAY)}
    for n, (status, expires) in enumerate(cases):
        lapsed = has_lapsed(status.value, expires, SWEEP_DAY)
        assert (str(n) in found) == lapsed, (status, expires)


def test_the_fingerprint_of_an_imported_row_is_the_one_earlier_versions_stored(tmp_path):
    """A changed fingerprint would make every re-import look like new data and send every
    decided case back to review: these are what the importer wrote before its columns were
    declared in services/intake/fields.py."""
    pf = portfolio(tmp_path, count=300, seed=20261129)
    rows = read_rows(pf.accounts)
    worked = dict(rows[0])
    for row in rows:  # an export from before the columns added later (employer, …)
        row.update(employer="", occupation="", residence_since="")
    older = write_rows(tmp_path / "older.csv", rows[:3])
    sheet = read_table(older)
    hashes = {}
    for number, values in sheet.rows[:3]:
        record = read_account(RowReader(sheet.file, number, values))
        assert record is not None
        hashes[record.account_id] = record.data_hash
    worked.update(employer="某某科技有限公司", occupation="职员")
    newer = read_table(write_rows(tmp_path / "newer.csv", [worked]))
    changed = read_account(RowReader(newer.file, *newer.rows[0]))
    assert changed is not None
    assert changed.data_hash != hashes["ACC00000001"]  # a filled new column is new data
    assert hashes == {
        "ACC00000001": "fe74b71bdfb4337786eb31498ef2c28ee6978e0f28a11212d56f5789271e3032",
        "ACC00000002": "5a88fb2bf31736abe42520e079440946b40ea871556f2f2f1fc9bdf100b6090e",
        "ACC00000003": "02d0d9b7025ff4e00f0fb0e7584453fdf42802de1b8a82fe6a34aafeb0665c25",
    }
    events = read_table(pf.collections)
    keys = [read_collection(RowReader(events.file, n, v)).event_key for n, v in events.rows[:2]]
    assert keys == [
        "50eb786a7d6847d50809445cfb32ad359060389ea13ce70c974f98eb71d1cf7c",
        "baa60d63c39c2fda229675ec8bfdd92bac0e9593acbb4bb5183da5a376a2ae2c",
    ]


def test_every_declared_field_has_its_column_so_the_declarations_cannot_drift_apart():
    """The accounts file's columns, the review's facts and the documents' dossier are each
    read by name from the case and cardholder tables (services/intake/fields.py,
    services/review/facts.py, services/filing/dossier.py)."""
    from legal_flows.services.filing.dossier import _FROM_CASE
    from legal_flows.services.intake.fields import ACCOUNT_COLUMNS, Stored
    from legal_flows.services.review.facts import CASE_COLUMNS
    from legal_flows.store.tables import CASE, DEBTOR

    tables = {Stored.CASE: CASE, Stored.DEBTOR: DEBTOR}
    for column in ACCOUNT_COLUMNS:
        if column.stored in tables:
            assert column.name in tables[column.stored].c, column
    case_or_debtor = set(CASE.c.keys()) | set(DEBTOR.c.keys()) | {"holder_name"}
    assert set(CASE_COLUMNS) <= case_or_debtor
    assert set(_FROM_CASE) <= case_or_debtor
