"""Builders for integration and end-to-end tests: a fixed day, portfolios on disk, configured
creditors, cases taken through review, court events and documents with sensible defaults.

Everything runs through the real services on a real database; a test asks for the `engine`
fixture and hands it to these builders.
"""

import csv
import functools
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select, update

from legal_flows.bootstrap import package_calendar
from legal_flows.demo.synthetic import Portfolio, write_portfolio
from legal_flows.documents.catalog import DEFAULT_TEMPLATES
from legal_flows.documents.compiled import Templates
from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.policy import Policy
from legal_flows.services.court.events import Recorded, record_court_event
from legal_flows.services.filing.generation import (
    Generated,
    cases_needing_documents,
    generate_case_documents,
)
from legal_flows.services.intake.accounts import import_accounts
from legal_flows.services.intake.collections import import_collections
from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
from legal_flows.services.review.automatic import ChunkResult, pending_case_ids, review_chunk
from legal_flows.services.review.manual import ManualDecision, decide_case
from legal_flows.store.audit import Actor
from legal_flows.store.tables import CaseRow
from legal_flows.store.uow import UnitsOfWork, unit_of_work

SHANGHAI = ZoneInfo("Asia/Shanghai")
AS_OF = date(2026, 11, 29)  # the day the tests' portfolios are reviewed
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=SHANGHAI)
ACTOR = Actor("test")
POLICY = Policy()


def uows(engine: Engine) -> UnitsOfWork:
    """The unit-of-work factory a batch service is handed, on this test's database."""
    return functools.partial(unit_of_work, engine)


def uow(engine: Engine, *, read_only: bool = False) -> Any:
    """One transaction on this test's database (committed when the block ends)."""
    return unit_of_work(engine, read_only=read_only)


def portfolio(folder: Path, count: int = 60, seed: int = 7) -> Portfolio:
    return write_portfolio(folder, count=count, seed=seed, as_of=AS_OF)


def with_creditors(engine: Engine, pf: Portfolio) -> None:
    with uow(engine) as w:
        configure_creditors(w, read_creditors_file(pf.creditors), actor=ACTOR, now=NOW)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def imported(engine: Engine, folder: Path, count: int) -> list[dict[str, str]]:
    """A portfolio imported (accounts only); returns its rows as written to the file."""
    pf = portfolio(folder, count=count)
    with_creditors(engine, pf)
    import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    return read_rows(pf.accounts)


def loaded(engine: Engine, folder: Path, count: int = 60) -> Portfolio:
    """A portfolio imported with its collection history, awaiting review."""
    pf = portfolio(folder, count=count)
    with_creditors(engine, pf)
    import_accounts(uows(engine), path=pf.accounts, actor=ACTOR, now=NOW)
    import_collections(uows(engine), path=pf.collections, actor=ACTOR, now=NOW)
    return pf


def review_all(
    engine: Engine, *, actor: Actor = ACTOR, calendar: WorkCalendar | None = None
) -> ChunkResult:
    """Every case awaiting review decided as of AS_OF, in one chunk."""
    with uow(engine) as w:
        ids = pending_case_ids(w)
        return review_chunk(
            w,
            case_ids=ids,
            as_of=AS_OF,
            actor=actor,
            now=NOW,
            policy=POLICY,
            calendar=calendar or package_calendar(),
        )


def decide(engine: Engine, account_id: str, reviewer: str, **kw: Any) -> ManualDecision:
    """A reviewer's decision (approve, with a reason, unless told otherwise)."""
    with uow(engine) as w:
        return decide_case(
            w,
            account_id=account_id,
            approve=kw.pop("approve", True),
            reviewer=reviewer,
            reason=kw.pop("reason", "checked the file"),
            as_of=AS_OF,
            now=NOW,
            policy=POLICY,
            calendar=WorkCalendar(),
            tz=SHANGHAI,
            **kw,
        )


def propose(engine: Engine, account_id: str, maker: str, kind: str, **action: Any) -> int:
    """A proposal for a second person (four eyes); its id."""
    from legal_flows.domain.four_eyes import ProposalKind
    from legal_flows.services.review.proposals import propose as make

    with uow(engine) as w:
        reason = action.pop("reason", "the file shows otherwise")
        made = make(
            w,
            account_id=account_id,
            kind=ProposalKind(kind),
            proposed_by=maker,
            reason=reason,
            now=NOW,
            tz=SHANGHAI,
            action=action,
        )
    return int(made["proposal_id"])


