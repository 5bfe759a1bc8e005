"""`legal-flows auction plan|record`: judicial auction rounds under the price rules."""

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from legal_flows.cli.auction_said import (
    enforcement_paper_said,
    in_lieu_paper_said,
    next_said,
    plan_said,
    price_said,
    ruling_said,
    sale_said,
)
from legal_flows.cli.common import (
    JsonFlag,
    cli_translator,
    day,
    edge,
    money_option,
    print_json,
    print_rejected,
    runtime,
    say,
    unit,
)
from legal_flows.services.enforcement.auctions import (
    fix_reference_price,
    plan_round,
    plan_sale,
    propose_plan,
    record_result,
)
from legal_flows.services.enforcement.feed import import_auction_results, import_seizure_status
from legal_flows.services.enforcement.rulings import record_ruling
from legal_flows.services.imports.report import FileReport
from legal_flows.store.audit import Actor

auction_app = typer.Typer(help="Judicial auctions: 一拍, 二拍, 变卖, 以物抵债.")


@auction_app.command("plan")
@edge
def plan_command(
    asset_id: Annotated[int, typer.Argument(help="Asset id.")],
    reference_price: Annotated[str, typer.Option(help="参考价 (CNY).")],
    starting_price: Annotated[str, typer.Option(help="起拍价 (CNY).")],
    deposit: Annotated[str, typer.Option(help="保证金 (CNY).")],
    notice_on: Annotated[str, typer.Option(help="Date the auction notice is published.")],
    starts_at: Annotated[str, typer.Option(help="Bidding opens (YYYY-MM-DDTHH:MM, Shanghai).")],
    ends_at: Annotated[str, typer.Option(help="Bidding closes (YYYY-MM-DDTHH:MM, Shanghai).")],
    platform: Annotated[str, typer.Option(help="The SPC-listed platform.")] = "人民法院诉讼资产网",
    increment: Annotated[str, typer.Option(help="加价幅度 (CNY).")] = "1000",
    home_exception: Annotated[
        str, typer.Option(help="Recorded exception for a necessary home.")
    ] = "",
    as_json: JsonFlag = False,
) -> None:
    """Plan the asset's next round; a plan breaking a price or notice rule is refused."""
    rt = runtime()
    opening, closing = (
        datetime.fromisoformat(t).replace(tzinfo=rt.tz) for t in (starts_at, ends_at)
    )
    with rt.uow() as uow:
        round_id = plan_round(
            uow,
            asset_id=asset_id,
            platform=platform,
            reference_price=Decimal(reference_price),
            starting_price=Decimal(starting_price),
            deposit=Decimal(deposit),
            increment=Decimal(increment),
            notice_on=day(rt, notice_on),
            starts_at=opening,
            ends_at=closing,
            home_exception=home_exception,
            actor=Actor("cli"),
            now=rt.now(),
        )
    if as_json:
        print_json({"round_id": round_id, "asset_id": asset_id})
    else:
        t = cli_translator()
        planned = t(
            "auction round {round_id} planned for asset {asset_id}",
            round_id=round_id,
            asset_id=asset_id,
        )
        say(planned)


@auction_app.command("propose")
@edge
def propose_command(
    asset_id: Annotated[int, typer.Argument(help="Asset id.")],
    notice_on: Annotated[str, typer.Option(help="Date the auction notice would be published.")],
    as_json: JsonFlag = False,
) -> None:
    """The earliest lawful next round: lowest lawful starting price, shortest notice, 10%
    deposit, 24 h of bidding (refused naming the rule when no lawful round exists)."""
    with unit(read_only=True) as (rt, uow):
        plan = propose_plan(uow, asset_id=asset_id, notice_on=day(rt, notice_on), tz=rt.tz)
    if as_json:
        print_json(plan)
        return
    say(plan_said(cli_translator(), plan))


