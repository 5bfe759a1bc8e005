"""A demonstration of the later stages: simulated court, enforcement and auction events.

Used by `legal-flows demo` so a newcomer sees every stage on synthetic cases. Every step goes
through the same services legal staff use; only the dates and results are made up.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.distribution import Closing
from legal_flows.domain.ledger import LedgerRules
from legal_flows.domain.stages import Stage
from legal_flows.services.cases.closing import close_case
from legal_flows.services.court.events import record_court_event
from legal_flows.services.enforcement.auctions import (
    fix_reference_price,
    plan_round,
    record_result,
)
from legal_flows.services.enforcement.proceeds import balance, record_proceeds
from legal_flows.services.enforcement.rulings import record_ruling
from legal_flows.services.enforcement.seizures import add_asset, record_seizure
from legal_flows.store.audit import Actor
from legal_flows.store.uow import UnitsOfWork

ACTOR = Actor("demo:simulation")
# The last event of a case's story, in days after its start (an auction's proceeds and
# closing); the n-th case starts n days after the first.
LAST_EVENT_DAY = 260


def days_needed(cases: int) -> int:
    """Days from the day before the first story starts to the last event of the last."""
    return cases + LAST_EVENT_DAY


@dataclass
class Story:
    filed: int = 0
    judged: int = 0
    enforced: int = 0
    auctions: int = 0
    closed: dict[str, int] = field(default_factory=dict)  # by the stage each case closed in


def simulate(
    uows: UnitsOfWork,
    *,
    start: date,
    cases: int,
    now: datetime,
    calendar: WorkCalendar,
    rules: LedgerRules,
) -> Story:
    """Walk up to `cases` documents-ready cases from filing to closing, a year ahead of `start`."""
    with uows(read_only=True) as uow:
        ready = [
            (case_id, uow.cases.account_of(case_id))
            for case_id in uow.cases.ids_in([Stage.DOCUMENTS_READY])[:cases]
        ]
    story = Story()
    for n, (case_id, account) in enumerate(ready):
        day = start + timedelta(days=n)

        def event(
            code: str, offset: int, account: str = account, day: date = day, **kw: Any
        ) -> None:
            with uows() as s:
                record_court_event(
                    s,
                    account_id=account,
                    code=code,
                    on=day + timedelta(days=offset),
                    actor=ACTOR,
                    now=now,
                    calendar=calendar,
                    **kw,
                )

        event("submitted", 0)
        event("registered", 5, case_no=f"（{day.year}）京0105民初{1000 + n}号")
        event("served", 20, party="被告")
        story.filed += 1
        if n % 4 == 3:  # some settle by mediation
            event("mediation", 60)
            event("effective", 60)
        else:
            event("judgment", 75)
            event("judgment_served", 80, party="被告")
            event("effective", 96)
        story.judged += 1
        if n % 3 == 0:  # paid after judgment
            _pay_and_close(
                uows, case_id, account, day + timedelta(days=110), now, story, rules, True
            )
            continue
        event("enforcement_applied", 120)
        event("enforcement_registered", 125, case_no=f"（{day.year}）京0105执{500 + n}号")
        event("enforcement_notice", 130)
        event("consumption_ban", 130)
        story.enforced += 1
        if n % 3 == 1:
            sold = _auction(uows, account, day + timedelta(days=140), now, calendar, rules)
            story.auctions += 1
            _pay_and_close(
                uows,
                case_id,
                account,
                day + timedelta(days=LAST_EVENT_DAY),
                now,
                story,
                rules,
                False,
                amount=sold,
            )
        else:
            event("investigation_exhausted", 200)
            event("applicant_heard", 210)
            event("terminated", 230)
            closing = Stage.CLOSED_TERMINATED.value
            story.closed[closing] = story.closed.get(closing, 0) + 1
    return story


def _auction(
    uows: UnitsOfWork,
    account: str,
    day: date,
    now: datetime,
    calendar: WorkCalendar,
    rules: LedgerRules,
) -> Decimal:
    with uows() as s:
        asset = add_asset(
            s,
            account_id=account,
            kind="vehicle",
            description="小型轿车",
            identifier="京A·D1234",
            value=Decimal("60000"),
            necessary_home=False,
            actor=ACTOR,
            now=now,
        )
        record_seizure(
            s,
            asset_id=asset,
            measure="detain",
            stage="enforcement",
            ruling_no="执裁定",
            effective_on=day,
            served_on=None,
            preserved_on=None,
            waiting=False,
            actor=ACTOR,
            now=now,
            calendar=calendar,
        )
        # The court's online inquiry fixes the price before any round (参考价规定 §§1, 30).
        fix_reference_price(
            s,
            asset_id=asset,
            price=Decimal("60000"),
            fixed_on=day + timedelta(days=1),
            actor=ACTOR,
            now=now,
            calendar=calendar,
        )
    opens = datetime.combine(day + timedelta(days=20), datetime.min.time()).replace(
        tzinfo=now.tzinfo
    )
    with uows() as s:
        first = plan_round(
            s,
            asset_id=asset,
            platform="人民法院诉讼资产网",
            reference_price=Decimal("60000"),
            starting_price=Decimal("42000"),
            deposit=Decimal("4200"),
            increment=Decimal("500"),
            notice_on=day + timedelta(days=3),
            starts_at=opens,
            ends_at=opens + timedelta(days=1),
            actor=ACTOR,
            now=now,
        )
        step = record_result(
            s,
            round_id=first,
            result="failed",
            on=day + timedelta(days=21),
            price=None,
            buyer=None,
            actor=ACTOR,
            now=now,
        )
    second_opens = opens + timedelta(days=20)
    price = step.lowest_starting_price if step and step.lowest_starting_price else Decimal("33600")
    with uows() as s:
        second = plan_round(
            s,
            asset_id=asset,
            platform="人民法院诉讼资产网",
            reference_price=Decimal("60000"),
            starting_price=price,
            deposit=(price * Decimal("0.1")).quantize(Decimal("0.01")),
            increment=Decimal("500"),
            notice_on=day + timedelta(days=30),
            starts_at=second_opens,
            ends_at=second_opens + timedelta(days=1),
            actor=ACTOR,
            now=now,
        )
        record_result(
            s,
            round_id=second,
            result="sold",
            on=day + timedelta(days=41),
            price=price + 500,
            buyer="竞买人甲",
            actor=ACTOR,
            now=now,
        )
        # The sale ruling, served after the buyer paid, ends the seizure (解释 §491).
        record_ruling(
            s,
            round_id=second,
            kind="sale",
            on=day + timedelta(days=51),
            actor=ACTOR,
            now=now,
            rules=rules,
            calendar=calendar,
        )
    return price + 500


def _pay_and_close(
    uows: UnitsOfWork,
    case_id: int,
    account: str,
    day: date,
    now: datetime,
    story: Story,
    rules: LedgerRules,
    everything: bool,
    *,
    amount: Decimal | None = None,
) -> None:
    with uows() as s:
        owed = balance(s, case_id, as_of=day, rules=rules).outstanding
        paid = owed if everything else min(owed, amount or Decimal(0))
        if paid > 0:
            record_proceeds(
                s,
                account_id=account,
                amount=paid,
                source="voluntary" if everything else "auction",
                received_on=day,
                actor=ACTOR,
                now=now,
                rules=rules,
            )
    outcome = "recovered" if everything or paid >= owed else "partly_recovered"
    with uows() as s:
        close_case(
            s, account_id=account, outcome=outcome, actor=ACTOR, now=now, on=day, rules=rules
        )
    closing = Closing(outcome).stage.value
    story.closed[closing] = story.closed.get(closing, 0) + 1
