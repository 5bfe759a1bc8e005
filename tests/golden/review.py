"""The review's decisions over a synthetic portfolio, one line a case, for the decision-equality
test (tests/integration/test_review_golden.py).

A line is the account, the outcome, the reason codes and a digest of everything the decision
holds (each reason's template, values, citation and effect; the claim; the route; the
limitation's dates and note). Making the domain faster must leave every line as it is.

    python -m tests.golden.review        # writes tests/golden/review_decisions.txt again

Regenerate only when a rule is meant to change, and say which lines moved and why.
"""

import dataclasses
import functools
import hashlib
import json
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

GOLDEN = Path(__file__).with_name("review_decisions.txt")
COUNT = 2_000
SEED = 20261202
AS_OF = date(2026, 11, 29)
# The portfolio's dates are set from AS_OF; reviewed again 400 days on, many limitation
# periods have run out or are close to it, and the warnings and long stops come into play.
REVIEW_DATES = (AS_OF, AS_OF + timedelta(days=400))
NOW = datetime(2026, 11, 29, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def load_portfolio(engine: Engine, folder: Path) -> None:
    from legal_flows.demo.synthetic import write_portfolio
    from legal_flows.services.intake.accounts import import_accounts
    from legal_flows.services.intake.collections import import_collections
    from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
    from legal_flows.store.audit import Actor
    from legal_flows.store.uow import unit_of_work

    portfolio = write_portfolio(folder, count=COUNT, seed=SEED, as_of=AS_OF)
    actor = Actor("golden")
    uows = functools.partial(unit_of_work, engine)
    with uows() as uow:
        configure_creditors(uow, read_creditors_file(portfolio.creditors), actor=actor, now=NOW)
    import_accounts(uows, path=portfolio.accounts, actor=actor, now=NOW)
    import_collections(uows, path=portfolio.collections, actor=actor, now=NOW)


def decision_lines(engine: Engine) -> list[str]:
    """Every case reviewed on each of REVIEW_DATES, in account order, without writing."""
    from legal_flows.bootstrap import package_calendar
    from legal_flows.domain.eligibility import review_case
    from legal_flows.domain.policy import Policy
    from legal_flows.services.review.automatic import decision_values
    from legal_flows.services.review.facts import (
        case_rows,
        collections_by_case,
        creditor_facts,
        to_facts,
    )
    from legal_flows.store.tables import CASE
    from legal_flows.store.uow import unit_of_work

    policy, calendar = Policy(), package_calendar()
    lines = []
    with unit_of_work(engine) as uow:
        ids = list(uow.session.execute(select(CASE.c.id).order_by(CASE.c.id)).scalars())
        rows = case_rows(uow, ids)
        collections = collections_by_case(uow, ids)
        creditors = creditor_facts(uow.session)
        for as_of in REVIEW_DATES:
            for row in sorted(rows, key=lambda r: r.account_id):
                facts = to_facts(row, collections.get(row.id, ()), creditors)
                decision = review_case(facts, policy=policy, as_of=as_of, calendar=calendar)
                limitation = decision.limitation  # not asdict(): its Phrase is a dict already
                held = decision_values(0, decision) | {
                    "limitation": {
                        f.name: getattr(limitation, f.name) for f in dataclasses.fields(limitation)
                    }
                }
                text = json.dumps(held, sort_keys=True, default=str, ensure_ascii=False)
                digest = hashlib.sha256(text.encode()).hexdigest()[:16]
                codes = ",".join(r.code for r in decision.reasons)
                lines.append(f"{as_of} {row.account_id} {decision.outcome.value} {codes} {digest}")
    return lines


def main() -> None:
    from legal_flows.store.db import get_engine

    with tempfile.TemporaryDirectory(prefix="lf-golden-") as work:
        engine = get_engine(f"sqlite:///{Path(work) / 'golden.db'}")
        load_portfolio(engine, Path(work) / "in")
        lines = decision_lines(engine)
        engine.dispose()
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} decisions written to {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    main()
