"""Turn one audit (or one failure) into table rows: one per requirement, plus one summary row per report.

Every text cell is report text or derived from it, so it is made spreadsheet-safe (``checker.report.safe``):
a draft paragraph starting with ``=`` must stay text in Excel, never run as a formula.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from checker.report.model import AuditResult, Status
from checker.report.safe import csv_field

Row = dict[str, Any]

COLUMNS = [
    "document",
    "sha256",
    "standard",
    "rules_fingerprint",
    "id",
    "title",
    "obligation",
    "status",
    "pages",
    "missing_elements",
    "evidence",
    "message",
]
SUMMARY_COLUMNS = [
    "document",
    "sha256",
    "rules_fingerprint",
    "result",
    "pages",
    "requirements",
    *[s.value for s in Status],
    "error_message",
    "seconds",
]
ERROR = "error"
_SNIPPET = 300


def safe(value: object) -> str:
    """Spreadsheet-safe text (formula-looking text gets a leading quote; XML-illegal characters go)."""
    return csv_field(value)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, or '' when it cannot be read (the reader will report why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def result_rows(result: AuditResult, fingerprint: str) -> list[Row]:
    """One row per requirement of ``result``."""
    rows: list[Row] = []
    for finding in result.findings:
        snippet = finding.evidence[0].text if finding.evidence else ""
        if len(snippet) > _SNIPPET:
            snippet = snippet[: _SNIPPET - 1] + "…"
        rows.append(
            {
                "document": safe(result.document.path),
                "sha256": result.document.sha256,
                "standard": safe(finding.standard),
                "rules_fingerprint": fingerprint,
                "id": safe(finding.id),
                "title": safe(finding.title),
                "obligation": safe(finding.obligation),
                "status": finding.status.value,
                "pages": ", ".join(str(p) for p in finding.pages),
                "missing_elements": safe("; ".join(finding.missing_elements)),
                "evidence": safe(snippet),
                "message": safe(finding.message),
            }
        )
    return rows


def summary_row(result: AuditResult, fingerprint: str, seconds: float) -> Row:
    """The per-report summary: counts per status."""
    counts = {s.value: 0 for s in Status}
    for finding in result.findings:
        counts[finding.status.value] += 1
    return {
        "document": safe(result.document.path),
        "sha256": result.document.sha256,
        "rules_fingerprint": fingerprint,
        "result": "ok",
        "pages": result.document.pages,
        "requirements": len(result.findings),
        **counts,
        "error_message": "",
        "seconds": round(seconds, 3),
    }


def error_rows(path: Path, sha256: str, fingerprint: str, message: str, seconds: float) -> tuple[list[Row], Row]:
    """The single ``error`` row and the summary row of a report that could not be audited."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        document=safe(str(path)),
        sha256=sha256,
        rules_fingerprint=fingerprint,
        status=ERROR,
        message=safe(message),
    )
    summary: Row = {c: 0 for c in SUMMARY_COLUMNS}
    summary.update(
        document=safe(str(path)),
        sha256=sha256,
        rules_fingerprint=fingerprint,
        result=ERROR,
        error_message=safe(message),
        seconds=round(seconds, 3),
    )
    return [row], summary
