"""What a creditor (the bank entity that sues) says about itself and its card agreement: the
facts the 要素式 complaint asks for that the accounts file does not carry, and its choices.

All optional: without them the documents use neutral wording (按《信用卡领用合约》约定), so a
creditors file written before these settings existed keeps working.
"""

from dataclasses import dataclass, field, fields
from typing import Any

COMPLAINT_STYLES = ("elements", "prose")  # 要素式 (the SPC's form) or the prose complaint
AUTHORITIES = ("special", "general")  # 特别授权 / 一般授权 (民诉法解释 §89)
MEDIATION = ("是", "否", "暂不确定")  # 是否考虑先行调解 (2025 要素式 form)


@dataclass(frozen=True)
class CardAgreement:
    """The card agreement's terms as the complaint pleads them (clause numbers, methods)."""

    title: str = "《信用卡领用合约》"
    interest_clause: str = ""  # e.g. 第五条: 透支利息
    penalty_clause: str = ""  # 违约金
    fees_clause: str = ""  # 手续费 and other fees
    default_clause: str = ""  # 逾期认定 and 违约责任
    jurisdiction_clause: str = ""  # 约定管辖
    jurisdiction_text: str = ""  # the clause's own words
    calculation: str = ""  # 利息、违约金、手续费等的计算标准
    overdue_rule: str = ""  # when an account is overdue (逾期认定)
    termination: str = ""  # 解除条件
    notice_how: str = ""  # 提示说明: how the terms were pointed out and explained
    notice_when: str = ""
    notice_where: str = ""


@dataclass(frozen=True)
class CreditorSettings:
    entity_type: str = ""  # 主体类型, e.g. 股份有限公司
    registered_place: str = ""  # 注册地/登记地 (blank: the address)
    complaint_style: str = "elements"
    # Sue at the place of performance, this court (民诉法 §24; 解释 §18: for money, where
    # the receiving party is). Blank: off, the cardholder's domicile decides.
    performance_court: str = ""
    service_address: str = ""  # 送达地址 (blank: the address)
    service_recipient: str = ""  # 收件人 (blank: the creditor)
    service_phone: str = ""  # (blank: the creditor's phone)
    electronic_service: str = ""  # 同意电子送达 by this 方式, e.g. 邮箱 legal@bank.cn; blank: not
    agent_authority: str = "special"
    agent_receives_money: bool = False  # special authority to receive money (执行工作规定 §20)
    mediation: str = "暂不确定"
    repayment_account: str = ""  # where the demand letter asks the cardholder to pay
    card_agreement: CardAgreement = field(default_factory=CardAgreement)

    def problems(self) -> list[str]:
        found = []
        if self.complaint_style not in COMPLAINT_STYLES:
            found.append(f"complaint_style must be one of {', '.join(COMPLAINT_STYLES)}")
        if self.agent_authority not in AUTHORITIES:
            found.append(f"agent_authority must be one of {', '.join(AUTHORITIES)}")
        if self.mediation not in MEDIATION:
            found.append(f"mediation must be one of {', '.join(MEDIATION)}")
        return found

    def as_dict(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "card_agreement"}
        agreement = {f.name: getattr(self.card_agreement, f.name) for f in fields(CardAgreement)}
        return {**values, "card_agreement": agreement}


def settings_from(values: dict[str, Any]) -> CreditorSettings:
    """Settings from their stored or written form; unknown keys raise KeyError naming them."""
    top = {f.name for f in fields(CreditorSettings)}
    unknown = sorted(set(values) - top)
    agreement = dict(values.get("card_agreement") or {})
    unknown += sorted(
        f"card_agreement.{k}" for k in set(agreement) - {f.name for f in fields(CardAgreement)}
    )
    if unknown:
        raise KeyError(", ".join(unknown))
    plain = {k: v for k, v in values.items() if k != "card_agreement"}
    return CreditorSettings(**plain, card_agreement=CardAgreement(**agreement))
