"""Court events and the deadlines they start: worked examples (cn-legal-rules §2, §8 D-E)."""

from datetime import date

import pytest

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.court import (
    ContradictoryEvent,
    CourtRecord,
    check_consistent,
    is_behind,
    stage_reached,
)
from legal_flows.domain.court import CourtEvent as E
from legal_flows.domain.court_deadlines import court_deadlines
from legal_flows.domain.deadlines import MAY_BE_DUE, Status, status_of, stored_status_at
from legal_flows.domain.deadlines import DeadlineKind as K
from legal_flows.domain.stages import IllegalTransition, Stage, path_between
from tests.unit.builders import CAL

AS_OF = date(2026, 11, 29)


def ev(code: E, on: date, party: str = "", detail: str = "") -> CourtRecord:
    return CourtRecord(code, on, party, detail)


def deadlines(*history: CourtRecord, procedure: str = "ordinary", calendar: WorkCalendar = CAL):
    return court_deadlines(list(history), procedure=procedure, calendar=calendar)


def one(kind: K, *history: CourtRecord, **kw: object):
    found = [d for d in deadlines(*history, **kw) if d.kind == kind]  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def test_judgment_served_on_1_june_2026_can_be_appealed_until_16_june():
    d = one(
        K.APPEAL, ev(E.JUDGMENT, date(2026, 5, 20)), ev(E.JUDGMENT_SERVED, date(2026, 6, 1), "被告")
    )
    assert d.due_on == date(2026, 6, 16)
    assert d.party == "被告"
    assert "§171" in d.citation


def test_appeal_window_ending_in_the_national_day_holiday_moves_to_the_first_working_day():
    # 2026-09-18 + 15 = 10-03, inside 10-01..10-07: the period ends on Thursday 10-08.
    d = one(K.APPEAL, ev(E.JUDGMENT_SERVED, date(2026, 9, 18)))
    assert d.due_on == date(2026, 10, 8)
    assert "moved from 2026-10-03" in d.note


def test_year_without_calendar_data_falls_back_to_weekends_and_says_so():
    d = one(K.APPEAL, ev(E.JUDGMENT_SERVED, date(2027, 9, 14)))  # ends Wed 2027-09-29
    assert d.due_on == date(2027, 9, 29)
    assert "no official holiday schedule for 2027" in d.note


def test_each_party_has_its_own_appeal_window_and_the_judgment_takes_effect_after_the_last():
    history = (
        ev(E.JUDGMENT_SERVED, date(2026, 6, 1), "被告"),
        ev(E.JUDGMENT_SERVED, date(2026, 6, 10), "原告"),
    )
    appeals = sorted(d.due_on for d in deadlines(*history) if d.kind == K.APPEAL)
    assert appeals == [date(2026, 6, 16), date(2026, 6, 25)]
    assert one(K.EFFECTIVE, *history).due_on == date(2026, 6, 26)


def test_an_appeal_means_no_effective_date_from_first_instance():
    history = (ev(E.JUDGMENT_SERVED, date(2026, 6, 1)), ev(E.APPEAL_FILED, date(2026, 6, 10)))
    assert [d for d in deadlines(*history) if d.kind == K.EFFECTIVE] == []


def test_small_claims_judgment_is_effective_on_service_with_no_appeal_window():
    found = deadlines(ev(E.JUDGMENT_SERVED, date(2026, 6, 1)), procedure="small_claims")
    assert [(d.kind, d.due_on) for d in found] == [(K.EFFECTIVE, date(2026, 6, 1))]


def test_ruling_can_be_appealed_for_ten_days():
    assert one(K.APPEAL, ev(E.RULING, date(2026, 6, 1))).due_on == date(2026, 6, 11)


def test_registration_decision_within_seven_days_restarting_after_correction():
    assert one(K.REGISTRATION, ev(E.SUBMITTED, date(2026, 3, 2))).due_on == date(2026, 3, 9)
    corrected = one(
        K.REGISTRATION,
        ev(E.SUBMITTED, date(2026, 3, 2)),
        ev(E.CORRECTION_REQUESTED, date(2026, 3, 5)),
    )
    assert corrected.due_on == date(2026, 3, 12)


def test_fee_must_be_paid_within_seven_days_and_is_missed_otherwise():
    notice = ev(E.FEE_NOTICE, date(2026, 3, 3))
    d = one(K.FEE_PAYMENT, notice)
    assert d.due_on == date(2026, 3, 10)
    assert status_of(d, [notice], date(2026, 3, 10)) is Status.OPEN
    assert status_of(d, [notice], date(2026, 3, 11)) is Status.MISSED
    paid = [notice, ev(E.FEE_PAID, date(2026, 3, 9))]
    assert status_of(d, paid, AS_OF) is Status.MET


