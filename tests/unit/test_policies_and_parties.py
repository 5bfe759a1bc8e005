"""The bank's policies refuse unusable values at and just past each limit; the parties as
court papers name them; a reviewer's decision and a requeue, as the stage machine says."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from legal_flows.domain.distribution import EnforcementPolicy
from legal_flows.domain.errors import IllegalTransition
from legal_flows.domain.filing import DEMAND_DAYS, signing_date
from legal_flows.domain.parties import MAX_AGENTS, appointed_agents, head_role
from legal_flows.domain.policy import Policy
from legal_flows.domain.stages import REQUEUE_TO, Stage, reviewer_target
from legal_flows.domain.sweep import SweepPolicy

D = Decimal


def test_the_shipped_policies_are_usable():
    assert Policy().problems() == []
    assert SweepPolicy().problems() == []
    assert EnforcementPolicy().problems() == []


@pytest.mark.parametrize(
    ("rate", "usable"), [(D("0.0001"), True), (D("0.9999"), True), (D("0"), False), (D("1"), False)]
)
def test_the_cost_cap_is_a_yearly_fraction_strictly_between_zero_and_one(rate, usable):
    assert (Policy(cost_cap_rate=rate).problems() == []) is usable


def test_the_minimum_claim_must_stay_below_the_review_threshold():
    assert Policy(minimum_claim=D("999999.99"), review_threshold=D("1000000")).problems() == []
    assert "minimum_claim < review_threshold" in str(
        Policy(minimum_claim=D("1000000"), review_threshold=D("1000000")).problems()[0]
    )
    assert Policy(minimum_claim=D("-0.01")).problems()


def test_small_claims_must_stay_below_the_agreed_small_claims_ratio_and_above_zero():
    assert Policy(small_claims_ratio=D("1.99"), agreed_small_claims_ratio=D("2")).problems() == []
    assert Policy(small_claims_ratio=D("2"), agreed_small_claims_ratio=D("2")).problems()
    assert Policy(small_claims_ratio=D("0")).problems()


def test_the_wage_base_criminal_threshold_and_warning_days_must_make_sense():
    assert Policy(average_wage=D("0")).problems()
    assert Policy(criminal_threshold=D("0")).problems()
    assert Policy(limitation_warning_days=0).problems() == []
    assert Policy(limitation_warning_days=-1).problems()


def test_sweep_lead_days_are_whole_days_of_known_kinds_and_steps_are_positive():
    default = SweepPolicy()
    assert replace(default, alert_lead_days={"appeal": 0}).problems() == []
    assert [str(p) for p in replace(default, alert_lead_days={"appeal": -1}).problems()] == [
        "[sweep.alert_lead_days] values must be whole days"
    ]
    assert [str(p) for p in replace(default, alert_lead_days={"appeals": 5}).problems()] == [
        "unknown deadline kind(s) in [sweep]: appeals"
    ]
    assert replace(default, alert_steps={"seizure_renewal": (1,)}).problems() == []
    assert replace(default, alert_steps={"seizure_renewal": (0,)}).problems()
    assert replace(default, alert_steps={"seizure_renewal": ()}).problems()


def test_the_waterfall_must_order_every_bucket_exactly_once():
    assert EnforcementPolicy(("principal", "penalty", "interest", "costs")).problems() == []
    assert EnforcementPolicy(("costs", "principal")).problems()
    assert EnforcementPolicy(("costs", "costs", "interest", "principal")).problems()


def test_a_head_office_signs_through_its_legal_representative_a_branch_through_its_head():
    # 民诉法解释 §§50, 52(6).
    assert head_role("董事长") == "法定代表人"
    assert head_role("法定代表人") == "法定代表人"
    assert head_role("行长") == "负责人"
    assert head_role("分行行长") == "负责人"


def test_a_power_of_attorney_names_at_most_two_agents():
    assert MAX_AGENTS == 2  # 民诉法 §61
    assert appointed_agents(["李", "王", "赵"]) == ["李", "王"]
    assert appointed_agents(["李"]) == ["李"]


def test_a_package_is_signed_on_the_day_asked_else_on_the_review_date():
    assert signing_date(None, reviewed_on=date(2026, 11, 29)) == date(2026, 11, 29)
    assert signing_date(date(2026, 12, 1), reviewed_on=date(2026, 11, 29)) == date(2026, 12, 1)
    assert DEMAND_DAYS == 15


def test_a_reviewer_decision_moves_to_its_outcome_or_confirms_where_the_case_stands():
    assert reviewer_target("manual_review", "approved") == Stage.APPROVED
    assert reviewer_target("approved", "rejected") == Stage.REJECTED  # an overrule
    assert reviewer_target("approved", "approved") == Stage.APPROVED  # re-approving with charges
    with pytest.raises(IllegalTransition, match="filed -> approved"):
        reviewer_target("filed", "approved")


def test_a_case_whose_data_changed_goes_back_to_review():
    assert REQUEUE_TO == Stage.REVIEW
