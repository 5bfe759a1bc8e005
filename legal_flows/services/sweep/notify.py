"""Where alerts go: the log always; e-mail and a webhook when configured."""

import json
import logging
import smtplib
import urllib.request
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Any, Protocol

from legal_flows.i18n import translator
from legal_flows.services.errors import ServiceError

log = logging.getLogger("legal_flows.alerts")


class Notifier(Protocol):
    name: str

    def send(self, alerts: Sequence[dict[str, Any]]) -> None: ...


class LogNotifier:
    name = "log"

    def send(self, alerts: Sequence[dict[str, Any]]) -> None:
        for alert in alerts:
            log.warning("%s %s: %s", alert["category"], alert["account_id"], alert["message"])


class WebhookNotifier:
    """POSTs {"alerts": [...]} as JSON; any non-2xx answer is a failure (retried next sweep)."""

    name = "webhook"

    def __init__(self, url: str, timeout: float = 10) -> None:
        self.url, self.timeout = url, timeout

    def send(self, alerts: Sequence[dict[str, Any]]) -> None:
        body = json.dumps({"alerts": list(alerts)}, ensure_ascii=False, default=str).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                if not 200 <= answer.status < 300:
                    raise ServiceError("webhook answered {status}", status=answer.status)
        except OSError as exc:
            raise ServiceError(
                "webhook {url} unreachable: {problem}", url=self.url, problem=exc
            ) from None


class EmailNotifier:
    name = "email"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        recipients: list[str],
        language: str | None = None,  # the subject's; Chinese unless the settings say "en"
    ) -> None:
        self.host, self.port, self.sender, self.recipients = host, port, sender, recipients
        self.language = language

    def send(self, alerts: Sequence[dict[str, Any]]) -> None:
        t = translator(self.language)
        message = EmailMessage()
        message["Subject"] = t("legal_flows: {count} deadline alert(s)", count=len(alerts))
        message["From"], message["To"] = self.sender, ", ".join(self.recipients)
        message.set_content(
            "\n".join(f"[{a['category']}] {a['account_id']}: {a['message']}" for a in alerts)
        )
        try:
            with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise ServiceError(
                "mail to {host}:{port} failed: {problem}",
                host=self.host,
                port=self.port,
                problem=exc,
            ) from None
