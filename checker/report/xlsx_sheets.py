"""The workbook's supporting sheets: Summary (with a chart), Evidence, Content Index and Run Info."""

from __future__ import annotations

from collections import Counter

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from checker.report import labels
from checker.report.labels import header, status_word, text
from checker.report.model import STATUS_ORDER, AuditResult, Finding
from checker.report.xlsx_style import print_setup, put, status_fill, write_table

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


def summary_sheet(ws: Worksheet, result: AuditResult, lang: str, carried: int) -> None:
    """Counts by verdict, coverage by part and aspect, the gate, and a bar chart of the counts."""
    bold = Font(bold=True)
    put(ws, 1, 1, f"gapcheck — {result.document.path}")
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
    for letter, width in zip("ABCD", (34, 14, 16, 12), strict=True):
        ws.column_dimensions[letter].width = width
    chart = BarChart()
    chart.type = "bar"
    chart.title = text("by_status", lang)
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=4, max_row=last_status_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=last_status_row))
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
                        evidence.page,
                        evidence.text,
                        "; ".join(evidence.terms),
                        "; ".join(evidence.quantities),
                    ]
                )
        if finding.explanation is not None:
            ex = finding.explanation
            rows.append(
                [
                    finding.standard,
                    finding.id,
                    status_word("explained", lang),
                    ex.page,
                    ex.text,
                    "; ".join(ex.terms),
                    "",
                ]
            )
    fields = ("standard", "id", "element", "page", "snippet", "terms", "quantities")
    write_table(ws, [header(f, lang) for f in fields], rows, (16, 9, 26, 7, 80, 28, 22), wrap_columns=(3, 5, 6, 7))


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
