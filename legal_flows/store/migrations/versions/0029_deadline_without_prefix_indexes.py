"""deadlines without the two indexes others already begin with

`ix_deadline_case_id` is the first column of the unique source key and of
(case_id, status, due_on); `ix_deadline_status` is the first column of (status, due_on). Every
query they could answer the longer ones answer, and each costs a write for every deadline
inserted, deleted or settled: a review writes one a case.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-03 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_deadline_case_id", table_name="deadline")
    op.drop_index("ix_deadline_status", table_name="deadline")


def downgrade() -> None:
    op.create_index("ix_deadline_status", "deadline", ["status"])
    op.create_index("ix_deadline_case_id", "deadline", ["case_id"])
