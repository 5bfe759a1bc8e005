"""cardholder's residence date, employer and occupation; creditor settings

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 18:00:00

The accounts file gains optional `residence_since`, `employer` and `occupation` (a residence
of a year or more decides the court, 民诉法解释 §4; the 要素式 complaint prints the
employer and position). A creditor keeps the settings the 要素式 complaint needs beyond its
name and head (card agreement clauses, service address, authority), as JSON.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("debtor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("residence_since", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("employer", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("occupation", sa.String(length=100), nullable=True))
    # The server default fills the creditors already there; it stays (dropping it would make
    # SQLite rebuild a table other tables point at).
    with op.batch_alter_table("creditor", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settings", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("creditor", schema=None) as batch_op:
        batch_op.drop_column("settings")
    with op.batch_alter_table("debtor", schema=None) as batch_op:
        batch_op.drop_column("occupation")
        batch_op.drop_column("employer")
        batch_op.drop_column("residence_since")
