"""The policy file legal staff edit (TOML), read once and every section checked.

Only the wiring (`bootstrap.py`) calls this: the review thresholds, the sweep's lead times, the
enforcement waterfall all come from one parse, so every command, flow task and portal request
applies the same file. What the values may be is the domain's to say (`problems()` of each
policy); this module turns TOML into those objects and names the file in every refusal.
"""

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from legal_flows.domain.distribution import EnforcementPolicy
from legal_flows.domain.listing import listed
from legal_flows.domain.policy import Policy
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.services.errors import InputError
from legal_flows.services.imports.toml import read_toml

SECTIONS = ("review", "sweep", "enforcement")


@dataclass(frozen=True)
class Policies:
    """Every section of the policy file, parsed and checked."""

    review: Policy = field(default_factory=Policy)
    sweep: SweepPolicy = field(default_factory=SweepPolicy)
    enforcement: EnforcementPolicy = field(default_factory=EnforcementPolicy)


def load_policies(path: Path | None) -> Policies:
    """The shipped defaults, overridden by what the file names; refused naming the problem."""
    if path is None:
        return Policies()
    data = read_toml(path, "policy")
    policies = Policies(
        review=_review(data, path.name),
        sweep=_sweep(data.get("sweep", {}), path.name),
        enforcement=_enforcement(data.get("enforcement", {})),
    )
    for section in (policies.review, policies.sweep, policies.enforcement):
        if problems := section.problems():
            raise InputError("{file}: {problem}", file=path.name, problem=listed(problems))
    return policies


def _review(data: dict[str, Any], file: str) -> Policy:
    """The [review] table, or for older files the top-level keys."""
    values = {k: v for k, v in data.get("review", data).items() if k not in SECTIONS}
    fields = {f.name for f in dataclasses.fields(Policy)}
    unknown = sorted(set(values) - fields)
    if unknown:
        raise InputError(
            "{file}: unknown policy key(s): {keys}", file=file, keys=", ".join(unknown)
        )
    default = Policy()
    changes: dict[str, object] = {}
    for key, raw in values.items():
        current = getattr(default, key)
        try:
            if isinstance(current, Decimal):
                # TOML floats would smuggle binary fractions into money: read their text instead.
                changes[key] = Decimal(str(raw))
            elif isinstance(current, tuple):
                if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
                    raise TypeError(key)  # a list of names, not one string split in letters
                changes[key] = tuple(raw)
            elif isinstance(current, int) and not isinstance(raw, int):
                raise TypeError(key)  # 90.5 days is a typo, not 90
            else:
                changes[key] = type(current)(raw)
        except (InvalidOperation, ValueError, TypeError):
            raise InputError(
                "{file}: {key} = {value!r} is not a valid value", file=file, key=key, value=raw
            ) from None
    return dataclasses.replace(default, **changes)  # type: ignore[arg-type]


def _sweep(sweep: dict[str, Any], file: str) -> SweepPolicy:
    """[sweep.alert_lead_days], [sweep.stalled_after_days] and [sweep.alert_steps], each
    overriding the defaults kind by kind."""
    default = SweepPolicy()
    tables = {}
    for name in ("alert_lead_days", "stalled_after_days"):
        given = sweep.get(name, {})
        if any(not isinstance(v, int) or isinstance(v, bool) for v in given.values()):
            raise InputError(
                "{file}: [sweep.{name}] values must be whole days", file=file, name=name
            )
        tables[name] = {**getattr(default, name), **given}
    steps = {**default.alert_steps}
    for kind, days in sweep.get("alert_steps", {}).items():
        if not isinstance(days, list) or not all(isinstance(d, int) for d in days):
            raise InputError(
                "{file}: [sweep.alert_steps] {kind} must list whole days", file=file, kind=kind
            )
        steps[kind] = tuple(days)
    warning = sweep.get("calendar_warning_days", default.calendar_warning_days)
    if not isinstance(warning, int) or isinstance(warning, bool) or warning < 0:
        raise InputError("{file}: [sweep] calendar_warning_days must be whole days", file=file)
    return dataclasses.replace(
        default,
        alert_lead_days=tables["alert_lead_days"],
        stalled_after_days=tables["stalled_after_days"],
        alert_steps=steps,
        calendar_warning_days=warning,
    )


def _enforcement(section: dict[str, Any]) -> EnforcementPolicy:
    default = EnforcementPolicy()
    return EnforcementPolicy(
        waterfall=tuple(section.get("waterfall", default.waterfall)),
        enforcement_fee_on=str(section.get("enforcement_fee_on", default.enforcement_fee_on)),
        instalment_grace_days=_days(
            section.get("instalment_grace_days", default.instalment_grace_days),
            "[enforcement] instalment_grace_days",
        ),
        sale_window_days=_days(
            section.get("sale_window_days", default.sale_window_days),
            "[enforcement] sale_window_days",
        ),
    )


def _days(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError("{name} = {value!r} must be whole days", name=name, value=value)
    return value
