"""the ruling that ends an auction round's disposal: 成交裁定 or 以物抵债裁定, and its date

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 16:30:00

A sale no longer ends the asset's seizures when the winning bid is recorded: ownership passes
and the seizures end when the sale ruling is served (民诉法解释 §491), which also stops the
doubled late interest on the value realised (迟延履行利息解释 §2).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auction_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ruling", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("ruling_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("auction_round", schema=None) as batch_op:
        batch_op.drop_column("ruling_on")
        batch_op.drop_column("ruling")
