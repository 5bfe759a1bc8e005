"""The daily sweep on real databases: missed marked, alerts raised once, channels retried."""

import email
import json
import socketserver
import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.i18n import translator
from legal_flows.services.sweep.notify import LogNotifier, WebhookNotifier
from legal_flows.services.sweep.report_page import write_reports
from legal_flows.services.sweep.sweep import deliver_alerts, run_sweep
from legal_flows.store.db import session_scope
from legal_flows.store.tables import AlertRow, DeadlineRow
from tests.helpers import ACTOR, NOW, uow, uows
from tests.helpers import record as record_on

SWEEP_DAY = date(2026, 3, 12)
RECORDED = datetime(2026, 3, 9, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def record(engine, account, code, on, **kw):
    """Events recorded as they happen, in March 2026 (statuses as of the recording day)."""
    return record_on(engine, account, code, on, now=RECORDED, **kw)


def sweep(engine, as_of=SWEEP_DAY):
    with uow(engine) as w:
        return run_sweep(
            w, as_of=as_of, policy=SweepPolicy(), actor=ACTOR, now=NOW, calendar=package_calendar()
        )


@pytest.fixture
def fee_notice(engine, ready):
    record(engine, ready, "submitted", date(2026, 3, 2))
    record(engine, ready, "fee_notice", date(2026, 3, 3))  # fee due 03-10
    record(engine, ready, "registered", date(2026, 3, 6), case_no="（2026）京0105民初7号")
    return ready


def test_unpaid_fee_is_marked_missed_and_alerted_once_across_two_sweeps(engine, fee_notice):
    first = sweep(engine)
    assert first.marked_missed == 1
    assert [i["kind"] for i in first.items if i["category"] == "missed"] == ["fee_payment"]
    assert first.raised >= 1
    second = sweep(engine)
    assert second.raised == 0  # the same alert is never raised twice
    with session_scope(engine) as s:
        status = s.execute(
            select(DeadlineRow.status).where(DeadlineRow.kind == "fee_payment")
        ).scalar_one()
        alerts = s.execute(select(AlertRow.key)).scalars().all()
    assert status == "missed"
    assert len(alerts) == len(set(alerts)) == first.raised


def test_deadlines_inside_their_lead_time_are_listed_as_due(engine, fee_notice):
    record(engine, fee_notice, "served", date(2026, 3, 10), party="被告")  # defence to 03-25
    items = sweep(engine, as_of=date(2026, 3, 23)).items
    assert ("due", "defence") in {(i["category"], i["kind"]) for i in items}
    early = sweep(engine, as_of=date(2026, 3, 21)).items  # lead time is 3 days
    assert ("due", "defence") not in {(i["category"], i["kind"]) for i in early}


def test_a_case_quiet_for_too_long_is_flagged_stalled(engine, fee_notice):
    items = sweep(engine, as_of=date(2026, 6, 1)).items  # registered on 03-06, nothing since
    assert any(i["category"] == "stalled" and i["account_id"] == fee_notice for i in items)


class _Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict]] = []
    status: ClassVar[int] = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if type(self).status == 200:
            type(self).received.append(json.loads(body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        return None


@pytest.fixture
def webhook():
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.received, _Hook.status = [], 200
    yield f"http://127.0.0.1:{server.server_port}/alerts", _Hook
    server.shutdown()


def test_alerts_go_to_the_webhook_once_and_a_failed_delivery_is_retried(
    engine, fee_notice, webhook
):
    url, hook = webhook
    sweep(engine)
    hook.status = 500
    sent, failures = deliver_alerts(uows(engine), [LogNotifier(), WebhookNotifier(url)], now=NOW)
    assert (sent, len(failures)) == (0, 1)
    hook.status = 200
    sent, failures = deliver_alerts(uows(engine), [LogNotifier(), WebhookNotifier(url)], now=NOW)
    assert sent >= 1
    assert failures == []
    assert any(a["account_id"] == fee_notice for a in hook.received[0]["alerts"])
    assert deliver_alerts(uows(engine), [WebhookNotifier(url)], now=NOW) == (0, [])  # nothing twice
    assert len(hook.received) == 1


def test_the_report_is_written_as_csv_for_scripts_and_as_a_chinese_page(
    engine, fee_notice, tmp_path
):
    result = sweep(engine)
    csv_path, html_path = write_reports(result, tmp_path / "reports", translator())
    table = csv_path.read_text(encoding="utf-8")
    assert table.startswith("category,account_id,kind,due_on,message")  # codes, for scripts
    assert "fee_payment" in table
    page = html_path.read_text(encoding="utf-8")
    assert f"<h1>每日巡检（{translator().day(result.as_of)}）</h1>" in page
    assert "<th>类别</th><th>账户</th><th>事项</th><th>到期日</th><th>内容</th>" in page
    # The fee's row says what it is and when, in words: no code left for a person to decode.
    row = next(r for r in page.split("<tr>") if fee_notice in r)
    assert "预交诉讼费期限" in row
    assert "fee_payment" not in row
    assert "即将到期" in row or "已逾期" in row


class _SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib to hand over one message (loopback only)."""

    messages: ClassVar[list[str]] = []

    def handle(self) -> None:
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command == b"DATA":
                self.wfile.write(b"354 go\r\n")
                body = []
                while (part := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(part.decode("utf-8", "replace"))
                type(self).messages.append("".join(body))
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def test_alerts_are_mailed_when_smtp_is_configured(engine, fee_notice):
    from legal_flows.services.sweep.notify import EmailNotifier

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _SmtpSink.messages = []
    try:
        sweep(engine)
        mail = EmailNotifier(
            "127.0.0.1", server.server_address[1], "legal@bank.example", ["team@bank.example"]
        )
        sent, failures = deliver_alerts(uows(engine), [mail], now=NOW)
    finally:
        server.shutdown()
        server.server_close()
    assert failures == []
    assert sent >= 1
    body = email.message_from_string(_SmtpSink.messages[0]).get_payload(decode=True).decode()
    assert fee_notice in body
    assert "预交诉讼费期限已于2026年3月10日到期" in body  # said in Chinese when raised
