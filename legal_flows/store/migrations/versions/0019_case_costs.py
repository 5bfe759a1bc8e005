"""the bank's costs of a case: fees advanced, 公告费, 评估费, lawyer fees, refunds

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 17:00:00

What the bank paid out and got back on a case, for its cost ledger and the net recovery by
court and lawyer in the recovery report.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_cost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["card_case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_cost", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_cost_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_cost", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_cost_case_id"))
    op.drop_table("case_cost")