def test_defence_period_runs_from_service_or_thirty_days_after_public_notice():
    assert one(K.DEFENCE, ev(E.SERVED, date(2026, 3, 20), "被告")).due_on == date(2026, 4, 7)
    # 2026-03-02 + 30 = 04-01 deemed served; + 15 = 04-16.
    assert one(K.DEFENCE, ev(E.PUBLIC_NOTICE, date(2026, 3, 2))).due_on == date(2026, 4, 16)


@pytest.mark.parametrize(
    ("procedure", "due"),
    [
        ("ordinary", date(2026, 9, 7)),
        ("simplified", date(2026, 6, 8)),
        ("small_claims", date(2026, 5, 6)),
    ],
)
def test_trial_time_limit_depends_on_the_procedure(procedure, due):
    # Registered 2026-03-06: +6 months = 09-06 (Sun → 09-07), +3 = 06-06 (Sat → 06-08), +2 = 05-06
    assert one(K.TRIAL_LIMIT, ev(E.REGISTERED, date(2026, 3, 6)), procedure=procedure).due_on == due


def test_payment_order_must_be_served_in_thirty_days_and_objected_to_in_fifteen():
    assert one(
        K.PAYMENT_ORDER_SERVICE, ev(E.PAYMENT_ORDER_ISSUED, date(2026, 4, 1))
    ).due_on == date(2026, 5, 6)
    objection = one(K.PAYMENT_ORDER_OBJECTION, ev(E.PAYMENT_ORDER_SERVED, date(2026, 4, 10)))
    assert objection.due_on == date(2026, 4, 27)  # 04-25 is a Saturday: Monday


def test_pre_action_preservation_requires_suing_within_thirty_days():
    ruled = ev(E.PRESERVATION_RULED, date(2026, 3, 2), detail="pre_action")
    d = one(K.SUE_AFTER_PRESERVATION, ruled)
    assert d.due_on == date(2026, 4, 1)
    assert status_of(d, [ruled, ev(E.SUBMITTED, date(2026, 3, 20))], AS_OF) is Status.MET


def test_enforcement_must_be_applied_for_within_two_years_of_the_performance_deadline():
    # Effective 2026-06-26, performance within 10 days → 07-06; + 2 years = 2028-07-06.
    d = one(K.ENFORCEMENT_APPLICATION, ev(E.EFFECTIVE, date(2026, 6, 26)))
    assert d.due_on == date(2028, 7, 6)


def test_a_judgment_dated_before_the_registration_on_record_is_refused_naming_both():
    history = [ev(E.SUBMITTED, date(2026, 3, 2)), ev(E.REGISTERED, date(2026, 3, 6))]
    with pytest.raises(
        ContradictoryEvent, match="judgment on 2026-03-01 comes before registered on 2026-03-06"
    ):
        check_consistent(history, ev(E.JUDGMENT, date(2026, 3, 1)))


def test_events_arriving_out_of_order_are_accepted():
    history = [ev(E.SERVED, date(2026, 3, 20))]
    check_consistent(history, ev(E.REGISTERED, date(2026, 3, 6)))  # no error


def test_a_registration_dated_after_a_recorded_service_is_refused():
    history = [ev(E.SERVED, date(2026, 3, 20))]
    with pytest.raises(ContradictoryEvent, match="served on 2026-03-20 comes before registered"):
        check_consistent(history, ev(E.REGISTERED, date(2026, 3, 25)))


def test_furthest_event_decides_the_stage_and_the_path_there_is_legal():
    history = [ev(E.SERVED, date(2026, 3, 20)), ev(E.SUBMITTED, date(2026, 3, 2))]
    assert stage_reached(history) is Stage.SERVED
    assert path_between(Stage.DOCUMENTS_READY, Stage.SERVED) == [
        Stage.FILED,
        Stage.REGISTERED,
        Stage.SERVED,
    ]
    assert is_behind(Stage.FILED, Stage.SERVED)
    assert not is_behind(Stage.EFFECTIVE, Stage.SERVED)
    with pytest.raises(IllegalTransition, match="rejected -> filed"):
        path_between(Stage.REJECTED, Stage.FILED)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("(2026)京0105民初12345号", "（2026）京0105民初12345号"),
        ("（2026）京01民终123号", "（2026）京01民终123号"),
        ("（2026）沪0115执4567号", "（2026）沪0115执4567号"),
    ],
)
def test_case_numbers_are_checked_for_shape_and_normalised(raw, normal):
    from legal_flows.domain.court import validate_case_number

    assert validate_case_number(raw) == normal


def test_malformed_case_number_is_refused():
    from legal_flows.domain.court import validate_case_number
    from legal_flows.domain.errors import InvalidValue

    with pytest.raises(InvalidValue, match="not a case number"):
        validate_case_number("2026京0105民初12345")


