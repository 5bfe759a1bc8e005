"""deadline (status, due_on) index: the daily sweep reads only open and missed rows

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 04:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_deadline_status_due_on", "deadline", ["status", "due_on"])


def downgrade() -> None:
    op.drop_index("ix_deadline_status_due_on", table_name="deadline")
