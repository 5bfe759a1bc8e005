"""Work claiming: concurrent workers on one stage never take the same case."""

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select, text, update

from legal_flows.api.flows import _failure
from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.compiled import Templates
from legal_flows.documents.storage import DocumentStore
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import Stage
from legal_flows.i18n import CHINESE, ENGLISH, translator
from legal_flows.services.filing.generation import generate_chunk
from legal_flows.services.review.automatic import ChunkResult, review_next
from legal_flows.store.audit import Actor, verify_chain
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AUDIT, CASE, DEBTOR, DOCUMENT, CaseRow, DecisionRow
from tests.helpers import AS_OF, NOW, approved_cases, loaded, uow

EVERY_STAGE = list(Stage)


def in_threads(work, names):
    results, errors = {}, []

    def run(name):
        try:
            results[name] = work(name)
        except BaseException as exc:  # reported below, with the thread's name
            errors.append((name, exc))

    threads = [threading.Thread(target=run, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    return results


def test_a_case_one_worker_holds_is_skipped_by_the_next_and_freed_at_its_commit(
    engine, tmp_path, db_url
):
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite has one writer: a second worker waits for the first instead")
    loaded(engine, tmp_path, count=10)
    with uow(engine) as first:
        held = first.cases.take(EVERY_STAGE, limit=4)
        with uow(engine) as second:
            other = second.cases.take(EVERY_STAGE, limit=4)
        assert len(held) == len(other) == 4
        assert not set(held) & set(other)
    with uow(engine) as third:
        assert third.cases.take(EVERY_STAGE, limit=4) == held  # the first worker is done with them


def test_two_workers_reviewing_at_once_decide_every_case_exactly_once(engine, tmp_path, db_url):
    loaded(engine, tmp_path, count=240)

    def lane(name):
        total, after = ChunkResult(), 0
        while True:
            with uow(engine) as w:
                part = review_next(
                    w,
                    after=after,
                    size=20,
                    as_of=AS_OF,
                    actor=Actor(f"flow:{name}", name),
                    now=NOW,
                    policy=Policy(),
                    calendar=WorkCalendar(),
                )
            if not part.claimed:
                return total
            total.merge(part)
            after = part.last_id

    results = in_threads(lane, ["run-a", "run-b"])
    assert sum(r.reviewed for r in results.values()) == 240
    assert [r.failed for r in results.values()] == [[], []]
    with session_scope(engine) as s:
        per_case = Counter(s.execute(select(DecisionRow.case_id)).scalars())
        runs = Counter(s.execute(select(DecisionRow.flow_run_id)).scalars())
        assert verify_chain(s).ok
    assert len(per_case) == 240
    assert set(per_case.values()) == {1}
    if db_url.startswith("postgresql"):
        assert set(runs) == {"run-a", "run-b"}  # both worked: the claims split the cases


def test_two_workers_generating_at_once_write_every_document_once(engine, tmp_path, db_url):
    approved = approved_cases(engine, tmp_path, count=60)
    store, templates = DocumentStore(tmp_path / "docs"), Templates(DEFAULT_TEMPLATES)

    def chunk(name, after):
        with uow(engine) as w, store.batch():
            return generate_chunk(
                w,
                after=after,
                size=4,
                case_ids=None,
                with_ready=False,
                signed_on=None,
                actor=Actor(f"flow:{name}", name),
                now=NOW,
                policy=Policy(),
                store=store,
                templates=templates,
            )

    def lane(name):
        done, after = [], 0
        while steps := chunk(name, after):
            for step in steps:
                assert step.error is None, step.error
                done.append((step.case_id, len(step.generated.created), len(step.generated.reused)))
            after = steps[-1].case_id
        return done

    results = in_threads(lane, ["run-a", "run-b"])
    steps = results["run-a"] + results["run-b"]
    assert sorted(case_id for case_id, _, _ in steps) == sorted(approved)
    assert all(reused == 0 for _, _, reused in steps)
    with session_scope(engine) as s:
        keys = Counter(
            s.execute(select(DOCUMENT.c.case_id, DOCUMENT.c.kind, DOCUMENT.c.format)).all()
        )
        ready = s.execute(
            select(func.count()).where(CaseRow.id.in_(approved), CaseRow.stage == "documents_ready")
        ).scalar_one()
    assert set(keys.values()) == {1}
    assert sum(created for _, created, _ in steps) == len(keys)
    assert ready == len(approved)


def test_a_case_that_cannot_get_documents_fails_alone_and_its_chunk_commits(engine, tmp_path):
    approved = approved_cases(engine, tmp_path, count=12)
    broken = approved[2]
    with session_scope(engine) as s:
        debtor = s.execute(select(CASE.c.debtor_id).where(CASE.c.id == broken)).scalar_one()
        s.execute(update(DEBTOR).where(DEBTOR.c.id == debtor).values(phone=None))
    steps = _one_chunk(engine, tmp_path, len(approved))
    assert [s.case_id for s in steps] == approved
    failed = {s.case_id: s.error for s in steps if s.generated is None}
    assert list(failed) == [broken]
    assert "ethnicity and phone are needed" in failed[broken]
    # The flows page names the failed case in the department's language (api/flows._failure).
    (step,) = [s for s in steps if s.case_id == broken]
    assert step.told is not None
    template, values = step.told
    failure = {"case_id": broken, "error": step.error, "template": template, "values": values}
    shown = _failure(failure, translator(CHINESE))
    assert shown.startswith(f"案件 {broken}：")
    assert "ethnicity" not in shown
    assert "ethnicity and phone are needed" in _failure(failure, translator(ENGLISH))
    with session_scope(engine) as s:
        query = select(CASE.c.id, CASE.c.stage).where(CASE.c.id.in_(approved))
        stages = {row.id: row.stage for row in s.execute(query)}
        with_documents = set(s.execute(select(DOCUMENT.c.case_id)).scalars())
        audited = s.execute(
            select(func.count()).where(AUDIT.c.action == "documents.generated")
        ).scalar_one()
        assert verify_chain(s).ok
    assert stages.pop(broken) == "approved"
    assert set(stages.values()) == {"documents_ready"}
    assert with_documents == set(approved) - {broken}
    assert audited == len(approved) - 1  # one entry per case, appended once for the chunk


def test_postgresql_sessions_do_not_jit_compile_statements(engine, db_url):
    # A chunk's UPDATE ran 17 ms and JIT spent ~10 ms compiling it (store/db.py).
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's JIT")
    with session_scope(engine) as s:
        assert s.execute(text("SHOW jit")).scalar_one() == "off"


def test_a_case_without_a_decision_in_force_fails_alone_when_its_chunk_reads_every_file(
    engine, tmp_path
):
    """A chunk reads its cases' files together (services/filing/dossier.Dossiers); one it
    cannot make a file for is named with why, and the others get their documents."""
    approved = approved_cases(engine, tmp_path, count=12)
    broken = approved[1]
    with session_scope(engine) as s:
        s.execute(update(CASE).where(CASE.c.id == broken).values(decision_id=None))
    steps = _one_chunk(engine, tmp_path, len(approved))
    failed = {s.case_id: s.error for s in steps if s.generated is None}
    assert list(failed) == [broken]
    assert "has no decision in force: review it first" in failed[broken]
    with session_scope(engine) as s:
        with_documents = set(s.execute(select(DOCUMENT.c.case_id)).scalars())
    assert with_documents == set(approved) - {broken}


def _one_chunk(engine, tmp_path, size):
    """One generation chunk over the first `size` approved cases, as a flow task runs it."""
    with uow(engine) as w:
        return generate_chunk(
            w,
            after=0,
            size=size,
            case_ids=None,
            with_ready=False,
            signed_on=None,
            actor=Actor("flow:test"),
            now=NOW,
            policy=Policy(),
            store=DocumentStore(tmp_path / "docs"),
            templates=Templates(DEFAULT_TEMPLATES),
        )
