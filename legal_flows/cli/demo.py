"""`legal-flows demo`: a synthetic portfolio through intake and review, then a summary."""

import time
from datetime import date, timedelta
from typing import Annotated, Any

import typer
from rich.table import Table

from legal_flows.bootstrap import Runtime
from legal_flows.cli.common import AsOf, console, day, edge, runtime, unit
from legal_flows.cli.intake import run_intake, show_import
from legal_flows.cli.review import run_review_flow
from legal_flows.demo.simulation import days_needed
from legal_flows.demo.synthetic import write_portfolio
from legal_flows.services.cases.queries import outcome_summary, review_queue
from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
from legal_flows.store.audit import Actor

DEMO_CASES = 12  # simulated through court and enforcement to closing


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
    rt = runtime()
    when = day(rt, as_of)
    # The court history simulated after the review ends by the as-of day (never in the
    # future): the review is run as of the day the story starts.
    reviewed_on = when - timedelta(days=days_needed(DEMO_CASES)) if later_stages else when
    folder = rt.settings.ensure_home() / "demo"
    portfolio = write_portfolio(folder, count=count, seed=seed, as_of=reviewed_on)
    console.print(f"[bold]1.[/] wrote {count} synthetic accounts to {folder}")
    with unit() as (rt, uow):
        specs = read_creditors_file(portfolio.creditors)
        configure_creditors(uow, specs, actor=Actor("cli:demo"), now=rt.now())
    console.print("[bold]2.[/] intake flow (Prefect starts its local API on first use)…")
    show_import(run_intake(portfolio.accounts, portfolio.collections, quiet=False))
    console.print(f"[bold]3.[/] eligibility-review flow as of {reviewed_on}…")
    run_review_flow(reviewed_on.isoformat(), quiet=False)
    with unit(read_only=True) as (rt, uow):
        show_summary(outcome_summary(uow), review_queue(uow))
    if later_stages:
        _later_stages(rt, reviewed_on, when)
    console.print(f"done in {time.monotonic() - started:.1f} s; database: {rt.settings.db_url}")


def _later_stages(rt: Runtime, reviewed_on: date, when: date) -> None:
    """Documents through their flow, then a dozen cases simulated forward to closing, all
    of it by `when`."""
    from legal_flows.demo.simulation import simulate
    from legal_flows.flows.documents import run_generation
    from legal_flows.flows.runtime import fast_flow_runs
    from legal_flows.services.sweep.report import build_report, report_html

    console.print("[bold]4.[/] document flow: filing packages of the approved cases…")
    with fast_flow_runs():
        docs = run_generation(rt.settings)
    console.print(f"   {docs['cases']} case(s), {docs['created']} document(s) written")
    console.print(
        f"[bold]5.[/] court, enforcement and auction events simulated for {DEMO_CASES} cases, "
        f"{reviewed_on + timedelta(days=1)} to {when}…"
    )
    story = simulate(
        rt.uow,
        start=reviewed_on + timedelta(days=1),
        cases=DEMO_CASES,
        now=rt.now(),
        calendar=rt.calendar,
        rules=rt.ledger_rules,
    )
    console.print(
        f"   filed {story.filed}, judged or mediated {story.judged}, enforced {story.enforced}, "
        f"auctions {story.auctions}, closed {story.closed}"
    )
    with rt.uow(read_only=True) as uow:
        report = build_report(uow, as_of=when, rules=rt.ledger_rules)
    target = rt.settings.home / "reports" / "demo-report.html"
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
