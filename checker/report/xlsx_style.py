"""Cell writing and styling shared by the workbook's sheets: safe text, status colours, tables, print setup.

Imported only by the xlsx writer and readers (openpyxl is heavy; JSON/text runs never load it).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checker.report.safe import clean_text, looks_like_formula

# Fill colours by verdict (Excel's own "good / neutral / bad" palette, so they read as Excel users expect).
STATUS_FILLS = {
    "covered": "C6EFCE",
    "partial": "FFEB9C",
    "missing": "FFC7CE",
    "explained": "DDEBF7",
    "not_applicable": "EDEDED",
    "waived": "E4DFEC",
    "manual": "FCE4D6",
    "error": "FF9999",
}
HEADER_FILL = "1F4E78"
STALE_FILL = "F8CBAD"  # NOTE: orange, unlike every verdict colour, so a stale sign-off stands out on paper too
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def put(ws: Worksheet, row: int, column: int, value: object, *, wrap: bool = False) -> None:
    """Write one cell; text from the report can never become a formula.

    Args:
        ws: the sheet.
        row: 1-based row.
        column: 1-based column.
        value: text, number or None. Text is cleaned of XML-illegal characters.
        wrap: wrap the text in the cell.
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if looks_like_formula(text):
            # NOTE: openpyxl turns any string starting with "=" into a formula on assignment. Forcing the type back
            # to "s" stores the passage exactly as the draft wrote it (a leading quote would change the text a
            # reviewer copies into the report); quotePrefix additionally tells Excel to keep it text when a
            # reviewer edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    cell.alignment = WRAP if wrap else TOP


def status_fill(status: str) -> PatternFill:
    """The solid fill for a verdict."""
    return fill(STATUS_FILLS.get(status, "FFFFFF"))


def fill(colour: str) -> PatternFill:
    """A solid fill of an RGB colour (``"FFC7CE"``)."""
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    wrap_columns: Sequence[int] = (),
    first_row: int = 1,
) -> int:
    """Write a header row and data rows with a frozen header, a filter and column widths.

    Args:
        ws: the sheet.
        headers: the header texts.
        rows: data rows, each as long as ``headers``.
        widths: column widths in characters.
        wrap_columns: 1-based columns whose text wraps.
        first_row: the header's row.

    Returns:
        The last row written.
    """
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for column, text in enumerate(headers, start=1):
        put(ws, first_row, column, text, wrap=True)
        cell = ws.cell(row=first_row, column=column)
        cell.font = header_font
        cell.fill = header_fill
    wrapped = set(wrap_columns)
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            put(ws, first_row + offset, column, value, wrap=column in wrapped)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    last_row = first_row + len(rows)
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    ws.auto_filter.ref = f"A{first_row}:{get_column_letter(len(headers))}{max(last_row, first_row + 1)}"
    print_setup(ws, first_row)
    return last_row


def print_setup(ws: Worksheet, title_row: int = 1) -> None:
    """Landscape A4, fit to one page wide, repeat the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{title_row}:{title_row}"
