"""Creditor entities (banks, branches, card centres) and their agents, from a TOML file."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from legal_flows.domain.creditor import CreditorSettings, settings_from
from legal_flows.domain.errors import InvalidValue, Told
from legal_flows.domain.identity import validate_credit_code
from legal_flows.services.errors import InputError
from legal_flows.services.imports.toml import read_toml
from legal_flows.store.audit import Actor, AuditEntry
from legal_flows.store.tables import AgentRow, CreditorRow
from legal_flows.store.uow import UnitOfWork

_CREDITOR_FIELDS = ("code", "name", "address", "credit_code", "head_name", "head_title", "phone")
_AGENT_FIELDS = ("name", "firm", "licence_no", "phone")
# One message per kind of value, so each reads naturally in Chinese.
_MUST_BE: dict[type, str] = {
    bool: "{where}: {key} must be bool",
    dict: "{where}: {key} must be dict",
    str: "{where}: {key} must be text",
}


@dataclass(frozen=True)
class CreditorSpec:
    values: dict[str, str]
    agents: list[dict[str, str]] = field(default_factory=list)
    settings: CreditorSettings = field(default_factory=CreditorSettings)


def read_creditors_file(path: Path) -> list[CreditorSpec]:
    """Parse and check the creditors file (intake-format.md); any problem names its creditor."""
    data = read_toml(path, "creditors")
    specs = []
    for i, entry in enumerate(data.get("creditor", []), start=1):
        where = _where(path, i, entry.get("code"))
        values = _strings(entry, _CREDITOR_FIELDS, where)
        try:
            values["credit_code"] = validate_credit_code(values["credit_code"])
        except InvalidValue as exc:
            raise InputError("{where}: credit_code {problem}", where=where, problem=exc) from None
        agent = Told("{where} agent", where=where)
        agents = [_strings(a, _AGENT_FIELDS, agent) for a in entry.get("agent", [])]
        specs.append(CreditorSpec(values, agents, _settings(entry, where)))
    if not specs:
        raise InputError("{file}: no [[creditor]] entries", file=path.name)
    return specs


def _where(path: Path, number: int, code: object) -> Told:
    """Which creditor a refusal is about, said in the reader's language like the refusal."""
    if code is None:
        return Told("{file}: creditor #{number} (no code)", file=path.name, number=number)
    return Told("{file}: creditor #{number} ({code})", file=path.name, number=number, code=code)


def _settings(entry: dict[str, Any], where: Told) -> CreditorSettings:
    """The optional settings beside the required fields (domain.creditor), checked."""
    given = {k: v for k, v in entry.items() if k not in _CREDITOR_FIELDS and k != "agent"}
    for key, value in [*given.items(), *dict(given.get("card_agreement") or {}).items()]:
        wanted = (
            bool if key == "agent_receives_money" else (dict if key == "card_agreement" else str)
        )
        if not isinstance(value, wanted):
            raise InputError(_MUST_BE[wanted], where=where, key=key)
    try:
        settings = settings_from(given)
    except KeyError as exc:
        raise InputError("{where}: unknown key(s): {keys}", where=where, keys=exc.args[0]) from None
    if problems := settings.problems():
        raise InputError("{where}: {problems}", where=where, problems="; ".join(problems))
    return settings


def _strings(entry: dict[str, Any], names: tuple[str, ...], where: Told) -> dict[str, str]:
    missing = [n for n in names if not str(entry.get(n, "")).strip()]
    if missing:
        raise InputError("{where}: missing {fields}", where=where, fields=", ".join(missing))
    return {n: str(entry[n]).strip() for n in names}


def configure_creditors(
    uow: UnitOfWork, specs: list[CreditorSpec], *, actor: Actor, now: datetime
) -> int:
    """Create or update each creditor and its agents; returns how many creditors changed."""
    session = uow.session
    changed: list[AuditEntry] = []
    for spec in specs:
        code = spec.values["code"]
        row = session.exec(select(CreditorRow).where(CreditorRow.code == code)).first()
        before = {f: getattr(row, f) for f in _CREDITOR_FIELDS} if row else None
        settings_before = row.settings if row else None
        settings = spec.settings.as_dict()
        if row is None:
            row = CreditorRow.model_validate({**spec.values, "settings": settings})
            session.add(row)
        else:
            for name, value in spec.values.items():
                setattr(row, name, value)
            row.settings = settings
        session.flush()
        agents_changed = _configure_agents(session, row, spec.agents)
        if before != spec.values or settings_before != settings or agents_changed:
            changed.append(
                AuditEntry(
                    "creditor.configured",
                    "creditor",
                    row.code,
                    {"code": row.code, "name": row.name, "agents": len(spec.agents)},
                )
            )
    uow.audit.append(actor, changed, at=now)
    return len(changed)


def _configure_agents(
    session: Session, creditor: CreditorRow, agents: list[dict[str, str]]
) -> bool:
    existing = {
        a.licence_no: a
        for a in session.exec(select(AgentRow).where(AgentRow.creditor_id == creditor.id))
    }
    changed = False
    for values in agents:
        agent = existing.get(values["licence_no"])
        if agent is None:
            session.add(AgentRow(creditor_id=creditor.id, **values))  # type: ignore[arg-type]
            changed = True
        elif any(getattr(agent, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(agent, k, v)
            changed = True
    return changed