def test_a_registration_needs_its_case_number_and_any_number_given_is_checked():
    from datetime import date

    import pytest

    from legal_flows.domain.court import CourtEvent, CourtRecord, event_case_number
    from legal_flows.domain.errors import InvalidValue

    registered = CourtRecord(CourtEvent.REGISTERED, date(2026, 3, 6))
    with pytest.raises(InvalidValue, match="needs its case number"):
        event_case_number(registered, None)
    assert event_case_number(registered, "（2026）京0105民初5号") == "（2026）京0105民初5号"
    with pytest.raises(InvalidValue, match="not a case number"):
        event_case_number(registered, "12345")
    served = CourtRecord(CourtEvent.SERVED, date(2026, 3, 20))
    assert event_case_number(served, None) is None


def test_public_notice_is_deemed_served_after_30_days_since_2022_and_60_before_or_abroad():
    # 2021-12-31 + 60 = 2022-03-01 deemed served; + 15 = 03-16.
    old = one(K.DEFENCE, ev(E.PUBLIC_NOTICE, date(2021, 12, 31)))
    assert old.due_on == date(2022, 3, 16)
    # 2022-01-01 + 30 = 01-31; + 15 = 02-15.
    assert one(K.DEFENCE, ev(E.PUBLIC_NOTICE, date(2022, 1, 1))).due_on == date(2022, 2, 15)
    # A party without a domicile in China (民诉法 §283): 60 days, 2026-03-02 → 05-01 → 05-16
    # (a Saturday: the last day moves to Monday 05-18).
    abroad = one(K.DEFENCE, ev(E.PUBLIC_NOTICE, date(2026, 3, 2), detail="abroad"))
    assert abroad.due_on == date(2026, 5, 18)


def test_the_trial_limit_leaves_out_the_public_notice_period():
    registered = ev(E.REGISTERED, date(2026, 3, 6))
    # Simplified: 3 months → 06-06 (a Saturday: 06-08).
    assert one(K.TRIAL_LIMIT, registered, procedure="simplified").due_on == date(2026, 6, 8)
    # Ordinary with a public notice after registration: 6 months (09-06) + 30 days = 10-06
    # (rolled off rest days like any last day).
    notice = ev(E.PUBLIC_NOTICE, date(2026, 4, 1))
    limit = one(K.TRIAL_LIMIT, registered, notice)
    assert limit.due_on == CAL.rollover(date(2026, 10, 6)).due_on
    # A notice before registration (e.g. for a pre-action step) does not extend it.
    early = ev(E.PUBLIC_NOTICE, date(2026, 3, 1))
    assert one(K.TRIAL_LIMIT, registered, early).due_on == CAL.rollover(date(2026, 9, 6)).due_on


def test_the_enforcement_notice_is_due_10_days_after_the_application_is_received():
    applied = ev(E.ENFORCEMENT_APPLIED, date(2026, 7, 10))
    registered = ev(E.ENFORCEMENT_REGISTERED, date(2026, 7, 15))
    notice = one(K.ENFORCEMENT_NOTICE, applied, registered)
    assert notice.due_on == date(2026, 7, 20)  # from 07-10, not 07-15 (民诉法解释 §480)
    assert notice.source == applied


def test_a_preservation_after_judgment_lapses_unless_enforcement_follows_within_5_days():
    effective = ev(E.EFFECTIVE, date(2026, 6, 26))  # perform by 07-06
    ruled = ev(E.PRESERVATION_RULED, date(2026, 6, 30))
    d = one(K.ENFORCE_AFTER_PRESERVATION, effective, ruled)
    assert d.due_on == date(2026, 7, 13)  # 07-11 is a Saturday: Monday 07-13
    assert "§163" in d.citation
    applied = ev(E.ENFORCEMENT_APPLIED, date(2026, 7, 13))
    assert status_of(d, [effective, ruled, applied], AS_OF) is Status.MET
    assert status_of(d, [effective, ruled], date(2026, 7, 14)) is Status.MISSED
    # A preservation before judgment is not this rule's (it lasts into enforcement).
    before = ev(E.PRESERVATION_RULED, date(2026, 3, 4))
    kinds = {x.kind for x in deadlines(before, effective)}
    assert K.ENFORCE_AFTER_PRESERVATION not in kinds


def test_the_two_years_to_apply_run_from_the_instruments_own_last_day():
    effective = ev(E.EFFECTIVE, date(2026, 6, 1))
    last_instalment = date(2027, 5, 31)
    d = court_deadlines(
        [effective], procedure="ordinary", calendar=CAL, performance_until=last_instalment
    )
    (apply,) = [x for x in d if x.kind == K.ENFORCEMENT_APPLICATION]
    assert apply.due_on == CAL.rollover(date(2029, 5, 31)).due_on


