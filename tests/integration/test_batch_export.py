"""Batch filing: the 诉讼要素表, each case's package numbered in catalog order and named with its
account and 案号, and a manifest whose hashes match the files."""

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from legal_flows.documents.storage import DocumentStore, sha256
from legal_flows.services.errors import InputError
from legal_flows.services.filing.batch import COLUMNS, batch_export
from legal_flows.services.filing.dossier import load_dossier
from tests.helpers import NOW, approved_cases, generate, set_case, uow


@pytest.fixture
def ready(engine, tmp_path):
    store = DocumentStore(tmp_path / "docs")
    ids = approved_cases(engine, tmp_path, count=12)[:4]
    for case_id in ids:
        generate(engine, case_id, store)
    return store, ids


def export(engine, store, target, **kw):
    with uow(engine, read_only=True) as w:
        return batch_export(
            w,
            store,
            target,
            stage=kw.pop("stage", "documents_ready"),
            court=kw.pop("court", None),
            cost_cap=Decimal("0.24"),
            tz=NOW.tzinfo,
        )


def test_the_sheet_has_a_row_per_case_with_the_form_s_elements(engine, tmp_path, ready):
    store, ids = ready
    summary = export(engine, store, tmp_path / "out")
    assert summary["cases"] == len(ids)
    sheet = load_workbook(tmp_path / "out" / "诉讼要素表.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(label for label, _ in COLUMNS)
    assert len(rows) == len(ids) + 1
    with uow(engine, read_only=True) as w:
        first = load_dossier(w, ids[0]).dossier
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["账户"] == first.account_id
    assert row["证件号码"] == first.id_number  # for the court, in full
    assert row["被告"] == first.holder_name
    assert row["受诉法院"].endswith("法院")
    assert "判令本案诉讼费用由被告承担" in row["诉讼请求"]
    assert "0.00" not in (row["违约金（元）"] or "")  # an item not claimed stays empty


def test_each_package_is_numbered_in_catalog_order_and_named_with_account_and_case_no(
    engine, tmp_path, ready
):
    store, ids = ready
    with uow(engine, read_only=True) as w:
        dossier = load_dossier(w, ids[1]).dossier
    account = dossier.account_id
    set_case(engine, account, court_case_no="（2026）京0105民初77号")
    summary = export(engine, store, tmp_path / "out")
    folder = tmp_path / "out" / account
    names = sorted(p.name for p in folder.iterdir() if p.name != "manifest.json")
    assert names[0] == f"01_民事起诉状_{account}_（2026）京0105民初77号.docx"
    titles = [n.split("_")[1] for n in names]
    order = [
        "民事起诉状",
        "财产保全申请书",
        "授权委托书",
        "法定代表人-负责人身份证明书",
        "证据清单",
    ]
    assert titles == [t for t in order if t in titles]  # the catalog's order
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == summary
    for package in manifest["packages"]:
        for entry in package["files"]:
            assert sha256((tmp_path / "out" / entry["file"]).read_bytes()) == entry["sha256"]
    sheet = tmp_path / "out" / "诉讼要素表.xlsx"
    assert sha256(sheet.read_bytes()) == manifest["sheet"]["sha256"]
    assert dossier.id_number not in json.dumps(manifest)  # no ID number in the manifest


def test_a_court_filter_exports_only_that_court_s_cases(engine, tmp_path, ready):
    store, _ = ready
    everything = load_workbook_rows(export(engine, store, tmp_path / "all"), tmp_path / "all")
    court = everything[0]["受诉法院"]
    only = export(engine, store, tmp_path / "one", court=court)
    rows = load_workbook_rows(only, tmp_path / "one")
    assert {r["受诉法院"] for r in rows} == {court}
    assert only["cases"] == sum(r["受诉法院"] == court for r in everything)
    with pytest.raises(InputError, match="no case in documents_ready for 某某法院"):
        export(engine, store, tmp_path / "none", court="某某法院")


def load_workbook_rows(summary, folder):
    sheet = load_workbook(folder / "诉讼要素表.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == summary["cases"] + 1
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
