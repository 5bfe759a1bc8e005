"""A case's timeline in the portal gathers everything dated on it, oldest first."""

from datetime import date
from decimal import Decimal

from legal_flows.demo.simulation import simulate
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.access import User
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.ledger import LedgerRules
from legal_flows.services.portal.views import case_page
from tests.helpers import NOW, approved_cases, generate, uow, uows

STAFF = User(1, "li.staff", "legal_staff")


def test_the_timeline_holds_decisions_court_events_deadlines_seizures_auctions_and_proceeds(
    engine, tmp_path
):
    approved = approved_cases(engine, tmp_path)[:2]
    for case_id in approved:
        generate(engine, case_id, DocumentStore(tmp_path / "docs"))
    # The second case walked through the courts goes to auction (legal_flows/demo/simulation.py).
    simulate(
        uows(engine),
        start=date(2026, 12, 1),
        cases=2,
        now=NOW,
        calendar=WorkCalendar(),
        rules=LedgerRules(),
    )
    with uow(engine) as w:
        page = case_page(
            w,
            user=STAFF,
            case_id=approved[1],
            as_of=date(2027, 12, 1),
            tz=NOW.tzinfo,
            rules=LedgerRules(),
            covered_years=frozenset({2026}),  # as if 2027's schedule were not out yet
        )
    # The case page carries the ledger on the day: the proceeds it shows were applied in it.
    assert page["balance"]["as_of"] == "2027-12-01"
    assert Decimal(page["balance"]["received"]) > 0
    assert {line["item"] for line in page["balance"]["lines"]} >= {"principal"}
    timeline = page["timeline"]
    types = {item["type"] for item in timeline}
    assert types == {"decision", "court_event", "deadline", "seizure", "auction_round", "proceeds"}
    assert [i["date"] for i in timeline] == sorted(i["date"] for i in timeline)
    codes = [i["code"] for i in timeline if i["type"] == "court_event"]
    assert codes.index("registered") < codes.index("judgment") < codes.index("effective")
    rounds = [i for i in timeline if i["type"] == "auction_round"]
    assert {r["status"] for r in rounds} >= {"failed"}
    # The story ends closed: nothing is left open or missed, what was still asked is closed.
    statuses = {d["status"] for d in timeline if d["type"] == "deadline"}
    assert "closed" in statuses
    assert statuses <= {"met", "elapsed", "closed"}
    # A due date in a year with no official schedule is marked as one that may still move.
    deadlines = [d for d in timeline if d["type"] == "deadline"]
    assert {d["date"][:4] for d in deadlines} >= {"2026", "2027"}
    assert all(d["calendar_confirmed"] == d["date"].startswith("2026") for d in deadlines)
    assert not any(d["provisional"] for d in deadlines)  # all settled: none can move now
    others = [i for i in timeline if i["type"] != "deadline"]
    assert all("calendar_confirmed" not in i for i in others)
