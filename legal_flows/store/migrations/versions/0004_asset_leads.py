"""asset leads on a case: known assets named in a preservation application

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("card_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asset_leads", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("card_case", schema=None) as batch_op:
        batch_op.drop_column("asset_leads")
