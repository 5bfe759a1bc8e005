"""A working day in the portal for each role, in Debian's Chromium against a real `legal-flows
portal` process (fixtures: conftest.py), at a desktop's width (1280 px) and a phone's (390):

- legal staff: the workbench's sections; the case list searched, filtered, sorted, exported
  and two cases bulk-assigned to a lawyer; a holder's phone corrected and the case reviewed
  again by a flow started from /flows; an overrule proposed, and approved by a second person;
- a lawyer: only their cases; a court event recorded (递交, then 立案 with its 案号) and its
  deadline on the workbench; a court paper uploaded; a document downloaded under its
  账户_案号_文书 name with the stored hash; their password changed;
- an admin (desktop, the users page also at a phone's width): a user added, their password
  reset, then disabled.

Every page is checked for sideways scrolling, and on the phone photographed (tmp_path). Each
test works on cases and users of its own (by width too), so the tests pass in any order on
the module's one world and one server. The texts are the portal's Chinese, from the catalogue.
"""

import csv
import hashlib
import io
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from legal_flows.api.pages import NOTICES
from legal_flows.api.pages_cases import CSV_COLUMNS
from legal_flows.i18n import translator
from legal_flows.store.db import session_scope
from legal_flows.store.tables import DEADLINE, CaseRow, DebtorRow, DocumentRow
from legal_flows.store.tables_portal import USER
from tests.helpers import NOW
from tests.portal_world import ADMIN, LAWYER, OTHER_LAWYER, PASSWORD, STAFF

DESKTOP, PHONE = 1280, 390
TODAY = NOW.date()
t = translator()  # what a zh-CN browser is answered in
PNG = b"\x89PNG\r\n\x1a\n"
# A one-page PDF, as a scanner would send the court's 受理通知书 (the portal checks the magic).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
SECTIONS = {  # the workbench's sections, as a staff user sees them
    "missed": "Missed",
    "today": "Due today",
    "week": "Due within 7 days",
    "alerts": "The sweep's new alerts",
    "limitation": "Limitation within 90 days, no lawyer",
    "instalments": "Instalments missed",
    "seizures": "Seizures expiring",
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize("world", ["sqlite"], indirect=True),
]
BOTH_WIDTHS = pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])


