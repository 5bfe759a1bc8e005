"""`legal-flows assets add|list` and `legal-flows seize record|renew|release`."""

from decimal import Decimal
from typing import Annotated

import typer

from legal_flows.cli.common import (
    JsonFlag,
    console,
    edge,
    now,
    parse_day,
    print_json,
    session,
    settings,
)
from legal_flows.services.audit import Actor
from legal_flows.services.config import load_waterfall
from legal_flows.services.enforcement.proceeds import close_case, record_proceeds
from legal_flows.services.enforcement.seizures import (
    SeizureView,
    add_asset,
    list_assets,
    record_seizure,
    release_seizure,
    renew_seizure,
)

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
    cfg = settings()
    with session(cfg) as s:
        asset_id = add_asset(
            s,
            account_id=account_id,
            kind=kind,
            description=description,
            identifier=identifier,
            value=Decimal(value) if value else None,
            necessary_home=necessary_home,
            actor=Actor(by),
            now=now(cfg),
        )
    console.print(f"asset {asset_id} added to {account_id}")


@assets_app.command("list")
@edge
def list_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_json: JsonFlag = False,
) -> None:
    """A case's assets and their seizures."""
    with session() as s:
        assets = list_assets(s, account_id)
    if as_json:
        print_json(assets)
        return
    for a in assets:
        console.print(f"[bold]{a['id']}[/] {a['kind']}: {a['description']} {a['identifier']}")
        for z in a["seizures"]:
            console.print(
                f"   seizure {z['id']} {z['measure']} ({z['stage']}) {z['status']}, "
                f"expires {z['expires_on']}, renewed {z['renewals']}x",
                highlight=False,
            )


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
    cfg = settings()
    with session(cfg) as s:
        view = record_seizure(
            s,
            asset_id=asset_id,
            measure=measure,
            stage=stage,
            ruling_no=ruling_no,
            effective_on=parse_day(on, cfg),
            served_on=parse_day(served_on, cfg) if served_on else None,
            preserved_on=parse_day(preserved_on, cfg) if preserved_on else None,
            waiting=waiting,
            actor=Actor("cli"),
            now=now(cfg),
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
    cfg = settings()
    with session(cfg) as s:
        view = renew_seizure(
            s,
            seizure_id=seizure_id,
            renewed_on=parse_day(on, cfg),
            months=months,
            actor=Actor("cli"),
            now=now(cfg),
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
    cfg = settings()
    with session(cfg) as s:
        views = release_seizure(
            s,
            seizure_id=seizure_id,
            released_on=parse_day(on, cfg),
            actor=Actor("cli"),
            now=now(cfg),
        )
    if as_json:
        print_json([v.__dict__ for v in views])
    for v in views if not as_json else []:
        _show(v, False)


def _show(view: SeizureView, as_json: bool) -> None:
    if as_json:
        print_json(view.__dict__)
        return
    console.print(
        f"seizure {view.id}: {view.status}, expires {view.expires_on}, "
        f"renewal to be filed by {view.renewal_due_on}",
        highlight=False,
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
    cfg = settings()
    with session(cfg) as s:
        result = record_proceeds(
            s,
            account_id=account_id,
            amount=Decimal(amount),
            source=source,
            received_on=parse_day(on, cfg),
            actor=Actor("cli"),
            now=now(cfg),
            order=load_waterfall(cfg.policy_file),
        )
    if as_json:
        print_json(result)
    else:
        console.print(
            f"applied {result['applied']}; outstanding {result['outstanding']}", highlight=False
        )


@proceeds_app.command("close")
@edge
def close_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    outcome: Annotated[str, typer.Option(help="recovered, partly_recovered or uncollectable.")],
) -> None:
    """Close the case with its outcome (recovered only when nothing is outstanding)."""
    cfg = settings()
    with session(cfg) as s:
        stage = close_case(
            s, account_id=account_id, outcome=outcome, actor=Actor("cli"), now=now(cfg)
        )
    console.print(f"{account_id}: {stage}")
