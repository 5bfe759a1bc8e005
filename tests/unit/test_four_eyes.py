"""What a second person is asked to approve: the outcome an overrule proposes, and when leave
to claim the charges may be asked."""

from legal_flows.domain.four_eyes import may_ask_for_charges, overruling
from legal_flows.domain.stages import Stage


def test_an_overrule_proposes_the_other_outcome_and_only_of_an_automatic_decision():
    assert overruling("approved") == Stage.REJECTED
    assert overruling("rejected") == Stage.APPROVED
    assert overruling("manual_review") is None  # a person decides it directly
    assert overruling("filed") is None


def test_leave_to_claim_the_charges_is_asked_only_where_the_rules_left_them_out():
    assert may_ask_for_charges(["court_unconfirmed", "terms_notice_unproven"])
    assert not may_ask_for_charges(["court_unconfirmed"])
