"""A readable terminal summary: counts, then one line per requirement with its verdict and what is missing.

In English the verdicts are shown as their codes (``not_applicable``), which is what ``--fail-on`` takes; with
``--lang zh-Hant|zh-Hans`` they, the counts and the few fixed words are in Chinese.
"""

from __future__ import annotations

import unicodedata

import click

from checker.report import labels
from checker.report.formats import WriteOptions
from checker.report.model import AuditResult, Evidence, Finding

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


def _page(evidence: Evidence) -> str:
    """The page a reviewer reads: the printed number when known, else the physical page, else the section."""
    if evidence.page_label is not None:
        return evidence.page_label
    return str(evidence.page)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 0)


def _word(key: str, lang: str) -> str:
    return labels.text(key, lang) if lang != labels.DEFAULT_LANG else _ENGLISH[key]


# NOTE: the English terminal words predate the label tables and are kept as they were, so scripts reading them
# keep working; Chinese takes its words from ``labels``.
_ENGLISH = {"term_missing": "missing: ", "term_coverage": "coverage"}


def _line(finding: Finding, width: int, lang: str = labels.DEFAULT_LANG) -> str:
    english = lang == labels.DEFAULT_LANG
    word = finding.status.value if english else labels.status_word(finding.status.value, lang)
    status = click.style(_pad(word, 14), fg=STATUS_COLOURS.get(finding.status.value))
    separator = "; " if english else labels.message("list_separator", lang)
    printed = list(dict.fromkeys(_page(e) for e in finding.evidence))[:6]
    if not printed:
        pages = ""
    elif english:
        pages = "p. " + ",".join(printed)
    else:
        pages = labels.text("page_prefix", lang) + ",".join(printed) + labels.text("page_suffix", lang)
    title = finding.title if len(finding.title) <= 60 else finding.title[:57] + "..."
    detail = ""
    if finding.status.value in ("partial", "missing", "error") and finding.missing_elements:
        detail = "\n" + " " * (width + 17) + _word("term_missing", lang) + separator.join(finding.missing_elements)
    elif finding.status.value in ("not_applicable", "manual", "waived") and finding.reason:
        detail = "\n" + " " * (width + 17) + finding.reason
    elif finding.status.value == "explained" and finding.explanation is not None:
        if english:
            where = "in the content index" if finding.explanation.from_index else "on"
            detail = "\n" + " " * (width + 17) + f"explained {where} p. {_page(finding.explanation)}"
        else:
            where = labels.sheet_name("index", lang) if finding.explanation.from_index else ""
            page = labels.text("page_prefix", lang) + _page(finding.explanation) + labels.text("page_suffix", lang)
            detail = "\n" + " " * (width + 17) + f"{labels.status_word('explained', lang)}：{where}{page}"
    elif finding.status.value == "explained":
        # NOTE: a relief claimed only in the issuer profile explains the omission with no passage: say so
        detail = "\n" + " " * (width + 17) + finding.message
    if finding.index_claim is not None and finding.index_claim.check in ("not_found", "found_elsewhere"):
        cited = ", ".join(finding.index_claim.cited[:4]) or "it"
        note = "the index claims it" if finding.index_claim.check == "not_found" else "found elsewhere than"
        detail += "\n" + " " * (width + 17) + f"content index: {note} ({cited})"
    return f"  {finding.id:<{width}} {status} {title}  {pages}{detail}"


def render(results: list[AuditResult], options: WriteOptions | None = None) -> str:
    """Render results for a terminal (click strips the colours when output is not a TTY)."""
    lang = (options or WriteOptions()).lang
    english = lang == labels.DEFAULT_LANG
    chunks = []
    for result in results:
        width = max((len(f.id) for f in result.findings), default=6)
        standards = ", ".join(f"{s.id} ({s.edition})" for s in result.standards)
        counts = ", ".join(
            f"{k if english else labels.status_word(k, lang)} {v}" for k, v in result.summary.counts.items() if v
        )
        lines = [
            click.style(result.document.path, bold=True) + f"  [{result.document.pages} pages; {standards}]",
            f"  {counts}; {_word('term_coverage', lang)} {result.summary.coverage:.0%}",
        ]
        if not result.document.paged:
            lines.append("  the draft has no page numbers: evidence is cited by section in the JSON and workbook")
        if result.document.unreadable_pages:
            pages = ", ".join(str(p) for p in result.document.unreadable_pages)
            lines.append(click.style(f"  unreadable pages (no text layer): {pages}", fg="bright_red"))
        current = None
        for finding in result.findings:
            if finding.standard != current and len(result.standards) > 1:
                current = finding.standard
                lines.append(click.style(f" {current}", underline=True))
            lines.append(_line(finding, width, lang))
        lines += _index_lines(result)
        if result.gate:
            passed = bool(result.gate.get("passed"))
            colour = "green" if passed else "red"
            verdict = (
                ("PASSED" if passed else "FAILED") if english else labels.text("passed" if passed else "failed", lang)
            )
            gate_word = "gate" if english else labels.text("gate", lang)
            lines.append(click.style(f"  {gate_word} {verdict}", bold=True, fg=colour))
            reasons = result.gate.get("reasons")
            for reason in reasons if isinstance(reasons, list) else []:
                lines.append(f"    - {reason}")
            used = result.gate.get("reviews_used")
            for review in used if isinstance(used, list) else []:
                lines.append(f"    ~ waived by review: {review}")
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


def _index_lines(result: AuditResult) -> list[str]:
    index = result.document.content_index
    if index is None or not index.found:
        return []
    checked = [f.index_claim.check for f in result.findings if f.index_claim is not None]
    counts = ", ".join(f"{check.replace('_', ' ')} {checked.count(check)}" for check in dict.fromkeys(checked))
    lines = [click.style(f"  content index ({', '.join(index.standards)}): {len(checked)} claims; {counts}", bold=True)]
    for item in result.index_findings:
        lines.append(f"    - {item.id} {item.kind.replace('_', ' ')}: {item.detail}")
    return lines
