"""`legal-flows plan`: a mediation's instalments or a settlement during enforcement."""

from pathlib import Path
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
from legal_flows.documents.catalog import CATALOG
from legal_flows.domain.filing import DocumentKind
from legal_flows.services.enforcement.plans import plan_detail, read_schedule, record_plan
from legal_flows.store.audit import Actor

plans_app = typer.Typer(help="Instalment plans: 调解分期履行, 执行和解.")


@plans_app.command("record")
@edge
def record_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    kind: Annotated[str, typer.Option(help="mediation or enforcement_settlement.")],
    schedule: Annotated[
        Path, typer.Option(help="CSV/XLSX with due, amount columns, or TOML [[instalments]].")
    ],
    on: Annotated[str | None, typer.Option(help="The day it was agreed (default today).")] = None,
    accelerates: Annotated[
        bool, typer.Option(help="One missed instalment makes the rest due at once.")
    ] = False,
    by: Annotated[str, typer.Option(help="Who records it.")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Record the plan the case now follows; money received from that day pays it."""
    instalments = read_schedule(schedule)
    with unit() as (rt, uow):
        result = record_plan(
            uow,
            account_id=account_id,
            kind=kind,
            schedule=instalments,
            agreed_on=day(rt, on),
            accelerates=accelerates,
            actor=Actor(by),
            now=rt.now(),
            calendar=rt.calendar,
        )
    if as_json:
        print_json(result)
        return
    t = cli_translator()
    line = t(
        "{account_id}: {kind} plan, {count} instalment(s), total {total}",
        account_id=account_id,
        kind=t.label("plan", kind),
        count=result["instalments"],
        total=t.money(result["total"]),
    )
    console.print(line, highlight=False, markup=False)


@plans_app.command("show")
@edge
def show_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_of: AsOf = None,
    as_json: JsonFlag = False,
) -> None:
    """Each instalment with what was paid of it; a missed one and the next step."""
    with unit(read_only=True) as (rt, uow):
        detail = plan_detail(
            uow,
            account_id=account_id,
            as_of=day(rt, as_of),
            grace_days=rt.enforcement_policy.instalment_grace_days,
        )
    if as_json:
        print_json(detail)
        return
    t = cli_translator()
    table = Table(
        "#",
        t("Due"),
        t("Amount"),
        t("Paid"),
        t("Status"),
        title=t(
            "{account_id}: instalments ({kind})",
            account_id=account_id,
            kind=t.label("plan", detail["kind"]),
        ),
    )
    for i in detail["instalments"]:
        table.add_row(
            str(i["seq"]),
            t.day(i["due"]),
            t.money(i["amount"]),
            t.money(i["paid"]),
            t.label("instalment", i["status"]),
        )
    console.print(table)
    console.print(t("unpaid in all {unpaid}", unpaid=t.money(detail["unpaid"])), highlight=False)
    if detail["missed"]:
        console.print(
            t(
                "instalment {seq} missed: next step, the {document}",
                seq=detail["missed"],
                document=CATALOG[DocumentKind(detail["next_step"])].title,
            ),
            highlight=False,
        )
