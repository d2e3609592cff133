"""Where a position sits in a table block's folded text: its row and column.

Every ingest format writes a table as rows joined by newlines and cells joined by " | ", so a position's column is
the number of "|" before it on its row, and its row the number of newlines before it in the block. The first row
is the header row.
"""

from __future__ import annotations


def body_column(text: str, table_start: int, position: int) -> int | None:
    """The column of ``position`` below the header row of the table starting at ``table_start``; None in it."""
    row_start = text.rfind("\n", table_start, position) + 1
    if row_start <= table_start:
        return None  # NOTE: a figure in the header row heads a column; it is no value of one
    return text.count("|", row_start, position)


def header_column(text: str, table_start: int, start: int, end: int) -> int | None:
    """The column of a span that lies in the table's header row (its first line), or None."""
    if text.find("\n", table_start, end) >= 0:
        return None
    return text.count("|", table_start, start)
