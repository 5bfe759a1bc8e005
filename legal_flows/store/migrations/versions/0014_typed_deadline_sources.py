"""deadlines name their source by kind and id, not by a string parsed back

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 14:00:00

`deadline.source_ref` was a string split on ":" ("seizure:12", "asset:3:price",
"judgment_served:2026-09-18:被告", cut to 64 characters). It becomes (source_kind, source_id,
seq): the court event, seizure, asset or case the deadline runs from, and the nth of a
series from one row (the six-monthly asset checks after 终本). The sweep's once-only alert
keys embedded the old string; they are rewritten so no alert is raised a second time.
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEADLINE = sa.table(
    "deadline",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("source_ref", sa.String),
    sa.column("source_kind", sa.String),
    sa.column("source_id", sa.Integer),
    sa.column("seq", sa.Integer),
)
EVENT = sa.table(
    "court_event",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("occurred_on", sa.Date),
    sa.column("party", sa.String),
)
ALERT = sa.table("alert", sa.column("id", sa.Integer), sa.column("key", sa.String))
Events = dict[tuple[int, str, date], list[tuple[int, str]]]


def typed(case_id: int, kind: str, ref: str, events: Events) -> tuple[str, int, int] | None:
    """The (source_kind, source_id, seq) an old source_ref meant; None if nothing matches."""
    if ref == "review":
        return ("case", case_id, 0)
    head, _, rest = ref.partition(":")
    if head == "seizure" and rest.isdigit():
        return ("seizure", int(rest), 0)
    if head == "asset":
        asset, _, what = rest.partition(":")
        if what == "price" and asset.isdigit():
            return ("asset", int(asset), 0)
        if what.isdigit():  # the VAL-01 deadline set by seizure `what` of this asset
            return ("seizure", int(what), 0)
        return None
    code, _, rest = ref.partition(":")
    day, _, party = rest.partition(":")
    try:
        on = date.fromisoformat(day)
    except ValueError:
        return None
    candidates = events.get((case_id, code, on), [])
    if kind == "asset_check" and party.isdigit():  # the nth check after 终本
        return ("court_event", candidates[0][0], int(party)) if candidates else None
    # The old string was cut to 64 characters: a long party name matches by its start.
    for event_id, event_party in candidates:
        if event_party == party or (len(ref) == 64 and event_party.startswith(party)):
            return ("court_event", event_id, 0)
    return None


def upgrade() -> None:
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
    bind = op.get_bind()
    events: Events = {}
    for row in bind.execute(
        sa.select(EVENT.c.id, EVENT.c.case_id, EVENT.c.code, EVENT.c.occurred_on, EVENT.c.party)
    ):
        events.setdefault((row.case_id, row.code, row.occurred_on), []).append((row.id, row.party))
    refs: dict[tuple[int, str, str], tuple[str, int, int]] = {}
    updates = []
    for row in bind.execute(
        sa.select(DEADLINE.c.id, DEADLINE.c.case_id, DEADLINE.c.kind, DEADLINE.c.source_ref)
    ):
        found = typed(row.case_id, row.kind, row.source_ref, events)
        # A deadline whose source is gone would be recomputed with its case's next event;
        # kept until then under its own id, so it stays unique and is still alerted.
        source = found or ("court_event", 0, row.id)
        refs[(row.case_id, row.kind, row.source_ref)] = source
        updates.append({"b_id": row.id, "k": source[0], "i": source[1], "s": source[2]})
    if updates:
        bind.execute(
            DEADLINE.update()
            .where(DEADLINE.c.id == sa.bindparam("b_id"))
            .values(
                source_kind=sa.bindparam("k"), source_id=sa.bindparam("i"), seq=sa.bindparam("s")
            ),
            updates,
        )
    _rewrite_alert_keys(bind, refs, events)
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.alter_column("source_kind", existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column("source_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("seq", existing_type=sa.Integer(), server_default=None)
        batch_op.drop_column("source_ref")
        batch_op.create_unique_constraint(
            "uq_deadline_source", ["case_id", "kind", "source_kind", "source_id", "seq"]
        )
        batch_op.create_index("ix_deadline_source", ["source_kind", "source_id"], unique=False)


def _rewrite_alert_keys(
    bind: sa.engine.Connection,
    refs: dict[tuple[int, str, str], tuple[str, int, int]],
    events: Events,
) -> None:
    """`{category}{step}:{case}:{kind}:{source_ref}:{due}` → the same with the typed source,
    the form the sweep now writes, so an alert already raised is not raised again."""
    updates = []
    for row in bind.execute(sa.select(ALERT.c.id, ALERT.c.key)):
        category, case, kind, rest = (row.key.split(":", 3) + ["", "", ""])[:4]
        if not (category.startswith(("due", "missed")) and case.isdigit() and ":" in rest):
            continue  # a stalled-case alert, or a key of another form: nothing to rewrite
        ref, _, due = rest.rpartition(":")
        source = refs.get((int(case), kind, ref)) or typed(int(case), kind, ref, events)
        if source is not None:
            key = f"{category}:{case}:{kind}:{source[0]}:{source[1]}:{source[2]}:{due}"
            updates.append({"b_id": row.id, "k": key})
    if updates:
        bind.execute(
            ALERT.update().where(ALERT.c.id == sa.bindparam("b_id")).values(key=sa.bindparam("k")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_index("ix_deadline_source")
        batch_op.drop_constraint("uq_deadline_source", type_="unique")
        batch_op.add_column(
            sa.Column("source_ref", sa.String(length=64), nullable=False, server_default="")
        )
    op.execute(
        "UPDATE deadline SET source_ref = source_kind || ':' || CAST(source_id AS VARCHAR)"
        " || ':' || CAST(seq AS VARCHAR)"
    )
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_column("seq")
        batch_op.drop_column("source_id")
        batch_op.drop_column("source_kind")
        batch_op.create_unique_constraint(
            "deadline_case_id_kind_source_ref_key", ["case_id", "kind", "source_ref"]
        )
