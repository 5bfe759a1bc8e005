"""The parties as court papers name them: who signs for the bank, who may represent it."""

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# 民诉法解释 §50: a legal person acts through its 法定代表人 (a bank's chairman); §52(6)
# lets a licensed branch sue itself, through its 负责人 (branch president, card-centre head).
LEGAL_REPRESENTATIVE_TITLES = frozenset({"董事长", "法定代表人"})
MAX_AGENTS = 2  # 民诉法 (2023) §61: a party may appoint one or two agents


def head_role(title: str) -> str:
    """法定代表人 for a legal person's chairman, 负责人 for the head of a branch."""
    return "法定代表人" if title.strip() in LEGAL_REPRESENTATIVE_TITLES else "负责人"


def appointed_agents(agents: Sequence[T]) -> list[T]:
    """The agents a power of attorney names: the first two configured (民诉法 §61)."""
    return list(agents[:MAX_AGENTS])
