"""`legal-flows assets add|list` and `legal-flows seize record|renew|release`."""

from decimal import Decimal
from typing import Annotated

import typer
from rich.markup import escape

from legal_flows.cli.common import (
    JsonFlag,
    cli_translator,
    console,
    day,
    edge,
    joined,
    money_option,
    print_json,
    unit,
)
from legal_flows.services.cases.closing import close_case
from legal_flows.services.enforcement.proceeds import record_proceeds
from legal_flows.services.enforcement.seizures import (
    SeizureView,
    add_asset,
    list_assets,
    record_seizure,
    release_seizure,
    renew_seizure,
)
from legal_flows.store.audit import Actor

assets_app = typer.Typer(help="The debtor's assets on a case (财产登记).")
seize_app = typer.Typer(help="Seizures: 冻结/查封/扣押, renewals, releases.")


@assets_app.command("add")
@edge
def add_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    kind: Annotated[str, typer.Option(help="deposit, movable, vehicle, real_estate, other_right.")],
    description: Annotated[str, typer.Option(help="What it is.")],
    identifier: Annotated[str, typer.Option(help="Account and bank, certificate no., plate.")] = "",
    value: Annotated[str | None, typer.Option(help="Estimated value (CNY).")] = None,
    necessary_home: Annotated[
        bool, typer.Option(help="The debtor's necessary home (查封规定 §4).")
    ] = False,
    by: Annotated[str, typer.Option(help="Who records it.")] = "cli",
) -> None:
    """Add an asset to a case's register."""
    with unit() as (rt, uow):
        asset_id = add_asset(
            uow,
            account_id=account_id,
            kind=kind,
            description=description,
            identifier=identifier,
            value=Decimal(value) if value else None,
            necessary_home=necessary_home,
            actor=Actor(by),
            now=rt.now(),
        )
    t = cli_translator()
    console.print(
        t("asset {asset_id} added to {account_id}", asset_id=asset_id, account_id=account_id)
    )


@assets_app.command("list")
@edge
def list_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_json: JsonFlag = False,
) -> None:
    """A case's assets and their seizures."""
    with unit(read_only=True) as (_, uow):
        assets = list_assets(uow, account_id)
    if as_json:
        print_json(assets)
        return
    t = cli_translator()
    if not assets:
        console.print(t("{account_id}: no assets on record", account_id=account_id))
    for a in assets:
        what = t(
            "{kind}: {description} {identifier}",
            kind=t.label("asset", a["kind"]),
            description=a["description"],
            identifier=a["identifier"],
        )
        console.print(f"[bold]{a['id']}[/] {escape(what)}", highlight=False)
        for z in a["seizures"]:
            line = t(
                "seizure {id} {measure} ({stage}) {status}, expires {expires}, renewed {renewals}x",
                id=z["id"],
                measure=t.label("seizure", z["measure"]),
                stage=t.label("seizure_stage", z["stage"]),
                status=t.label("status", z["status"]),
                expires=t.day(z["expires_on"]) or "—",
                renewals=z["renewals"],
            )
            console.print(f"   {line}", highlight=False, markup=False)


