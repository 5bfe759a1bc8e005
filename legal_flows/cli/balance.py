"""`legal-flows balance`: what a debtor owes on a day, item by item (a payoff quote)."""

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
    joined,
    print_json,
    unit,
)
from legal_flows.services.cases.lookup import case_id_of
from legal_flows.services.enforcement.proceeds import balance, ledger_detail


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
    t = cli_translator()
    table = Table(
        title=t(
            "{account_id}: what is owed, to {day}",
            account_id=account_id,
            day=t.day(detail["as_of"]),
        ),
        # At a terminal's 80 columns the figures need the cells' padding to stay whole.
        padding=(0, 1) if console.width >= 100 else (0, 0),
    )
    table.add_column(t("Item"))
    for figure in ("Amount", "Base", "Since", "Until", "Days", "Rate"):
        # A sum, a day or a rate is read whole: it never breaks across lines.
        table.add_column(t(figure), no_wrap=True, justify="right")
    table.add_column(t("Basis"))
    per = {"year": t("year"), "day": t("day")}
    for line in detail["lines"]:
        rate = f"{line['rate']}/{per[line['per']]}" if line["rate"] else ""
        table.add_row(
            t.label("ledger", line["item"]),
            t.money(line["amount"]),
            t.money(line["base"]),
            t.day(line["from"]),
            t.day(line["to"]),
            str(line["days"] or ""),
            rate,
            line["citation"],
        )
    console.print(table)
    for p in detail["payments"]:
        applied = joined(
            t, (f"{t.label('ledger', k)} {t.money(v)}" for k, v in p["applied"].items())
        )
        console.print(
            t(
                "received {on}: {amount} → {applied}",
                on=t.day(p["on"]),
                amount=t.money(p["amount"]),
                applied=applied,
            ),
            highlight=False,
            markup=False,
        )
    totals = t(
        "received {received}; outstanding {outstanding}",
        received=t.money(detail["received"]),
        outstanding=t.money(detail["outstanding"]),
    )
    if ledger.surplus > 0:
        totals += t("; surplus to pay back {surplus}", surplus=t.money(detail["surplus"]))
    console.print(totals, highlight=False, markup=False)
