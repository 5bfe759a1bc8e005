"""sign-in failures counted per client address and name; sessions end when idle

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 19:00:00

The throttle locked a name after five failures from anyone, so anyone could lock the admin
out; it now counts the client address with the name. A session also ends after a spell of
inactivity (its last request is kept), besides its working-day limit.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("address", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_index("ix_login_failure_address_at", ["address", "at"])
    with op.batch_alter_table("portal_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("portal_session", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failure_address_at")
        batch_op.drop_column("address")
