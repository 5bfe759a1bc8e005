"""deadlines without the index on the due date alone

Every reader of due dates also asks for some statuses (the sweep, the workbench, the calendar
recompute, `deadlines --due-within` and `--overdue`), which the (status, due_on) index
answers. A due date has nothing to do with the case's id, so a review chunk's deadlines land
all over this index: with 50,000 of 100,000 cases reviewed, a chunk of 500 wrote 870 pages
into the WAL with it and 690 without.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03 19:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_deadline_due_on", table_name="deadline")


def downgrade() -> None:
    op.create_index("ix_deadline_due_on", "deadline", ["due_on"])
