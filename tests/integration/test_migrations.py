"""Migrations carry real data: deadlines of a database at 0013 keep their meaning at head."""

from datetime import date, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from legal_flows.store.db import _alembic_config, dispose_all, get_engine
from legal_flows.store.tables import ALERT, DEADLINE

UTC_NOON = datetime(2026, 11, 29, 4, 0)


def _at_0013(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0013")
    engine.dispose()


def _old_rows(url: str) -> None:
    """A case with court events, a seizure and a priced asset, its deadlines and alerts in the
    form 0013 wrote them (source_ref strings, alert keys built from them)."""
    engine = create_engine(url)
    long_party = "被告" + "甲" * 70  # the old string was cut to 64 characters
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO creditor (id, code, name, address, credit_code, head_name, "
                "head_title, phone) VALUES (1, 'B', '银行', '北京', 'x', '张', '行长', '1')"
            )
        )
        c.execute(
            text(
                "INSERT INTO debtor (id, id_number, name, gender, birth_date, "
                "registered_address) VALUES (1, '11010519491231002X', '王', '女', "
                "'1949-12-31', '北京')"
            )
        )
        c.execute(
            text(
                "INSERT INTO card_case (id, account_id, creditor_id, debtor_id, card_number, "
                "credit_limit, principal, interest, penalty, fees, balance_date, annual_rate, "
                "card_issued_on, overdue_since, terms_notice_proven, deceased, bankrupt, "
                "disputed, whereabouts_unknown, data_hash, stage, charges_allowed_by_reviewer, "
                "version, updated_at) VALUES (1, 'ACC1', 1, 1, '6222021234567890128', 1000, "
                "1000, 0, 0, 0, '2026-01-01', 0.18, '2020-01-01', '2024-01-01', false, false, "
                "false, false, false, 'h', 'served', false, 1, :at)"
            ),
            {"at": UTC_NOON},
        )
        events = [
            (1, "submitted", "2026-03-02", ""),
            (2, "served", "2026-03-20", "被告"),
            (3, "served", "2026-03-21", long_party),
            (4, "terminated", "2026-09-01", ""),
        ]
        for ident, code, on, party in events:
            c.execute(
                text(
                    "INSERT INTO court_event (id, case_id, code, occurred_on, party, detail, "
                    "source, received_at, recorded_by) VALUES (:i, 1, :c, :o, :p, '', "
                    "'manual', :at, 't')"
                ),
                {"i": ident, "c": code, "o": on, "p": party, "at": UTC_NOON},
            )
        c.execute(
            text(
                "INSERT INTO asset (id, case_id, kind, description, identifier, necessary_home, "
                "created_at) VALUES (3, 1, 'vehicle', '车', '京A', false, :at)"
            ),
            {"at": UTC_NOON},
        )
        c.execute(
            text(
                "INSERT INTO seizure (id, asset_id, case_id, measure, stage, ruling_no, "
                "effective_on, served_on, expires_on, status, renewals, updated_at) VALUES "
                "(12, 3, 1, 'detain', 'enforcement', 'r', '2026-05-01', '2026-05-01', "
                "'2028-04-30', 'active', 0, :at)"
            ),
            {"at": UTC_NOON},
        )
        deadlines = [
            ("limitation", "2029-01-01", "review"),
            ("registration", "2026-03-09", "submitted:2026-03-02:"),
            ("defence", "2026-04-07", "served:2026-03-20:被告"),
            ("defence", "2026-04-08", f"served:2026-03-21:{long_party}"[:64]),
            ("asset_check", "2027-03-01", "terminated:2026-09-01:1"),
            ("asset_check", "2027-09-01", "terminated:2026-09-01:2"),
            ("seizure_renewal", "2028-03-31", "seizure:12"),
            ("reference_price", "2026-05-31", "asset:3:12"),
            ("sale_start", "2026-06-11", "asset:3:price"),
        ]
        for n, (kind, due, ref) in enumerate(deadlines, start=1):
            c.execute(
                text(
                    "INSERT INTO deadline (id, case_id, kind, due_on, status, citation, "
                    "source_ref) VALUES (:i, 1, :k, :d, 'open', 'c', :r)"
                ),
                {"i": n, "k": kind, "d": due, "r": ref},
            )
        alerts = [
            ("due3:1:defence:served:2026-03-20:被告:2026-04-07", "defence"),
            ("due60:1:seizure_renewal:seizure:12:2028-03-31", "seizure_renewal"),
            ("stalled:1:served:2026-03-21", "served"),
        ]
        for n, (key, kind) in enumerate(alerts, start=1):
            c.execute(
                text(
                    "INSERT INTO alert (id, key, case_id, category, kind, message, raised_on) "
                    "VALUES (:i, :key, 1, 'due', :k, 'm', '2026-03-01')"
                ),
                {"i": n, "key": key, "k": kind},
            )
    engine.dispose()


def test_deadlines_keep_their_source_and_alerts_their_once_only_keys_through_0014(db_url):
    _at_0013(db_url)
    _old_rows(db_url)
    dispose_all()
    engine = get_engine(db_url)  # migrates to head
    with engine.connect() as c:
        rows = c.execute(
            select(DEADLINE.c.kind, DEADLINE.c.due_on, DEADLINE.c.source_kind)
            .add_columns(DEADLINE.c.source_id, DEADLINE.c.seq)
            .order_by(DEADLINE.c.id)
        ).all()
        keys = list(c.execute(select(ALERT.c.key).order_by(ALERT.c.id)).scalars())
    assert [(r.kind, r.source_kind, r.source_id, r.seq) for r in rows] == [
        ("limitation", "case", 1, 0),
        ("registration", "court_event", 1, 0),
        ("defence", "court_event", 2, 0),
        ("defence", "court_event", 3, 0),  # matched by the start of its cut-off party
        ("asset_check", "court_event", 4, 1),
        ("asset_check", "court_event", 4, 2),
        ("seizure_renewal", "seizure", 12, 0),
        ("reference_price", "seizure", 12, 0),
        ("sale_start", "asset", 3, 0),
    ]
    assert rows[2].due_on == date(2026, 4, 7)
    assert keys == [
        "due3:1:defence:court_event:2:0:2026-04-07",
        "due60:1:seizure_renewal:seizure:12:0:2028-03-31",
        "stalled:1:served:2026-03-21",  # not a deadline's: kept as it was
    ]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_sweep_writes_alert_keys_in_the_form_the_migration_rewrites_to(db_url):
    """A key the migration produced is the key today's sweep computes for that deadline, so
    an alert raised before the upgrade is not raised again after it."""
    from legal_flows.bootstrap import package_calendar
    from legal_flows.domain.sweep import SweepPolicy
    from legal_flows.services.sweep.sweep import run_sweep
    from legal_flows.store.uow import unit_of_work
    from tests.helpers import ACTOR, NOW

    _at_0013(db_url)
    _old_rows(db_url)
    dispose_all()
    engine = get_engine(db_url)
    with unit_of_work(engine) as uow:
        result = run_sweep(
            uow,
            as_of=date(2026, 4, 7),
            policy=SweepPolicy(),
            actor=ACTOR,
            now=NOW,
            calendar=package_calendar(),
        )
    raised = {i["key"] for i in result.items}
    assert "due3:1:defence:court_event:2:0:2026-04-07" in raised
    with engine.connect() as c:
        stored = list(c.execute(select(ALERT.c.key)).scalars())
    assert stored.count("due3:1:defence:court_event:2:0:2026-04-07") == 1
    assert result.raised == len(result.items) - 1  # all but the one raised before the upgrade
