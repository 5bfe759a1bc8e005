"""The HTML pages as a browser uses them: forms with CSRF tokens, redirects, masked data."""

import csv
import io
import re

from sqlalchemy import select

from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, DebtorRow
from legal_flows.store.tables_control import PROPOSAL
from tests.portal_world import ADMIN, LAWYER, OTHER_LAWYER, PASSWORD, STAFF

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_sign_in(world, name):
    """Sign in through the form, as a person does."""
    client = world.client()
    form = client.get("/login")
    token = TOKEN.search(form.text).group(1)
    answer = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    return client


def csrf_of(client, path="/cases"):
    return TOKEN.search(client.get(path).text).group(1)


def test_pages_send_a_visitor_without_a_session_to_the_sign_in_form(world):
    client = world.client()
    for path in ("/", "/cases", f"/cases/{world.mine}", "/reviews", "/flows", "/users"):
        answer = client.get(path)
        assert answer.status_code == 303
        # Back to the page asked for once signed in.
        expected = "/login" if path == "/" else f"/login?next={path}"
        assert answer.headers["location"] == expected


def test_after_sign_in_the_user_lands_on_the_page_they_asked_for_and_never_elsewhere(world):
    client = world.client()
    form = client.get(f"/login?next=/cases/{world.mine}").text
    assert f'name="next" value="/cases/{world.mine}"' in form
    token = TOKEN.search(form).group(1)
    data = {"name": LAWYER, "password": PASSWORD, "csrf_token": token}
    answer = client.post("/login", data=data | {"next": f"/cases/{world.mine}"})
    assert answer.headers["location"] == f"/cases/{world.mine}"
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        client = world.client()
        token = TOKEN.search(client.get("/login").text).group(1)
        data["csrf_token"] = token
        answer = client.post("/login", data=data | {"next": elsewhere})
        assert answer.headers["location"] == "/", elsewhere


def test_the_sign_in_form_refuses_a_post_without_its_csrf_cookie(world):
    client = world.client()
    answer = client.post("/login", data={"name": LAWYER, "password": PASSWORD, "csrf_token": "x"})
    assert answer.status_code == 403


def test_a_wrong_password_shows_the_form_again_with_the_reason(world):
    client = world.client()
    token = TOKEN.search(client.get("/login").text).group(1)
    answer = client.post(
        "/login", data={"name": STAFF, "password": "wrong guess", "csrf_token": token}
    )
    assert answer.status_code == 401
    assert "用户名或密码错误" in answer.text  # Chinese by default


def test_a_browser_asking_for_english_reads_the_pages_in_english(world):
    client = world.client()
    english = {"Accept-Language": "en-US,en;q=0.9"}
    page = client.get("/login", headers=english).text
    assert '<html lang="en">' in page
    assert "Sign in" in page
    assert "登录" not in page
    assert '<html lang="zh-CN">' in client.get("/login").text


def test_the_case_list_masks_names_and_id_numbers(world):
    client = page_sign_in(world, STAFF)
    html = client.get("/cases").text
    with session_scope(world.engine) as s:
        debtors = s.execute(select(DebtorRow.id_number, DebtorRow.name)).all()
    assert debtors
    for id_number, name in debtors:
        assert id_number not in html
        assert name not in html
    assert re.search(r"\d{4}\*{10}\d{3}[\dX]", html)


def test_a_lawyer_sees_their_case_page_with_download_links_and_not_another(world):
    client = page_sign_in(world, LAWYER)
    listing = client.get("/cases").text
    assert f'href="/cases/{world.mine}"' in listing
    assert f'href="/cases/{world.theirs}"' not in listing
    page = client.get(f"/cases/{world.mine}").text
    assert 'id="package"' in page
    assert "民事起诉状" in page
    assert page.count('class="download"') >= 3
    assert 'id="decide"' not in page  # lawyers do not decide reviews
    other = client.get(f"/cases/{world.theirs}")
    assert other.status_code == 404
    assert "未找到" in other.text
    assert client.get("/reviews").status_code == 403


