"""The canonical gap matrix: one plain row per requirement, derived from ``AuditResult``.

The Excel, CSV and Markdown writers and the golden tests all read these rows, so what a reviewer sees in Excel and
what CI compares are the same data. Values are language-neutral codes (``missing``, ``comply_or_explain``); the
writers translate them.
"""

from __future__ import annotations

from typing import TypedDict

from checker.report.confidence import finding_confidence
from checker.report.model import AuditResult, Evidence, Finding

EVIDENCE_SNIPPET_CHARS = 300

# Column order of the matrix, shared by the xlsx and csv writers.
MATRIX_FIELDS = (
    "standard",
    "id",
    "part",
    "aspect",
    "requirement",
    "obligation",
    "status",
    "confidence",
    "elements_met",
    "elements_missing",
    "evidence",
    "pages",
    "remarks",
    "index_check",
)


class MatrixRow(TypedDict):
    """One requirement as the gap matrix shows it."""

    standard: str
    id: str
    part: str
    aspect: str
    requirement: str
    obligation: str
    status: str
    confidence: str
    elements_met: str
    elements_missing: str
    evidence: str
    pages: list[int]
    remarks: str
    index_check: str  # the content-index claim check (confirmed, found_elsewhere, not_found, explained) or ""


def row_key(standard: str, requirement_id: str) -> str:
    """The identity of a requirement across runs: what carry-over and diff match on."""
    return f"{standard}|{requirement_id}"


def snippet(evidence: Evidence, limit: int = EVIDENCE_SNIPPET_CHARS) -> str:
    """One passage, shortened for a cell."""
    text = " ".join(evidence.text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def best_evidence(finding: Finding) -> Evidence | None:
    """The passage that best shows the verdict: the explanation of an omission, else the first evidence."""
    if finding.status.value == "explained" and finding.explanation is not None:
        return finding.explanation
    return finding.evidence[0] if finding.evidence else None


def remarks(finding: Finding) -> str:
    """Why a requirement is waived / not applicable / manual / in error, else the finding's message."""
    return finding.reason or finding.message


def matrix_row(finding: Finding) -> MatrixRow:
    """The gap-matrix row of one finding."""
    best = best_evidence(finding)
    met = [e.name for e in finding.elements if e.met]
    return MatrixRow(
        standard=finding.standard,
        id=finding.id,
        part=finding.part or "",
        aspect=finding.aspect or "",
        requirement=finding.title,
        obligation=finding.obligation,
        status=finding.status.value,
        confidence=finding_confidence(finding),
        elements_met="; ".join(met),
        elements_missing="; ".join(finding.missing_elements),
        evidence=f"p. {best.page}: {snippet(best)}" if best is not None else "",
        pages=sorted(set(finding.pages)),
        remarks=remarks(finding),
        index_check=finding.index_claim.check if finding.index_claim is not None else "",
    )


def matrix_rows(result: AuditResult) -> list[MatrixRow]:
    """Rows for every finding, in the result's (deterministic) order."""
    return [matrix_row(f) for f in result.findings]


def localized_values(row: MatrixRow, lang: str) -> list[object]:
    """The row's values in ``MATRIX_FIELDS`` order, with status and obligation words in ``lang``."""
    from checker.report.labels import obligation_word, status_word

    values: list[object] = []
    for field in MATRIX_FIELDS:
        value: object = row[field]  # type: ignore[literal-required]
        if field == "status":
            value = status_word(row["status"], lang)
        elif field == "obligation":
            value = obligation_word(row["obligation"], lang)
        elif field == "pages":
            value = ", ".join(str(p) for p in row["pages"])
        values.append(value)
    return values
