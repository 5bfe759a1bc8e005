"""`legal-flows demo`: a synthetic portfolio through intake and review, then a summary."""

import time
from typing import Annotated, Any

import typer
from rich.table import Table

from legal_flows.cli.common import (
    AsOf,
    console,
    edge,
    now,
    parse_day,
    session,
    settings,
)
from legal_flows.cli.intake import run_intake, show_import
from legal_flows.cli.review import run_review_flow
from legal_flows.demo.synthetic import write_portfolio
from legal_flows.services.audit import Actor
from legal_flows.services.cases.queries import outcome_summary, review_queue
from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file


@edge
def demo(
    count: Annotated[int, typer.Option(help="Accounts in the synthetic portfolio.")] = 300,
    seed: Annotated[
        int, typer.Option(help="Seed: the same seed gives the same portfolio.")
    ] = 20261129,
    as_of: AsOf = None,
    later_stages: Annotated[
        bool, typer.Option(help="Also generate documents and simulate court to closing.")
    ] = True,
) -> None:
    """Generate a portfolio, import it, review it through Prefect, and summarise."""
    started = time.monotonic()
    cfg = settings()
    day = parse_day(as_of, cfg)
    folder = cfg.ensure_home() / "demo"
    portfolio = write_portfolio(folder, count=count, seed=seed, as_of=day)
    console.print(f"[bold]1.[/] wrote {count} synthetic accounts to {folder}")
    with session(cfg) as s:
        configure_creditors(
            s, read_creditors_file(portfolio.creditors), actor=Actor("cli:demo"), now=now(cfg)
        )
    console.print("[bold]2.[/] intake flow (Prefect starts its local API on first use)…")
    show_import(run_intake(portfolio.accounts, portfolio.collections, quiet=False))
    console.print(f"[bold]3.[/] eligibility-review flow as of {day}…")
    run_review_flow(day.isoformat(), quiet=False)
    with session(cfg) as s:
        show_summary(outcome_summary(s), review_queue(s))
    if later_stages:
        _later_stages(cfg, day)
    console.print(f"done in {time.monotonic() - started:.1f} s; database: {cfg.db_url}")


def _later_stages(cfg: Any, day: Any) -> None:
    """Documents through their flow, then a dozen cases simulated forward to closing."""
    from datetime import timedelta

    from legal_flows.cli.common import engine
    from legal_flows.demo.simulation import simulate
    from legal_flows.flows.documents import run_generation
    from legal_flows.flows.runtime import fast_flow_runs
    from legal_flows.services.config import work_calendar
    from legal_flows.services.sweep.report import build_report, report_html

    console.print("[bold]4.[/] document flow: filing packages of the approved cases…")
    with fast_flow_runs():
        docs = run_generation(cfg)
    console.print(f"   {docs['cases']} case(s), {docs['created']} document(s) written")
    console.print("[bold]5.[/] court, enforcement and auction events simulated for 12 cases…")
    story = simulate(
        engine(cfg), start=day + timedelta(days=1), cases=12, now=now(cfg), calendar=work_calendar()
    )
    console.print(
        f"   filed {story.filed}, judged or mediated {story.judged}, enforced {story.enforced}, "
        f"auctions {story.auctions}, closed {story.closed}"
    )
    with session(cfg) as s:
        report = build_report(s, as_of=day + timedelta(days=400))
    target = cfg.home / "reports" / "demo-report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(report_html(report), encoding="utf-8")
    console.print(
        f"[bold]6.[/] recovery report: {report['recovery_rate']:.1%} recovered "
        f"of what was pursued; see {target}"
    )
    console.print(
        "   the portal: `legal-flows users add NAME --role legal_staff`, "
        "`legal-flows cases assign ACCOUNT_ID --lawyer NAME`, then `legal-flows portal`"
    )


def show_summary(summary: dict[str, Any], queue: list[dict[str, Any]]) -> None:
    table = Table("outcome", "cases", title=f"{summary['cases']} cases by outcome", min_width=40)
    for outcome, n in summary["by_outcome"].items():
        table.add_row(outcome, str(n))
    console.print(table)
    q = Table("account_id", "claim", "why", title=f"Manual-review queue ({len(queue)})")
    for item in queue[:15]:
        q.add_row(
            item["account_id"],
            item["claim_total"] or "",
            "; ".join(r["code"] for r in item["reasons"]),
        )
    if len(queue) > 15:
        q.caption = f"… and {len(queue) - 15} more: legal-flows review queue"
    console.print(q)
    top = Table("reason", "cases", title="Most common rejection reasons", min_width=40)
    for code, n in summary["top_rejection_reasons"]:
        top.add_row(code, str(n))
    console.print(top)
