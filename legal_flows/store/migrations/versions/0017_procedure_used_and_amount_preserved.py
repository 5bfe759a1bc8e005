"""the procedure the court used, recorded at registration; the amount a preservation ruling froze

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 16:00:00

The review's routing is a prediction; the court's acceptance notice says which procedure it
uses, and that decides the trial limit and the filing fee (交纳办法 §16). The preservation fee
is charged on the amount the ruling preserved (§14(2)), not on the claim.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("court_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("procedure", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("court_event", schema=None) as batch_op:
        batch_op.drop_column("amount")
        batch_op.drop_column("procedure")