class Person:
    """Someone at their browser, at one width: each page they reach is checked for sideways
    scrolling and, on a phone, photographed."""

    def __init__(self, browser, server: str, width: int, shots: Path) -> None:
        self.server, self.shots = server, shots
        self.context = browser.new_context(
            accept_downloads=True,
            locale="zh-CN",
            viewport={"width": width, "height": 900 if width == DESKTOP else 844},
        )
        self.context.set_default_timeout(30_000)  # a busy machine: sign-in hashes are slow
        self.page = self.context.new_page()

    def sign_in(self, name: str, password: str = PASSWORD) -> None:
        self.page.goto(f"{self.server}/")
        self.page.wait_for_url(f"{self.server}/login")  # the workbench, once signed in
        self.look(f"login-{name}")
        self._credentials(name, password)
        self.page.wait_for_url(f"{self.server}/")
        assert self.page.inner_text("#who").startswith(name)

    def _credentials(self, name: str, password: str) -> None:
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", password)
        self.page.click("main button[type=submit]")

    def refused(self, name: str, password: str) -> str:
        """Signing in fails: the message the login page shows."""
        self._credentials(name, password)
        self.page.wait_for_selector("p.error[role=alert]")
        assert self.page.url.startswith(f"{self.server}/login")
        return self.page.inner_text("p.error")

    def sign_out(self) -> None:
        with self.page.expect_navigation(url=f"{self.server}/login"):
            self.page.click("form.signout button[type=submit]")
        assert not self.page.locator("#who").count()

    def nav(self, path: str) -> None:
        with self.page.expect_navigation(url=f"{self.server}{path}"):
            self.page.click(f'nav a[href="{path}"]')

    def open_case(self, case_id: int) -> None:
        with self.page.expect_navigation(url=f"{self.server}/cases/{case_id}"):
            self.page.click(f'main a[href="/cases/{case_id}"] >> nth=0')

    def search(self, **fields: str | bool) -> None:
        """The case list's filter form: text boxes, selects and check boxes by name."""
        form = self.page.locator("#filters")
        for name, value in fields.items():
            box = form.locator(f"[name={name}]")
            if isinstance(value, bool):
                box.set_checked(value)
            elif box.evaluate("e => e.tagName") == "SELECT":
                box.select_option(value)
            else:
                box.fill(value)
        with self.page.expect_navigation(url=f"{self.server}/cases?**"):
            form.locator("button[type=submit]").click()

    def submit(self, form: str, notice: str) -> None:
        """Post a form; the page it lands on says so."""
        with self.page.expect_navigation(url=f"**?notice={notice}"):
            self.page.locator(form).locator("button[type=submit]").first.click()
        assert self.page.inner_text("p.notice") == t(NOTICES[notice])

    def look(self, name: str) -> None:
        """No sideways scrolling; on a phone, a screenshot (of the screen's height: a full
        page of a long case list costs a second)."""
        width = self.page.viewport_size["width"]
        wide, inner = self.page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert wide <= inner <= width, (self.page.url, wide, inner)
        if width == PHONE:
            shot = self.shots / f"{name}.png"
            self.page.screenshot(path=str(shot))
            data = shot.read_bytes()
            assert data.startswith(PNG), shot
            assert len(data) > 1000, shot

    def texts(self, selector: str) -> list[str]:
        return [s.strip() for s in self.page.locator(selector).all_inner_texts()]

    def row(self, table: str, case_id: int):
        return self.page.locator(f"{table} tbody tr").filter(
            has=self.page.locator(f'a[href="/cases/{case_id}"]')
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def people(browser, server, width, tmp_path) -> Iterator:
    opened: list[Person] = []

    def person() -> Person:
        opened.append(Person(browser, server, width, tmp_path))
        return opened[-1]

    yield person
    for p in opened:
        p.close()


def accounts(world, ids: list[int]) -> list[str]:
    with session_scope(world.engine) as s:
        query = select(CaseRow.id, CaseRow.account_id).where(CaseRow.id.in_(ids))
        found = {row.id: row.account_id for row in s.execute(query)}
    return [found[i] for i in ids]


def stage_of(world, case_id: int) -> str:
    with session_scope(world.engine) as s:
        return s.get(CaseRow, case_id).stage


@BOTH_WIDTHS
def test_a_legal_staff_day(world, width, people, tmp_path):
    n = 0 if width == DESKTOP else 1  # each width works on cases of its own
    bulk = world.approved[2 + 2 * n : 4 + 2 * n]
    fix, overrule = world.approved[6 + n], world.approved[8 + n]
    lawyer = [LAWYER, OTHER_LAWYER][n]
    first, second = accounts(world, bulk)
    staff = people()
    staff.sign_in(STAFF)
    page = staff.page

    # The workbench: every section of the day, each with its count and rows (or "none").
    assert page.inner_text("h1").startswith(t("Workbench"))
    for section, title in SECTIONS.items():
        heading = page.inner_text(f"#{section} h2")
        assert heading.startswith(t(title)), heading
        rows = page.locator(f"#{section} tbody tr").count()
        assert page.inner_text(f"#{section} h2 .count") == str(rows)
        if not rows:
            assert page.locator(f"#{section} p.quiet").count() == 1
    staff.look("staff-workbench")

    # The case list: one account searched for…
    staff.nav("/cases")
    staff.look("staff-cases")
    staff.search(q=first)
    assert staff.texts("#cases tbody td:nth-child(2)") == [first]
    # …then the approved cases nobody holds, sorted by account both ways.
    staff.search(q="", stage="approved", unassigned=True)
    assert set(
        page.locator("#cases td[data-stage]").evaluate_all(
            "cells => cells.map(c => c.dataset.stage)"
        )
    ) == {"approved"}
    listed = staff.texts("#cases tbody td:nth-child(2)")
    assert {first, second} <= set(listed)
    assert page.inner_text("h1 .count") == str(len(listed))
    assert set(staff.texts("#cases tbody td:nth-child(8)")) == {"—"}
    # Sorting is by the column headers, which a phone's card layout hides: desktop only.
    for descending in (False, True) if width == DESKTOP else ():
        with page.expect_navigation(url="**sort=account_id**"):
            page.click("#cases thead a[href*='sort=account_id']")
        shown = staff.texts("#cases tbody td:nth-child(2)")
        assert shown == sorted(listed, reverse=descending)
        assert ("↓" if descending else "↑") in page.inner_text("#cases thead")
    staff.look("staff-cases-filtered")

    # Two of them, ticked, to the lawyer.
    for case_id in bulk:
        page.check(f"#bulk input[name=case_id][value='{case_id}']")
    page.select_option("#bulk select[name=lawyer]", lawyer)
    staff.submit("#bulk", "bulk_assigned")
    for case_id in bulk:
        assert lawyer in staff.row("#cases", case_id).inner_text()
    staff.search(lawyer=lawyer)
    mine = staff.texts("#cases tbody td:nth-child(2)")
    assert {first, second} <= set(mine)
    assert set(staff.texts("#cases tbody td:nth-child(8)")) == {lawyer}
    staff.look("staff-cases-assigned")
    # The list as Excel opens it: the same cases, the stage in Chinese, the lawyer.
    with page.expect_download() as event:
        page.click("#csv")
    saved = tmp_path / "cases.csv"
    event.value.save_as(saved)
    assert saved.read_bytes().startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert tuple(table[0]) == CSV_COLUMNS
    assert sorted(r[0] for r in table[1:]) == sorted(mine)
    assert {r[7] for r in table[1:]} == {lawyer}
    assert t.label("stage", "approved") in {r[1] for r in table[1:]}

    # A holder's phone, 民族 and residence completed: the case goes back to review…
    staff.search(q=accounts(world, [fix])[0], lawyer="")
    staff.open_case(fix)
    assert page.inner_text("#stage") == t.label("stage", "approved")
    page.click("#holder summary")
    page.fill("#holder input[name=phone]", "13912345678")
    page.fill("#holder input[name=ethnicity]", "回族")
    page.fill("#holder input[name=residence_address]", "北京市朝阳区建国路88号")
    staff.submit("#holder", "holder_corrected")
    assert page.get_attribute("#stage", "data-stage") == "review"
    assert page.inner_text("#stage") == t.label("stage", "review")
    # The page shows what was completed, the phone masked as on every page.
    assert page.inner_text("#phone") == "139****5678"
    assert page.inner_text("#ethnicity") == "回族"
    assert page.inner_text("#residence") == "北京市朝阳区建国路88号"
    staff.look("staff-case-corrected")
    with session_scope(world.engine) as s:
        holder = s.get(DebtorRow, s.get(CaseRow, fix).debtor_id)
        assert (holder.phone, holder.ethnicity) == ("13912345678", "回族")
    # …and the review flow, started from /flows, decides it again on the completed data.
    staff.nav("/flows")
    staff.submit("form[action='/flows/review']", "started")
    deadline = time.monotonic() + 120  # followed through the JSON API: no page reloads
    while True:
        latest = page.request.get(f"{staff.server}/api/flows").json()[0]
        if latest["state"] not in ("running", "scheduled"):
            break
        assert time.monotonic() < deadline, latest
        page.wait_for_timeout(100)
    page.reload()
    run = page.locator("#starts tbody tr").first
    assert run.locator("td[data-state]").get_attribute("data-state") == "completed", latest
    assert run.locator("td[data-flow]").inner_text() == t.label("flow", "review")
    assert STAFF in run.inner_text()
    assert f"{t.label('summary', 'reviewed')} 1" in run.inner_text()  # that one case
    staff.look("staff-flows")
    # The new residence is not where the holder is registered: which court is now a person's
    # call, and the case waits for one, the reason named beside the decision form.
    page.goto(f"{staff.server}/cases/{fix}")
    assert page.inner_text("#stage") == t.label("stage", "manual_review")
    assert t.label("reason", "court_unconfirmed") in page.inner_text("#decide")
    assert stage_of(world, fix) == "manual_review"

    # An overrule of the rules' approval, proposed from the case page's form.
    page.goto(f"{staff.server}/cases/{overrule}")
    assert page.inner_text("#stage") == t.label("stage", "approved")
    reason = "持卡人已于起诉前全额还款，不应起诉"
    page.click("#overrule summary")
    assert t.label("stage", "rejected") in page.inner_text("#overrule")  # what it proposes
    page.fill("#overrule textarea[name=reason]", reason)
    staff.submit("#overrule", "proposed")
    assert stage_of(world, overrule) == "approved"  # nothing changes before the second person
    staff.nav("/reviews")
    waiting = staff.row("#proposals", overrule)
    assert waiting.count() == 1
    said = waiting.inner_text()
    for part in (t.label("proposal", "overrule"), STAFF, reason, t("waiting for another person")):
        assert part in said
    assert not waiting.locator("button").count()  # the maker cannot approve their own
    staff.look("staff-reviews")
    staff.sign_out()

    # A second person approves it: the case's outcome changes, both names on its timeline.
    checker = people()
    checker.sign_in(ADMIN)
    checker.nav("/reviews")
    row = checker.row("#proposals", overrule)
    assert t("waiting for another person") not in row.inner_text()
    checker.look("checker-reviews")
    with checker.page.expect_navigation(url="**/reviews?notice=answered"):
        row.locator("form[action$='/approve'] button").click()
    assert checker.page.inner_text("p.notice") == t(NOTICES["answered"])
    assert not checker.row("#proposals", overrule).count()
    checker.page.goto(f"{checker.server}/cases/{overrule}")
    assert checker.page.inner_text("#stage") == t.label("stage", "rejected")
    decisions = checker.page.locator("#timeline tbody tr").filter(
        has=checker.page.locator("td[data-code=rejected]")
    )
    assert STAFF in decisions.inner_text()
    assert f"复核：{ADMIN}" in decisions.inner_text()
    checker.look("checker-case")
    assert stage_of(world, overrule) == "rejected"


@BOTH_WIDTHS
def test_a_lawyer_day(world, width, people, tmp_path):
    n = 0 if width == DESKTOP else 1  # each width: its own lawyer, case and 案号
    lawyer, case_id, other = [
        (LAWYER, world.mine, world.theirs),
        (OTHER_LAWYER, world.theirs, world.mine),
    ][n]
    account, theirs = accounts(world, [case_id, other])
    case_no = f"（2026）京0105民初{101 + n}号"
    new_password = f"autumn leaves {width}"
    me = people()
    me.sign_in(lawyer)
    page = me.page

    # Their workbench: no limitation list (staff's), nothing of another lawyer's.
    assert page.inner_text("h1").startswith(t("Workbench"))
    assert not page.locator("#limitation").count()
    assert theirs not in page.inner_text("main")
    assert not page.locator('nav a[href="/reviews"], nav a[href="/flows"]').count()
    me.look("lawyer-workbench")

    # Their case list: exactly the cases assigned to them, none to tick for assignment.
    me.nav("/cases")
    with session_scope(world.engine) as s:
        held = s.execute(
            select(CaseRow.account_id)
            .join(USER, USER.c.id == CaseRow.lawyer_id)
            .where(USER.c.name == lawyer)
        ).scalars()
        assert sorted(me.texts("#cases tbody td:nth-child(1)")) == sorted(held)
    assert theirs not in page.inner_text("main")
    assert not page.locator("input[name=case_id]").count()
    me.look("lawyer-cases")
    me.open_case(case_id)
    assert page.inner_text("#account") == account
    assert page.inner_text("#lawyer") == lawyer
    assert page.inner_text("#stage") == t.label("stage", "documents_ready")
    me.look("lawyer-case")

    # 递交: the complaint handed in three days ago; the court's 7 days to register run.
    form = "#court-event"
    page.select_option(f"{form} select[name=code]", "submitted")
    page.fill(f"{form} input[name=on]", (TODAY - timedelta(days=3)).isoformat())
    me.submit(form, "event_recorded")
    assert page.inner_text("#stage") == t.label("stage", "filed")
    submitted = page.locator("#timeline td[data-code=submitted]")
    assert submitted.inner_text() == t.label("court_event", "submitted")
    deadline = page.locator("#timeline tbody tr").filter(
        has=page.locator("td[data-code=registration]")
    )
    assert deadline.locator(".status").get_attribute("class") == "status open"
    me.look("lawyer-case-submitted")
    # The workbench now lists it this week, with its day and the days left.
    with session_scope(world.engine) as s:
        due_on = s.execute(
            select(DEADLINE.c.due_on).where(
                DEADLINE.c.case_id == case_id, DEADLINE.c.kind == "registration"
            )
        ).scalar_one()
    assert 0 < (due_on - TODAY).days <= 7
    me.nav("/")
    due = me.row("#week", case_id)
    assert t.label("deadline", "registration") in due.inner_text()
    assert t.day(due_on) in due.inner_text()
    assert due.locator(".rag").inner_text() == str((due_on - TODAY).days)
    assert theirs not in page.inner_text("main")
    me.look("lawyer-workbench-due")

    # 立案 with the court's 案号: the deadline is met, the 案号 on the case and its timeline.
    me.open_case(case_id)
    page.select_option(f"{form} select[name=code]", "registered")
    page.fill(f"{form} input[name=on]", (TODAY - timedelta(days=2)).isoformat())
    page.fill(f"{form} input[name=case_no]", case_no)
    me.submit(form, "event_recorded")
    assert page.inner_text("#stage") == t.label("stage", "registered")
    registered = page.locator("#timeline tbody tr").filter(
        has=page.locator("td[data-code=registered]")
    )
    assert case_no in registered.inner_text()
    assert deadline.locator(".status").get_attribute("class") == "status met"
    assert case_no in page.inner_text("dl.facts")
    me.look("lawyer-case-registered")
    me.nav("/")
    assert not me.row("#week", case_id).count()
    # The case list finds the case by its 案号.
    me.nav("/cases")
    me.search(q="民初" + case_no.split("民初")[1])
    assert me.texts("#cases tbody td:nth-child(1)") == [account]
    assert case_no in page.inner_text("#cases tbody")
    me.open_case(case_id)

    # The court's 受理通知书 uploaded: listed with who uploaded it and its hash.
    paper = tmp_path / "受理通知书.pdf"
    paper.write_bytes(PDF)
    page.select_option("#upload select[name=kind]", "acceptance")
    page.fill("#upload input[name=received_on]", (TODAY - timedelta(days=1)).isoformat())
    page.set_input_files("#upload input[name=file]", str(paper))
    me.submit("#upload", "paper_uploaded")
    listed = page.locator("#papers tbody tr").last
    said = listed.inner_text()
    for part in (t.label("paper", "acceptance"), paper.name, lawyer):
        assert part in said
    assert listed.locator(".hash").inner_text() == hashlib.sha256(PDF).hexdigest()[:12] + "…"
    with page.expect_download() as event:
        listed.locator("a").click()
    event.value.save_as(tmp_path / "paper.pdf")
    assert (tmp_path / "paper.pdf").read_bytes() == PDF
    me.look("lawyer-case-paper")

    # A document downloaded: saved as 账户_案号_文书, its bytes hashing to the stored hash.
    cells = page.locator("#documents tbody tr").first.locator("td")
    title, kind = cells.nth(0).inner_text(), cells.nth(1).inner_text()
    link = page.locator("#documents a.download").first
    with page.expect_download() as event:
        link.click()
    assert event.value.suggested_filename == f"{account}_{case_no}_{title}.{kind}"
    saved = tmp_path / event.value.suggested_filename
    event.value.save_as(saved)
    data = saved.read_bytes()
    with session_scope(world.engine) as s:
        stored = s.get(DocumentRow, int(link.get_attribute("href").rsplit("/", 1)[1]))
        assert hashlib.sha256(data).hexdigest() == stored.output_sha
    assert link.get_attribute("data-sha256") == stored.output_sha
    assert data[:2] == b"PK"  # a .docx (a zip), not an error page

    # Their own password changed: the old one no longer signs them in, the new one does.
    with page.expect_navigation(url=f"{me.server}/password"):
        page.click('header a[href="/password"]')
    assert page.inner_text("h1") == t("Change your password")
    me.look("lawyer-password")
    page.fill("input[name=current]", PASSWORD)
    page.fill("input[name=new]", new_password)
    me.submit("main form", "password_changed")
    me.sign_out()
    assert me.refused(lawyer, PASSWORD) == t("wrong name or password")
    me.look("lawyer-refused")
    me.page.fill("input[name=name]", lawyer)
    me.page.fill("input[name=password]", new_password)
    with page.expect_navigation(url=f"{me.server}/"):
        page.click("main button[type=submit]")
    assert page.inner_text("#who").startswith(lawyer)


@pytest.mark.parametrize("width", [DESKTOP], ids=["desktop"])
def test_an_admin_day(world, width, people):
    newcomer = f"sun.lawyer.{width}"
    first, second = f"first password {width}", f"second password {width}"
    admin = people()
    admin.sign_in(ADMIN)
    page = admin.page

    admin.nav("/users")
    names = admin.texts("#users tbody td:nth-child(1)")
    assert {ADMIN, STAFF, LAWYER, OTHER_LAWYER} <= set(names)
    own = page.locator("#users tbody tr").filter(has_text=ADMIN)
    assert not own.locator("button").count()  # nobody disables themself
    admin.look("admin-users")

    # A new lawyer added…
    page.fill("form[action='/users'] input[name=name]", newcomer)
    page.select_option("form[action='/users'] select[name=role]", "lawyer")
    page.fill("form[action='/users'] input[name=password]", first)
    admin.submit("form[action='/users']", "user_added")
    row = page.locator("#users tbody tr").filter(has_text=newcomer)
    assert row.locator("td").all_inner_texts()[1:3] == [t.label("role", "lawyer"), t("yes")]
    # …their password reset (they forgot it)…
    row.locator("input[name=password]").fill(second)
    with page.expect_navigation(url="**/users?notice=user_changed"):
        row.locator(f"form[action='/users/{newcomer}/password'] button").click()
    assert page.inner_text("p.notice") == t(NOTICES["user_changed"])
    admin.look("admin-users-added")

    # …who signs in with the new one and finds nothing assigned yet, and no staff pages.
    them = people()
    them.sign_in(newcomer, second)
    them.nav("/cases")
    assert them.page.inner_text("main p") == t("No cases are assigned to you yet.")
    assert not them.page.locator('nav a[href="/users"]').count()
    them.look("newcomer-cases")

    # Disabled: their session ends and they can sign in no more.
    row = page.locator("#users tbody tr").filter(has_text=newcomer)
    with page.expect_navigation(url="**/users?notice=user_changed"):
        row.locator(f"form[action='/users/{newcomer}/active'] button").click()
    row = page.locator("#users tbody tr").filter(has_text=newcomer)
    assert row.locator("td").nth(2).inner_text() == t("no")
    assert row.locator(f"form[action='/users/{newcomer}/active'] button").inner_text() == t(
        "Enable"
    )
    admin.look("admin-users-disabled")
    page.set_viewport_size({"width": PHONE, "height": 844})  # and on a phone: the forms fit
    admin.look("admin-users-phone")
    them.page.reload()
    them.page.wait_for_url(f"{them.server}/login?next=/cases")
    assert them.refused(newcomer, second) == t("wrong name or password")
    with session_scope(world.engine) as s:
        assert s.execute(select(USER.c.active).where(USER.c.name == newcomer)).scalar() is False
