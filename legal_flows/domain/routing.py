"""Which procedure a claim takes, and whether a payment order fits (ROUTE-01..03)."""

import functools
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from legal_flows.domain.money import cny
from legal_flows.domain.policy import Policy
from legal_flows.domain.reasons import Reason


class Procedure(StrEnum):
    SMALL_CLAIMS = "small_claims"  # 小额诉讼
    SIMPLIFIED = "simplified"  # 简易程序
    ORDINARY = "ordinary"  # 普通程序


@dataclass(frozen=True, slots=True)
class Routing:
    procedure: Procedure
    payment_order_candidate: bool
    reasons: tuple[Reason, ...]


@functools.cache
def _in_words(wage: Decimal) -> str:
    """The wage base as the reasons say it: the same for every case a policy reviews."""
    return cny(wage)


def route(
    *,
    claim_total: Decimal,
    claims_charges: bool,
    annual_rate: Decimal,
    whereabouts_unknown: bool,
    disputed: bool,
    reachable: bool,
    policy: Policy,
) -> Routing:
    """Pick the procedure by amount against the provincial wage base, then screen 支付令.

    Cards are sued in basic-level courts and raise no appraisal or counterclaim at intake,
    so the only §166 exclusion the data can show is a defendant whose whereabouts are unknown.
    """
    # The amount against the wage base, as the procedure reasons say it.
    band = {
        "claim": cny(claim_total),
        "wage": _in_words(policy.average_wage),
        "year": policy.average_wage_year,
    }
    if whereabouts_unknown:
        # 民诉法解释 §§140, 257(1): no simplified procedure and no public notice under it.
        procedure = Procedure.ORDINARY
        why = Reason(
            "procedure_ordinary",
            "defendant's whereabouts unknown: ordinary procedure, service by public notice",
            "民诉法解释 (2022) §§140, 257(1); 民诉法 (2023) §166",
        )
    elif claim_total <= policy.average_wage * policy.small_claims_ratio:
        procedure = Procedure.SMALL_CLAIMS
        why = Reason(
            "procedure_small_claims",
            "claim {claim} ≤ {ratio} × {wage} (average wage {year})",
            "民诉法 (2023) §165; 民诉法解释 (2022) §272",
            values=band | {"ratio": str(policy.small_claims_ratio)},
        )
    else:
        # 民诉法 §160: the simplified procedure has no amount cap; a card debt with its
        # statements and agreement is a simple case, so it is the prediction whatever the
        # amount. The procedure the court records at registration overrides it.
        procedure = Procedure.SIMPLIFIED
        if claim_total <= policy.average_wage * policy.agreed_small_claims_ratio:
            template = (
                "claim {claim} ≤ {ratio} × {wage} (average wage {year}): small claims only if "
                "both parties agree (§165 ¶2); simplified procedure predicted (no amount cap); "
                "the court decides"
            )
            ratio = policy.agreed_small_claims_ratio
        else:
            template = (
                "claim {claim} above {ratio} × {wage} (average wage {year}); simplified "
                "procedure predicted (no amount cap); the court decides"
            )
            ratio = policy.small_claims_ratio
        why = Reason(
            "procedure_simplified",
            template,
            "民诉法 (2023) §§160, 165",
            values=band | {"ratio": str(ratio)},
        )
    # 民诉法 §225 (2023); 解释 §§427-428: a fixed money debt, no other dispute, a debtor in
    # China who can be served, and interest only where the contract provides for it.
    payment_order = (
        not whereabouts_unknown
        and not disputed
        and reachable
        and (not claims_charges or annual_rate > 0)
    )
    reasons = [why]
    if payment_order:
        reasons.append(
            Reason(
                "payment_order_candidate",
                "a 支付令 is possible: fixed money debt, debtor reachable, no other dispute",
                "民诉法 (2023) §225; 民诉法解释 (2022) §§427-428",
            )
        )
    return Routing(procedure, payment_order, tuple(reasons))
