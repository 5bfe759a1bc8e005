"""The bank's review policy: thresholds that are business choices, with their legal anchors."""

from dataclasses import dataclass
from decimal import Decimal

from legal_flows.domain.errors import Told


@dataclass(frozen=True)
class Policy:
    # Bank policy (not law): below this a suit costs more than it recovers.
    minimum_claim: Decimal = Decimal("5000")
    # Bank policy (not law): large exposures get a person's eyes before filing.
    review_threshold: Decimal = Decimal("1000000")
    # 法发〔2017〕22号 §2 / INT-01: annualised interest + 违约金 + fees above 24% is not supported.
    cost_cap_rate: Decimal = Decimal("0.24")
    # LIM-01 alert lead: a case whose limitation ends within this many days is filed first.
    limitation_warning_days: int = 90
    # 民诉法 §165 / 解释 §272: small claims up to 50% of the province's published average wage.
    average_wage: Decimal = Decimal("124110")
    average_wage_year: int = 2024
    average_wage_source: str = (
        "国家统计局: 2024年全国城镇非私营单位就业人员年平均工资 124,110元 (published 2025-05); "
        "replace with the court's province"
    )
    small_claims_ratio: Decimal = Decimal("0.5")  # 民诉法 §165 (2023): ≤ 50% of the wage base
    # 民诉法 §165 ¶2 (2023): from 50% up to 200% of the wage base the parties may agree to small
    # claims. The simplified procedure itself has no amount cap (§160).
    agreed_small_claims_ratio: Decimal = Decimal("2")
    # 2018 恶意透支解释 §8: ≥ 50,000 CNY unpaid principal is 数额较大.
    criminal_threshold: Decimal = Decimal("50000")
    # Bank choice: apply for a 支付令 where the review found it possible (民诉法 §225), or sue.
    # A single written objection voids the order (§228), so the default is to sue.
    prefer_payment_order: bool = False
    # Regions with a personal bankruptcy law (cn-legal-rules §1.1a): a bankrupt cardholder
    # living there is not sued; elsewhere the flag holds the case for a person.
    personal_bankruptcy_regions: tuple[str, ...] = ("深圳",)

    def problems(self) -> list[Told]:
        """What makes these thresholds unusable, one message each (none: usable)."""
        found: list[Told] = []
        if not 0 < self.cost_cap_rate < 1:
            found.append(
                Told("cost_cap_rate must be a yearly fraction between 0 and 1 (0.24 = 24%)")
            )
        if not 0 <= self.minimum_claim < self.review_threshold:
            found.append(Told("need 0 ≤ minimum_claim < review_threshold"))
        if not 0 < self.small_claims_ratio < self.agreed_small_claims_ratio:
            found.append(Told("need 0 < small_claims_ratio < agreed_small_claims_ratio"))
        if self.average_wage <= 0 or self.criminal_threshold <= 0:
            found.append(Told("average_wage and criminal_threshold must be positive"))
        if self.limitation_warning_days < 0:
            found.append(Told("limitation_warning_days must not be negative"))
        return found
