"""audit head: the chain's last link, so deleting the newest audit rows is detected

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # A log written before this revision: its current end becomes the head.
    op.execute(
        "INSERT INTO audit_head (id, last_id, hash) "
        "SELECT 1, id, hash FROM audit_event ORDER BY id DESC LIMIT 1"
    )


def downgrade() -> None:
    op.drop_table("audit_head")
