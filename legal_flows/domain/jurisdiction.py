"""Which court hears the claim (JUR-01): a court a person set, the payment-order court, an
agreed court the cardholder was shown, the place of performance, else the domicile."""

from dataclasses import dataclass
from datetime import date

from legal_flows.domain.court_names import basic_court_for
from legal_flows.domain.dates import add_years

RESIDENCE_YEARS = 1  # 民诉法解释 §4: 经常居住地 = lived there continuously a year or more
CPL = "《中华人民共和国民事诉讼法》"
SPC = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
JURISDICTION_CITATION = "民诉法 (2023) §§22, 24, 35; 民诉法解释 (2022) §§3-4, 18, 23, 31"


@dataclass(frozen=True)
class CourtChoice:
    court: str | None
    basis: str  # the complaint's words for why this court hears the claim
    # Why a person must confirm the court before filing (None: the rules decide it).
    unsettled: str | None = None


@dataclass(frozen=True)
class Domicile:
    court: str | None
    basis: str
    unsettled: str | None = None


def domicile_court(
    *,
    registered_address: str,
    residence_address: str | None,
    residence_since: date | None,
    filed_on: date,
) -> Domicile:
    """民诉法 §22; 解释 §§3-4: a natural person's domicile is the 户籍 place, unless they have
    lived elsewhere continuously for a year or more when the suit is filed: then that place
    of habitual residence (经常居住地). A residence in another court's area with no date it
    began cannot be decided by the data: a person confirms it."""
    registered = basic_court_for(registered_address)
    if not residence_address or residence_address == registered_address:
        residence_address, residence = None, registered  # no other place to weigh
    else:
        residence = basic_court_for(residence_address)
    if residence_address and residence != registered:
        if residence_since is None:
            return Domicile(
                None,
                "",
                "the cardholder lives elsewhere than the 户籍 (a different court) and the date "
                "that residence began is unknown: confirm the court (a year or more there "
                "makes it the 经常居住地)",
            )
        if add_years(residence_since, RESIDENCE_YEARS) <= filed_on:
            if residence is None:
                return Domicile(None, "", "no court can be read from the residence address")
            return Domicile(
                residence,
                f"被告经常居住地法院管辖，{CPL}第二十二条、{SPC}第四条",
            )
    if registered is None:
        return Domicile(None, "", "no court can be read from the 户籍 address")
    return Domicile(registered, f"被告住所地法院管辖，{CPL}第二十二条")


def choose_court(
    *,
    court: str | None,
    agreed_court: str | None,
    terms_notice_proven: bool,
    registered_address: str,
    residence_address: str | None = None,
    residence_since: date | None = None,
    filed_on: date,
    payment_order: bool = False,
    performance_court: str | None = None,
) -> CourtChoice:
    """A court already set on the case wins; a payment order goes to the domicile's basic
    court whatever was agreed (解释 §23); then a choice-of-court clause shown to the
    cardholder (民诉法 §35; 解释 §31: a standard-form clause not brought to the consumer's
    attention may be voided); then the place of performance where the creditor chose to sue
    there (民诉法 §24; 解释 §18: for money, where the receiving party is); else the domicile."""
    if court:
        return CourtChoice(court, "法院已由承办人确定")
    home = domicile_court(
        registered_address=registered_address,
        residence_address=residence_address,
        residence_since=residence_since,
        filed_on=filed_on,
    )
    if payment_order:
        basis = f"债务人住所地基层人民法院管辖，{SPC}第二十三条"
        return CourtChoice(home.court, basis if home.court else "", home.unsettled)
    if agreed_court and terms_notice_proven:
        return CourtChoice(agreed_court, f"《信用卡领用合约》约定管辖，{CPL}第三十五条")
    if performance_court:
        return CourtChoice(
            performance_court,
            f"合同履行地（接收货币一方所在地）法院管辖，{CPL}第二十四条、{SPC}第十八条",
        )
    return CourtChoice(home.court, home.basis, home.unsettled)
