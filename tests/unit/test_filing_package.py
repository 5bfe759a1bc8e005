from legal_flows.domain.filing import DocumentKind as D
from legal_flows.domain.filing import filing_package


def package(**overrides: object) -> tuple[D, ...]:
    fields: dict[str, object] = {
        "outcome": "approved",
        "payment_order_candidate": False,
        "prefer_payment_order": False,
        "has_asset_leads": False,
        "demand_letter_requested": False,
        **overrides,
    }
    return filing_package(**fields)  # type: ignore[arg-type]


def test_approved_case_gets_a_complaint_with_evidence_list_attorney_and_identity_papers():
    assert package() == (D.COMPLAINT, D.EVIDENCE_LIST, D.POWER_OF_ATTORNEY, D.IDENTITY_CERTIFICATE)


def test_asset_leads_add_a_preservation_application_to_a_complaint():
    assert D.PRESERVATION in package(has_asset_leads=True)


def test_payment_order_route_replaces_the_complaint_and_excludes_preservation():
    kinds = package(payment_order_candidate=True, prefer_payment_order=True, has_asset_leads=True)
    assert D.PAYMENT_ORDER in kinds
    assert D.COMPLAINT not in kinds
    assert D.PRESERVATION not in kinds


def test_payment_order_candidate_is_sued_when_the_bank_prefers_a_suit():
    assert D.COMPLAINT in package(payment_order_candidate=True, prefer_payment_order=False)


def test_demand_letter_only_when_requested_and_first():
    assert D.DEMAND_LETTER not in package()
    assert package(demand_letter_requested=True)[0] is D.DEMAND_LETTER


def test_cases_not_approved_get_no_documents():
    for outcome in ("rejected", "manual_review"):
        assert package(outcome=outcome) == ()


def test_a_download_is_named_by_account_case_number_and_title():
    from legal_flows.services.filing.package import download_name

    named = download_name("ACC00000001", "（2026）京0105民初9号", "complaint", "docx")
    assert named == "ACC00000001_（2026）京0105民初9号_民事起诉状.docx"
    assert download_name("ACC00000001", None, "complaint", "pdf") == "ACC00000001_民事起诉状.pdf"
