"""The workbook's supporting sheets: Summary (with a chart), Evidence, Content Index and Run Info."""

from __future__ import annotations

from collections import Counter

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from checker.report import labels
from checker.report.confidence import evidence_level
from checker.report.labels import header, status_word, text
from checker.report.model import STATUS_ORDER, AuditResult, Evidence, Finding
from checker.report.xlsx_layout import fit_rows
from checker.report.xlsx_style import STALE_FILL, STATUS_FILLS, fill, print_setup, put, status_fill, write_table

_DONE = ("covered", "explained", "waived")
_NOT_COUNTED = ("not_applicable", "manual")


def _coverage_rows(findings: list[Finding], group: str, lang: str) -> list[list[object]]:
    """Rows of (group, applicable, done, coverage) for a part or aspect breakdown."""
    applicable: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for finding in findings:
        name = (finding.part if group == "part" else finding.aspect) or "-"
        if finding.status.value in _NOT_COUNTED:
            continue
        applicable[name] += 1
        done[name] += finding.status.value in _DONE
    return [[name, applicable[name], done[name], done[name] / applicable[name]] for name in sorted(applicable)]


def summary_sheet(ws: Worksheet, result: AuditResult, lang: str, carried: int, stale: int = 0) -> None:
    """Counts by verdict, coverage by part and aspect, the gate, reviews, and a bar chart of the counts."""
    from checker.report.xlsx import draft_name

    bold = Font(bold=True)
    put(ws, 1, 1, f"gapcheck — {draft_name(result)}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    put(ws, 3, 1, text("by_status", lang))
    ws.cell(row=3, column=1).font = bold
    put(ws, 4, 1, header("status", lang))
    put(ws, 4, 2, header("count", lang))
    row = 5
    for status in STATUS_ORDER:
        put(ws, row, 1, status_word(status, lang))
        put(ws, row, 2, result.summary.counts.get(status, 0))
        ws.cell(row=row, column=1).fill = status_fill(status)
        row += 1
    last_status_row = row - 1
    put(ws, row, 1, text("total", lang))
    put(ws, row, 2, result.summary.total)
    put(ws, row + 1, 1, header("coverage", lang))
    put(ws, row + 1, 2, result.summary.coverage)
    ws.cell(row=row + 1, column=2).number_format = "0%"
    for r in (4, row, row + 1):
        ws.cell(row=r, column=1).font = bold
    row += 2
    if result.gate is not None:
        put(ws, row, 1, text("gate", lang))
        put(ws, row, 2, text("passed" if result.gate.get("passed") else "failed", lang))
        ws.cell(row=row, column=1).font = bold
        row += 1
    put(ws, row, 1, text("carried_count", lang))
    put(ws, row, 2, carried)
    row += 1
    put(ws, row, 1, text("stale_count", lang))
    put(ws, row, 2, stale)
    if stale:
        ws.cell(row=row, column=1).font = bold
        ws.cell(row=row, column=2).fill = fill(STALE_FILL)
    row += 2
    for group, title in (("part", "by_part"), ("aspect", "by_aspect")):
        put(ws, row, 1, text(title, lang))
        ws.cell(row=row, column=1).font = bold
        row += 1
        for column, field in enumerate((group, "applicable", "done", "coverage"), start=1):
            put(ws, row, column, header(field, lang))
            ws.cell(row=row, column=column).font = bold
        for values in _coverage_rows(result.findings, group, lang):
            row += 1
            for column, value in enumerate(values, start=1):
                put(ws, row, column, value)
            ws.cell(row=row, column=4).number_format = "0%"
        row += 2
    for letter, width in zip("ABCD", (34, 14, 28, 12), strict=True):
        ws.column_dimensions[letter].width = width
    chart = BarChart()
    chart.type = "bar"
    chart.title = text("by_status", lang)
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=4, max_row=last_status_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=last_status_row))
    for index, status in enumerate(STATUS_ORDER):
        # NOTE: each bar in its verdict's colour, the same as the matrix's row fills, with an outline so the pale
        # colours (not applicable) still show on white
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = STATUS_FILLS[status]
        point.graphicalProperties.line.solidFill = "808080"
        chart.series[0].dPt.append(point)
    chart.height, chart.width = 8, 14
    ws.add_chart(chart, "F3")
    print_setup(ws, 1)


def evidence_sheet(ws: Worksheet, result: AuditResult, lang: str) -> None:
    """One row per passage that supports an element (and per explanation of an omission)."""
    rows: list[list[object]] = []
    for finding in result.findings:
        for element in finding.elements:
            for evidence in element.evidence:
                rows.append(
                    [
                        finding.standard,
                        finding.id,
                        element.name,
                        evidence_page(evidence),
                        evidence.text,
                        "; ".join(evidence.terms),
                        "; ".join(evidence.quantities),
                        evidence_level(evidence),
                    ]
                )
        if finding.explanation is not None:
            ex = finding.explanation
            rows.append(
                [
                    finding.standard,
                    finding.id,
                    status_word("explained", lang),
                    evidence_page(ex),
                    ex.text,
                    "; ".join(ex.terms),
                    "",
                    evidence_level(ex),
                ]
            )
    fields = ("standard", "id", "element", "page", "snippet", "terms", "quantities", "confidence")
    widths = (14, 8, 24, 7, 80, 26, 20, 11)
    wraps = (3, 5, 6, 7)
    write_table(ws, [header(f, lang) for f in fields], rows, widths, wrap_columns=wraps)
    fit_rows(ws, 1, widths, [c in wraps for c in range(1, len(widths) + 1)])


def evidence_page(evidence: Evidence) -> object:
    """The page as printed on it (text) when the draft prints page numbers, else the physical page (a number)."""
    return evidence.page_label if evidence.page_label else evidence.page


