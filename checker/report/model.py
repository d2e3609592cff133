"""The audit result: the complete, versioned, machine-readable contract. Every writer derives from it.

Schema history:
- 1.0: first release.
- 1.1: evidence ``from_index`` (an explanation taken from the issuer's content index), ``page_label`` (the printed
  page number) and ``section``; finding ``index_claim``; document ``content_index`` and ``paged``; result
  ``index_findings``.
- 1.2: finding ``review`` (the reviewer's sign-off read from the output workbook, and whether the verdict changed
  since it was given).
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from checker.claims.model import ContentIndex

RESULT_SCHEMA_VERSION = "1.2"


class Status(str, Enum):
    """The verdict on one requirement."""

    COVERED = "covered"
    PARTIAL = "partial"
    MISSING = "missing"
    EXPLAINED = "explained"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"
    MANUAL = "manual"
    ERROR = "error"


STATUS_ORDER = [s.value for s in Status]


class Evidence(BaseModel):
    """A passage of the draft that supports a verdict. ``text`` is the original wording, never folded."""

    model_config = ConfigDict(frozen=True)

    page: int = Field(description="physical page (the file's first page is 1)")
    page_label: str | None = Field(default=None, description="the page number printed on the page, when known")
    section: str | None = Field(default=None, description="the headings above the passage, innermost last (' > ')")
    text: str
    span: tuple[int, int] = Field(description="[start, end) offsets into the extracted document text")
    terms: list[str] = Field(default_factory=list, description="matched terms, as written in the draft")
    quantities: list[str] = Field(default_factory=list, description="numbers with units found in the passage")
    block_kind: str = "paragraph"
    element: str | None = None
    from_index: bool = Field(default=False, description="taken from the issuer's content index (explanations only)")


class IndexClaim(BaseModel):
    """What the issuer's content index says of a requirement, and whether the body bears it out."""

    model_config = ConfigDict(frozen=True)

    cited: list[str] = Field(default_factory=list, description="printed pages and sections the index cites")
    explanation: str | None = Field(default=None, description="the reason the index gives instead of a disclosure")
    check: str = Field(description="confirmed | found_elsewhere | not_found | explained")
    page: int = Field(description="physical page of the index row")
    text: str = Field(default="", description="the index row, as printed")


class IndexFinding(BaseModel):
    """A problem with the issuer's content index: an overclaim, an omission, or a citation that points nowhere."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(description="overclaim | omitted | page_out_of_range | unknown_section")
    standard: str | None = None
    id: str
    detail: str
    page: int | None = Field(default=None, description="physical page of the index row, when there is one")


class Review(BaseModel):
    """A reviewer's sign-off on one requirement, as the gap-matrix workbook holds it."""

    model_config = ConfigDict(frozen=True)

    status: str = Field(description="a reviewer status code (agree, accepted, not_applicable ...) or free text")
    note: str = ""
    reviewer: str = ""
    reviewed_on: str = Field(default="", description="the review date as the reviewer entered it (ISO when a date)")
    reviewed_verdict: str = Field(default="", description="the machine verdict the review was given against")
    stale: bool = Field(default=False, description="the verdict changed since the review was given")


class ElementResult(BaseModel):
    """Whether one named element of a requirement is disclosed."""

    model_config = ConfigDict(frozen=True)

    name: str
    met: bool
    optional: bool = False
    evidence: list[Evidence] = Field(default_factory=list)


class Finding(BaseModel):
    """The verdict on one requirement, with the passages that prove it."""

    model_config = ConfigDict(frozen=True)

    id: str
    symbol: str
    standard: str
    title: str
    part: str | None = None
    aspect: str | None = None
    cite: str | None = None
    obligation: str
    status: Status
    confidence: str = Field(description="high: numbers or tables found; medium: wording only; low: could not judge")
    message: str
    elements: list[ElementResult] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    missing_elements: list[str] = Field(default_factory=list)
    explanation: Evidence | None = None
    reason: str | None = Field(default=None, description="why not applicable / manual / waived / error")
    pages: list[int] = Field(default_factory=list)
    maps_to: list[str] = Field(default_factory=list)
    index_claim: IndexClaim | None = Field(default=None, description="None when the issuer's index does not list it")
    review: Review | None = Field(default=None, description="the reviewer's sign-off, when the workbook holds one")


class DocumentInfo(BaseModel):
    """The audited draft."""

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str
    format: str
    pages: int
    paged: bool = Field(default=True, description="False for a draft without page breaks: evidence cites sections")
    unreadable_pages: list[int] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    content_index: ContentIndex | None = Field(default=None, description="the issuer's content index, as claims")


class StandardInfo(BaseModel):
    """A rule pack that was applied."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    edition: str
    fingerprint: str


class Profile(BaseModel):
    """Who the draft is for: decides applicability and obligation levels."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tier: str = Field(default="main_board", description="largecap | main_board | gem")
    financial_year: int | None = Field(default=None, description="defaults to the pack's default year")
    reliefs: list[str] = Field(default_factory=list)


class Summary(BaseModel):
    """Counts by verdict and the coverage ratio."""

    model_config = ConfigDict(frozen=True)

    total: int
    counts: dict[str, int]
    coverage: float = Field(description="(covered + explained + waived) / applicable requirements")


class AuditResult(BaseModel):
    """The result of auditing one draft against one or more standards."""

    model_config = ConfigDict(frozen=True)

    schema_version: str = RESULT_SCHEMA_VERSION
    tool_version: str
    generated_at: str
    document: DocumentInfo
    standard: StandardInfo = Field(description="the first (usually only) standard applied")
    standards: list[StandardInfo]
    profile: Profile
    summary: Summary
    findings: list[Finding]
    index_findings: list[IndexFinding] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    gate: dict[str, object] | None = Field(default=None, description="filled in by the policy gate")


def summarise(findings: list[Finding]) -> Summary:
    """Count verdicts and compute coverage over applicable, machine-judged requirements."""
    counts = {status.value: 0 for status in Status}
    for finding in findings:
        counts[finding.status.value] += 1
    done = counts["covered"] + counts["explained"] + counts["waived"]
    applicable = len(findings) - counts["not_applicable"] - counts["manual"]
    return Summary(total=len(findings), counts=counts, coverage=round(done / applicable, 4) if applicable else 1.0)
