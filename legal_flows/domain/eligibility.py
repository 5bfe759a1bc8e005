"""Eligibility review of one escalated account: the decision and every reason for it."""

from dataclasses import dataclass
from datetime import date

from legal_flows.domain.calendar import WorkCalendar
from legal_flows.domain.claims import Claim, cap_charges
from legal_flows.domain.criminal import criminal_referral_screen
from legal_flows.domain.facts import CaseFacts, CollectionKind, CollectionRecord
from legal_flows.domain.jurisdiction import JURISDICTION_CITATION, choose_court
from legal_flows.domain.limitation import LimitationStatus, limitation_reasons, limitation_status
from legal_flows.domain.money import ZERO, cny
from legal_flows.domain.policy import Policy
from legal_flows.domain.reasons import Effect, Listing, Outcome, Phrase, Reason, outcome_of
from legal_flows.domain.routing import Procedure, route

# DOC-01 (2025 要素式 信用卡纠纷 complaint): defendant details the complaint cannot leave blank.
COMPLAINT_FIELDS = {
    "ethnicity": "民族",
    "registered_address": "户籍地址",
    "phone": "联系电话",
}
COMPLAINT_CITATION = "民诉法 (2023) §124; 2025 要素式 信用卡纠纷起诉状"
# Each blank field as said in missing_data (built once: the review runs per case).
_MISSING = tuple((name, Phrase(f"{name} ({label})")) for name, label in COMPLAINT_FIELDS.items())
_NO_AGENT = Phrase("creditor agent (委托代理人)")
# Bank policy: below ~3 months of default an annual rate of the charges says little.
MIN_ANNUALISED_DAYS = 90


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    claim: Claim
    procedure: Procedure
    payment_order_candidate: bool
    criminal_referral_candidate: bool
    limitation: LimitationStatus


def review_case(
    facts: CaseFacts, *, policy: Policy, as_of: date, calendar: WorkCalendar
) -> ReviewDecision:
    """Apply every rule; the outcome follows from the reasons (reject > manual > approve)."""
    reasons: list[Reason] = []
    limitation = limitation_of(facts, as_of, calendar)
    reasons.extend(limitation_reasons(limitation, as_of, policy.limitation_warning_days))
    reasons.extend(_exclusions(facts, policy))
    claim = _claim(facts, policy, reasons)
    reasons.extend(_amount(claim, policy))
    reasons.extend(_completeness(facts))
    routing = route(
        claim_total=claim.total,
        claims_charges=claim.charges > 0,
        annual_rate=facts.annual_rate,
        whereabouts_unknown=facts.whereabouts_unknown,
        disputed=facts.disputed,
        reachable=bool((facts.phone or "").strip() or (facts.registered_address or "").strip()),
        policy=policy,
    )
    reasons.extend(routing.reasons)
    reasons.extend(
        _venue(facts, as_of, routing.payment_order_candidate and policy.prefer_payment_order)
    )
    referral = criminal_referral_screen(
        records=facts.collections,
        overdue_since=facts.overdue_since,
        last_payment_on=facts.last_payment_on,
        principal=facts.principal,
        balance_date=facts.balance_date,
        threshold=policy.criminal_threshold,
        as_of=as_of,
    )
    if referral:
        reasons.append(referral)
    outcome = outcome_of(reasons)
    payment_order = routing.payment_order_candidate and outcome != Outcome.REJECTED
    if not payment_order:  # nothing to apply for on a case that is not going to court
        reasons = [r for r in reasons if r.code != "payment_order_candidate"]
    return ReviewDecision(
        outcome=outcome,
        reasons=tuple(reasons),
        claim=claim,
        procedure=routing.procedure,
        payment_order_candidate=payment_order,
        criminal_referral_candidate=referral is not None,
        limitation=limitation,
    )


def limitation_of(facts: CaseFacts, as_of: date, calendar: WorkCalendar) -> LimitationStatus:
    """Where the case's limitation stands on `as_of`: its collection history and the last
    payment replayed (domain.limitation); the review and the recomputation both ask this."""
    events = facts.collections
    if facts.last_payment_on:
        repayment = CollectionRecord(facts.last_payment_on, CollectionKind.REPAYMENT)
        events = (*events, repayment)
    # LIM-01: the period starts when the bank knew of the default (the stored, reviewable date).
    return limitation_status(
        start=facts.overdue_since, events=events, as_of=as_of, calendar=calendar
    )


def _exclusions(facts: CaseFacts, policy: Policy) -> list[Reason]:
    reasons = []
    if facts.deceased:
        # 民法典 §§1159, 1161: the debt passes to the estate; the heirs answer for it up to what
        # they inherit, the estate administrator before it is divided. A person names them.
        reasons.append(
            Reason(
                "deceased",
                "cardholder deceased: the debt is the estate's; a person names the heirs or the "
                "estate administrator (遗产管理人) as defendants before filing",
                "民法典 (2020) §§1145, 1159, 1161",
                Effect.MANUAL,
            )
        )
    if facts.bankrupt:
        reasons.append(_bankruptcy(facts, policy))
    if facts.disputed:
        reasons.append(
            Reason(
                "disputed",
                "cardholder disputes the debt: a person must weigh the dispute before filing",
                "银行卡规定 (2021) §§7-8; 民诉法解释 (2022) §427",
                Effect.MANUAL,
            )
        )
    return reasons


