"""Intake on real SQLite and PostgreSQL: rows land, bad rows are reported, reruns add nothing."""

from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select, text

from legal_flows.services.intake.accounts import import_accounts
from legal_flows.services.intake.collections import import_collections
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AuditRow, CaseRow, CollectionEventRow, DebtorRow
from tests.helpers import (
    ACTOR,
    NOW,
    imported,
    portfolio,
    read_rows,
    set_case,
    uows,
    with_creditors,
    write_rows,
)


def count(engine: Engine, table: type) -> int:
    with session_scope(engine) as s:
        return int(s.execute(select(func.count()).select_from(table)).scalar_one())


def test_accounts_and_collections_land_with_their_amounts_as_decimals(engine, tmp_path):
    pf = portfolio(tmp_path, count=40)
    with_creditors(engine, pf)
    accounts = import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    events = import_collections(uows(engine), path=pf.collections, actor=ACTOR, now=NOW)
    assert (accounts.created, accounts.rejected) == (40, [])
    assert events.created == len(read_rows(pf.collections))
    first = read_rows(pf.accounts)[0]
    with session_scope(engine) as s:
        case = s.execute(
            select(CaseRow).where(CaseRow.account_id == first["account_id"])
        ).scalar_one()
        assert case.principal == Decimal(first["principal"])
        assert isinstance(case.interest, Decimal)
        assert case.stage == "intake"
        assert case.version == 1
    assert count(engine, CollectionEventRow) == events.created


def test_reimporting_the_same_files_changes_nothing(engine, tmp_path):
    pf = portfolio(tmp_path, count=30)
    with_creditors(engine, pf)
    import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    import_collections(uows(engine), path=pf.collections, actor=ACTOR, now=NOW)
    audit_rows = count(engine, AuditRow)
    again = import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    events = import_collections(uows(engine), path=pf.collections, actor=ACTOR, now=NOW)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 30)
    assert (events.created, events.unchanged) == (0, len(read_rows(pf.collections)))
    assert count(engine, CaseRow) == 30
    assert count(engine, AuditRow) == audit_rows


def test_changed_amount_updates_the_case_and_sends_a_decided_case_back_to_review(engine, tmp_path):
    rows = imported(engine, tmp_path, 5)
    target = rows[2]["account_id"]
    set_case(engine, target, stage="approved", outcome="approved", charges_allowed_by_reviewer=True)
    rows[2]["principal"] = "12345.67"
    report = import_accounts(
        uows(engine), path=write_rows(tmp_path / "v2.csv", rows), actor=ACTOR, now=NOW
    )
    assert (report.updated, report.unchanged) == (1, 4)
    with session_scope(engine) as s:
        case = s.execute(select(CaseRow).where(CaseRow.account_id == target)).scalar_one()
    assert (case.principal, case.stage, case.outcome, case.version) == (
        Decimal("12345.67"),
        "review",
        None,
        2,
    )
    assert (case.decision_id, case.charges_allowed_by_reviewer) == (None, False)


def test_change_to_a_filed_case_is_reported_and_not_applied(engine, tmp_path):
    rows = imported(engine, tmp_path, 3)
    set_case(engine, rows[0]["account_id"], stage="registered")
    original = rows[0]["principal"]
    rows[0]["principal"] = "99999.99"
    report = import_accounts(
        uows(engine), path=write_rows(tmp_path / "v2.csv", rows), actor=ACTOR, now=NOW
    )
    assert report.updated == 0
    assert [(e.row, e.column) for e in report.rejected] == [(2, "account_id")]
    assert "already filed (stage registered)" in report.rejected[0].reason
    with session_scope(engine) as s:
        principal = s.execute(
            select(CaseRow.principal).where(CaseRow.account_id == rows[0]["account_id"])
        ).scalar_one()
    assert principal == Decimal(original)


def test_collection_for_an_unknown_account_is_rejected_and_the_rest_land(engine, tmp_path):
    pf = portfolio(tmp_path, count=10)
    with_creditors(engine, pf)
    import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    rows = read_rows(pf.collections)
    rows[0]["account_id"] = "NOPE0001"
    report = import_collections(
        uows(engine), path=write_rows(tmp_path / "c.csv", rows), actor=ACTOR, now=NOW
    )
    assert report.created == len(rows) - 1
    assert [(e.row, e.column, e.value) for e in report.rejected] == [(2, "account_id", "NOPE0001")]