def page_value(finding: Finding) -> object:
    """The matrix's pages cell: a number for one page, the printed labels (text) where every page has one."""
    pages = sorted(set(finding.pages))
    printed = {e.page: e.page_label for e in finding.evidence if e.page_label}
    if pages and all(p in printed for p in pages):
        return ", ".join(str(printed[p]) for p in pages)
    if len(pages) == 1:
        return pages[0]
    return ", ".join(str(p) for p in pages)


def _pages(pages: list[str], lang: str) -> str:
    if not pages:
        return ""
    return text("page_prefix", lang) + ", ".join(pages) + text("page_suffix", lang)


def _cited(cited: list[str], lang: str) -> str:
    pages = [c for c in cited if c.replace("-", "").replace("–", "").isdigit()]
    sections = [c for c in cited if c not in pages]
    return "; ".join(filter(None, (_pages(pages, lang), ", ".join(sections))))


def index_check_text(finding: Finding, lang: str, *, listed: bool = True) -> str:
    """What the issuer's content index claims for a requirement, and whether the body bears it out."""
    claim = finding.index_claim
    if claim is None:
        return "" if listed else text("index_unlisted", lang)
    cited = _cited(claim.cited, lang)
    found = labels.pages_text(sorted(set(finding.pages)), lang)
    if claim.check == "confirmed":
        return f"{text('index_confirmed', lang)} {cited}".strip()
    if claim.check == "found_elsewhere":
        return f"{text('index_found_elsewhere', lang)} {found} — {text('index_cites', lang)} {cited}".strip()
    if claim.check == "not_found":
        return f"{text('index_not_found', lang)} — {text('index_cites', lang)} {cited}".strip()
    # NOTE: an explanation read from a table row keeps its cell separators; a reader wants the words
    words = " — ".join(part.strip() for part in (claim.explanation or claim.text).split("|") if part.strip())
    return f"{text('index_explained_as', lang)} {words}".strip()


def index_findings_sheet(ws: Worksheet, result: AuditResult, lang: str) -> None:
    """The problems with the issuer's content index: overclaims, omissions, citations that point nowhere."""
    claims = {(f.standard, f.id): f.index_claim for f in result.findings}
    rows: list[list[object]] = []
    for item in result.index_findings:
        claim = claims.get((item.standard or "", item.id))
        rows.append(
            [
                text(f"index_{item.kind}", lang),
                item.standard or "",
                item.id,
                _cited(claim.cited, lang) if claim is not None else "",
                item.detail,
                item.page,
            ]
        )
    fields = ("index_kind", "standard", "id", "index_cited", "index_detail", "page")
    widths = (22, 14, 9, 24, 80, 7)
    write_table(ws, [header(f, lang) for f in fields], rows, widths, wrap_columns=(1, 4, 5))
    fit_rows(ws, 1, widths, [c in (1, 4, 5) for c in range(1, len(widths) + 1)])


def index_location(finding: Finding, lang: str) -> str:
    """The content-index cell: pages, or why there are none, in the HKEX style."""
    status = finding.status.value
    if status == "explained":
        page = f" ({labels.pages_text([finding.explanation.page], lang)})" if finding.explanation else ""
        return text("index_explained", lang) + page
    if status == "not_applicable":
        return text("index_not_applicable", lang)
    if status == "waived":
        return text("index_waived", lang)
    if status in ("covered", "partial") and finding.pages:
        return labels.pages_text(sorted(set(finding.pages)), lang)
    return text("index_not_disclosed", lang)


def content_index_sheet(ws: Worksheet, result: AuditResult, lang: str) -> None:
    """The HKEX-style content index, ready to paste into the report: requirement -> pages or explanation."""
    rows: list[list[object]] = []
    for finding in result.findings:
        rows.append([finding.aspect or "", finding.id, finding.title, index_location(finding, lang)])
    fields = ("aspect", "id", "description", "location")
    write_table(ws, [header(f, lang) for f in fields], rows, (24, 9, 70, 24), wrap_columns=(1, 3, 4))
    fit_rows(ws, 1, (24, 9, 70, 24), (True, False, True, True))
    for offset, finding in enumerate(result.findings, start=2):
        if finding.status.value not in ("covered", "explained", "not_applicable"):
            ws.cell(row=offset, column=4).fill = status_fill(finding.status.value)


def run_info_sheet(ws: Worksheet, result: AuditResult, lang: str) -> None:
    """How the workbook was made, and the marker that identifies it as gapcheck's."""
    profile = result.profile
    reliefs = ", ".join(profile.reliefs) or "-"
    year = profile.financial_year if profile.financial_year is not None else "-"
    gate = "-"
    if result.gate is not None:
        gate = text("passed" if result.gate.get("passed") else "failed", lang)
    values: list[tuple[str, object]] = [
        ("marker", labels.WORKBOOK_MARKER),
        ("schema_version", result.schema_version),
        ("tool_version", result.tool_version),
        ("generated_at", result.generated_at),
        ("input_path", result.document.path),
        ("input_sha256", result.document.sha256),
        ("input_format", result.document.format),
        ("input_pages", result.document.pages),
        ("standards", "; ".join(f"{s.id} ({s.name}, edition {s.edition})" for s in result.standards)),
        ("fingerprints", "; ".join(f"{s.id}: {s.fingerprint}" for s in result.standards)),
        ("profile", f"tier={profile.tier}; financial_year={year}; reliefs={reliefs}"),
        ("language", lang),
        ("gate", gate),
    ]
    rows = [[labels.run_label(key, lang), value] for key, value in values]
    write_table(ws, [header("field", lang), header("value", lang)], rows, (26, 90), wrap_columns=(2,))
