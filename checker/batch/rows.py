"""Turn one audit (or one failure) into table rows: one per requirement, plus one summary row per report.

Every text cell is report text or derived from it, so it is made spreadsheet-safe (``checker.report.safe``):
a draft paragraph starting with ``=`` must stay text in Excel, never run as a formula.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from checker.errors import display_path
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
    """SHA-256 of a regular file's bytes, or '' when it is not one or cannot be read (the reader says why).

    Opened without blocking and checked on the descriptor: a FIFO among the inputs used to hang the batch here.
    """
    digest = hashlib.sha256()
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return ""
        while chunk := os.read(handle, 1 << 20):
            digest.update(chunk)
    except OSError:
        return ""
    finally:
        os.close(handle)
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
        document=safe(display_path(path)),
        sha256=sha256,
        rules_fingerprint=fingerprint,
        status=ERROR,
        message=safe(message),
    )
    summary: Row = {c: 0 for c in SUMMARY_COLUMNS}
    summary.update(
        document=safe(display_path(path)),
        sha256=sha256,
        rules_fingerprint=fingerprint,
        result=ERROR,
        error_message=safe(message),
        seconds=round(seconds, 3),
    )
    return [row], summary
