"""`legal-flows costs`: what the bank paid on a case, what comes back, the net recovery."""

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
    money_option,
    print_json,
    unit,
)
from legal_flows.services.enforcement.costs import cost_detail, record_cost
from legal_flows.store.audit import Actor

costs_app = typer.Typer(help="The bank's costs of a case: fees advanced, 公告费, 评估费, refunds.")


@costs_app.command("record")
@edge
def record_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    kind: Annotated[
        str,
        typer.Option(
            help="filing_fee, preservation_fee, notice_fee, appraisal_fee, lawyer_fee or refund."
        ),
    ],
    amount: Annotated[str, typer.Option(help="Amount paid (or refunded) in CNY.")],
    on: Annotated[str, typer.Option(help="Date paid (YYYY-MM-DD).")],
    note: Annotated[str, typer.Option(help="What it was, e.g. the court's receipt number.")] = "",
    by: Annotated[str, typer.Option(help="Who records it.")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Record a cost the bank paid on a case, or a refund the court made."""
    with unit() as (rt, uow):
        result = record_cost(
            uow,
            account_id=account_id,
            kind=kind,
            amount=money_option(amount, "--amount"),
            on=day(rt, on),
            note=note,
            actor=Actor(by),
            now=rt.now(),
        )
    if as_json:
        print_json(result)
        return
    t = cli_translator()
    line = t(
        "{account_id}: {kind} {amount} on {on}",
        account_id=account_id,
        kind=t.label("cost", kind),
        amount=t.money(result["amount"]),
        on=t.day(result["on"]),
    )
    console.print(line, highlight=False, markup=False)


@costs_app.command("show")
@edge
def show_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """The cost ledger: paid by kind, refunded and refund due, borne by the debtor, net."""
    with unit(read_only=True) as (rt, uow):
        detail = cost_detail(
            uow, account_id=account_id, as_of=day(rt, as_of), rules=rt.ledger_rules
        )
    if as_json:
        print_json(detail)
        return
    t = cli_translator()
    table = Table(
        t("Item"),
        t("Amount"),
        t("Date"),
        t("Note"),
        title=t("{account_id}: costs", account_id=account_id),
    )
    for e in detail["entries"]:
        table.add_row(t.label("cost", e["kind"]), t.money(e["amount"]), t.day(e["on"]), e["note"])
    console.print(table)
    for label, key in (
        (t("filing fee as charged"), "filing_fee_charged"),
        (t("refund due"), "refund_due"),
        (t("spent"), "spent"),
        (t("borne by the debtor"), "borne_by_debtor"),
        (t("recovered from the debtor"), "recovered_from_debtor"),
        (t("net recovery"), "net_recovery"),
    ):
        console.print(
            t("{label}: {amount}", label=label, amount=t.money(detail[key])), highlight=False
        )