def answer(
    engine: Engine, proposal_id: int, checker: str, *, approve: bool = True, reason: str = "checked"
) -> dict[str, Any]:
    """The second person's answer to a proposal."""
    from legal_flows.services.review.proposals import Deciding
    from legal_flows.services.review.proposals import answer as check

    deciding = Deciding(AS_OF, POLICY, WorkCalendar(), SHANGHAI)
    with uow(engine) as w:
        return check(
            w,
            proposal_id=proposal_id,
            approve=approve,
            checker=checker,
            reason=reason,
            now=NOW,
            deciding=deciding,
        )


def record(
    engine: Engine, account: str, code: str, on: date, now: datetime = NOW, **kw: Any
) -> Recorded:
    """A court event recorded on the case, as `court record` does."""
    with uow(engine) as w:
        return record_court_event(
            w,
            account_id=account,
            code=code,
            on=on,
            actor=ACTOR,
            now=now,
            calendar=package_calendar(),
            **kw,
        )


def approved_cases(engine: Engine, folder: Path, count: int = 30) -> list[int]:
    """A portfolio reviewed: the ids of the approved cases, which need their package."""
    loaded(engine, folder / "in", count=count)
    review_all(engine)
    with uow(engine, read_only=True) as w:
        return cases_needing_documents(w)


def generate(
    engine: Engine, case_id: int, store: Any, templates: Path = DEFAULT_TEMPLATES, **kw: Any
) -> Generated:
    """The case's filing package rendered and stored, as a generation chunk does."""
    with uow(engine) as w, store.batch():
        return generate_case_documents(
            w,
            case_id=case_id,
            signed_on=kw.pop("signed_on", None),
            actor=kw.pop("actor", ACTOR),
            now=kw.pop("now", NOW),
            policy=kw.pop("policy", POLICY),
            store=store,
            templates=Templates(templates),
            **kw,
        )


def set_case(engine: Engine, account_id: str, **values: object) -> None:
    """Put a case where a later stage would have left it (for the stages this issue lacks)."""
    with uow(engine) as w:
        w.session.execute(update(CaseRow).where(CaseRow.account_id == account_id).values(**values))


def first_in_stage(engine: Engine, stage: str) -> str:
    with uow(engine, read_only=True) as w:
        query = select(CaseRow.account_id).where(CaseRow.stage == stage).order_by(CaseRow.id)
        return str(w.session.execute(query).scalars().first())


def record_history(
    engine: Engine, account: str, events: Sequence[tuple[str, date, dict[str, Any]]]
) -> None:
    """Court events recorded one by one, in the order given."""
    for code, on, kw in events:
        record(engine, account, code, on, **kw)


def judged_and_enforced(
    *,
    effective_on: date = date(2026, 6, 10),
    applied_on: date = date(2026, 7, 1),
    registered_on: date = date(2026, 7, 5),
    terms: dict[str, Any] | None = None,
) -> list[tuple[str, date, dict[str, Any]]]:
    """A case's usual way to enforcement: sued, registered, judged (with `terms` if given),
    effective, enforcement applied for and registered with its 执 number."""
    judgment: dict[str, Any] = {"terms": terms} if terms else {}
    return [
        ("submitted", date(2026, 3, 2), {}),
        ("registered", date(2026, 3, 6), {"case_no": "（2026）京0105民初5号"}),
        ("judgment", date(2026, 5, 20), judgment),
        ("effective", effective_on, {}),
        ("enforcement_applied", applied_on, {}),
        ("enforcement_registered", registered_on, {"case_no": "（2026）京0105执5号"}),
    ]


def alive(pid: int) -> bool:
    """A process that runs (a zombie nobody has reaped yet does not)."""
    from legal_flows.documents.pdf import process_running

    return process_running(pid)


def office_pids_of(owner: int) -> list[int]:
    """The LibreOffice processes started for converters of process `owner` (by the profile
    their command line names: libreoffice-{owner}-{n})."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if f"libreoffice-{owner}-" in command and "soffice" in command:
            pids.append(int(entry.name))
    return pids
