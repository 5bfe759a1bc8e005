"""The decision-equality test: the review decides every case of a synthetic portfolio exactly
as recorded in tests/golden/review_decisions.txt, every reason, amount and date included.

The domain may be made faster; this is what keeps it the same. When a rule is meant to change,
write the file again (`python -m tests.golden.review`) and say in the commit which lines moved.
"""

from pathlib import Path

from legal_flows.store.db import get_engine
from tests.golden.review import GOLDEN, decision_lines, load_portfolio


def test_every_decision_over_the_synthetic_portfolio_is_the_recorded_one(tmp_path: Path):
    engine = get_engine(f"sqlite:///{tmp_path / 'golden.db'}")
    load_portfolio(engine, tmp_path / "in")

    decided = decision_lines(engine)

    recorded = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert len(decided) == len(recorded)
    moved = [(was, now) for was, now in zip(recorded, decided, strict=True) if was != now]
    shown = "\n".join(f"recorded {was}\n decided {now}" for was, now in moved[:10])
    assert not moved, f"{len(moved)} of {len(recorded)} decisions differ:\n{shown}"
