"""What the auction commands tell a person, in the catalogue's language (the JSON they print
for scripts stays as the services give it)."""

from typing import Any

from legal_flows.domain.auction_outcomes import NextStep
from legal_flows.i18n import Translator, said


def _at(t: Translator, moment: str) -> str:
    """An ISO date-time (2026-07-16T10:00+08:00) as the reader writes a day, then the time."""
    return f"{t.day(moment)} {moment[11:16]}"


def plan_said(t: Translator, plan: dict[str, Any]) -> str:
    return t(
        "round {round}: start {starting_price} (reference {reference_price}), deposit "
        "{deposit}, notice {notice_on}, bidding {starts_at} → {ends_at}",
        round=plan["round"],
        starting_price=t.money(plan["starting_price"]),
        reference_price=t.money(plan["reference_price"]),
        deposit=t.money(plan["deposit"]),
        notice_on=t.day(plan["notice_on"]),
        starts_at=_at(t, plan["starts_at"]),
        ends_at=_at(t, plan["ends_at"]),
    )


def next_said(t: Translator, step: NextStep) -> list[str]:
    """What follows a failed round, and the lowest lawful starting price and latest start."""
    lines = [t("next: {step} ({citation})", step=said(t, step.told), citation=step.citation)]
    if step.lowest_starting_price is not None:
        lowest = t.money(step.lowest_starting_price)
        if step.latest_start is None:
            lines.append(t("lowest lawful starting price {lowest}", lowest=lowest))
        else:
            latest = t.day(step.latest_start)
            lines.append(
                t(
                    "lowest lawful starting price {lowest}; start by {latest}",
                    lowest=lowest,
                    latest=latest,
                )
            )
    return lines


def sale_said(t: Translator, asset_id: int, result: dict[str, Any]) -> str:
    return t(
        "asset {asset_id}: 变卖 round {round_id} at {price}, {opens_on} to {closes_on}",
        asset_id=asset_id,
        round_id=result["round_id"],
        price=t.money(result["price"]),
        opens_on=t.day(result["opens_on"]),
        closes_on=t.day(result["closes_on"]),
    )


def ruling_said(t: Translator, round_id: int, kind: str, result: dict[str, Any]) -> list[str]:
    """The ruling, the seizures it ended, the part left and an in-lieu ruling's excess."""
    lines = [
        t(
            "round {round_id}: {ruling} of {on}, value {value}; {ended} seizure(s) ended",
            round_id=round_id,
            ruling=t.label("ruling", kind),
            on=t.day(result["on"]),
            value=t.money(result["value"]),
            ended=result["seizures_ended"],
        )
    ]
    if "remainder_asset" in result:
        lines.append(t("the part left is asset {asset_id}", asset_id=result["remainder_asset"]))
    if "excess_to_pay" in result:
        lines.append(
            t(
                "outstanding {outstanding}; excess to pay back {excess}",
                outstanding=t.money(result["outstanding"]),
                excess=t.money(result["excess_to_pay"]),
            )
        )
    return lines


def price_said(t: Translator, due: dict[str, str]) -> str:
    return t(
        "sale to start by {sale_start}; price valid to {price_validity}",
        sale_start=t.day(due["sale_start"]),
        price_validity=t.day(due["price_validity"]),
    )


def enforcement_paper_said(t: Translator, account_id: str, outcome: str) -> str:
    return t(
        "{account_id}: enforcement application {outcome} (see `legal-flows docs list`)",
        account_id=account_id,
        outcome=t.label("document_outcome", outcome),
    )


def in_lieu_paper_said(t: Translator, round_id: int, outcome: str) -> str:
    return t(
        "in-lieu application for round {round_id}: {outcome}",
        round_id=round_id,
        outcome=t.label("document_outcome", outcome),
    )
