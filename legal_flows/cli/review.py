"""`legal-flows review`, `review queue` and `review decide`."""

from typing import Annotated, Any

import typer
from rich.markup import escape

from legal_flows.cli.common import (
    AsOf,
    JsonFlag,
    Table,
    cli_translator,
    console,
    day,
    edge,
    joined,
    print_json,
    runtime,
    unit,
)
from legal_flows.cli.progress import run_with_progress
from legal_flows.domain.four_eyes import needs_second_person
from legal_flows.i18n import said_failure
from legal_flows.i18n.reasons import reason_text
from legal_flows.services.cases.queries import count_awaiting_review, review_queue
from legal_flows.services.review.manual import decide_case
from legal_flows.services.review.proposals import propose

app = typer.Typer(help="Eligibility review: run it, see the queue, decide cases.")


def _pending() -> int:
    with unit(read_only=True) as (_, uow):
        return count_awaiting_review(uow)


def run_review_flow(as_of: str | None, *, quiet: bool) -> dict[str, Any]:
    rt = runtime()
    when, cfg = day(rt, as_of), rt.settings
    total = _pending()
    from legal_flows.flows.eligibility import run_review
    from legal_flows.flows.runtime import fast_flow_runs

    def work() -> dict[str, Any]:
        with fast_flow_runs():
            return run_review(as_of=when, workers=cfg.task_workers, chunk_size=cfg.chunk_size)

    t = cli_translator()
    return run_with_progress(
        t("reviewing"), work, total=total, done=lambda: total - _pending(), quiet=quiet
    )


@app.callback(invoke_without_command=True)
@edge
def review(
    ctx: typer.Context,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Run the eligibility-review flow over every case awaiting review."""
    if ctx.invoked_subcommand:
        return
    summary = run_review_flow(as_of, quiet=as_json)
    if as_json:
        print_json(summary)
    else:
        t = cli_translator()
        outcomes = joined(
            t, (f"{t.label('decision', k)} {v}" for k, v in sorted(summary["outcomes"].items()))
        )
        line = t(
            "reviewed {count} case(s) as of {as_of}: {outcomes}",
            count=summary["reviewed"],
            as_of=t.day(summary["as_of"]),
            outcomes=outcomes or t("none"),
        )
        console.print(line, highlight=False)
        for failure in summary["failed"]:
            console.print(
                t(
                    "{account}: {why}",
                    account=f"[red]{t('not reviewed')}[/] {escape(failure['account_id'])}",
                    why=escape(said_failure(t, failure)),
                ),
                highlight=False,
            )
    if summary["failed"]:
        raise typer.Exit(1)


@app.command()
@edge
def queue(as_json: JsonFlag = False) -> None:
    """Cases waiting for a named reviewer, and why."""
    with unit(read_only=True) as (_, uow):
        items = review_queue(uow)
    if as_json:
        print_json(items)
        return
    t = cli_translator()
    table = Table(
        t("Account"),
        t("Claim"),
        t("Version"),
        t("Why a person decides"),
        title=t("Manual review queue ({count})", count=len(items)),
    )
    for item in items:
        why = "; ".join(
            f"{t.label('reason', r['code'])}：{reason_text(t, r)}" for r in item["reasons"]
        )
        table.add_row(item["account_id"], t.money(item["claim_total"]), str(item["version"]), why)
    console.print(table)


@app.command()
@edge
def decide(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    reviewer: Annotated[str, typer.Option(help="Your name, as it goes into the record.")],
    reason: Annotated[str, typer.Option(help="Why you decide so.")],
    approve: Annotated[bool, typer.Option("--approve", help="Approve for filing.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject.")] = False,
    overrule: Annotated[
        bool, typer.Option(help="Change an automatic approve/reject decision.")
    ] = False,
    allow_charges: Annotated[
        bool, typer.Option(help="Claim interest and charges although the terms notice is unproven.")
    ] = False,
    expected_version: Annotated[
        int | None, typer.Option(help="Refuse if the case changed since you read this version.")
    ] = None,
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a reviewer's decision on one case. With --overrule or --allow-charges it is a
    proposal: a different legal-staff user approves it (`proposals approve`) before it counts."""
    if approve == reject:
        t = cli_translator()
        raise typer.BadParameter(t("give exactly one of --approve or --reject"))
    kind = needs_second_person(overrule=overrule, allow_charges=allow_charges)
    if kind is not None:
        with unit() as (rt, uow):
            made = propose(
                uow,
                account_id=account_id,
                kind=kind,
                proposed_by=reviewer,
                reason=reason,
                now=rt.now(),
                tz=rt.tz,
                action={"approve": approve, "allow_charges": allow_charges},
            )
        if as_json:
            print_json(made)
        else:
            t = cli_translator()
            line = t(
                "{account_id}: proposal {id} ({what}) recorded; nothing changes until a "
                "different legal-staff user runs `legal-flows proposals approve {id} "
                "--checker NAME`",
                account_id=account_id,
                id=made["proposal_id"],
                what=t.label("proposal", kind.value),
            )
            console.print(line, markup=False)
        return
    with unit() as (rt, uow):
        result = decide_case(
            uow,
            account_id=account_id,
            approve=approve,
            reviewer=reviewer,
            reason=reason,
            as_of=day(rt, as_of),
            now=rt.now(),
            policy=rt.policy,
            calendar=rt.calendar,
            tz=rt.tz,
            expected_version=expected_version,
        )
    if as_json:
        print_json(result.__dict__)
    else:
        t = cli_translator()
        line = t(
            "{account_id}: {outcome} by {reviewer} (stage {stage})",
            account_id=result.account_id,
            outcome=t.label("decision", result.outcome),
            reviewer=reviewer,
            stage=t.label("stage", result.stage),
        )
        console.print(line, markup=False)
