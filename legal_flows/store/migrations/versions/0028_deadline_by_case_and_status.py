"""a case's earliest unsettled deadline found through an index of its own

Refreshing `card_case.next_due_on` asks, per case, for the earliest open or missed deadline.
With only (status, due_on) and (case_id) to choose from, SQLite walked every open deadline for
each case, so a review of 20,000 cases spent 100 s there; (case_id, status, due_on) answers it
from the index.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-02 02:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_deadline_case_status_due_on", "deadline", ["case_id", "status", "due_on"]
    )


def downgrade() -> None:
    op.drop_index("ix_deadline_case_status_due_on", table_name="deadline")
