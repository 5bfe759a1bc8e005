"""The case list's next deadline is kept per case from that case's deadlines alone.

Refreshing `card_case.next_due_on` once read, for every case, every open deadline of every
case (SQLite chose the status index): a review of 20,000 cases took 104 s instead of 4.5 s.
SQLite's planner is the one that went wrong, and it decides the same way every time, so the
plan itself is asserted here (the figures are bench/eligibility.py's).
"""

from sqlalchemy import text

from legal_flows.store.db import get_engine


def test_a_cases_earliest_unsettled_deadline_is_read_through_its_own_index(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    refresh = (
        "UPDATE card_case SET next_due_on = (SELECT min(deadline.due_on) FROM deadline "
        "WHERE deadline.case_id = card_case.id AND deadline.status IN ('open', 'missed')) "
        "WHERE card_case.id IN (1, 2, 3)"
    )
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {refresh}")))
    assert "ix_deadline_case_status_due_on" in plan, plan