def test_staff_decide_a_review_from_its_case_page(world):
    case_id = world.manual[-1]
    client = page_sign_in(world, STAFF)
    queue = client.get("/reviews").text
    assert f'href="/cases/{case_id}"' in queue
    page = client.get(f"/cases/{case_id}").text
    assert 'id="decide"' in page
    # The review's facts beside the form: what a person weighs.
    facts = page[page.index('id="facts"') : page.index('id="decide"')]
    for heading in ("逾期起始日", "诉讼时效届满日", "本金", "催收记录", "全部审查理由"):
        assert heading in facts, heading
    assert "<td>" in facts[facts.index('id="collections"') :]
    token = TOKEN.search(page).group(1)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    form = {"decision": "reject", "reason": "dispute is substantiated", "version": version}
    # No token and an empty one are refused like a wrong one: 403, before any field is read.
    assert client.post(f"/cases/{case_id}/decision", data=form).status_code == 403
    empty = form | {"csrf_token": "", "version": "not a number"}
    assert client.post(f"/cases/{case_id}/decision", data=empty).status_code == 403
    forged = client.post(f"/cases/{case_id}/decision", data=form | {"csrf_token": "forged"})
    assert forged.status_code == 403
    answer = client.post(f"/cases/{case_id}/decision", data=form | {"csrf_token": token})
    assert answer.status_code == 303
    after = client.get(answer.headers["location"]).text
    assert "决定已记录。" in after
    assert '<dd id="stage" data-stage="rejected">不予起诉</dd>' in after
    with session_scope(world.engine) as s:
        assert s.get(CaseRow, case_id).stage == "rejected"


def test_staff_assign_a_lawyer_from_the_case_page(world):
    case_id = world.approved[2]
    client = page_sign_in(world, STAFF)
    token = csrf_of(client, f"/cases/{case_id}")
    answer = client.post(f"/cases/{case_id}/lawyer", data={"lawyer": LAWYER, "csrf_token": token})
    assert answer.status_code == 303
    assert f'<dd id="lawyer">{LAWYER}</dd>' in client.get(f"/cases/{case_id}").text
    assert client.post(f"/cases/{case_id}/lawyer", data={"csrf_token": token}).status_code == 303
    assert '<dd id="lawyer">无</dd>' in client.get(f"/cases/{case_id}").text


def test_staff_start_a_flow_from_the_flows_page(world):
    client = page_sign_in(world, STAFF)
    token = csrf_of(client, "/flows")
    answer = client.post("/flows/sweep", data={"csrf_token": token})
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert "流程已启动" in page
    done = (
        r'<td data-flow="sweep">每日巡检</td><td>li.staff</td>.*?<td data-state="completed">已完成'
    )
    assert re.search(done, page, re.S)


def test_an_admin_adds_a_user_from_the_users_page(world):
    client = page_sign_in(world, ADMIN)
    token = csrf_of(client, "/users")
    form = {"name": "zhou.staff", "role": "legal_staff", "password": PASSWORD, "csrf_token": token}
    assert client.post("/users", data=form).status_code == 303
    assert "<td>zhou.staff</td><td>法务人员</td>" in client.get("/users").text
    assert page_sign_in(world, OTHER_LAWYER).get("/users").status_code == 403


def test_signing_out_from_the_page_ends_the_session(world):
    client = page_sign_in(world, LAWYER)
    token = csrf_of(client)
    answer = client.post("/logout", data={"csrf_token": token})
    assert answer.status_code == 303
    assert client.get("/cases").headers["location"] == "/login?next=/cases"


def test_the_workbench_shows_each_roles_day_with_days_left_and_colours(world):
    from datetime import date

    from tests.helpers import record, set_case

    account_of = {}
    with session_scope(world.engine) as s:
        for case_id in (world.mine, world.approved[3]):
            account_of[case_id] = s.get(CaseRow, case_id).account_id
    mine = account_of[world.mine]
    set_case(world.engine, mine, stage="documents_ready")
    # Today is pinned to 2026-11-29: the fee due 11-27 (missed, red); a correction asked for
    # on 11-25 puts registration on 12-02 (amber, 3 days).
    record(world.engine, mine, "submitted", date(2026, 11, 20))
    record(world.engine, mine, "fee_notice", date(2026, 11, 20))
    record(world.engine, mine, "correction_requested", date(2026, 11, 25))
    lawyer = page_sign_in(world, LAWYER)
    page = lawyer.get("/").text
    assert "工作台" in page
    missed = page[page.index('id="missed"') : page.index('id="today"')]
    assert mine in missed
    assert "预交诉讼费期限" in missed
    assert '<span class="rag red">-2</span>' in missed
    week = page[page.index('id="week"') : page.index('id="alerts"')]
    assert '<span class="rag amber">3</span>' in week
    assert 'id="limitation"' not in page  # a lawyer holds cases; assigning is staff's
    client, _ = world.signed_in(LAWYER)
    work = client.get("/api/workbench").json()
    assert {d["account_id"] for d in work["deadlines"]["missed"]} == {mine}
    staff = page_sign_in(world, STAFF)
    assert 'id="limitation"' in staff.get("/").text


