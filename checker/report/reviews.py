"""Reviewer sign-offs follow the verdicts they were given against.

A review read from the gap-matrix workbook carries the machine verdict it was given against. When the new audit
gives another verdict the review is kept -- note, reviewer and date untouched -- and marked stale, so that the
reviewer looks again instead of a sign-off silently covering a different finding. The JSON result carries the same
review (``Finding.review``) as the workbook, because both are built by :func:`review_for`.
"""

from __future__ import annotations

from pathlib import Path

from checker.report.carry_over import PreviousWorkbook, ReviewEntry
from checker.report.matrix import row_key
from checker.report.model import AuditResult, Review

# Reviewer statuses that may waive a requirement from the gate when the policy honours reviews: the reviewer
# accepted the gap, or judged the requirement not applicable. A note saying why is required as well.
WAIVING_REVIEWS = ("accepted", "not_applicable")


def review_for(entry: ReviewEntry, verdict: str) -> Review:
    """The review of one requirement, stale when ``verdict`` differs from the one it was given against."""
    reviewed = entry.reviewed_verdict or entry.status
    return Review(
        status=entry.reviewer_status,
        note=entry.note,
        reviewer=entry.reviewer,
        reviewed_on=entry.reviewed_on,
        reviewed_verdict=reviewed,
        stale=bool(reviewed) and reviewed != verdict,
    )


def attach_reviews(result: AuditResult, previous: PreviousWorkbook) -> AuditResult:
    """``result`` with every finding that the workbook holds a sign-off for carrying it as ``review``."""
    reviews = previous.reviews()
    if not reviews:
        return result
    findings = []
    for finding in result.findings:
        entry = reviews.get(row_key(finding.standard, finding.id))
        review = review_for(entry, finding.status.value) if entry is not None else None
        findings.append(finding.model_copy(update={"review": review}))
    return result.model_copy(update={"findings": findings})


def read_reviews(path: Path) -> PreviousWorkbook:
    """The reviews held by the workbook an audit is about to rewrite (empty when there is none yet).

    Raises:
        OutputError: the file is not a readable gapcheck workbook (the writer would refuse it as well).
    """
    from checker.report.carry_over import check_not_open, read_previous

    if not path.is_file():
        return PreviousWorkbook()
    check_not_open(path)
    return read_previous(path)


def waives(review: Review | None) -> bool:
    """Whether a review may waive its requirement from the gate (the policy must also honour reviews)."""
    return review is not None and not review.stale and review.status in WAIVING_REVIEWS and bool(review.note.strip())
