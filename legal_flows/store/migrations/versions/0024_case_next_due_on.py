"""each case keeps its earliest open or missed deadline, for the case list's order

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01 21:00:00

Sorting 100,000 cases by their next deadline aggregated every deadline of every case on each
page; the case now carries the date, kept by the deadline repository, in an indexed column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("card_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_due_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_card_case_next_due_on"), ["next_due_on"])
    op.execute(
        "UPDATE card_case SET next_due_on = (SELECT min(d.due_on) FROM deadline d "
        "WHERE d.case_id = card_case.id AND d.status IN ('open', 'missed'))"
    )


def downgrade() -> None:
    with op.batch_alter_table("card_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_case_next_due_on"))
        batch_op.drop_column("next_due_on")
