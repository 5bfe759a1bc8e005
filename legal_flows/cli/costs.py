"""`legal-flows costs`: what the bank paid on a case, what comes back, the net recovery."""

from typing import Annotated

import typer
from rich.table import Table

from legal_flows.cli.common import (
    AsOf,
    JsonFlag,
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
    else:
        console.print(f"{account_id}: {kind} {result['amount']} on {result['on']}", highlight=False)


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
    table = Table("项目 kind", "金额 amount", "日期 on", "备注 note", title=f"{account_id} 费用")
    for e in detail["entries"]:
        table.add_row(e["label"], e["amount"], e["on"], e["note"])
    console.print(table)
    for label, key in (
        ("实际受理费 filing fee as charged", "filing_fee_charged"),
        ("应退未退 refund due", "refund_due"),
        ("净支出 spent", "spent"),
        ("被告负担 borne by the debtor", "borne_by_debtor"),
        ("已由被告偿付 recovered from the debtor", "recovered_from_debtor"),
        ("净回收 net recovery", "net_recovery"),
    ):
        console.print(f"{label}: {detail[key]}", highlight=False)
