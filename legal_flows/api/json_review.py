"""The JSON API of decisions: the review queue, a reviewer's decision, court events, and
four eyes (proposals a second person approves or declines)."""

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Response, UploadFile
from fastapi.responses import JSONResponse

from legal_flows.api import actions
from legal_flows.api.auth import CsrfChecked, PortalDep, SignedIn
from legal_flows.api.json_api import NOT_FOUND, Id
from legal_flows.api.schemas import (
    AnswerOut,
    AnswerRequest,
    CourtEventRequest,
    DecisionOut,
    DecisionRequest,
    HolderCorrection,
    ProposalItem,
    ProposalOut,
    RecordedOut,
    ReopenRequest,
    ReviewItem,
)
from legal_flows.domain.access import Permission
from legal_flows.services.cases.queries import review_queue
from legal_flows.services.portal import papers
from legal_flows.services.portal.views import require
from legal_flows.services.review.proposals import pending

router = APIRouter(prefix="/api")


@router.get("/reviews", responses={403: {}})
def reviews(current: SignedIn, app: PortalDep) -> list[ReviewItem]:
    """The manual-review queue (legal staff)."""
    require(current.user, Permission.DECIDE_REVIEWS)
    with app.uow(read_only=True) as uow:
        return [ReviewItem.model_validate(i) for i in review_queue(uow)]


@router.post(
    "/cases/{case_id}/decision",
    response_model=DecisionOut,
    responses={**NOT_FOUND, 202: {"model": ProposalOut}, 403: {}, 409: {}},
)
def decision(case_id: Id, body: DecisionRequest, current: CsrfChecked, app: PortalDep) -> Any:
    """Decide a case as the named reviewer (legal staff); same rules and audit as the CLI.
    With `overrule` or `allow_charges` it is a proposal (202) that a different legal-staff
    user approves or declines under /api/proposals; nothing changes until then."""
    result = actions.decide(app, current.user, case_id=case_id, **body.model_dump())
    if isinstance(result, dict):
        return JSONResponse(ProposalOut(**result).model_dump(), status_code=202)
    return DecisionOut(**asdict(result))


@router.post("/cases/{case_id}/events", responses={**NOT_FOUND, 403: {}, 409: {}, 422: {}})
def court_event(
    case_id: Id, body: CourtEventRequest, current: CsrfChecked, app: PortalDep
) -> RecordedOut:
    """Record a court event with its date (and 案号, party…), as `court record` does: the
    same checks, every deadline recomputed; a lawyer on the cases they hold."""
    recorded = actions.record_event(
        app,
        current.user,
        case_id=case_id,
        code=body.code,
        on=body.on,
        case_no=body.case_no,
        party=body.party or "",
        detail=body.detail or "",
        procedure=body.procedure,
        amount=body.amount,
    )
    return RecordedOut(**asdict(recorded))


@router.post("/cases/{case_id}/reopen", status_code=202, responses={**NOT_FOUND, 403: {}, 409: {}})
def reopen(case_id: Id, body: ReopenRequest, current: CsrfChecked, app: PortalDep) -> ProposalOut:
    """Propose re-opening a closed case; a different legal-staff user approves it."""
    return ProposalOut(**actions.reopen(app, current.user, case_id=case_id, reason=body.reason))


@router.get("/proposals", responses={403: {}})
def proposals(current: SignedIn, app: PortalDep) -> list[ProposalItem]:
    """Proposals waiting for a second person (legal staff)."""
    require(current.user, Permission.DECIDE_REVIEWS)
    with app.uow(read_only=True) as uow:
        return [ProposalItem.model_validate(p) for p in pending(uow)]


@router.post("/proposals/{proposal_id}/{verdict}", responses={**NOT_FOUND, 403: {}, 409: {}})
def answer_proposal(
    proposal_id: Id,
    verdict: Annotated[str, Path(pattern="^(approve|decline)$")],
    current: CsrfChecked,
    app: PortalDep,
    body: AnswerRequest | None = None,
) -> AnswerOut:
    """Approve (carried out now) or decline (a reason needed) someone else's proposal."""
    reason = body.reason if body and body.reason else ""
    result = actions.answer_proposal(
        app, current.user, proposal_id=proposal_id, approve=verdict == "approve", reason=reason
    )
    return AnswerOut(**result)


@router.post("/cases/{case_id}/papers", status_code=201, responses={**NOT_FOUND, 403: {}, 413: {}})
async def upload_paper(
    case_id: Id,
    current: CsrfChecked,
    app: PortalDep,
    file: UploadFile,
    kind: Annotated[str, Form(max_length=24)],
    received_on: Annotated[date, Form()],
) -> dict[str, Any]:
    """Upload a court paper (PDF, PNG or JPEG, up to LEGAL_FLOWS_PORTAL_MAX_UPLOAD_BYTES): kept
    by its SHA-256 in the case's file store, audited; a lawyer on the cases they hold."""
    data = await file.read()
    with app.uow() as uow:
        return papers.upload_paper(
            uow,
            app.store,
            user=current.user,
            case_id=case_id,
            kind=kind,
            received_on=received_on,
            filename=file.filename or "",
            data=data,
            now=app.now(),
        )


@router.get(
    "/papers/{paper_id}",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {m: {} for m in papers.MEDIA.values()}}},
)
def paper(paper_id: Id, current: SignedIn, app: PortalDep) -> Response:
    """A court paper's bytes (checked against its hash); the download is audited."""
    with app.uow() as uow:
        data, name, media = papers.download_paper(
            uow, app.store, user=current.user, paper_id=paper_id, now=app.now()
        )
    return actions.attachment(data, filename=name, media_type=media)


@router.put("/cases/{case_id}/holder", responses={**NOT_FOUND, 403: {}, 409: {}, 422: {}})
def correct_holder(
    case_id: Id, body: HolderCorrection, current: CsrfChecked, app: PortalDep
) -> dict[str, Any]:
    """Complete the holder's phone, 民族 or addresses (legal staff, before filing): the case
    goes back to review on the completed data."""
    changes = {k: v for k, v in body.model_dump().items() if v}
    return dict(actions.correct_holder(app, current.user, case_id=case_id, changes=changes))
