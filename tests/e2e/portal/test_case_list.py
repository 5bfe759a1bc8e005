"""The case list as legal staff work it: one search box, filters, sorting, CSV, bulk assignment."""

from sqlalchemy import select

from legal_flows.i18n import translator
from legal_flows.services.portal.users import add_user
from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, DebtorRow
from tests.e2e.portal.test_pages import csrf_of, page_sign_in
from tests.helpers import ACTOR, NOW, uow
from tests.portal_world import LAWYER, OTHER_LAWYER, PASSWORD, STAFF


def holder_of(world, case_id):
    with session_scope(world.engine) as s:
        case = s.get(CaseRow, case_id)
        debtor = s.get(DebtorRow, case.debtor_id)
        return case.account_id, debtor.name, debtor.id_number


def found(client, **params):
    answer = client.get("/api/cases", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_one_box_finds_a_case_by_account_full_name_or_the_last_four_of_the_id(world):
    client, _ = world.signed_in(STAFF)
    account, name, id_number = holder_of(world, world.approved[4])
    for q in (account, name, id_number[-4:]):
        items = found(client, q=q)["items"]
        assert account in {i["account_id"] for i in items}, q
    assert found(client, q=name[:1] + "某某某")["total"] == 0
    # Masked in the answer, however it was found.
    (item,) = found(client, q=account)["items"]
    assert name not in str(item)
    assert id_number not in str(item)


def test_a_lawyer_searches_only_their_own_cases(world):
    client, _ = world.signed_in(LAWYER)
    theirs, _, _ = holder_of(world, world.theirs)
    assert found(client, q=theirs)["total"] == 0
    mine, _, _ = holder_of(world, world.mine)
    assert found(client, q=mine)["total"] == 1


def test_filters_by_lawyer_unassigned_and_stage_and_sorting_by_any_column(world):
    client, _ = world.signed_in(STAFF)
    by_lawyer = found(client, lawyer=OTHER_LAWYER)["items"]
    assert {i["lawyer"] for i in by_lawyer} == {OTHER_LAWYER}
    unassigned = found(client, unassigned="true", limit=500)["items"]
    assert unassigned
    assert all(i["lawyer"] is None for i in unassigned)
    staged = found(client, stage="manual_review", sort="account_id", limit=500)["items"]
    accounts = [i["account_id"] for i in staged]
    assert accounts == sorted(accounts)
    assert {i["stage"] for i in staged} == {"manual_review"}
    backwards = found(client, stage="manual_review", sort="account_id", desc="true", limit=500)
    assert [i["account_id"] for i in backwards["items"]] == accounts[::-1]
    claims = [i["claim_total"] for i in found(client, sort="claim_total", limit=500)["items"]]
    amounts = [float(c) for c in claims if c is not None]
    assert amounts == sorted(amounts)
    assert client.get("/api/cases", params={"sort": "password_hash"}).status_code == 422


def test_the_filtered_list_exports_as_csv_masked_as_on_the_page(world):
    client = page_sign_in(world, STAFF)
    answer = client.get("/cases.csv", params={"stage": "manual_review"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    text = answer.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("account_id,stage,court")
    assert len(lines) - 1 == found(world.signed_in(STAFF)[0], stage="manual_review")["total"]
    assert "人工审查" in lines[1]
    with session_scope(world.engine) as s:
        for name, id_number in s.execute(select(DebtorRow.name, DebtorRow.id_number)):
            assert id_number not in text
            assert name not in text


def test_staff_assign_many_ticked_cases_to_a_lawyer_at_once(world):
    client = page_sign_in(world, STAFF)
    picked = world.approved[5:8]
    token = csrf_of(client, "/cases")
    form = {"csrf_token": token, "lawyer": LAWYER, "case_id": [str(i) for i in picked]}
    answer = client.post("/cases/assign", data=form)
    assert answer.status_code == 303
    with session_scope(world.engine) as s:
        lawyers = {s.get(CaseRow, i).lawyer_id for i in picked}
    assert len(lawyers) == 1
    assert None not in lawyers
    api, csrf = world.signed_in(STAFF)
    body = {"case_ids": picked, "lawyer": None}
    done = api.post("/api/cases/assign", json=body, headers={"X-CSRF-Token": csrf})
    assert done.json() == {"assigned": 3, "lawyer": None}
    lawyer, lawyer_csrf = world.signed_in(LAWYER)
    refused = lawyer.post("/api/cases/assign", json=body, headers={"X-CSRF-Token": lawyer_csrf})
    assert refused.status_code == 403


def test_the_case_page_list_has_the_search_sort_links_and_a_page_jump(world):
    client = page_sign_in(world, STAFF)
    page = client.get("/cases", params={"q": "ACC", "sort": "holder"}).text
    assert 'name="q" value="ACC"' in page
    assert 'href="/cases.csv?' in page
    assert "sort=holder&amp;desc=True" in page or "sort=holder&amp;desc=true" in page


def test_the_filter_form_is_taken_as_a_browser_sends_it_its_empty_boxes_too(world):
    """A browser sends every box of the form, an empty one as `name=`: no filter (the empty
    "deadline within" number was refused with a 422)."""
    client = page_sign_in(world, STAFF)
    account, _, _ = holder_of(world, world.approved[4])
    boxes = {"q": account, "stage": "", "lawyer": "", "court": "", "due_within": ""}
    answer = client.get("/cases", params=boxes | {"sort": "next_deadline"})
    assert answer.status_code == 200, answer.text
    assert f'href="/cases/{world.approved[4]}"' in answer.text
    assert client.get("/cases", params={"due_within": "x"}).status_code == 422


def test_a_lawyer_holding_no_case_is_told_so_and_a_search_finding_none_says_none(world):
    t = translator()
    with uow(world.engine) as w:
        add_user(w, name="qian.lawyer", role="lawyer", password=PASSWORD, actor=ACTOR, now=NOW)
    assert (
        t("No cases are assigned to you yet.")
        in page_sign_in(world, "qian.lawyer").get("/cases").text
    )
    searched = page_sign_in(world, LAWYER).get("/cases", params={"q": "no such account"})
    assert t("No cases.") in searched.text
    assert t("No cases are assigned to you yet.") not in searched.text
