"""Which court hears the claim (JUR-01): a clause the cardholder was shown, else his domicile."""

import re
from dataclasses import dataclass

# 直辖市 keep their name in the court's; elsewhere the province is dropped: 广州市天河区人民法院.
_ADDRESS = re.compile(
    r"^(?:(?P<province>[^省]+省|[^区]+自治区))?(?P<city>[^市]+市)(?P<district>[^区县市]+(?:区|县|市))"
)


@dataclass(frozen=True)
class CourtChoice:
    court: str | None
    basis: str


def basic_court_for(address: str) -> str | None:
    """The basic-level people's court of an address's district (区/县/县级市), if readable."""
    match = _ADDRESS.match(address.strip())
    if not match:
        return None
    return f"{match['city']}{match['district']}人民法院"


def choose_court(
    *, court: str | None, agreed_court: str | None, terms_notice_proven: bool, domicile: str
) -> CourtChoice:
    """A court already set on the case wins; then a choice-of-court clause; then the domicile.

    民诉法 §35: parties may agree a court connected to the dispute; 解释 §31: in a standard-form
    contract the consumer may void a clause that was not brought to his attention, so the
    clause is used only where the terms notice is proven. 民诉法 §22: otherwise the
    defendant's domicile (户籍地, 解释 §3).
    """
    if court:
        return CourtChoice(court, "法院已由承办人确定")
    if agreed_court and terms_notice_proven:
        return CourtChoice(
            agreed_court, "《信用卡领用合约》约定管辖，《中华人民共和国民事诉讼法》第三十五条"
        )
    return CourtChoice(
        basic_court_for(domicile), "被告住所地法院管辖，《中华人民共和国民事诉讼法》第二十二条"
    )
