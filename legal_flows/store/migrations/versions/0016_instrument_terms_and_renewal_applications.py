"""the instrument's terms on its court event; the expiry a renewal application was made for

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 20:00:00

Recording a judgment, mediation, payment order or ruling now keeps what it decided (the
award, continuing interest, performance term, instalments) for the enforcement papers. A
seizure remembers the expiry its 续行 application was written for, so the sweep writes one
application per expiry, dated the day it is made.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("court_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("terms", sa.JSON(), nullable=True))
    with op.batch_alter_table("seizure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("renewal_applied_for", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seizure", schema=None) as batch_op:
        batch_op.drop_column("renewal_applied_for")
    with op.batch_alter_table("court_event", schema=None) as batch_op:
        batch_op.drop_column("terms")
