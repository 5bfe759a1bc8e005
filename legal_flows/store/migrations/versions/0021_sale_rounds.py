"""a round's mode: an online auction, or 变卖 (the sale window after two failed auctions)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 18:00:00

网拍规定 §26: after the second online auction fails the asset may be sold (变卖) on the same
platform; it is recorded as a round of its own so its result, and what follows an unsold
window (以物抵债 or lifting the seizure), are tracked like a round's.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auction_round", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mode", sa.String(length=8), nullable=False, server_default="auction")
        )


def downgrade() -> None:
    with op.batch_alter_table("auction_round", schema=None) as batch_op:
        batch_op.drop_column("mode")
