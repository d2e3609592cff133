"""Markdown: a summary and a table per draft, fit for a pull-request comment or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from checker.report.formats import WriteOptions
from checker.report.labels import header, obligation_word, status_word, text
from checker.report.matrix import matrix_rows
from checker.report.model import STATUS_ORDER, AuditResult

STATUS_MARKS = {
    "covered": "✅",
    "partial": "🟡",
    "missing": "❌",
    "explained": "📝",
    "not_applicable": "➖",
    "waived": "🔕",
    "manual": "👀",
    "error": "⚠️",
}
MAX_CELL = 160


def cell(value: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML, bounded length."""
    flat = " ".join(value.split()).replace("\\", "\\\\").replace("|", "\\|")
    flat = flat.replace("<", "&lt;").replace(">", "&gt;")
    return flat if len(flat) <= MAX_CELL else flat[: MAX_CELL - 1] + "…"


def _gate_lines(result: AuditResult, lang: str) -> list[str]:
    if result.gate is None:
        return []
    passed = bool(result.gate.get("passed"))
    lines = [
        f"**{text('gate', lang)}: {'✅ ' if passed else '❌ '}{text('passed' if passed else 'failed', lang)}**",
        "",
    ]
    reasons = result.gate.get("reasons")
    for reason in reasons if isinstance(reasons, list) else []:
        lines.append(f"- {cell(str(reason))}")
    used = result.gate.get("reviews_used")
    for review in used if isinstance(used, list) else []:
        lines.append(f"- ✎ waived by review: {cell(str(review))}")
    for key, label in (("expired_waivers", "expired waiver"), ("unused_waivers", "unused waiver")):
        stale = result.gate.get(key)
        for waiver in stale if isinstance(stale, list) else []:
            if isinstance(waiver, dict):
                lines.append(f"- ⚠️ {label}: `{cell(str(waiver.get('id')))}` ({cell(str(waiver.get('owner')))})")
    return [*lines, ""] if len(lines) > 2 else lines


def render(results: list[AuditResult], options: WriteOptions | None = None) -> str:
    """One section per draft: counts, coverage, the gate, then every requirement."""
    lang = (options or WriteOptions()).lang
    out: list[str] = []
    for result in results:
        standards = ", ".join(f"{s.id} ({s.edition})" for s in result.standards)
        pages = text("page_count", lang).format(n=result.document.pages)
        out += [f"## gapcheck: `{cell(result.document.path)}`", "", f"{standards} · {pages}", ""]
        out += _gate_lines(result, lang)
        counts = [(s, result.summary.counts.get(s, 0)) for s in STATUS_ORDER if result.summary.counts.get(s, 0)]
        out.append(
            "| "
            + " | ".join(f"{STATUS_MARKS[s]} {status_word(s, lang)}" for s, _ in counts)
            + f" | {header('coverage', lang)} |"
        )
        out.append("|" + "---:|" * (len(counts) + 1))
        out.append("| " + " | ".join(str(n) for _, n in counts) + f" | {result.summary.coverage:.0%} |")
        out.append("")
        fields = ("id", "status", "obligation", "requirement", "elements_missing", "pages")
        out.append("| " + " | ".join(header(f, lang) for f in fields) + " |")
        out.append("|" + "---|" * len(fields))
        for row in matrix_rows(result):
            status = f"{STATUS_MARKS.get(row['status'], '')} {status_word(row['status'], lang)}"
            values = [
                f"`{cell(row['id'])}`",
                status,
                obligation_word(row["obligation"], lang),
                cell(row["requirement"]),
                cell(row["elements_missing"]),
                ", ".join(str(p) for p in row["pages"]),
            ]
            out.append("| " + " | ".join(values) + " |")
        out.append("")
        out += _index_section(result)
    return "\n".join(out)


def _index_section(result: AuditResult) -> list[str]:
    """The issuer's content index, checked: claims per check, then every problem found with it."""
    index = result.document.content_index
    if index is None or not index.found:
        return []
    checks = [f.index_claim.check for f in result.findings if f.index_claim is not None]
    summary = ", ".join(f"{check.replace('_', ' ')} {checks.count(check)}" for check in dict.fromkeys(checks))
    lines = [f"### Content index ({', '.join(index.standards)})", "", f"{len(checks)} claims: {summary}.", ""]
    if result.index_findings:
        lines += ["| id | finding | detail |", "|---|---|---|"]
        for item in result.index_findings:
            lines.append(f"| `{cell(item.id)}` | {cell(item.kind.replace('_', ' '))} | {cell(item.detail)} |")
        lines.append("")
    return lines
