"""`legal-flows proposals list|approve|decline` and `cases reopen`: four eyes (maker-checker)."""

from typing import Annotated

import typer

from legal_flows.cli.common import (
    AsOf,
    JsonFlag,
    Table,
    cli_translator,
    console,
    day,
    edge,
    print_json,
    unit,
)
from legal_flows.domain.four_eyes import ProposalKind
from legal_flows.services.review.proposals import Deciding, answer, pending, propose

proposals_app = typer.Typer(
    help="Proposals waiting for a second person: overrules, charges, re-opened cases."
)
Checker = Annotated[str, typer.Option(help="Your name: not the proposer's.")]


@proposals_app.command("list")
@edge
def list_command(as_json: JsonFlag = False) -> None:
    """Every proposal waiting for a second person."""
    with unit(read_only=True) as (_, uow):
        items = pending(uow)
    if as_json:
        print_json(items)
        return
    t = cli_translator()
    table = Table(
        "id",
        t("Account"),
        t("What"),
        t("Proposed by"),
        t("At"),
        t("Why"),
        title=t("Proposals for a second person ({count})", count=len(items)),
    )
    for i in items:
        table.add_row(
            str(i["id"]),
            i["account_id"],
            t.label("proposal", i["kind"]),
            i["proposed_by"],
            i["proposed_at"],
            i["reason"],
        )
    console.print(table)


def _answer(
    proposal_id: int, *, approve: bool, checker: str, reason: str, as_of: str | None, as_json: bool
) -> None:
    with unit() as (rt, uow):
        deciding = Deciding(day(rt, as_of), rt.policy, rt.calendar, rt.tz)
        result = answer(
            uow,
            proposal_id=proposal_id,
            approve=approve,
            checker=checker,
            reason=reason,
            now=rt.now(),
            deciding=deciding,
        )
    if as_json:
        print_json(result)
        return
    t = cli_translator()
    line = t(
        "proposal {id} {status} by {checker}",
        id=proposal_id,
        status=t.label("proposal_status", result["status"]),
        checker=checker,
    )
    if "stage" in result:
        line += t("; the case is now {stage}", stage=t.label("stage", result["stage"]))
    console.print(line, markup=False)


@proposals_app.command("approve")
@edge
def approve(
    proposal_id: Annotated[int, typer.Argument(help="The proposal's id (proposals list).")],
    checker: Checker,
    reason: Annotated[str, typer.Option(help="Why you agree.")] = "",
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Approve a proposal: it is carried out now, as proposed."""
    _answer(proposal_id, approve=True, checker=checker, reason=reason, as_of=as_of, as_json=as_json)


@proposals_app.command("decline")
@edge
def decline(
    proposal_id: Annotated[int, typer.Argument(help="The proposal's id (proposals list).")],
    checker: Checker,
    reason: Annotated[str, typer.Option(help="Why not.")],
    as_json: JsonFlag = False,
) -> None:
    """Decline a proposal: nothing changes on the case."""
    _answer(proposal_id, approve=False, checker=checker, reason=reason, as_of=None, as_json=as_json)


@edge
def reopen(
    account_id: Annotated[str, typer.Argument(help="The closed case's account id.")],
    by: Annotated[str, typer.Option(help="Your name, as it goes into the record.")],
    reason: Annotated[str, typer.Option(help="Why the case is re-opened.")],
    as_json: JsonFlag = False,
) -> None:
    """Propose re-opening a closed case (back to the stage it was closed from); a different
    legal-staff user approves it with `proposals approve`."""
    with unit() as (rt, uow):
        made = propose(
            uow,
            account_id=account_id,
            kind=ProposalKind.REOPEN,
            proposed_by=by,
            reason=reason,
            now=rt.now(),
            tz=rt.tz,
        )
    if as_json:
        print_json(made)
        return
    t = cli_translator()
    line = t(
        "{account_id}: proposal {id} to re-open recorded; a different legal-staff user "
        "approves it with `legal-flows proposals approve {id} --checker NAME`",
        account_id=account_id,
        id=made["proposal_id"],
    )
    console.print(line, markup=False)
