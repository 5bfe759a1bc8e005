"""The JSON API's request and response shapes (they make the OpenAPI document)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator

from legal_flows.services.portal.case_list import CaseFilter

# Names and free text: printable, bounded (a NUL byte or a megabyte is refused with a 422).
Name = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")]
# Free text keeps its line breaks (LF, or a CRLF pair); any other control character is refused.
Text = Annotated[
    str, Field(min_length=1, max_length=2000, pattern=r"^(?:[^\x00-\x1f\x7f]|\n|\r\n)+$")
]
Secret = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]+$")]


class UserOut(BaseModel):
    id: int
    name: str
    role: str


class SignInRequest(BaseModel):
    name: Name
    password: Secret


class SignInOut(BaseModel):
    user: UserOut
    csrf_token: str = Field(description="Send back in the X-CSRF-Token header on every write.")
    expires_at: datetime


class NextDeadline(BaseModel):
    kind: str
    due_on: date
    status: str
    calendar_confirmed: bool  # false: its year has no official holiday schedule yet
    provisional: bool  # open on such a year: loading the year may move it


class CaseSummary(BaseModel):
    id: int
    account_id: str
    stage: str
    court_case_no: str | None
    holder: str = Field(description="Masked name")
    id_number: str = Field(description="Masked ID number")
    claim_total: str | None
    lawyer: str | None
    next_deadline: NextDeadline | None


class CaseQuery(BaseModel):
    """The case list's search, filters and order (query parameters)."""

    q: str = Field(default="", max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")
    stage: str | None = Field(default=None, max_length=32)
    lawyer: str | None = Field(default=None, max_length=100)
    unassigned: bool = False
    court: str | None = Field(default=None, max_length=100)
    due_within: int | None = Field(default=None, ge=0, le=3650)
    overdue: bool = False
    sort: str = Field(
        default="next_deadline",
        pattern=r"^(next_deadline|account_id|stage|holder|court|court_case_no|claim_total|lawyer)$",
    )
    desc: bool = False

    @field_validator("due_within", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        # The page's filter form sends its empty number box as `due_within=`: no filter.
        return None if value == "" else value

    def as_filter(self) -> CaseFilter:
        return CaseFilter(
            q=self.q,
            stage=self.stage or None,
            lawyer=self.lawyer or None,
            unassigned=self.unassigned,
            court=self.court or None,
            due_within=self.due_within,
            overdue=self.overdue,
            sort=self.sort,
            descending=self.desc,
        )


class CaseListQuery(CaseQuery):
    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class CasePageQuery(CaseQuery):
    page: int = Field(default=1, ge=1, le=100_000)


class BulkAssign(BaseModel):
    case_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(min_length=1, max_length=500)
    lawyer: Name | None = None


class BulkAssignOut(BaseModel):
    assigned: int
    lawyer: str | None


class CaseList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[CaseSummary]


class ReasonOut(BaseModel):
    code: str
    message: str
    citation: str
    effect: str


class TimelineItem(BaseModel):
    date: date
    type: str
    code: str
    detail: str
    status: str
    # A deadline's: false when its year has no official holiday schedule yet, and whether,
    # open, it may move when that year is loaded.
    calendar_confirmed: bool | None = None
    provisional: bool | None = None


class DocumentOut(BaseModel):
    id: int
    kind: str
    title: str
    status: str
    format: str
    template: str
    template_sha256: str
    context_sha256: str
    sha256: str
    size: int
    created_at: datetime
    created_by: str


class LedgerLineOut(BaseModel):
    item: str
    label: str
    amount: str
    base: str | None
    days: int | None
    rate: str | None
    per: str | None
    citation: str
    from_: str | None = Field(alias="from")
    to: str | None


class BalanceOut(BaseModel):
    """The debt ledger on the day: each line with its base, days, rate and citation."""

    as_of: str
    source: str
    lines: list[LedgerLineOut]
    owed: dict[str, str]
    received: str
    outstanding: str
    surplus: str


class CaseOut(BaseModel):
    id: int
    account_id: str
    stage: str
    outcome: str | None
    holder_name: str
    id_number: str
    card_number: str
    creditor_code: str
    creditor_name: str
    claim_total: str | None
    principal: str | None
    court: str | None
    court_case_no: str | None
    lawyer: str | None
    version: int
    reasons: list[ReasonOut]
    balance: BalanceOut | None
    facts: dict[str, Any] = Field(
        description="What the review weighed: overdue since, last payment, limitation date, "
        "amounts by item, the collection history (latest 30)"
    )
    timeline: list[TimelineItem]
    documents: list[DocumentOut]


class ReviewItem(BaseModel):
    id: int
    account_id: str
    claim_total: str | None
    version: int
    reasons: list[ReasonOut]


class DecisionRequest(BaseModel):
    approve: bool
    reason: Text
    expected_version: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="Refuse if the case changed since."
    )
    overrule: bool = False
    allow_charges: bool = False


class DecisionOut(BaseModel):
    account_id: str
    outcome: str
    stage: str
    version: int


class ProposalOut(BaseModel):
    """A decision that sets a rule aside waits for a second person (four eyes)."""

    proposal_id: int
    account_id: str
    kind: str
    status: str
    proposed_by: str
    needs: str


class ProposalItem(BaseModel):
    id: int
    account_id: str
    case_id: int
    kind: str
    kind_words: str
    action: dict[str, str | bool]
    proposed_by: str
    reason: str
    proposed_at: str


class AnswerRequest(BaseModel):
    reason: Text | None = Field(default=None, description="Required to decline")


class AnswerOut(BaseModel):
    proposal_id: int
    status: str
    checked_by: str
    stage: str | None = None
    outcome: str | None = None


class ReopenRequest(BaseModel):
    reason: Text


class AssignRequest(BaseModel):
    lawyer: Name | None = Field(default=None, description="A lawyer's user name; null: none")


class AssignOut(BaseModel):
    lawyer: str | None


class FlowStartRequest(BaseModel):
    as_of: date | None = Field(default=None, description="Default: today in Asia/Shanghai")


class FlowStartOut(BaseModel):
    number: int
    name: str
    state: str
    started_by: str
    started_at: datetime
    as_of: date
    summary: dict[str, int | str]
    error: str | None
    failures: list[str] = Field(default_factory=list, description="Each failed case and why")
    flow_run_id: str | None = Field(None, description="The deployment's run, with a server")
    link: str | None = Field(None, description="That run in the Prefect UI")


class UserCreate(BaseModel):
    name: Name
    role: str = Field(pattern=r"^(admin|legal_staff|lawyer)$")
    password: Secret


class UserRowOut(UserOut):
    active: bool


class OwnPasswordRequest(BaseModel):
    current: Secret
    new: Secret


class PasswordReset(BaseModel):
    password: Secret


class ActiveRequest(BaseModel):
    active: bool


class CourtEventRequest(BaseModel):
    """A court event as `court record` takes it (its code, its day, and what goes with it)."""

    code: str = Field(pattern=r"^[a-z_]{3,32}$")
    on: date
    case_no: Name | None = None
    party: Name | None = None
    detail: Name | None = None
    procedure: str | None = Field(default=None, pattern=r"^(small_claims|simplified|ordinary)$")
    amount: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2)


class RecordedOut(BaseModel):
    account_id: str
    event: str
    new: bool
    stages: list[str]
    deadlines: int


class HolderCorrection(BaseModel):
    """The holder's particulars staff complete (each optional; at least one)."""

    phone: Name | None = None
    ethnicity: Name | None = None
    registered_address: Name | None = Field(default=None, max_length=300)
    residence_address: Name | None = Field(default=None, max_length=300)
