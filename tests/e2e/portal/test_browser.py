"""The portal in a real headless browser (Debian's Chromium driven by Playwright) against a
real `legal-flows portal` server process: a lawyer downloads a document whose bytes hash to
the stored hash; legal staff decide a review (the server and browser fixtures: conftest.py)."""

import hashlib
from decimal import Decimal

import pytest
from sqlalchemy import select

from legal_flows.store.db import session_scope
from legal_flows.store.tables import CaseRow, DocumentRow
from tests.portal_world import LAWYER, PASSWORD, STAFF

pytestmark = [
    pytest.mark.slow,
    pytest.mark.parametrize("world", ["sqlite"], indirect=True),
]


def sign_in(browser, server, name):
    # A Chinese browser, as the bank's staff use; the portal answers in Chinese.
    page = browser.new_context(accept_downloads=True, locale="zh-CN").new_page()
    page.goto(f"{server}/cases")  # asked for the cases: signed in, it lands there
    page.wait_for_url(f"{server}/login?next=/cases")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server}/cases")
    assert page.inner_text("#who").startswith(name)
    return page


def test_a_lawyer_opens_their_case_and_downloads_a_document_with_the_stored_hash(
    world, server, browser, tmp_path
):
    page = sign_in(browser, server, LAWYER)
    links = page.locator("#cases tbody a")
    assert links.count() == 1
    links.first.click()
    page.wait_for_url(f"{server}/cases/{world.mine}")
    assert "民事起诉状" in page.inner_text("#documents")
    link = page.locator("a.download").first
    shown = link.get_attribute("data-sha256")
    with page.expect_download() as event:
        link.click()
    saved = tmp_path / "downloaded.docx"
    event.value.save_as(saved)
    digest = hashlib.sha256(saved.read_bytes()).hexdigest()
    document_id = int(link.get_attribute("href").rsplit("/", 1)[1])
    with session_scope(world.engine) as s:
        stored = s.get(DocumentRow, document_id)
    assert digest == stored.output_sha == shown
    assert saved.read_bytes()[:2] == b"PK"  # a real .docx (a zip), not an error page


def test_legal_staff_decide_a_review_in_the_browser(world, server, browser):
    page = sign_in(browser, server, STAFF)
    page.click("nav >> text=人工审查")
    page.wait_for_url(f"{server}/reviews")
    first = page.locator("#reviews tbody a").first
    account = first.inner_text()
    first.click()
    page.check("input[value=approve]")
    page.fill("textarea[name=reason]", "statement of account answers the dispute")
    page.click("#decide button[type=submit]")
    page.wait_for_selector("text=决定已记录。")
    assert page.inner_text("#stage") == "同意起诉"
    with session_scope(world.engine) as s:
        case = s.execute(select(CaseRow).where(CaseRow.account_id == account)).scalar_one()
    assert case.stage == "approved"


def test_on_a_phone_no_page_scrolls_sideways_and_tables_become_cards(world, server, browser):
    page = sign_in(browser, server, STAFF)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/cases", f"/cases/{world.mine}", f"/cases/{world.manual[0]}", "/reviews"):
        page.goto(f"{server}{path}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390, (path, wide)
    page.goto(f"{server}/cases")
    header = page.locator("#cases thead")
    assert header.evaluate("e => getComputedStyle(e).display") == "none"  # rows are cards
    page.screenshot(path=str(world.home / "phone-cases.png"), full_page=True)


def test_on_a_phone_the_cards_are_sorted_from_the_filter_form(world, server, browser):
    page = sign_in(browser, server, STAFF)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/cases")
    page.select_option("#sort", "claim_total")
    page.check("input[name=desc]")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    claims = [
        Decimal(text.replace("¥", "").replace(",", ""))
        for text in page.locator("#cases tbody td.num").all_inner_texts()
        if text.strip()  # a case not yet decided claims nothing yet
    ]
    assert len(claims) > 5
    assert claims == sorted(claims, reverse=True)  # the largest claim first
    assert page.input_value("#sort") == "claim_total"  # the form says how the list is sorted
    assert page.is_checked("input[name=desc]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
