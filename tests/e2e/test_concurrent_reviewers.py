"""Two reviewers press enter on the same case at the same moment, from two terminals."""

import os
import subprocess
import sys

from sqlalchemy import select

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.i18n import translator
from legal_flows.services.intake.accounts import import_accounts
from legal_flows.services.intake.collections import import_collections
from legal_flows.store.audit import verify_chain
from legal_flows.store.db import get_engine, session_scope
from legal_flows.store.tables import CaseRow
from tests.helpers import (
    ACTOR,
    AS_OF,
    NOW,
    first_in_stage,
    portfolio,
    review_all,
    uows,
    with_creditors,
)


def test_two_reviewers_at_once_one_wins_the_other_gets_a_one_line_conflict(db_url, tmp_path):
    engine = get_engine(db_url)
    pf = portfolio(tmp_path / "in", count=40)
    with_creditors(engine, pf)
    import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    import_collections(uows(engine), path=pf.collections, actor=ACTOR, now=NOW)
    review_all(engine, calendar=WorkCalendar())
    account = first_in_stage(engine, "manual_review")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGAL_FLOWS_")}
    env |= {"LEGAL_FLOWS_DATABASE_URL": db_url, "LEGAL_FLOWS_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "legal_flows", "review", "decide", account, "--reason", "已核"]
    reviewers = [
        subprocess.Popen(
            [*command, flag, "--reviewer", name, "--as-of", AS_OF.isoformat()],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, flag in (("甲", "--approve"), ("乙", "--reject"))
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in reviewers]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, _, err in results if code == 1)
    assert loser.startswith("错误：案件 ")
    assert len(loser.strip().splitlines()) == 1
    winner = next(out for code, out, _ in results if code == 0)
    with session_scope(engine) as s:
        stage = s.execute(select(CaseRow.stage).where(CaseRow.account_id == account)).scalar_one()
        assert verify_chain(s).ok
    assert translator().label("stage", stage) in winner  # the stage by its Chinese name
