"""instalment plans: a mediation's instalments or a settlement during enforcement (执行和解)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 17:30:00

The schedule (due, amount) with the day it was agreed and whether one missed instalment makes
the rest due; `breach_prepared` remembers the instalment whose next step (the enforcement or
resumption application) was written, so the daily sweep prepares it once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("accelerates", sa.Boolean(), nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("breach_prepared", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["card_case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payment_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_plan_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payment_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_plan_case_id"))
    op.drop_table("payment_plan")
