"""Auction and seizure status from a platform export: each row its own transaction."""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from legal_flows.domain.auction import SALE_WINDOW_DAYS
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.errors import DomainError
from legal_flows.services.enforcement.auctions import record_result
from legal_flows.services.enforcement.seizures import release_seizure, renew_seizure
from legal_flows.services.errors import ServiceError
from legal_flows.services.imports.report import FileReport, open_export
from legal_flows.services.imports.rows import RowError, RowReader
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitOfWork, UnitsOfWork


def _import(
    uows: UnitsOfWork,
    path: Path,
    kind: str,
    required: list[str],
    optional: list[str],
    apply: Callable[[UnitOfWork, RowReader], None],
) -> FileReport:
    sheet, report = open_export(path, kind, required, optional)
    for number, values in sheet.rows:
        reader = RowReader(sheet.file, number, values)
        try:
            with uows() as uow:
                apply(uow, reader)  # writes only once the row's fields are all valid
        except (ServiceError, DomainError) as exc:
            key = values.get(required[0], "")
            report.reject([RowError.of(sheet.file, number, required[0], key, exc)])
            continue
        if reader.errors:
            report.reject(reader.errors)
            continue
        report.created += 1
    return report


def import_auction_results(
    uows: UnitsOfWork,
    *,
    path: Path,
    actor: Actor,
    now: datetime,
    sale_window_days: int = SALE_WINDOW_DAYS,
) -> FileReport:
    """Columns: round_id, result, on, price, buyer (a court auction platform's export)."""

    def apply(uow: UnitOfWork, r: RowReader) -> None:
        round_id, result, on = (
            r.text("round_id", required=True),
            r.text("result", required=True),
            r.day("on", required=True),
        )
        price = r.decimal("price")
        if r.errors or round_id is None or result is None or on is None:
            return
        if not round_id.isdigit():
            r.fail("round_id", "not a round id")
            return
        bidders = r.text("bidders")
        record_result(
            uow,
            bidders=int(bidders) if bidders and bidders.isdigit() else None,
            round_id=int(round_id),
            result=result,
            on=on,
            price=price,
            buyer=r.text("buyer"),
            actor=actor,
            now=now,
            sale_window_days=sale_window_days,
        )

    return _import(
        uows,
        path,
        "auction_results",
        ["round_id", "result", "on"],
        ["price", "buyer", "bidders"],
        apply,
    )


def import_seizure_status(
    uows: UnitsOfWork, *, path: Path, actor: Actor, now: datetime, calendar: WorkCalendar
) -> FileReport:
    """Columns: seizure_id, action (renewed | released), on, months."""

    def apply(uow: UnitOfWork, r: RowReader) -> None:
        seizure, action, on = (
            r.text("seizure_id", required=True),
            r.text("action", required=True),
            r.day("on", required=True),
        )
        months = r.decimal("months")
        if r.errors or seizure is None or action is None or on is None:
            return
        if not seizure.isdigit():
            r.fail("seizure_id", "not a seizure id")
        elif action == "renewed" and months is None:
            r.fail("months", "a renewal needs its months")
        elif action not in ("renewed", "released"):
            r.fail("action", "renewed or released")
        if r.errors:
            return
        if action == "renewed":
            renew_seizure(
                uow,
                seizure_id=int(seizure),
                renewed_on=on,
                months=int(months or Decimal(0)),
                actor=actor,
                now=now,
                calendar=calendar,
            )
        else:
            release_seizure(
                uow,
                seizure_id=int(seizure),
                released_on=on,
                actor=actor,
                now=now,
                calendar=calendar,
            )

    return _import(uows, path, "seizure_status", ["seizure_id", "action", "on"], ["months"], apply)
