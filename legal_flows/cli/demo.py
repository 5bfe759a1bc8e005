"""`legal-flows demo`: a synthetic portfolio through intake and review, then a summary."""

import time
from datetime import date, timedelta
from typing import Annotated, Any

import typer

from legal_flows.bootstrap import Runtime
from legal_flows.cli.common import (
    AsOf,
    Table,
    cli_translator,
    console,
    day,
    edge,
    joined,
    runtime,
    unit,
)
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
    t = cli_translator()
    rt = runtime()
    when = day(rt, as_of)
    # The court history simulated after the review ends by the as-of day (never in the
    # future): the review is run as of the day the story starts.
    reviewed_on = when - timedelta(days=days_needed(DEMO_CASES)) if later_stages else when
    folder = rt.settings.ensure_home() / "demo"
    portfolio = write_portfolio(folder, count=count, seed=seed, as_of=reviewed_on)
    _step(1, t("wrote {count} synthetic accounts to {folder}", count=count, folder=folder))
    with unit() as (rt, uow):
        specs = read_creditors_file(portfolio.creditors)
        configure_creditors(uow, specs, actor=Actor("cli:demo"), now=rt.now())
    _step(2, t("intake flow (Prefect starts its local API on first use)…"))
    show_import(run_intake(portfolio.accounts, portfolio.collections, quiet=False))
    _step(3, t("eligibility-review flow as of {day}…", day=t.day(reviewed_on)))
    run_review_flow(reviewed_on.isoformat(), quiet=False)
    with unit(read_only=True) as (rt, uow):
        show_summary(outcome_summary(uow), review_queue(uow))
    if later_stages:
        _later_stages(rt, reviewed_on, when)
    seconds = f"{time.monotonic() - started:.1f}"
    console.print(
        t("done in {seconds} s; database: {url}", seconds=seconds, url=rt.settings.db_url),
        markup=False,
    )


def _step(number: int, text: str) -> None:
    console.print(f"[bold]{number}.[/] ", end="")
    console.print(text, markup=False, highlight=False)


def _later_stages(rt: Runtime, reviewed_on: date, when: date) -> None:
    """Documents through their flow, then a dozen cases simulated forward to closing, all
    of it by `when`."""
    from legal_flows.demo.simulation import simulate
    from legal_flows.flows.documents import run_generation
    from legal_flows.flows.runtime import fast_flow_runs
    from legal_flows.services.sweep.report import build_report
    from legal_flows.services.sweep.report_page import report_html

    t = cli_translator()
    _step(4, t("document flow: filing packages of the approved cases…"))
    with fast_flow_runs():
        docs = run_generation(rt.settings)
    written = t(
        "{cases} case(s), {created} document(s) written",
        cases=docs["cases"],
        created=docs["created"],
    )
    console.print(f"   {written}", highlight=False)
    _step(
        5,
        t(
            "court, enforcement and auction events simulated for {count} cases, {start} to {end}…",
            count=DEMO_CASES,
            start=t.day(reviewed_on + timedelta(days=1)),
            end=t.day(when),
        ),
    )
    story = simulate(
        rt.uow,
        start=reviewed_on + timedelta(days=1),
        cases=DEMO_CASES,
        now=rt.now(),
        calendar=rt.calendar,
        rules=rt.ledger_rules,
    )
    closed = joined(t, (f"{t.label('stage', k)} {n}" for k, n in sorted(story.closed.items())))
    told = t(
        "filed {filed}, judged or mediated {judged}, enforced {enforced}, auctions {auctions}; "
        "closings: {closed}",
        filed=story.filed,
        judged=story.judged,
        enforced=story.enforced,
        auctions=story.auctions,
        closed=closed or t("none"),
    )
    console.print(f"   {told}", highlight=False)
    with rt.uow(read_only=True) as uow:
        report = build_report(uow, as_of=when, rules=rt.ledger_rules)
    target = rt.settings.home / "reports" / "demo-report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(report_html(report, t), encoding="utf-8")
    rate = f"{report['recovery_rate']:.1%}"
    _step(
        6,
        t(
            "recovery report: {rate} recovered of what was pursued; see {target}",
            rate=rate,
            target=target,
        ),
    )
    portal = t(
        "the portal: `legal-flows users add NAME --role legal_staff`, "
        "`legal-flows cases assign ACCOUNT_ID --lawyer NAME`, then `legal-flows portal`"
    )
    console.print(f"   {portal}", markup=False, highlight=False)


def show_summary(summary: dict[str, Any], queue: list[dict[str, Any]]) -> None:
    t = cli_translator()
    table = Table(
        t("Outcome"),
        t("Cases"),
        title=t("{count} cases by outcome", count=summary["cases"]),
        min_width=40,
    )
    for outcome, n in summary["by_outcome"].items():
        table.add_row(t.label("decision", outcome), str(n))
    console.print(table)
    q = Table(
        t("Account"),
        t("Claim"),
        t("Why a person decides"),
        title=t("Manual review queue ({count})", count=len(queue)),
    )
    for item in queue[:15]:
        q.add_row(
            item["account_id"],
            t.money(item["claim_total"]),
            joined(t, (t.label("reason", r["code"]) for r in item["reasons"])),
        )
    if len(queue) > 15:
        q.caption = t("… and {count} more: legal-flows review queue", count=len(queue) - 15)
    console.print(q)
    top = Table(t("Reason"), t("Cases"), title=t("Most common rejection reasons"), min_width=40)
    for code, n in summary["top_rejection_reasons"]:
        top.add_row(t.label("reason", code), str(n))
    console.print(top)
