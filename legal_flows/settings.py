"""One settings object, read from LEGAL_FLOWS_* environment variables."""

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEGAL_FLOWS_", frozen=True)

    home: Path = Path("legal_flows_data")
    database_url: str | None = None
    policy_file: Path | None = None
    templates: Path | None = None  # default: the repository's document_templates/zh-CN
    # Alert channels beyond the log, each used only when configured.
    webhook_url: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "legal-flows@localhost"
    smtp_to: str = ""  # comma-separated recipients
    creditors: Path | None = None
    # What a person reads: zh_CN (the default) or en; unset, a browser asking for English
    # gets English pages. Dates read 2026年12月1日, or ISO with date_format "iso".
    language: Literal["zh_CN", "en"] | None = None
    date_format: Literal["chinese", "iso"] = "chinese"
    # The bank's courts and deadlines live in China Standard Time.
    timezone: str = "Asia/Shanghai"
    # Pins "today" (tests, the demo, a rehearsal of a past day); unset: the calendar's date.
    today: date | None = None
    # Cases per review task: ~0.5 s of work, so Prefect's cost per task run (12-35 ms in the
    # flow's process, as much again on its server) stays a few per cent (bench/scale.py).
    chunk_size: int = 2000
    # Chunks reviewed at once. SQLite has one writer, so 1 there; raise it on PostgreSQL.
    task_workers: int = 1
    # Where generation chunks run: "threads" in the flow's process, or "dask" on the Dask
    # cluster at dask_address (pip install "legal-flows[dask]").
    task_runner: Literal["threads", "dask"] = "threads"
    dask_address: str | None = None
    # PDF copies: persistent LibreOffice converters in each process that makes them (0: one
    # per core), and how long one document may take before its converter is taken to hang.
    pdf_converters: int = 0
    pdf_timeout_seconds: float = 120.0
    # Portal sign-in: a session lasts a working day; cookies are marked Secure behind HTTPS.
    portal_session_hours: int = 8
    portal_idle_minutes: int = 30  # a session unused this long ends (a left-open browser)
    portal_secure_cookies: bool = False
    # JSON and form bodies above this are refused (413) before they are read.
    portal_max_body_bytes: int = 1_048_576
    # A court paper uploaded (a scanned judgment): its own limit.
    portal_max_upload_bytes: int = 20_971_520
    # Proxies whose X-Forwarded-For names the client (comma-separated addresses).
    portal_trusted_proxies: str = "127.0.0.1"

    @cached_property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.home / 'legal_flows.db').resolve()}"

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def document_store(self) -> Path:
        return self.home / "documents"

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


def load_settings() -> Settings:
    """Read the environment now (not at import), so each command sees the current variables."""
    return Settings()
