"""Outside data the domain needs: the review policy (TOML) and the PRC holiday calendar."""

import dataclasses
import tomllib
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.deadlines import DeadlineKind
from legal_flows.domain.distribution import DEFAULT_WATERFALL
from legal_flows.domain.policy import Policy
from legal_flows.domain.sweep import SweepPolicy
from legal_flows.services.errors import InputError


def load_policy(path: Path | None) -> Policy:
    """The shipped defaults, overridden by the keys of a TOML file ([review] table or top level)."""
    if path is None:
        return Policy()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such policy file") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path.name}: not valid TOML ({exc})") from None
    values = {
        k: v for k, v in data.get("review", data).items() if k not in ("sweep", "enforcement")
    }
    fields = {f.name: f for f in dataclasses.fields(Policy)}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise InputError(f"{path.name}: unknown policy key(s): {', '.join(unknown)}")
    changes: dict[str, object] = {}
    for key, raw in values.items():
        default = getattr(Policy(), key)
        try:
            if isinstance(default, Decimal):
                # TOML floats would smuggle binary fractions into money: read their text instead.
                changes[key] = Decimal(str(raw))
            elif isinstance(default, int) and not isinstance(raw, int):
                raise TypeError(key)  # 90.5 days is a typo, not 90
            else:
                changes[key] = type(default)(raw)
        except (InvalidOperation, ValueError, TypeError):
            raise InputError(f"{path.name}: {key} = {raw!r} is not a valid value") from None
    policy = dataclasses.replace(Policy(), **changes)  # type: ignore[arg-type]
    _check_ranges(policy, path.name)
    return policy


def load_sweep_policy(path: Path | None) -> SweepPolicy:
    """The sweep's alert lead times and quiet-stage limits: defaults, overridden per kind or
    stage by the policy file's [sweep.alert_lead_days] and [sweep.stalled_after_days]."""
    default = SweepPolicy()
    if path is None:
        return default
    try:
        sweep = tomllib.loads(path.read_text(encoding="utf-8")).get("sweep", {})
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the sweep policy ({exc})") from None
    tables = {}
    for name in ("alert_lead_days", "stalled_after_days"):
        given = sweep.get(name, {})
        if any(not isinstance(v, int) or v < 0 for v in given.values()):
            raise InputError(f"{path.name}: [sweep.{name}] values must be whole days")
        tables[name] = {**getattr(default, name), **given}
    unknown = sorted(set(tables["alert_lead_days"]) - {k.value for k in DeadlineKind})
    if unknown:
        raise InputError(f"{path.name}: unknown deadline kind(s) in [sweep]: {', '.join(unknown)}")
    steps = {**default.alert_steps}
    for kind, days in sweep.get("alert_steps", {}).items():
        if not isinstance(days, list) or not all(isinstance(d, int) and d > 0 for d in days):
            raise InputError(f"{path.name}: [sweep.alert_steps] {kind} must list whole days")
        steps[kind] = tuple(days)
    return dataclasses.replace(
        default,
        alert_lead_days=tables["alert_lead_days"],
        stalled_after_days=tables["stalled_after_days"],
        alert_steps=steps,
    )


def load_waterfall(path: Path | None) -> tuple[str, ...]:
    """The order money received pays the debt: [enforcement] waterfall in the policy file."""
    if path is None:
        return DEFAULT_WATERFALL
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("enforcement", {})
    except (FileNotFoundError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the waterfall ({exc})") from None
    order = tuple(section.get("waterfall", DEFAULT_WATERFALL))
    if sorted(order) != sorted(DEFAULT_WATERFALL):
        buckets = ", ".join(DEFAULT_WATERFALL)
        raise InputError(f"{path.name}: [enforcement] waterfall must order exactly: {buckets}")
    return order


def _check_ranges(policy: Policy, file: str) -> None:
    problems = []
    if not 0 < policy.cost_cap_rate < 1:
        problems.append("cost_cap_rate must be a yearly fraction between 0 and 1 (0.24 = 24%)")
    if not 0 <= policy.minimum_claim < policy.review_threshold:
        problems.append("need 0 ≤ minimum_claim < review_threshold")
    if not 0 < policy.small_claims_ratio < policy.simplified_ratio:
        problems.append("need 0 < small_claims_ratio < simplified_ratio")
    if policy.average_wage <= 0 or policy.criminal_threshold <= 0:
        problems.append("average_wage and criminal_threshold must be positive")
    if policy.limitation_warning_days < 0:
        problems.append("limitation_warning_days must not be negative")
    if problems:
        raise InputError(f"{file}: " + "; ".join(problems))


@lru_cache(maxsize=1)
def work_calendar() -> WorkCalendar:
    """Official holidays and adjusted working days from the maintained chinesecalendar package."""
    import chinese_calendar

    holidays: frozenset[date] = frozenset(chinese_calendar.holidays)
    workdays: frozenset[date] = frozenset(chinese_calendar.workdays)
    years = frozenset(d.year for d in holidays)
    return WorkCalendar(holidays=holidays, workdays=workdays, covered_years=years)
