"""proposals waiting for a second person (four eyes on overrules, charges, re-opening)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 20:00:00

Overruling an automatic decision, claiming charges without proven notice and re-opening a
closed case are proposed by one legal-staff user and approved or declined by another; until
then nothing changes on the case.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("action", sa.JSON(), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("checked_by", sa.String(length=100), nullable=True),
        sa.Column("check_reason", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["card_case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_proposal_case_id", "proposal", ["case_id"])
    op.create_index("ix_proposal_status", "proposal", ["status"])


def downgrade() -> None:
    op.drop_index("ix_proposal_status", table_name="proposal")
    op.drop_index("ix_proposal_case_id", table_name="proposal")
    op.drop_table("proposal")
