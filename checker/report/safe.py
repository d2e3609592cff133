"""Report text is untrusted: make it safe to put in a spreadsheet cell or a CSV field.

A draft paragraph that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return, which some spreadsheet
programs skip before looking for one of those) would run as a formula when a reviewer opens the file: the classic
CSV / formula injection (OWASP "CSV Injection"). Control characters that XML forbids make openpyxl raise
``IllegalCharacterError`` half-way through a workbook.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# XML 1.0 allows tab, LF and CR; every other C0 control character is illegal (openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Excel's limit; longer text is cut (the JSON result keeps the whole passage).
MAX_CELL_CHARS = 32_767


def clean_text(value: str) -> str:
    """Remove characters XML cannot hold and cut text to what one spreadsheet cell can hold."""
    cleaned = _ILLEGAL_XML.sub("", value)
    if len(cleaned) > MAX_CELL_CHARS:
        cleaned = cleaned[: MAX_CELL_CHARS - 1] + "…"
    return cleaned


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet program could read ``value`` as a formula."""
    return value.startswith(FORMULA_STARTS)


def csv_field(value: object) -> str:
    """A CSV field: clean text, and a leading single quote when it could be read as a formula (OWASP advice).

    Args:
        value: any value; ``None`` becomes an empty field.

    Returns:
        The text to write; the quote is visible in Excel, which is the point: the cell shows text, not a result.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # NOTE: numbers we produce (counts, pages) are not report text and stay numbers
    text = clean_text(str(value))
    return "'" + text if looks_like_formula(text) else text
