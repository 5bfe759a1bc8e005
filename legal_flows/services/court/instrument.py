"""The instrument (执行依据) recorded on a case: what it decided, or the claim taken as awarded."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from legal_flows.domain.instrument import (
    Award,
    Continuing,
    InstrumentKind,
    Terms,
    TermsProblem,
    terms_from,
)
from legal_flows.domain.money import ZERO
from legal_flows.services.errors import InputError
from legal_flows.services.imports.toml import read_toml
from legal_flows.store.uow import UnitOfWork

INSTRUMENT_CODES = tuple(k.value for k in InstrumentKind)


@dataclass(frozen=True)
class Instrument:
    kind: InstrumentKind
    on: date
    case_no: str | None
    terms: Terms | None  # None: none recorded, the claim is taken as awarded


def read_terms(path: Path, kind: str) -> dict[str, Any]:
    """A `--terms` file, read and checked; refused naming the file and the key."""
    if kind not in INSTRUMENT_CODES:
        raise InputError(
            "--terms goes with {codes}, not {kind}", codes=", ".join(INSTRUMENT_CODES), kind=kind
        )
    values = read_toml(path, "terms")
    try:
        return terms_from(values, kind=InstrumentKind(kind)).as_dict()
    except TermsProblem as exc:
        raise InputError("{file}: {problem}", file=path.name, problem=exc) from None


def instrument_of(uow: UnitOfWork, case_id: int) -> Instrument | None:
    """The latest judgment, mediation, payment order or ruling on record."""
    row = uow.events.latest_of(case_id, INSTRUMENT_CODES)
    return None if row is None else _instrument(row)


def instrument_from(
    events: Sequence[Any], terms: dict[int, dict[str, Any]] | None = None
) -> Instrument | None:
    """The same from a case's event rows, oldest first; `terms` by event id where the rows
    were read without them (the report loads them in bulk)."""
    rows = [e for e in events if e.code in INSTRUMENT_CODES]
    if not rows:
        return None
    if terms is None:
        return _instrument(rows[-1])
    return _instrument(rows[-1], terms.get(rows[-1].id), given=True)


def _instrument(
    row: Any, terms: dict[str, Any] | None = None, *, given: bool = False
) -> Instrument:
    kind = InstrumentKind(row.code)
    recorded = terms if given else row.terms
    decided = terms_from(recorded, kind=kind) if recorded else None
    return Instrument(kind, row.occurred_on, row.case_no, decided)


def claim_as_awarded(
    decision: Any,
    *,
    annual_rate: Decimal,
    balance_date: date,
    cost_cap: Decimal,
    costs: Decimal = ZERO,
) -> Terms:
    """Without recorded terms: the claim of the decision in force, its continuing interest
    at the contract rate within the cap where charges were claimed, costs as the fees."""
    charges = decision.claim_interest + decision.claim_penalty + decision.claim_fees
    continuing = (
        Continuing(
            decision.claim_principal,
            min(annual_rate, cost_cap),
            balance_date + timedelta(days=1),
        )
        if charges > 0
        else None
    )
    award = Award(
        principal=decision.claim_principal,
        interest=decision.claim_interest,
        penalty=decision.claim_penalty,
        fees=decision.claim_fees,
        costs=costs,
    )
    return Terms(award, continuing, from_claim=True)


def instrument_detail(instrument: Instrument | None) -> dict[str, Any] | None:
    """`cases show --json`'s `instrument`: what it is and decided, or that the claim stands
    for it."""
    if instrument is None:
        return None
    return {
        "kind": instrument.kind.value,
        "instrument": instrument.kind.words,
        "on": instrument.on.isoformat(),
        "case_no": instrument.case_no,
        "terms": instrument.terms.as_dict() if instrument.terms else None,
        "taken_from_claim": instrument.terms is None,
        "note": None
        if instrument.terms
        else "no terms recorded: the claim is taken as awarded (record them with --terms)",
    }