def _bankruptcy(facts: CaseFacts, policy: Policy) -> Reason:
    """Personal bankruptcy law exists only where a region enacted it (深圳经济特区个人破产条例,
    2021): there the claim goes to the administrator and suits stop; elsewhere a bankruptcy
    flag on a person is something a person must look at."""
    addresses = (facts.registered_address or "", facts.residence_address or "")
    region = next(
        (r for r in policy.personal_bankruptcy_regions if any(r in a for a in addresses)), None
    )
    if region is not None:
        return Reason(
            "bankrupt",
            "cardholder in personal bankruptcy in {region}: the claim is declared to the "
            "administrator, not sued",
            # §2 verified (domicile or residence in 深圳, 3 years' social insurance there);
            # that suits stop once a case is accepted is the 条例's scheme, article unverified.
            "深圳经济特区个人破产条例 (2021) §2",
            Effect.REJECT,
            {"region": region},
        )
    return Reason(
        "bankrupt_unconfirmed",
        "bankruptcy flag, but no personal bankruptcy law where the cardholder lives: a person "
        "checks what the flag means before filing",
        "深圳经济特区个人破产条例 (2021) §2 (regional only)",
        Effect.MANUAL,
    )


# The reason the rules leave the charges out for want of notice: where it stands, a reviewer
# may ask leave to claim them (domain.four_eyes.may_ask_for_charges).
CHARGES_LEFT_OUT = "terms_notice_unproven"


def _claim(facts: CaseFacts, policy: Policy, reasons: list[Reason]) -> Claim:
    asked = Claim(facts.principal, facts.interest, facts.penalty, facts.fees)
    unproven = not facts.terms_notice_proven and not facts.charges_allowed_by_reviewer
    if unproven and asked.charges > 0:
        reasons.append(
            Reason(
                CHARGES_LEFT_OUT,
                "no proof the fee and interest clauses were explained: claiming principal "
                "only ({charges} of charges left out) unless a reviewer overrides",
                "民法典 (2020) §496; 银行卡规定 (2021) §2",
                values={"charges": cny(asked.charges)},
            )
        )
        return Claim(facts.principal, ZERO, ZERO, ZERO)
    capped = cap_charges(
        asked,
        overdue_since=facts.overdue_since,
        balance_date=facts.balance_date,
        cap_rate=policy.cost_cap_rate,
    )
    days = (facts.balance_date - facts.overdue_since).days
    if capped.capped and days < MIN_ANNUALISED_DAYS:
        reasons.append(
            Reason(
                "cost_period_short",
                "charges {charges} over only {days} days of default cannot be "
                "annualised reliably (interest accrued before default counts too): a person "
                "checks the itemised calculation",
                "法发〔2017〕22号 §2; INT-01",
                Effect.MANUAL,
                {"charges": cny(asked.charges), "days": days},
            )
        )
        return asked
    if capped.capped:
        reasons.append(
            Reason(
                "cost_above_cap",
                "charges {charges} are {rate} a year, above the {cap} cap: claiming {claimed}",
                "法发〔2017〕22号 §2; 银行卡规定 (2021) §2",
                values={
                    "charges": cny(asked.charges),
                    "rate": f"{capped.annualised_rate:.2%}",
                    "cap": f"{policy.cost_cap_rate:.0%}",
                    "claimed": cny(capped.claim.charges),
                },
            )
        )
    return capped.claim


def _amount(claim: Claim, policy: Policy) -> list[Reason]:
    if claim.total < policy.minimum_claim:
        return [
            Reason(
                "below_minimum",
                "claim {claim} below the policy minimum {minimum}",
                "bank litigation policy (minimum_claim); 诉讼费用交纳办法 §13",
                Effect.REJECT,
                {"claim": cny(claim.total), "minimum": cny(policy.minimum_claim)},
            )
        ]
    if claim.total > policy.review_threshold:
        return [
            Reason(
                "above_review_threshold",
                "claim {claim} above the review threshold {threshold}",
                "bank litigation policy (review_threshold)",
                Effect.MANUAL,
                {"claim": cny(claim.total), "threshold": cny(policy.review_threshold)},
            )
        ]
    return []


def _completeness(facts: CaseFacts) -> list[Reason]:
    missing = [phrase for name, phrase in _MISSING if not (getattr(facts, name) or "").strip()]
    if not facts.has_agent:
        missing.append(_NO_AGENT)
    if not missing:
        return []
    return [
        Reason(
            "missing_data",
            "the complaint needs: {missing}",
            COMPLAINT_CITATION,
            Effect.MANUAL,
            {"missing": Listing(missing)},
        )
    ]


def _venue(facts: CaseFacts, filed_on: date, payment_order: bool) -> list[Reason]:
    """JUR-01: the court must follow from the facts; where it does not (a residence elsewhere
    with no date it began, an address no court can be read from) a person confirms it."""
    if not (facts.registered_address or "").strip():
        return []  # missing_data already holds the case
    choice = choose_court(
        court=facts.court,
        agreed_court=facts.agreed_court,
        terms_notice_proven=facts.terms_notice_proven,
        registered_address=facts.registered_address or "",
        residence_address=facts.residence_address,
        residence_since=facts.residence_since,
        filed_on=filed_on,
        payment_order=payment_order,
        performance_court=facts.performance_court,
    )
    if choice.unsettled is None:
        return []
    return [
        Reason(
            "court_unconfirmed",
            "{problem}; set it with `legal-flows cases court`",
            JURISDICTION_CITATION,
            Effect.MANUAL,
            # choose_court's words are fixed sentences: each is a msgid of its own.
            {"problem": Phrase(choice.unsettled)},
        )
    ]