def test_the_parties_are_told_three_days_before_the_auction_notice():
    from legal_flows.domain.deadlines import INFORMATIONAL, parties_notified_by

    assert parties_notified_by(date(2026, 8, 5)) == date(2026, 8, 2)  # 网拍规定 §16
    assert K.PARTIES_NOTIFIED in INFORMATIONAL  # the court's duty: the bank checks it


def test_the_trial_limit_leaves_out_an_appraisal_from_its_start_to_its_opinion():
    registered = ev(E.REGISTERED, date(2026, 3, 6))
    started = ev(E.APPRAISAL_STARTED, date(2026, 4, 1))
    ended = ev(E.APPRAISAL_ENDED, date(2026, 4, 30))  # 30 days, both counted (解释 §243)
    plain = one(K.TRIAL_LIMIT, registered, procedure="simplified").due_on
    assert plain == date(2026, 6, 8)  # 06-06 is a Saturday
    limit = one(K.TRIAL_LIMIT, registered, started, ended, procedure="simplified")
    assert limit.due_on == CAL.rollover(date(2026, 7, 6)).due_on  # 06-06 + 30 days
    # While the appraisal runs the limit is stopped: never missed, however long it takes.
    running = one(K.TRIAL_LIMIT, registered, started, procedure="simplified")
    assert running.suspended
    assert "2026-04-01" in running.note
    assert status_of(running, [registered, started], date(2027, 1, 1)) is Status.SUSPENDED
    assert status_of(limit, [registered, started, ended], date(2026, 7, 7)) is Status.MISSED
    # An appraisal that began before registration is not this limit's.
    early = ev(E.APPRAISAL_STARTED, date(2026, 3, 5))
    assert not one(K.TRIAL_LIMIT, registered, early, procedure="simplified").suspended


def test_a_stored_limit_with_its_clock_stopped_stays_stopped_on_any_day():
    from legal_flows.domain.deadlines import status_at

    stopped = status_at(
        "trial_limit", date(2026, 6, 8), met=False, as_of=date(2027, 1, 1), suspended=True
    )
    assert stopped is Status.SUSPENDED
    assert (
        status_at("trial_limit", date(2026, 6, 8), met=True, as_of=date(2027, 1, 1), suspended=True)
        is Status.MET
    )


def test_public_notice_abroad_took_three_months_before_2024():
    from legal_flows.domain.court_deadlines import public_notice_days

    assert public_notice_days(ev(E.PUBLIC_NOTICE, date(2023, 12, 31), detail="abroad")) == 91
    assert public_notice_days(ev(E.PUBLIC_NOTICE, date(2024, 1, 1), detail="abroad")) == 60


def test_zhongben_closes_the_earlier_deadlines_but_keeps_its_asset_checks():
    applied = ev(E.ENFORCEMENT_APPLIED, date(2026, 7, 1))
    terminated = ev(E.TERMINATED, date(2026, 12, 1))
    history = [applied, terminated]
    found = deadlines(*history)
    notice = next(d for d in found if d.kind == K.ENFORCEMENT_NOTICE)
    check = next(d for d in found if d.kind == K.ASSET_CHECK)
    assert status_of(notice, history, date(2026, 12, 2)) is Status.CLOSED
    assert status_of(check, history, date(2026, 12, 2)) is Status.OPEN
    # Resumed (执恢): the 终本 no longer closes anything.
    resumed = [*history, ev(E.RESUMED, date(2027, 3, 1))]
    assert status_of(notice, resumed, date(2027, 3, 2)) is Status.MISSED


def test_a_resumption_on_the_day_of_the_zhongben_wins_as_the_stage_has_it():
    from legal_flows.domain.deadlines import ended_by_termination

    same_day = [ev(E.TERMINATED, date(2026, 12, 1)), ev(E.RESUMED, date(2026, 12, 1))]
    assert ended_by_termination(same_day) is None
    assert ended_by_termination(same_day[::-1]) is None
    assert ended_by_termination(same_day[:1]) is same_day[0]


@pytest.mark.parametrize("stored", list(Status))
@pytest.mark.parametrize("kind", [K.PARTIES_NOTIFIED.value, K.FEE_PAYMENT.value])
def test_a_deadline_listed_as_due_or_missed_on_any_day_has_a_stored_status_sql_keeps(stored, kind):
    # `deadlines --due-within` and `--overdue` leave out in SQL the stored statuses not in
    # MAY_BE_DUE; the day's status must then never have been one they show.
    due = date(2026, 6, 16)
    for as_of in (date(2026, 6, 1), due, date(2026, 6, 17), date(2027, 1, 1)):
        shown = stored_status_at(kind, due, stored.value, as_of)
        if shown in (Status.OPEN, Status.MISSED, Status.SUSPENDED):
            assert stored in MAY_BE_DUE, (stored, as_of, shown)
    assert (stored in MAY_BE_DUE) == (stored not in (Status.MET, Status.CLOSED))
