"""Print layout of the workbook: row heights from the wrapped text, paper, page header and footer.

Neither Excel nor openpyxl sizes a row to wrapped text when the file is written (Excel does it only on edit, and
LibreOffice only for rows without a stored height), so a printed matrix would cut long requirements. Heights are
computed here from the text: a column of width ``w`` (in widths of the digit 0) holds about ``w - 1`` digits per
line, an average Latin letter takes 0.9 of a digit, a CJK (or other East Asian wide) character two, and Latin text
wraps at spaces. The estimate errs on the tall side: a row a little too high wastes paper, one too low cuts text.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

# Points per line of the default 11 pt font (Excel's default row is 15 pt), and the cell's top/bottom padding.
LINE_POINTS = 15.0
PADDING_POINTS = 3.0
MAX_ROW_POINTS = 409.0  # NOTE: Excel's limit; a longer cell is cut on screen too, never made taller
PAPER_SIZES = {"a4": 9, "a3": 8}  # the OOXML paperSize codes


_NARROW = 0.9  # NOTE: measured on the rendered matrix: proportional Latin text averages ~0.85 of a digit


def char_width(char: str) -> float:
    """Width of one character in column units: 2 for East Asian wide or full-width, else 0.9."""
    return 2.0 if unicodedata.east_asian_width(char) in ("W", "F") else _NARROW


def text_width(text: str) -> float:
    """Width of a string in column units."""
    return sum(char_width(c) for c in text)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped column ``width`` characters wide (greedy word wrap)."""
    usable = max(2.0, width - 1)  # NOTE: a cell's margins take about one character
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for token in _tokens(paragraph):
            size = text_width(token)
            if token == " ":
                used += _NARROW if used else 0
                continue
            if used + size <= usable:
                used += size
                continue
            if size <= usable:
                lines += 1 if used else 0
                used = size
                continue
            # NOTE: a token wider than the column (a long number, a URL) starts a line and breaks at its edge
            lines += (1 if used else 0) + math.ceil(size / usable) - 1
            used = size - (math.ceil(size / usable) - 1) * usable
    return lines


def clip_lines(text: str, width: float, max_lines: int) -> str:
    """``text`` cut (with an ellipsis) to what ``max_lines`` wrapped lines of a ``width`` column hold."""
    if wrapped_lines(text, width) <= max_lines:
        return text
    low, high = 0, len(text)
    while low < high:  # NOTE: the longest prefix that still fits, found by bisection
        middle = (low + high + 1) // 2
        if wrapped_lines(text[:middle].rstrip() + "…", width) <= max_lines:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _tokens(paragraph: str) -> list[str]:
    """Words and single wide characters (CJK text may wrap between any two characters), and spaces."""
    tokens: list[str] = []
    word = ""
    for char in paragraph:
        if char == " " or char_width(char) > 1:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def row_height(values: Sequence[object], widths: Sequence[float], wrapped: Sequence[bool]) -> float:
    """The height in points that shows every wrapped cell of a row in full."""
    lines = 1
    for value, width, wrap in zip(values, widths, wrapped, strict=False):
        if value is None or value == "" or not wrap:
            continue
        lines = max(lines, wrapped_lines(str(value), width))
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + PADDING_POINTS)


def fit_rows(ws: Any, first_row: int, widths: Sequence[float], wrapped: Sequence[bool]) -> None:
    """Set the height of every row from ``first_row`` (the header) down from its cells' text."""
    for row in ws.iter_rows(min_row=first_row, max_col=len(widths)):
        values = [cell.value for cell in row]
        header = row[0].row == first_row  # NOTE: header cells always wrap (a long header never widens a column)
        ws.row_dimensions[row[0].row].height = row_height(values, widths, [True] * len(widths) if header else wrapped)


def _escape(text: str) -> str:
    """Header/footer text: ``&`` starts a code there, so a literal one is doubled."""
    return text.replace("&", "&&")


def page_layout(ws: Any, *, paper: str, draft: str, standard: str, page_of: str, title_rows: str | None) -> None:
    """Landscape on ``paper``, one page wide, as many pages high as it takes, with a header and a footer.

    Args:
        ws: the sheet.
        paper: ``a4`` or ``a3``.
        draft: the draft's file name (left of the header).
        standard: the standard(s) applied (right of the header).
        page_of: the footer, with ``&P`` and ``&N`` for this page and the page count.
        title_rows: rows repeated at the top of every printed page (``"1:1"``), or None.
    """
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_SIZES[paper]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # NOTE: 0 = as many pages high as needed; fitting to one page makes it unreadable
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = title_rows is not None  # NOTE: tables get grid lines; the Summary has a chart
    ws.page_margins.left = ws.page_margins.right = 0.25
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    if title_rows:
        ws.print_title_rows = title_rows
    for part in (ws.oddHeader, ws.evenHeader):
        part.left.text = _escape(draft)
        part.left.size = 9
        part.right.text = _escape(standard)
        part.right.size = 9
    for part in (ws.oddFooter, ws.evenFooter):
        part.center.text = page_of
        part.center.size = 9
        part.right.text = "&A"  # NOTE: the sheet name, so a loose page shows where it came from
        part.right.size = 9
