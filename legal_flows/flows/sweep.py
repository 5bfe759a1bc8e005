"""Daily sweep flow: deadlines and quiet cases, alerts sent once, a report to read."""

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from legal_flows.bootstrap import Runtime, runtime
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.flows.context import audit_other_day, task_context
from legal_flows.services.enforcement.documents import generate_due_renewals
from legal_flows.services.enforcement.plans import prepare_next_steps
from legal_flows.services.sweep.notify import EmailNotifier, LogNotifier, Notifier, WebhookNotifier
from legal_flows.services.sweep.report import build_report
from legal_flows.services.sweep.report_page import report_html, write_reports
from legal_flows.services.sweep.sweep import SweepResult, deliver_alerts, run_sweep
from legal_flows.settings import Settings

FLOW_NAME = "daily-sweep"


def notifiers(settings: Settings) -> list[Notifier]:
    channels: list[Notifier] = [LogNotifier()]
    if settings.webhook_url:
        channels.append(WebhookNotifier(settings.webhook_url))
    if settings.smtp_host and settings.smtp_to:
        recipients = [r.strip() for r in settings.smtp_to.split(",") if r.strip()]
        mail = EmailNotifier(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_from,
            recipients,
            language=settings.language,
        )
        channels.append(mail)
    return channels


@task(name="sweep-deadlines", cache_policy=NO_CACHE)
def sweep_task(as_of: date, preview: bool = False) -> SweepResult:
    """`preview`: everything the sweep would mark and raise, rolled back (no alert key is
    consumed before its day)."""
    ctx = task_context(FLOW_NAME)
    with ctx.rt.uow(dry_run=preview) as uow:
        return run_sweep(
            uow,
            as_of=as_of,
            policy=ctx.rt.sweep_policy,
            actor=ctx.actor,
            now=ctx.now,
            calendar=ctx.rt.calendar,
            grace_days=ctx.rt.enforcement_policy.instalment_grace_days,
            t=ctx.rt.translator,  # alerts are said in the department's language
        )


@task(name="renewal-applications", cache_policy=NO_CACHE)
def renewal_documents_task(as_of: date) -> int:
    ctx = task_context(FLOW_NAME)
    rt = ctx.rt
    with rt.uow() as uow, rt.store.batch():
        return generate_due_renewals(
            uow,
            as_of=as_of,
            lead_days=rt.sweep_policy.lead(DeadlineKind.SEIZURE_RENEWAL),
            store=rt.store,
            templates=rt.templates,
            actor=ctx.actor,
            now=ctx.now,
        )


@task(name="instalment-next-steps", cache_policy=NO_CACHE)
def instalment_documents_task(as_of: date) -> int:
    """A missed instalment's next step, written once: the 强制执行申请书 (mediation) or the
    恢复执行申请书 (settlement)."""
    ctx = task_context(FLOW_NAME)
    rt = ctx.rt
    with rt.uow() as uow, rt.store.batch():
        return prepare_next_steps(
            uow,
            as_of=as_of,
            grace_days=rt.enforcement_policy.instalment_grace_days,
            store=rt.store,
            templates=rt.templates,
            actor=ctx.actor,
            now=ctx.now,
            rules=rt.ledger_rules,
        )


@task(name="send-alerts", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=30)
def send_task() -> dict[str, Any]:
    ctx = task_context(FLOW_NAME)
    sent, failures = deliver_alerts(ctx.rt.uow, notifiers(ctx.rt.settings), now=ctx.now)
    return {"sent": sent, "failures": failures}


@task(name="recovery-report", cache_policy=NO_CACHE)
def publish_report(as_of: date) -> None:
    """The recovery report's summary as an artifact, the full HTML in the data directory."""
    ctx = task_context(FLOW_NAME)
    with ctx.rt.uow(read_only=True) as uow:
        report = build_report(uow, as_of=as_of, rules=ctx.rt.ledger_rules)
    folder = ctx.rt.settings.home / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    t = ctx.rt.translator
    page = report_html(report, t)
    (folder / f"report-{as_of.isoformat()}.html").write_text(page, encoding="utf-8")
    lines = [
        f"# {t('recovery report, {day}', day=t.day(as_of))}",
        "- "
        + t(
            "recovery rate {recovery}, repayment rate {repayment}",
            recovery=f"{report['recovery_rate']:.1%}",
            repayment=f"{report['repayment_rate']:.1%}",
        ),
        "- "
        + t(
            "average claim (案均) {claim}, average overdue {days} days",
            claim=t.money(report["average_claim"]),
            days=report["average_overdue_days"],
        ),
        "- "
        + t(
            "cases {cases}, pursued {pursued}, stalled {stalled}",
            cases=report["cases"],
            pursued=report["pursued"],
            stalled=report["stalled"],
        ),
        "",
        f"| {t.label('report', 'stage')} | {t.label('report', 'cases')} |",
        "|---|---|",
        *[f"| {t.label('stage', k)} | {v} |" for k, v in report["by_stage"].items()],
    ]
    create_markdown_artifact(
        key="recovery-report", markdown="\n".join(lines), description=str(as_of)
    )


