"""A readable terminal summary: counts, then one line per requirement with its verdict and what is missing."""

from __future__ import annotations

import click

from checker.report.model import AuditResult, Finding

STATUS_COLOURS = {
    "covered": "green",
    "partial": "yellow",
    "missing": "red",
    "explained": "cyan",
    "not_applicable": "bright_black",
    "waived": "blue",
    "manual": "magenta",
    "error": "bright_red",
}


def _line(finding: Finding, width: int) -> str:
    status = click.style(f"{finding.status.value:<14}", fg=STATUS_COLOURS.get(finding.status.value))
    pages = ("p. " + ",".join(str(p) for p in finding.pages[:6])) if finding.pages else ""
    title = finding.title if len(finding.title) <= 60 else finding.title[:57] + "..."
    detail = ""
    if finding.status.value in ("partial", "missing", "error") and finding.missing_elements:
        detail = "\n" + " " * (width + 17) + "missing: " + "; ".join(finding.missing_elements)
    elif finding.status.value in ("not_applicable", "manual", "waived") and finding.reason:
        detail = "\n" + " " * (width + 17) + finding.reason
    elif finding.status.value == "explained" and finding.explanation is not None:
        detail = "\n" + " " * (width + 17) + f"explained on p. {finding.explanation.page}"
    return f"  {finding.id:<{width}} {status} {title}  {pages}{detail}"


def render(results: list[AuditResult]) -> str:
    """Render results for a terminal (click strips the colours when output is not a TTY)."""
    chunks = []
    for result in results:
        width = max((len(f.id) for f in result.findings), default=6)
        standards = ", ".join(f"{s.id} ({s.edition})" for s in result.standards)
        counts = ", ".join(f"{k} {v}" for k, v in result.summary.counts.items() if v)
        lines = [
            click.style(result.document.path, bold=True) + f"  [{result.document.pages} pages; {standards}]",
            f"  {counts}; coverage {result.summary.coverage:.0%}",
        ]
        if result.document.unreadable_pages:
            pages = ", ".join(str(p) for p in result.document.unreadable_pages)
            lines.append(click.style(f"  unreadable pages (no text layer): {pages}", fg="bright_red"))
        current = None
        for finding in result.findings:
            if finding.standard != current and len(result.standards) > 1:
                current = finding.standard
                lines.append(click.style(f" {current}", underline=True))
            lines.append(_line(finding, width))
        if result.gate:
            passed = bool(result.gate.get("passed"))
            colour = "green" if passed else "red"
            lines.append(click.style(f"  gate {'PASSED' if passed else 'FAILED'}", bold=True, fg=colour))
            reasons = result.gate.get("reasons")
            for reason in reasons if isinstance(reasons, list) else []:
                lines.append(f"    - {reason}")
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"
