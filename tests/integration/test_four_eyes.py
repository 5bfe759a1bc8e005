"""Four eyes on re-opening a closed case: proposed by one person, carried out by another."""

import pytest
from sqlalchemy import select

from legal_flows.domain.four_eyes import FourEyesRefused, reopen_target
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.stages import Stage
from legal_flows.services.cases.closing import close_case
from legal_flows.store.tables import CaseRow
from tests.helpers import (
    ACTOR,
    AS_OF,
    NOW,
    answer,
    first_in_stage,
    loaded,
    propose,
    review_all,
    set_case,
    uow,
)


def close_uncollectable(engine, account, on=AS_OF):
    with uow(engine) as w:
        close_case(
            w,
            account_id=account,
            outcome="uncollectable",
            actor=ACTOR,
            now=NOW,
            on=on,
            rules=LedgerRules(),
        )


def stage_of(engine, account):
    with uow(engine, read_only=True) as w:
        return w.session.execute(
            select(CaseRow.stage).where(CaseRow.account_id == account)
        ).scalar_one()


def test_a_closed_case_reopens_to_where_it_was_closed_from_only_with_a_second_person(
    engine, tmp_path
):
    loaded(engine, tmp_path, count=20)
    review_all(engine)
    account = first_in_stage(engine, "approved")
    set_case(engine, account, stage="effective")
    with pytest.raises(FourEyesRefused, match="only a closed case"):
        propose(engine, account, "王审查", "reopen")
    close_uncollectable(engine, account)
    proposal = propose(engine, account, "王审查", "reopen", reason="发现被执行人新财产")
    assert stage_of(engine, account) == "closed_uncollectable"
    with pytest.raises(FourEyesRefused, match="a different legal-staff user"):
        answer(engine, proposal, "王审查")
    done = answer(engine, proposal, "李复核")
    assert done["stage"] == "effective"
    assert stage_of(engine, account) == "effective"
    # What the closing closed asks again.
    from legal_flows.services.court.deadlines import list_deadlines

    with uow(engine, read_only=True) as w:
        statuses = {d["status"] for d in list_deadlines(w, as_of=AS_OF, account_id=account)}
    assert "closed" not in statuses


def test_the_stage_a_case_was_closed_from_must_be_on_record():
    assert reopen_target(Stage.CLOSED_RECOVERED, Stage.DISPOSITION) is Stage.DISPOSITION
    with pytest.raises(FourEyesRefused, match="not on record"):
        reopen_target(Stage.CLOSED_RECOVERED, None)
    with pytest.raises(FourEyesRefused, match="not on record"):
        reopen_target(Stage.CLOSED_RECOVERED, Stage.FILED)  # never closes from there
    with pytest.raises(FourEyesRefused, match="only a closed case"):
        reopen_target(Stage.CLOSED_TERMINATED, Stage.DISPOSITION)  # 终本 resumes instead


def test_closing_a_case_closes_its_open_deadlines_so_none_stays_stale(engine, tmp_path):
    from datetime import date

    from legal_flows.services.court.deadlines import list_deadlines
    from tests.helpers import record

    loaded(engine, tmp_path, count=20)
    review_all(engine)
    account = first_in_stage(engine, "approved")
    set_case(engine, account, stage="documents_ready")
    for code, on in (
        ("submitted", date(2026, 3, 2)),
        ("registered", date(2026, 3, 6)),
        ("judgment", date(2026, 5, 20)),
        ("effective", date(2026, 6, 10)),
    ):
        record(engine, account, code, on, case_no="（2026）京0105民初5号")
    with uow(engine, read_only=True) as w:
        before = list_deadlines(w, as_of=date(2026, 6, 11), account_id=account, due_within=900)
    assert "enforcement_application" in {d["kind"] for d in before}
    close_uncollectable(engine, account, date(2026, 6, 11))
    with uow(engine, read_only=True) as w:
        after = list_deadlines(w, as_of=date(2026, 6, 11), account_id=account)
        due = list_deadlines(w, as_of=date(2026, 6, 11), account_id=account, due_within=900)
    statuses = {d["kind"]: d["status"] for d in after}
    assert statuses["enforcement_application"] == "closed"
    assert due == []  # nothing left before the lawyer


def test_a_case_keeps_its_earliest_unsettled_deadline_for_the_case_list(engine, tmp_path):
    from datetime import date

    from tests.helpers import record

    loaded(engine, tmp_path, count=20)
    review_all(engine)
    account = first_in_stage(engine, "approved")

    def kept():
        with uow(engine, read_only=True) as w:
            return w.session.execute(
                select(CaseRow.next_due_on).where(CaseRow.account_id == account)
            ).scalar_one()

    limitation = kept()
    assert limitation is not None  # the review set the limitation deadline
    set_case(engine, account, stage="documents_ready")
    record(engine, account, "submitted", date(2026, 11, 20))  # registration by 11-27
    assert kept() == date(2026, 11, 27)
    record(engine, account, "registered", date(2026, 11, 25), case_no="（2026）京0105民初5号")
    assert kept() > date(2026, 11, 27)  # met: the next one is later
    set_case(engine, account, stage="effective")
    close_uncollectable(engine, account, date(2026, 11, 29))
    assert kept() is None