@auction_app.command("record")
@edge
def record_command(
    round_id: Annotated[int, typer.Argument(help="Auction round id.")],
    result: Annotated[
        str, typer.Option(help="sold, failed, withdrawn, suspended, halted, defaulted.")
    ],
    on: Annotated[str, typer.Option(help="Date of the result.")],
    price: Annotated[str | None, typer.Option(help="Sale price (CNY).")] = None,
    buyer: Annotated[str | None, typer.Option(help="Buyer.")] = None,
    bidders: Annotated[int | None, typer.Option(help="Number of bidders.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record a round's result; after a failure the next lawful step is proposed."""
    with unit() as (rt, uow):
        window = rt.enforcement_policy.sale_window_days
        step = record_result(
            uow,
            round_id=round_id,
            result=result,
            on=day(rt, on),
            price=money_option(price, "--price") if price else None,
            buyer=buyer,
            actor=Actor("cli"),
            now=rt.now(),
            bidders=bidders,
            sale_window_days=window,
        )
    if as_json:
        print_json({"round": round_id, "result": result, "next": step.data() if step else None})
        return
    t = cli_translator()
    if step is None:
        say(t("round {round_id}: {result}", round_id=round_id, result=t.label("auction", result)))
    for line in next_said(t, step) if step else []:
        say(line)


@auction_app.command("sale")
@edge
def sale_command(
    asset_id: Annotated[int, typer.Argument(help="Asset id.")],
    opens: Annotated[str, typer.Option(help="The day the 变卖 opens on the platform.")],
    as_json: JsonFlag = False,
) -> None:
    """变卖 after two failed online auctions: at the second's starting price, for the
    policy's window; record its end with `auction record` (sold, or failed when unsold)."""
    with unit() as (rt, uow):
        result = plan_sale(
            uow,
            asset_id=asset_id,
            opens_on=day(rt, opens),
            actor=Actor("cli"),
            now=rt.now(),
            tz=rt.tz,
            sale_window_days=rt.enforcement_policy.sale_window_days,
        )
    if as_json:
        print_json(result)
        return
    say(sale_said(cli_translator(), asset_id, result))


@auction_app.command("ruling")
@edge
def ruling_command(
    round_id: Annotated[int, typer.Argument(help="Auction round id.")],
    kind: Annotated[str, typer.Option(help="sale (成交裁定) or in_lieu (以物抵债裁定).")],
    on: Annotated[str, typer.Option(help="The day the ruling was served (took effect).")],
    remainder: Annotated[
        str | None,
        typer.Option(help="It disposed of part of the asset: the part left (剩余部分)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The ruling that ends the disposal: the asset's seizures end and the doubled interest
    on its value stops that day; an in-lieu ruling enters the reserve price as received.
    With --remainder the part left becomes an asset of its own, the earliest waiting seizure
    taking effect for it (法发〔2004〕5号 §20)."""
    with unit() as (rt, uow):
        result = record_ruling(
            uow,
            round_id=round_id,
            kind=kind,
            on=day(rt, on),
            actor=Actor("cli"),
            now=rt.now(),
            rules=rt.ledger_rules,
            calendar=rt.calendar,
            remainder=remainder,
        )
    if as_json:
        print_json(result)
        return
    for line in ruling_said(cli_translator(), round_id, kind, result):
        say(line)


@auction_app.command("enforcement-application")
@edge
def enforcement_application_command(
    account_id: Annotated[str, typer.Argument(help="The bank's account id.")],
    as_of: Annotated[
        str | None, typer.Option(help="Interest up to and signed on (default today).")
    ] = None,
) -> None:
    """Generate the 强制执行申请书 (judgment, amounts owed, doubled late interest to date)."""
    from legal_flows.services.enforcement.documents import generate_enforcement_application

    with unit() as (rt, uow):
        outcome = generate_enforcement_application(
            uow,
            account_id=account_id,
            as_of=day(rt, as_of),
            store=rt.store,
            templates=rt.templates,
            actor=Actor("cli"),
            now=rt.now(),
            rules=rt.ledger_rules,
        )
    say(enforcement_paper_said(cli_translator(), account_id, outcome))


@auction_app.command("import")
@edge
def import_command(
    file: Annotated[
        Path, typer.Argument(help="Platform export: round_id, result, on, price, buyer.")
    ],
) -> None:
    """Auction results from a platform export; refused rows listed (exit 2)."""
    rt = runtime()
    window = rt.enforcement_policy.sale_window_days
    _report(
        import_auction_results(
            rt.uow, path=file, actor=Actor("import"), now=rt.now(), sale_window_days=window
        )
    )


@auction_app.command("import-seizures")
@edge
def import_seizures_command(
    file: Annotated[
        Path, typer.Argument(help="Export: seizure_id, action (renewed|released), on, months.")
    ],
) -> None:
    """Seizure renewals and releases from a platform export; refused rows listed (exit 2)."""
    rt = runtime()
    _report(
        import_seizure_status(
            rt.uow, path=file, actor=Actor("import"), now=rt.now(), calendar=rt.calendar
        )
    )


def _report(report: FileReport) -> None:
    t = cli_translator()
    say(
        t(
            "applied {applied}, rejected rows {rejected}",
            applied=report.created,
            rejected=report.rejected_rows,
        )
    )
    print_rejected(t, report.rejected)
    if report.rejected_rows:
        raise typer.Exit(2)


@auction_app.command("in-lieu")
@edge
def in_lieu_command(
    round_id: Annotated[int, typer.Argument(help="The failed auction round.")],
    as_of: Annotated[str | None, typer.Option(help="Signing date (default today).")] = None,
) -> None:
    """Generate the 以物抵债申请书: take the asset at the failed round's reserve price."""
    from legal_flows.services.enforcement.documents import generate_in_lieu_application

    with unit() as (rt, uow):
        outcome = generate_in_lieu_application(
            uow,
            round_id=round_id,
            as_of=day(rt, as_of),
            store=rt.store,
            templates=rt.templates,
            actor=Actor("cli"),
            now=rt.now(),
            rules=rt.ledger_rules,
        )
    say(in_lieu_paper_said(cli_translator(), round_id, outcome))


@auction_app.command("price")
@edge
def price_command(
    asset_id: Annotated[int, typer.Argument(help="Asset id.")],
    reference_price: Annotated[str, typer.Option(help="The reference price fixed (参考价, CNY).")],
    fixed_on: Annotated[str, typer.Option(help="Date it was fixed.")],
    as_json: JsonFlag = False,
) -> None:
    """Record the fixed reference price: the sale must start within 10 days (参考价规定 §30)."""
    with unit() as (rt, uow):
        due = fix_reference_price(
            uow,
            asset_id=asset_id,
            price=Decimal(reference_price),
            fixed_on=day(rt, fixed_on),
            actor=Actor("cli"),
            now=rt.now(),
            calendar=rt.calendar,
        )
    if as_json:
        print_json(due)
        return
    say(price_said(cli_translator(), due))