@seize_app.command("record")
@edge
def record_command(
    asset_id: Annotated[int, typer.Argument(help="Asset id (assets list).")],
    measure: Annotated[str, typer.Option(help="freeze, seize or detain.")],
    ruling_no: Annotated[str, typer.Option(help="Number of the ruling.")],
    on: Annotated[str, typer.Option(help="Effective date (YYYY-MM-DD).")],
    stage: Annotated[str, typer.Option(help="preservation or enforcement.")] = "enforcement",
    preserved_on: Annotated[str | None, typer.Option(help="Original preservation date.")] = None,
    waiting: Annotated[bool, typer.Option(help="A waiting-list (轮候) seizure.")] = False,
    served_on: Annotated[
        str | None, typer.Option(help="Assistance notice served (queue order).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a seizure: its expiry and renewal deadline are computed (SEIZE-01/02)."""
    with unit() as (rt, uow):
        view = record_seizure(
            uow,
            asset_id=asset_id,
            measure=measure,
            stage=stage,
            ruling_no=ruling_no,
            effective_on=day(rt, on),
            served_on=day(rt, served_on) if served_on else None,
            preserved_on=day(rt, preserved_on) if preserved_on else None,
            waiting=waiting,
            actor=Actor("cli"),
            now=rt.now(),
            calendar=rt.calendar,
        )
    _show(view, as_json)


@seize_app.command("renew")
@edge
def renew_command(
    seizure_id: Annotated[int, typer.Argument(help="Seizure id.")],
    on: Annotated[str, typer.Option(help="Date the renewal takes effect.")],
    months: Annotated[int, typer.Option(help="Months, at most the measure's maximum.")],
    as_json: JsonFlag = False,
) -> None:
    """Record a renewal (续行): refused if the measure already lapsed or runs too long."""
    with unit() as (rt, uow):
        view = renew_seizure(
            uow,
            seizure_id=seizure_id,
            renewed_on=day(rt, on),
            months=months,
            actor=Actor("cli"),
            now=rt.now(),
            calendar=rt.calendar,
        )
    _show(view, as_json)


@seize_app.command("release")
@edge
def release_command(
    seizure_id: Annotated[int, typer.Argument(help="Seizure id.")],
    on: Annotated[str, typer.Option(help="Release date.")],
    as_json: JsonFlag = False,
) -> None:
    """Release a seizure; the earliest waiting-list seizure on the asset takes effect."""
    with unit() as (rt, uow):
        views = release_seizure(
            uow,
            seizure_id=seizure_id,
            released_on=day(rt, on),
            actor=Actor("cli"),
            now=rt.now(),
            calendar=rt.calendar,
        )
    if as_json:
        print_json([v.__dict__ for v in views])
    for v in views if not as_json else []:
        _show(v, False)


def _show(view: SeizureView, as_json: bool) -> None:
    if as_json:
        print_json(view.__dict__)
        return
    t = cli_translator()
    console.print(
        t(
            "seizure {id}: {status}, expires {expires}, renewal to be filed by {renewal_due}",
            id=view.id,
            status=t.label("status", view.status),
            expires=t.day(view.expires_on) or "—",
            renewal_due=t.day(view.renewal_due_on) or "—",
        ),
        highlight=False,
        markup=False,
    )


proceeds_app = typer.Typer(help="Money received and closing.")


@proceeds_app.command("record")
@edge
def proceeds_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    amount: Annotated[str, typer.Option(help="Amount received (CNY).")],
    source: Annotated[str, typer.Option(help="auction, transfer, voluntary or deduction.")],
    on: Annotated[str, typer.Option(help="Date received.")],
    as_json: JsonFlag = False,
) -> None:
    """Apply money received: costs, then interest and 违约金, then principal."""
    with unit() as (rt, uow):
        result = record_proceeds(
            uow,
            account_id=account_id,
            amount=money_option(amount, "--amount"),
            source=source,
            received_on=day(rt, on),
            actor=Actor("cli"),
            now=rt.now(),
            rules=rt.ledger_rules,
        )
    if as_json:
        print_json(result)
        return
    t = cli_translator()
    applied = joined(
        t,
        (
            f"{t.label('bucket', k)} {t.money(v)}"
            for k, v in result["applied"].items()
            if Decimal(v)
        ),
    )
    console.print(
        t(
            "applied: {applied}; outstanding {outstanding}",
            applied=applied or t.money("0"),
            outstanding=t.money(result["outstanding"]),
        ),
        highlight=False,
        markup=False,
    )


@proceeds_app.command("close")
@edge
def close_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    outcome: Annotated[str, typer.Option(help="recovered, partly_recovered or uncollectable.")],
    on: Annotated[str | None, typer.Option(help="Closing day (default: today).")] = None,
) -> None:
    """Close the case with its outcome (recovered only when the ledger is zero that day)."""
    with unit() as (rt, uow):
        stage = close_case(
            uow,
            account_id=account_id,
            outcome=outcome,
            actor=Actor("cli"),
            now=rt.now(),
            on=day(rt, on),
            rules=rt.ledger_rules,
        )
    t = cli_translator()
    console.print(
        t(
            "{account_id}: closed, stage {stage}",
            account_id=account_id,
            stage=t.label("stage", stage),
        )
    )