@flow(name=FLOW_NAME)
def sweep_flow(as_of: date | None = None) -> dict[str, Any]:
    """Mark missed deadlines, list what is due, flag quiet cases, alert once, report."""
    rt = runtime()
    settings = rt.settings
    t = rt.translator
    as_of = as_of or rt.today()
    if as_of > rt.today():
        return _preview(rt, as_of)
    audit_other_day(rt, FLOW_NAME, as_of)
    result = sweep_task(as_of)
    renewals = renewal_documents_task(as_of)
    next_steps = instalment_documents_task(as_of)
    delivery = send_task()
    for failure in delivery["failures"]:
        get_run_logger().error(
            "alert channel %s failed (alerts kept for the next sweep): %s",
            failure["channel"],
            failure["error"],
        )
    csv_path, html_path = write_reports(result, settings.home / "reports", t)
    column = {c: t.label("sweep_column", c) for c in ("category", "account_id", "message")}
    lines = [
        f"# {t('daily sweep, {day}', day=t.day(as_of))}",
        "- "
        + t(
            "missed: {count} (newly marked {marked})",
            count=result.count("missed"),
            marked=result.marked_missed,
        ),
        "- " + t("due within their lead time: {count}", count=result.count("due")),
        "- " + t("stalled cases: {count}", count=result.count("stalled")),
        "- " + t("new alerts: {raised}, sent: {sent}", raised=result.raised, sent=delivery["sent"]),
        "- " + t("renewal applications (续行申请书) generated: {count}", count=renewals),
        "- "
        + t(
            "missed instalments' applications (强制执行/恢复执行申请书) prepared: {count}",
            count=next_steps,
        ),
        "",
        f"| {column['category']} | {column['account_id']} | {column['message']} |",
        "|---|---|---|",
        *[
            f"| {t.label('alert', i['category'])} | {i['account_id']} | {i['message']} |"
            for i in result.items[:200]
        ],
    ]
    create_markdown_artifact(key="daily-sweep", markdown="\n".join(lines), description=str(as_of))
    publish_report(as_of)
    return {
        "as_of": as_of.isoformat(),
        "missed": result.count("missed"),
        "marked_missed": result.marked_missed,
        "due": result.count("due"),
        "stalled": result.count("stalled"),
        "new_alerts": result.raised,
        "renewal_applications": renewals,
        "instalment_applications": next_steps,
        "sent": delivery["sent"],
        "failures": delivery["failures"],
        "report": {"csv": str(csv_path), "html": str(html_path)},
        "items": _items(result),
    }


def _items(result: SweepResult) -> list[dict[str, Any]]:
    return [
        {
            k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in i.items()
            if k not in ("key", "case_id")
        }
        for i in result.items
    ]


def _preview(rt: Runtime, as_of: date) -> dict[str, Any]:
    """A sweep as of a day after today: what it would mark and raise, nothing written (no
    documents, alerts, reports), so the real sweep on that day still finds and sends all."""
    audit_other_day(rt, FLOW_NAME, as_of, preview=True)
    result = sweep_task(as_of, preview=True)
    t = rt.translator
    lines = [
        f"# {t('daily sweep preview, {day} (nothing written)', day=t.day(as_of))}",
        "- " + t("would mark missed: {count}", count=result.marked_missed),
        "- " + t("would raise: {count} alert(s)", count=result.raised),
    ]
    create_markdown_artifact(
        key="daily-sweep-preview", markdown="\n".join(lines), description=str(as_of)
    )
    return {
        "as_of": as_of.isoformat(),
        "preview": True,
        "missed": result.count("missed"),
        "due": result.count("due"),
        "stalled": result.count("stalled"),
        "would_mark_missed": result.marked_missed,
        "would_raise": result.raised,
        "items": _items(result),
    }