def test_a_user_changes_their_password_on_its_page_and_an_admin_disables_from_the_users_page(
    world,
):
    from legal_flows.services.portal.users import add_user
    from tests.helpers import ACTOR, NOW, uow

    with uow(world.engine) as w:
        add_user(w, name="feng.lawyer", role="lawyer", password=PASSWORD, actor=ACTOR, now=NOW)
    client = page_sign_in(world, "feng.lawyer")
    token = csrf_of(client, "/password")
    form = {"current": PASSWORD, "new": "another long passphrase", "csrf_token": token}
    answer = client.post("/password", data=form)
    assert answer.status_code == 303
    assert "密码已修改。" in client.get(answer.headers["location"]).text
    admin = page_sign_in(world, ADMIN)
    token = csrf_of(admin, "/users")
    page = admin.get("/users").text
    assert 'action="/users/feng.lawyer/active"' in page
    assert f'action="/users/{ADMIN}/active"' not in page  # no button to lock oneself out
    data = {"active": "false", "csrf_token": token}
    assert admin.post("/users/feng.lawyer/active", data=data).status_code == 303
    assert client.get("/cases").status_code == 303  # signed out: disabled


def test_a_lawyer_uploads_a_court_paper_from_the_case_page(world):
    client = page_sign_in(world, LAWYER)
    token = csrf_of(client, f"/cases/{world.mine}")
    answer = client.post(
        f"/cases/{world.mine}/papers",
        data={"csrf_token": token, "kind": "acceptance", "received_on": "2026-11-18"},
        files={"file": ("受理通知书.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")},
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert "法院文书已保存。" in page
    papers = page[page.index('id="papers"') :]
    assert "受理通知书" in papers
    assert "2026年11月18日" in papers


def test_leave_to_claim_the_charges_from_the_case_page_waits_for_a_second_person(world):
    case_id = world.manual[-3]
    client = page_sign_in(world, STAFF)
    page = client.get(f"/cases/{case_id}").text
    token = TOKEN.search(page).group(1)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    form = {"decision": "approve", "reason": "领用合约签收页已补交", "version": version}
    answer = client.post(
        f"/cases/{case_id}/decision", data=form | {"allow_charges": "true", "csrf_token": token}
    )
    assert answer.status_code == 303
    assert answer.headers["location"].endswith("notice=proposed")
    after = client.get(answer.headers["location"]).text
    assert "已提交复核：须由另一名法务人员在审查页批准或驳回" in after
    assert 'data-stage="manual_review"' in after  # nothing changes before the second person
    with session_scope(world.engine) as s:
        kinds = s.execute(
            select(PROPOSAL.c.kind, PROPOSAL.c.proposed_by).where(PROPOSAL.c.case_id == case_id)
        ).all()
    assert [tuple(k) for k in kinds] == [("allow_charges", STAFF)]


def test_a_due_date_in_a_year_with_no_official_schedule_is_marked_provisional(world):
    from datetime import date

    from tests.helpers import record, set_case

    case_id = world.approved[6]
    with session_scope(world.engine) as s:
        account = s.get(CaseRow, case_id).account_id
    set_case(world.engine, account, stage="documents_ready")
    # Submitted on 28 December: the 7 days of 立案 review end on 4 January 2027, a year the
    # holiday package does not cover.
    record(world.engine, account, "submitted", date(2026, 12, 28))
    staff = page_sign_in(world, STAFF)
    page = staff.get(f"/cases/{case_id}").text
    row = next(r for r in page.split("<tr>") if "2027年1月4日" in r)
    assert '<abbr class="provisional"' in row
    assert "暂定" in row
    assert "该年尚无官方节假日安排" in row  # what the mark means, on hovering it
    submitted = next(r for r in page.split("<tr>") if "2026年12月28日" in r)
    assert "provisional" not in submitted  # a day that happened is not a due date
    listed = staff.get(f"/cases?q={account}").text
    assert '<abbr class="provisional"' in listed
    exported = staff.get("/cases.csv", params={"q": account}).content.decode("utf-8-sig")
    header, line = csv.reader(io.StringIO(exported))
    assert dict(zip(header, line, strict=True))["provisional"] == "暂定"
    # Over the whole list: marked exactly where the next due date lies past 2026, the last
    # year the holiday package covers (a limitation date years ahead is marked too).
    everything = staff.get("/cases.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(everything)))
    marked = {r["account_id"] for r in rows if r["provisional"] == "暂定"}
    assert marked == {r["account_id"] for r in rows if r["due_on"] > "2026-12-31"}
    assert {r["provisional"] for r in rows} == {"暂定", ""}
    client, _ = world.signed_in(STAFF)
    timeline = client.get(f"/api/cases/{case_id}").json()["timeline"]
    due = next(i for i in timeline if i["type"] == "deadline" and i["code"] == "registration")
    assert (due["date"], due["calendar_confirmed"]) == ("2027-01-04", False)
    (item,) = client.get(f"/api/cases?q={account}").json()["items"]
    assert item["next_deadline"]["calendar_confirmed"] is False