def test_two_accounts_of_one_cardholder_share_one_debtor(engine, tmp_path):
    pf = portfolio(tmp_path, count=4)
    with_creditors(engine, pf)
    rows = read_rows(pf.accounts)
    twin = {**rows[0], "account_id": "ACC-TWIN", "card_number": rows[1]["card_number"]}
    write_rows(pf.accounts, [*rows, twin])
    report = import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    assert report.created == 5
    assert count(engine, DebtorRow) == 4


def test_another_name_under_a_known_id_number_is_rejected(engine, tmp_path):
    pf = portfolio(tmp_path, count=2)
    with_creditors(engine, pf)
    rows = read_rows(pf.accounts)
    rows.append({**rows[0], "account_id": "ACC-OTHER", "holder_name": "冒名顶替"})
    report = import_accounts(uows(engine), path=write_rows(pf.accounts, rows), actor=ACTOR, now=NOW)
    assert report.created == 2
    assert [(e.row, e.column, e.value) for e in report.rejected] == [(4, "holder_name", "冒***")]


def test_xlsx_export_with_typed_cells_imports_like_csv(engine, tmp_path):
    pf = portfolio(tmp_path, count=3)
    with_creditors(engine, pf)
    rows = read_rows(pf.accounts)
    book = Workbook()
    sheet = book.active
    columns = list(rows[0])
    sheet.append(columns)
    for row in rows:
        values: list[object] = list(row.values())
        values[columns.index("principal")] = float(row["principal"])  # Excel keeps numbers
        values[columns.index("credit_limit")] = int(float(row["credit_limit"]))
        sheet.append(values)
    path = tmp_path / "accounts.xlsx"
    book.save(path)
    report = import_accounts(uows(engine), path=path, actor=ACTOR, now=NOW)
    assert (report.created, report.rejected) == (3, [])
    with session_scope(engine) as s:
        principal = s.execute(
            select(CaseRow.principal).where(CaseRow.account_id == rows[0]["account_id"])
        ).scalar_one()
    assert principal == Decimal(rows[0]["principal"])


def test_schema_matches_the_models_after_migration(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_money_columns_are_exact_numeric_on_postgresql(engine):
    with session_scope(engine) as s:
        kind = s.execute(
            text(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() "
                "AND table_name = 'card_case' AND column_name = 'principal'"
            )
        ).scalar_one()
    assert kind == "numeric"


def test_line_breaks_inside_a_quoted_cell_stay_in_the_cell(engine, tmp_path):
    pf = portfolio(tmp_path, count=2)
    with_creditors(engine, pf)
    rows = read_rows(pf.accounts)
    rows[0]["registered_address"] = "北京市朝阳区建国路1号\n3单元502室"
    import_accounts(uows(engine), path=write_rows(pf.accounts, rows), actor=ACTOR, now=NOW)
    with session_scope(engine) as s:
        address = s.execute(
            select(DebtorRow.registered_address).where(DebtorRow.id_number == rows[0]["id_number"])
        ).scalar_one()
    assert address == "北京市朝阳区建国路1号\n3单元502室"


def test_a_refused_change_to_a_filed_case_leaves_the_cardholder_untouched(engine, tmp_path):
    rows = imported(engine, tmp_path, 2)
    set_case(engine, rows[0]["account_id"], stage="filed")
    rows[0]["phone"] = "13911112222"
    report = import_accounts(
        uows(engine), path=write_rows(tmp_path / "v2.csv", rows), actor=ACTOR, now=NOW
    )
    assert report.rejected_rows == 1
    with session_scope(engine) as s:
        phone = s.execute(
            select(DebtorRow.phone).where(DebtorRow.id_number == rows[0]["id_number"])
        ).scalar_one()
    assert phone != "13911112222"


def test_too_long_and_too_large_values_are_row_errors_not_chunk_failures(engine, tmp_path):
    pf = portfolio(tmp_path, count=3)
    with_creditors(engine, pf)
    rows = read_rows(pf.accounts)
    rows[0]["ethnicity"] = "汉" * 21
    rows[1]["principal"] = "1000000000000.00"
    report = import_accounts(uows(engine), path=write_rows(pf.accounts, rows), actor=ACTOR, now=NOW)
    assert report.created == 1
    assert {(e.row, e.column) for e in report.rejected} == {(2, "ethnicity"), (3, "principal")}
