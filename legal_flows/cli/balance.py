"""`legal-flows balance`: what a debtor owes on a day, item by item (a payoff quote)."""

from typing import Annotated

import typer
from rich.table import Table

from legal_flows.cli.common import AsOf, JsonFlag, console, day, edge, print_json, unit
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.enforcement.proceeds import balance, ledger_detail

PER = {"year": "年", "day": "日"}


@edge
def balance_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """A payoff quote on a day: each item with its base, days, rate and citation, the money
    received and how it was applied (continuing and doubled interest to that day)."""
    with unit(read_only=True) as (rt, uow):
        ledger = balance(
            uow, case_id_of(uow, account_id), as_of=day(rt, as_of), rules=rt.ledger_rules
        )
    detail = ledger_detail(ledger)
    if as_json:
        print_json({"account_id": account_id, **detail})
        return
    table = Table(
        "项目 item",
        "金额 amount",
        "基数 base",
        "起 from",
        "止 to",
        "天数 days",
        "利率 rate",
        "依据 citation",
        title=f"{account_id} 欠款明细（计至 {detail['as_of']}）",
    )
    for line in detail["lines"]:
        rate = f"{line['rate']}/{PER[line['per']]}" if line["rate"] else ""
        table.add_row(
            line["label"],
            line["amount"],
            line["base"] or "",
            line["from"] or "",
            line["to"] or "",
            str(line["days"] or ""),
            rate,
            line["citation"],
        )
    console.print(table)
    for p in detail["payments"]:
        console.print(f"收款 received {p['on']}: {p['amount']} → {p['applied']}", highlight=False)
    console.print(
        f"已收 received {detail['received']}；尚欠 outstanding {detail['outstanding']}"
        + (f"；应退 surplus {detail['surplus']}" if ledger.surplus > 0 else ""),
        highlight=False,
    )
