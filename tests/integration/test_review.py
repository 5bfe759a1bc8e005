"""Eligibility review on real databases: chunks commit, a failing case fails alone."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select, text, update

from legal_flows.api.flows import _failure
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.four_eyes import FourEyesRefused
from legal_flows.i18n import CHINESE, translator
from legal_flows.services.errors import ConflictError, InputError
from legal_flows.services.review.automatic import pending_case_ids
from legal_flows.store.audit import Actor, verify_chain
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AUDIT, CaseRow, DecisionRow
from tests.helpers import (
    AS_OF,
    NOW,
    answer,
    decide,
    first_in_stage,
    loaded,
    propose,
    review_all,
    uow,
)


def case(engine, account_id):
    with session_scope(engine) as s:
        return s.execute(select(CaseRow).where(CaseRow.account_id == account_id)).scalar_one()


def test_every_case_gets_a_stored_decision_with_reasons(engine, tmp_path):
    loaded(engine, tmp_path)
    result = review_all(engine)
    assert result.reviewed == 60
    assert result.failed == []
    assert set(result.outcomes) == {"approved", "rejected", "manual_review"}
    with session_scope(engine) as s:
        stages = dict(s.execute(select(CaseRow.stage, func.count()).group_by(CaseRow.stage)).all())
        decisions = s.execute(select(DecisionRow)).scalars().all()
    assert stages == dict(result.outcomes)
    assert len(decisions) == 60
    assert all(d.reasons and all(r["citation"] for r in d.reasons) for d in decisions)
    with uow(engine) as w:
        assert pending_case_ids(w) == []


def current_decision(engine, account_id):
    with session_scope(engine) as s:
        decision_id = case(engine, account_id).decision_id
        return s.get(DecisionRow, decision_id)


def test_reviewed_case_carries_claim_limitation_and_procedure(engine, tmp_path):
    loaded(engine, tmp_path)
    review_all(engine)
    account = first_in_stage(engine, "approved")
    approved = current_decision(engine, account)
    assert approved.outcome == "approved"
    assert approved.procedure in {"small_claims", "simplified", "ordinary"}
    assert approved.limitation_expires_on > AS_OF
    assert (
        approved.claim_total
        == approved.claim_principal
        + approved.claim_interest
        + approved.claim_penalty
        + approved.claim_fees
    )
    assert isinstance(approved.claim_total, Decimal)
    assert case(engine, account).version == 2


def test_the_case_list_shows_each_reviewed_cases_limitation_as_its_next_deadline(engine, tmp_path):
    loaded(engine, tmp_path)
    review_all(engine)
    with session_scope(engine) as s:
        cases = s.execute(select(CaseRow)).scalars().all()
        expiry = dict(s.execute(select(DecisionRow.id, DecisionRow.limitation_expires_on)).all())
    for c in cases:
        # A rejected case is not going to court: its limitation raises no alarm.
        due = None if c.stage == "rejected" else expiry[c.decision_id]
        assert c.next_due_on == due, c.account_id
    assert {c.stage for c in cases if c.next_due_on} == {"approved", "manual_review"}


def test_a_case_the_database_refuses_fails_alone_and_the_rest_of_its_chunk_commits(
    engine, tmp_path
):
    loaded(engine, tmp_path, count=20)
    victim = "ACC00000007"
    with session_scope(engine) as s:
        if engine.dialect.name == "sqlite":
            s.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE UPDATE OF stage ON card_case "
                    f"WHEN NEW.account_id = '{victim}' "
                    "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
                )
            )
        else:
            s.execute(
                text(
                    "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.account_id = '{victim}' THEN "
                    "RAISE EXCEPTION 'refused by test'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            s.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE UPDATE ON card_case "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
    result = review_all(engine)
    assert result.reviewed == 19
    assert [f["account_id"] for f in result.failed] == [victim]
    assert "refused by test" in result.failed[0]["error"]
    # The flows page names it in the department's language, the database's words inside.
    shown = _failure(result.failed[0], translator(CHINESE))
    assert shown.startswith(f"{victim}：数据库拒绝写入该案件：")
    assert "refused by test" in shown
    left = case(engine, victim)
    assert left.stage == "intake"
    with uow(engine) as w:
        assert pending_case_ids(w) == [left.id]
        assert w.audit.verify().ok


def test_a_case_whose_data_breaks_a_rule_is_reported_and_skipped(engine, tmp_path):
    loaded(engine, tmp_path, count=10)
    with session_scope(engine) as s:
        s.execute(update(CaseRow).where(CaseRow.account_id == "ACC00000003").values(stage="bogus"))
        s.execute(update(CaseRow).where(CaseRow.account_id == "ACC00000004").values(stage="review"))
    result = review_all(engine)
    assert result.reviewed == 9  # the bogus stage is not awaiting review at all
    assert case(engine, "ACC00000004").stage in {"approved", "rejected", "manual_review"}


def manual_case(engine, tmp_path):
    loaded(engine, tmp_path, count=60)
    review_all(engine)
    with session_scope(engine) as s:
        return s.execute(select(CaseRow).where(CaseRow.stage == "manual_review")).scalars().first()


def test_reviewer_decision_moves_the_case_and_is_recorded(engine, tmp_path):
    target = manual_case(engine, tmp_path)
    result = decide(engine, target.account_id, "王审查")
    assert (result.outcome, result.stage) == ("approved", "approved")
    with session_scope(engine) as s:
        last = (
            s.execute(
                select(DecisionRow)
                .where(DecisionRow.case_id == target.id)
                .order_by(DecisionRow.id.desc())
            )
            .scalars()
            .first()
        )
        assert verify_chain(s).ok
    assert (last.decided_by, last.reviewer_reason) == ("王审查", "checked the file")
    assert last.decided_at == NOW  # the same instant back, whatever the database keeps
    assert last.reasons[-1]["code"] == "reviewer"


def test_second_reviewer_on_a_decided_case_gets_a_conflict_naming_the_first(engine, tmp_path):
    target = manual_case(engine, tmp_path)
    decide(engine, target.account_id, "王审查")
    with pytest.raises(ConflictError, match="is not awaiting a decision: it is approved by 王审查"):
        decide(engine, target.account_id, "李复核", approve=False)


def test_decision_on_a_stale_version_is_refused(engine, tmp_path):
    target = manual_case(engine, tmp_path)
    with pytest.raises(ConflictError, match="changed since you read it"):
        decide(engine, target.account_id, "王审查", expected_version=target.version - 1)


def test_an_overrule_is_proposed_by_one_person_and_carried_out_when_another_approves(
    engine, tmp_path
):
    loaded(engine, tmp_path, count=30)
    review_all(engine)
    approved = first_in_stage(engine, "approved")
    with pytest.raises(ConflictError, match="propose an overrule"):
        decide(engine, approved, "王审查", approve=False)
    with pytest.raises(ConflictError, match="needs a second person"):
        decide(engine, approved, "王审查", approve=False, overrule=True)
    proposal = propose(engine, approved, "王审查", "overrule", approve=False)
    assert stage_of(engine, approved) == "approved"  # nothing changes until approved
    with pytest.raises(FourEyesRefused, match="a different legal-staff user"):
        answer(engine, proposal, "王审查")
    done = answer(engine, proposal, "李复核")
    assert (done["status"], done["stage"]) == ("approved", "rejected")
    decision = current_decision(engine, approved)
    assert decision.decided_by == "王审查"
    assert "李复核" in decision.reviewer_reason
    with pytest.raises(FourEyesRefused, match="approved already"):
        answer(engine, proposal, "赵复核")
    with session_scope(engine) as s:
        actions = [
            (r.actor, r.action)
            for r in s.execute(
                select(AUDIT.c.actor, AUDIT.c.action).where(AUDIT.c.entity_id == approved)
            )
        ]
    assert ("王审查", "proposal.made") in actions
    assert ("李复核", "proposal.approved") in actions
    assert ("王审查", "case.decided") in actions


def test_a_declined_proposal_changes_nothing_and_a_stale_one_is_refused(engine, tmp_path):
    loaded(engine, tmp_path, count=30)
    review_all(engine)
    approved = first_in_stage(engine, "approved")
    declined = propose(engine, approved, "王审查", "overrule", approve=False)
    with pytest.raises(InputError, match="declining needs a reason"):
        answer(engine, declined, "李复核", approve=False, reason=" ")
    assert answer(engine, declined, "李复核", approve=False, reason="证据不足")["status"] == (
        "declined"
    )
    assert stage_of(engine, approved) == "approved"
    stale = propose(engine, approved, "王审查", "overrule", approve=False)
    with session_scope(engine) as s:
        s.execute(update(CaseRow).where(CaseRow.account_id == approved).values(version=99))
    with pytest.raises(ConflictError, match="changed since proposal"):
        answer(engine, stale, "李复核")
    assert stage_of(engine, approved) == "approved"


def test_reviewer_can_allow_charges_when_terms_notice_is_unproven(engine, tmp_path):
    loaded(engine, tmp_path, count=60)
    review_all(engine)
    with session_scope(engine) as s:
        unproven = (
            s.execute(
                select(CaseRow).where(
                    CaseRow.terms_notice_proven.is_(False), CaseRow.stage == "approved"
                )
            )
            .scalars()
            .first()
        )
    before = current_decision(engine, unproven.account_id)
    assert before.claim_total == unproven.principal
    proposal = propose(
        engine, unproven.account_id, "王审查", "overrule", approve=True, allow_charges=True
    )
    assert current_decision(engine, unproven.account_id).claim_total == before.claim_total
    answer(engine, proposal, "李复核")
    after = current_decision(engine, unproven.account_id)
    assert after.claim_interest > 0
    assert after.claim_total > before.claim_total
    assert after.decided_by == "王审查"
    assert "terms_notice_unproven" not in {r["code"] for r in after.reasons}


def test_concurrent_reviewers_one_wins_the_other_gets_a_conflict(engine, tmp_path):
    import threading

    target = manual_case(engine, tmp_path)
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def attempt(name: str, approve: bool) -> None:
        barrier.wait()
        try:
            results[name] = decide(engine, target.account_id, name, approve=approve)
        except ConflictError as exc:
            results[name] = exc

    threads = [
        threading.Thread(target=attempt, args=(n, a)) for n, a in (("甲", True), ("乙", False))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    conflicts = [r for r in results.values() if isinstance(r, ConflictError)]
    wins = [r for r in results.values() if not isinstance(r, ConflictError)]
    assert len(wins) == 1
    assert len(conflicts) == 1
    assert case(engine, target.account_id).stage == wins[0].stage
    with session_scope(engine) as s:
        assert verify_chain(s).ok


def test_actor_of_a_flow_is_recorded_with_its_run_id(engine, tmp_path):
    loaded(engine, tmp_path, count=3)
    review_all(engine, actor=Actor("flow:x", "run-1"), calendar=WorkCalendar())
    with session_scope(engine) as s:
        runs = set(s.execute(select(DecisionRow.flow_run_id)).scalars())
    assert runs == {"run-1"}


def stage_of(engine, account_id):
    with session_scope(engine) as s:
        return s.execute(select(CaseRow.stage).where(CaseRow.account_id == account_id)).scalar_one()
