"""The policy file legal staff edit, and bad configuration refused with a clear reason."""

from decimal import Decimal
from pathlib import Path

import pytest

from legal_flows.bootstrap import package_calendar
from legal_flows.domain.policy import Policy
from legal_flows.policy_file import load_policies
from legal_flows.services.errors import InputError

SHIPPED = Path(__file__).resolve().parents[2] / "legal_flows" / "policy.toml"


def test_shipped_policy_file_equals_the_built_in_defaults():
    assert load_policies(SHIPPED).review == Policy()


def test_policy_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('minimum_claim = "8000"\ncost_cap_rate = 0.2\n', encoding="utf-8")
    policy = load_policies(path).review
    assert policy.minimum_claim == Decimal("8000")
    assert policy.cost_cap_rate == Decimal("0.2")  # from the float's text, not its binary value
    assert policy.review_threshold == Policy().review_threshold


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cost_cap_rate = 24", "between 0 and 1"),
        ("limitation_warning_days = 90.5", "limitation_warning_days = 90.5 is not a valid value"),
        ("minimum_clam = 1", "unknown policy key(s): minimum_clam"),
        ('minimum_claim = "abc"', "minimum_claim = 'abc' is not a valid value"),
        ("[review\n", "not valid TOML"),
    ],
)
def test_bad_policy_file_is_refused_naming_the_problem(tmp_path, text, message):
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_policies(path)


def test_holiday_calendar_knows_the_2026_spring_festival_and_its_make_up_day():
    from datetime import date

    calendar = package_calendar()
    assert not calendar.is_working_day(date(2026, 2, 17))  # 春节
    assert calendar.is_working_day(date(2026, 2, 14))  # Saturday worked (调休)
    assert 2026 in calendar.covered_years


def test_sweep_lead_times_and_quiet_limits_come_from_the_policy_file(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[review]\nminimum_claim = "6000"\n[sweep.alert_lead_days]\nappeal = 7\n'
        "[sweep.stalled_after_days]\nserved = 60\n",
        encoding="utf-8",
    )
    sweep = load_policies(path).sweep
    assert sweep.lead("appeal") == 7
    assert sweep.lead("limitation") == 90  # untouched default
    assert sweep.stalled_after_days["served"] == 60
    assert load_policies(path).review.minimum_claim == Decimal("6000")
    path.write_text("[sweep.alert_lead_days]\nappeals = 7\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown deadline kind"):
        load_policies(path)


def test_waterfall_order_comes_from_the_policy_file_and_must_name_every_bucket(tmp_path):
    assert load_policies(SHIPPED).enforcement.waterfall == (
        "costs",
        "interest",
        "penalty",
        "principal",
    )
    path = tmp_path / "p.toml"
    path.write_text(
        '[enforcement]\nwaterfall = ["costs", "principal", "interest", "penalty"]\n',
        encoding="utf-8",
    )
    assert load_policies(path).enforcement.waterfall[1] == "principal"
    path.write_text('[enforcement]\nwaterfall = ["costs", "principal"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="must order exactly"):
        load_policies(path)


def test_alert_steps_are_configurable(tmp_path):
    assert load_policies(SHIPPED).sweep.alert_steps["seizure_renewal"] == (60, 30, 15)
    path = tmp_path / "p.toml"
    path.write_text("[sweep.alert_steps]\nseizure_renewal = [45, 10]\n", encoding="utf-8")
    assert load_policies(path).sweep.step("seizure_renewal", 20) == 45


CREDITOR = """[[creditor]]
code = "BJ01"
name = "某某银行股份有限公司北京分行"
address = "北京市西城区金融大街1号"
credit_code = "91110000100000000R"
head_name = "张三"
head_title = "行长"
phone = "010-00000000"
"""


def _creditors(tmp_path, extra: str = "") -> Path:
    path = tmp_path / "creditors.toml"
    path.write_text(CREDITOR + extra, encoding="utf-8")
    return path


def test_a_creditors_file_without_settings_keeps_working_with_neutral_defaults(tmp_path):
    from legal_flows.services.intake.creditors import read_creditors_file

    (spec,) = read_creditors_file(_creditors(tmp_path))
    assert spec.settings.complaint_style == "elements"
    assert spec.settings.card_agreement.interest_clause == ""
    assert not spec.settings.agent_receives_money


def test_creditor_settings_are_read_and_stored(tmp_path, db_url):
    from sqlalchemy import select

    from legal_flows.services.intake.creditors import configure_creditors, read_creditors_file
    from legal_flows.store.db import get_engine
    from legal_flows.store.tables import CREDITOR as TABLE
    from tests.helpers import ACTOR, NOW, uow

    path = _creditors(
        tmp_path,
        'complaint_style = "prose"\nagent_receives_money = true\n'
        '[creditor.card_agreement]\ninterest_clause = "第五条"\n',
    )
    specs = read_creditors_file(path)
    engine = get_engine(db_url)
    with uow(engine) as w:
        assert configure_creditors(w, specs, actor=ACTOR, now=NOW) == 1
    with uow(engine) as w:
        assert configure_creditors(w, specs, actor=ACTOR, now=NOW) == 0  # unchanged: no audit
        stored = w.session.execute(select(TABLE.c.settings)).scalar_one()
    assert stored["complaint_style"] == "prose"
    assert stored["agent_receives_money"] is True
    assert stored["card_agreement"]["interest_clause"] == "第五条"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('complaint_style = "fancy"\n', "complaint_style must be one of elements, prose"),
        ('mediaton = "是"\n', "unknown key(s): mediaton"),
        ('agent_receives_money = "yes"\n', "agent_receives_money must be bool"),
        ('[creditor.card_agreement]\nclause = "x"\n', "unknown key(s): card_agreement.clause"),
        ('mediation = "可以"\n', "mediation must be one of 是, 否, 暂不确定"),
    ],
)
def test_a_bad_creditor_setting_is_refused_naming_the_creditor_and_key(tmp_path, extra, message):
    from legal_flows.services.intake.creditors import read_creditors_file

    with pytest.raises(InputError) as err:
        read_creditors_file(_creditors(tmp_path, extra))
    assert message in str(err.value)
    assert "BJ01" in str(err.value) or "creditor" in str(err.value)
