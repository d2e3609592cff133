"""JSON: the complete, versioned result. One object per draft; a list when several drafts were audited."""

from __future__ import annotations

import json

from checker.report.model import AuditResult


def render(results: list[AuditResult]) -> str:
    """Serialise results; a single draft gives one object, several give a list."""
    payload = [r.model_dump(mode="json") for r in results]
    return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
