"""a case's latest decision by one index probe

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 10:30:00

The review writes each case's decision in force as the newest decision of the case. With an
index on case_id alone the planner, misjudging fresh rows, walked the primary key backwards
past a whole chunk's new decisions for every case (116 ms for a 1,400-case UPDATE instead of
17 ms); (case_id, id) answers it with one probe.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_decision", schema=None) as batch_op:
        batch_op.create_index("ix_review_decision_case_latest", ["case_id", "id"], unique=False)
        batch_op.drop_index("ix_review_decision_case_id")


def downgrade() -> None:
    with op.batch_alter_table("review_decision", schema=None) as batch_op:
        batch_op.create_index("ix_review_decision_case_id", ["case_id"], unique=False)
        batch_op.drop_index("ix_review_decision_case_latest")
