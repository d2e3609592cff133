"""Response tables: a standard's recommendations restated in one column, the issuer's answers beside them.

Many TCFD and Part D disclosures are laid out as a table, one row per recommendation: "b) Describe management's
role …" | "Our Sustainability Committee, chaired by the CEO, …". Such a table is the disclosure itself, unlike a
correspondence table, whose other cells point elsewhere ("2. 氣候治理 | p. 12"). The answers are evidence and the
restated recommendations are not: the table stays body text, and the cells that restate a requirement are left
out of evidence (``echo_cell_spans``), so a quoted recommendation never answers itself.
"""

from __future__ import annotations

import re

from checker.structure.echo import is_requirement_echo, speaks_as_issuer

RESPONSE_TABLE_REASON = "response table (restated requirements beside the issuer's answers: only the answers count)"
CELL_SEPARATOR = " | "
ANSWER_ROW_SHARE = 0.6
MIN_ANSWER_ROWS = 2
# NOTE: an answer says something: a sentence in the issuer's voice or with figures, or a long passage; a cell of
# this length or less that names a chapter ("2. 氣候治理 4.1 三道防線") is a pointer, as are page numbers.
ANSWER_MIN_CHARS = 20
ANSWER_PROSE_CHARS = 60
_REFERENCE = re.compile(r"^(?:pp?\.?|pages?|第|页|章|节|section|chapter|[\d\s,，、.;；\-–~至及和与])+$")


def is_answer(folded_cell: str) -> bool:
    """Whether a cell answers a requirement in its own words rather than pointing to where the answer is."""
    text = folded_cell.strip()
    if len(text) < ANSWER_MIN_CHARS or _REFERENCE.match(text):
        return False
    return speaks_as_issuer(text) or len(text) >= ANSWER_PROSE_CHARS


def is_response_table(folded_table: str) -> bool:
    """Whether the rows that restate a requirement mostly carry the issuer's answer beside it."""
    echoing = answered = 0
    for row in folded_table.split("\n"):
        cells = row.split(CELL_SEPARATOR)
        echoes = [is_requirement_echo(cell) is not None for cell in cells]
        if any(echoes):
            echoing += 1
            answered += any(is_answer(cell) for cell, echo in zip(cells, echoes, strict=True) if not echo)
    return answered >= MIN_ANSWER_ROWS and answered >= ANSWER_ROW_SHARE * echoing


def echo_cell_spans(folded_table: str) -> list[tuple[int, int]]:
    """[start, end) offsets, within the table's text, of the cells that restate a requirement."""
    spans: list[tuple[int, int]] = []
    position = 0
    for row in folded_table.split("\n"):
        start = position
        for cell in row.split(CELL_SEPARATOR):
            if is_requirement_echo(cell) is not None:
                spans.append((start, start + len(cell)))
            start += len(cell) + len(CELL_SEPARATOR)
        position += len(row) + 1
    return spans
