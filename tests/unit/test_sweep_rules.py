from datetime import date

from legal_flows.domain.sweep import SweepPolicy, alert_category, is_stalled

AS_OF = date(2026, 11, 29)
POLICY = SweepPolicy()


def test_limitation_is_flagged_ninety_days_ahead_not_ninety_one():
    assert alert_category("limitation", date(2027, 2, 27), "open", AS_OF, POLICY) == "due"
    assert alert_category("limitation", date(2027, 2, 28), "open", AS_OF, POLICY) is None


def test_a_passed_duty_is_missed_but_a_passed_window_for_others_is_not_an_alert():
    assert alert_category("fee_payment", date(2026, 11, 28), "open", AS_OF, POLICY) == "missed"
    assert alert_category("appeal", date(2026, 11, 28), "open", AS_OF, POLICY) is None


def test_met_deadlines_raise_nothing():
    assert alert_category("fee_payment", date(2026, 11, 30), "met", AS_OF, POLICY) is None


def test_a_registered_case_without_news_for_forty_six_days_is_stalled():
    assert is_stalled("registered", date(2026, 10, 14), AS_OF, POLICY)
    assert not is_stalled("registered", date(2026, 10, 15), AS_OF, POLICY)
    assert not is_stalled("approved", date(2020, 1, 1), AS_OF, POLICY)  # not a court stage


def test_a_renewal_is_alerted_at_sixty_thirty_and_fifteen_days():
    assert [POLICY.step("seizure_renewal", d) for d in (60, 45, 30, 20, 15, 3)] == [
        60,
        60,
        30,
        30,
        15,
        15,
    ]
    assert POLICY.step("appeal", 4) == 5  # one alert for kinds without steps
