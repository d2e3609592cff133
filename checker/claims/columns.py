"""Index tables whose columns an export printed apart ("column-split").

Some PDF-to-text exports print a table column by column: the codes ("KPI A1.1", "KPI A1.2" ...), then the
descriptions, then one line of page cells ("30-31,38 96-97 31,96 57"), so a row's pages are far from its code. The
cells are in the table's row order, and a forward HKEX index prints its rows in the Guide's order (each aspect's
General Disclosure, then its KPIs by number), while the export may list the codes otherwise (the aspects first,
then their General Disclosures). So when a line of page cells closes a run of rows that cite nothing on their own
lines, and it holds exactly one cell per row, the cells are the rows' pages in the Guide's order.

Only an exact fit is read. A column that also prints "N/A" cells is not: an export may move them out of their
rows' places, and a shifted column would cite every later row's pages wrongly; nor is a line whose cells serve
several tables of one page (more cells than rows).
"""

from __future__ import annotations

import re

from checker.claims.model import Claim

_PAGES = r"\d{1,3}(?:\s?[-–~至]\s?\d{1,3})?(?:\s?[,，、]\s?\d{1,3}(?:\s?[-–~至]\s?\d{1,3})?)*"
_EXPLAINED = r"(?:n/?a|not applicable|不适用)(?:\s?(?:notes?|注)\s?\d{1,2})?"
# NOTE: folded text; a cell list may close with the full stop an export adds to every line.
_COLUMN = re.compile(rf"^\s*(?:(?:{_PAGES}|{_EXPLAINED})(?:\s+|\s*[.。]?\s*$))+$")
_CELL = re.compile(rf"{_EXPLAINED}|{_PAGES}")
_CODE = re.compile(r"^HKEX:([AB])(\d)\.(GD|\d{1,2})$")
MIN_COLUMN_CELLS = 3


def column_cells(line: str) -> list[str] | None:
    """The cells of a folded line that is nothing but page cells ("30-31,38 96-97 31,96"), else None."""
    if not _COLUMN.match(line):
        return None
    cells = [" ".join(m.group().split()) for m in _CELL.finditer(line)]
    return cells if len(cells) >= MIN_COLUMN_CELLS else None


def guide_order(code: str) -> tuple[str, int, int]:
    """Where an HKEX code's row sits in a forward index: its aspect, then the General Disclosure, then KPIs."""
    match = _CODE.match(code)
    if match is None:
        return ("Z", 0, 0)
    subject, aspect, item = match.groups()
    return (subject, int(aspect), 0 if item == "GD" else int(item))


def fill_columns(claims: list[Claim], rows_at: list[int], columns: list[tuple[int, list[str]]]) -> list[Claim]:
    """Give the rows before each line of page cells their cells, when the line fits them one cell per row.

    Args:
        claims: the region's claims, in document order.
        rows_at: each claim's code position (folded offset), in the same order.
        columns: the region's lines of page cells: (folded offset, cells), in document order.

    Returns:
        The claims, with the pages of the rows a column fits.
    """
    filled = list(claims)
    previous = -1
    for at, cells in columns:
        chunk = [i for i, start in enumerate(rows_at) if previous < start < at and claims[i].code.startswith("HKEX:")]
        previous = at
        # NOTE: the row just before the column runs on into it and reads its cells as its own pages.
        column_pages = {page.replace(" ", "") for cell in cells for page in re.split(r"\s?[,，、]\s?", cell)}
        own = [bool(set(claims[i].pages) - column_pages) or claims[i].sections or claims[i].explanation for i in chunk]
        if not chunk or any(own):
            continue  # NOTE: a row that cites on its own line is a row of an ordinary table
        if len(cells) != len(chunk) or any(not cell[0].isdigit() for cell in cells):
            if len(chunk) >= MIN_COLUMN_CELLS:
                # NOTE: a column that fits no row cites nothing for any: the last row only ran on into it.
                for i in chunk:
                    filled[i] = claims[i].model_copy(update={"pages": []})
            continue
        ordered = sorted(chunk, key=lambda i: guide_order(claims[i].code))
        for i, cell in zip(ordered, cells, strict=True):
            pages = [page.replace(" ", "") for page in re.split(r"\s?[,，、]\s?", cell)]
            filled[i] = claims[i].model_copy(update={"pages": pages})
    return filled
