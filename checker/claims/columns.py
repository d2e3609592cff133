"""Index tables whose columns an export printed apart ("column-split").

Some PDF-to-text exports print a table column by column: the codes ("KPI A1.1", "KPI A1.2" ...), then the
descriptions in the same order, then the page cells ("30-31,38 96-97 31,96 57"), so a row's pages are far from its
code. The cells are in the table's row order, and a forward HKEX index prints its rows in the Guide's order (each
aspect's General Disclosure, then its KPIs by number), while the export may list the codes otherwise (the aspects
first, then their General Disclosures). So when a column of cells closes a run of rows that cite nothing on their
own lines, and it holds exactly one cell per row, the cells are the rows' citations in the Guide's order.

A cell may give a reason instead of pages: "N/A Note1", with the note below the table. An export may move such
cells out of their rows' places, so their position says nothing. The note says which row it explains: it is
matched to the rows' descriptions (each code-only row takes the description printed at its place in the
description column), weighting the words that few descriptions share. Only a note that one row matches best is
placed; the page cells then fill the other rows in order. Anything else (a note that fits no row or two equally, a
column with more or fewer cells than rows, as when one line of cells serves several tables of a page) is not
guessed: those rows cite nothing, rather than every later row citing its neighbour's pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from checker.claims.model import Claim
from checker.claims.notes import Note
from checker.ingest.normalize import fold

_PAGES = r"\d{1,3}(?:\s?[-–~至]\s?\d{1,3})?(?:\s?[,，、]\s?\d{1,3}(?:\s?[-–~至]\s?\d{1,3})?)*"
_EXPLAINED = r"(?:n/?a|not applicable|不适用)(?:\s?(?:notes?|注)\s?(\d{1,2}))?"
# NOTE: folded text; a line of cells may close with the full stop an export adds to every line.
_COLUMN = re.compile(rf"^\s*(?:(?:{_PAGES}|{_EXPLAINED})(?:\s+|\s*[.。]?\s*$))+$")
_CELL = re.compile(rf"{_EXPLAINED}|{_PAGES}")
_CODE = re.compile(r"^HKEX:([AB])(\d)\.(GD|\d{1,2})$")
# NOTE: what a row's line prints besides its description: the code and its labels.
_CODE_WORDS = re.compile(
    r"(?:kpi|关键绩效指标|aspect|层面)?\s*[ab][1-8](?:\.\d{1,2})?|general disclosures?|一般披露|[:：.。]"
)
_LETTERS = re.compile(r"[^\W\d_]")
MIN_COLUMN_CELLS = 3
# Words every note or description says, which tell no row from another.
_STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "which",
        "their",
        "its",
        "has",
        "have",
        "been",
        "are",
        "was",
        "were",
        "not",
        "per",
        "any",
        "all",
        "such",
        "other",
        "including",
        "include",
        "where",
        "appropriate",
        "applicable",
        "indicator",
        "indicators",
        "company",
        "group",
        "issuer",
        "issuers",
        "note",
        "notes",
        "because",
        "since",
        "description",
        "describe",
        "number",
        "total",
        "data",
        "information",
        "relevant",
        "policies",
        "policy",
    ]
)


@dataclass(frozen=True)
class Row:
    """A claim of the region as the column reader sees it: where its code is, and its line's own text."""

    index: int  # position in the region's claims
    code: str
    start: int  # folded offset of the code
    line: int  # which line of the region holds it
    own: str  # the line's text besides the code (its description, or nothing)


@dataclass(frozen=True)
class Column:
    """Consecutive lines of cells: their folded offset and their cells, in order."""

    start: int
    cells: list[str]
    first_line: int


def column_cells(line: str) -> list[str] | None:
    """The cells of a folded line that is nothing but page cells or "N/A" cells, else None."""
    if not _COLUMN.match(line) or not line.strip(" .。"):
        return None
    return [" ".join(m.group().split()) for m in _CELL.finditer(line)]


def columns_of(lines: list[str], starts: list[int]) -> list[Column]:
    """Runs of consecutive lines of cells with at least ``MIN_COLUMN_CELLS`` cells in all."""
    found: list[Column] = []
    run: list[int] = []
    for number, line in enumerate([*lines, "x"]):
        cells = column_cells(line) if number < len(lines) else None
        if cells is not None:
            run.append(number)
            continue
        if run:
            joined = [cell for n in run for cell in column_cells(lines[n]) or []]
            if len(joined) >= MIN_COLUMN_CELLS:
                found.append(Column(starts[run[0]], joined, run[0]))
        run = []
    return found


def own_text(line_after_code: str) -> str:
    """A row's own description on its line: the line without its code's words."""
    return " ".join(_CODE_WORDS.sub(" ", line_after_code).split())


def guide_order(code: str) -> tuple[str, int, int]:
    """Where an HKEX code's row sits in a forward index: its aspect, then the General Disclosure, then KPIs."""
    match = _CODE.match(code)
    if match is None:
        return ("Z", 0, 0)
    subject, aspect, item = match.groups()
    return (subject, int(aspect), 0 if item == "GD" else int(item))


def fill_columns(
    claims: list[Claim], rows: list[Row], lines: list[str], columns: list[Column], notes: list[Note]
) -> list[Claim]:
    """Give the rows before each column their cells, when the column fits them one cell per row.

    Args:
        claims: the region's claims, in document order.
        rows: the HKEX claims among them, in document order.
        lines: the region's lines (folded), in order.
        columns: the region's columns of cells, in order.
        notes: the notes below the region's tables.

    Returns:
        The claims, with the citations of the rows a column fits.
    """
    filled = list(claims)
    previous = -1
    for column in columns:
        chunk = [row for row in rows if previous < row.start < column.start]
        previous = column.start
        if not chunk or any(_cites(row.own) for row in chunk):
            continue  # NOTE: a row that cites on its own line is a row of an ordinary table
        ordered = sorted(chunk, key=lambda row: guide_order(row.code))
        assigned = _assign(ordered, column.cells, _descriptions(chunk, lines, column.first_line), notes)
        for row in chunk:
            pages, explanation = assigned.get(row.index, ([], None))
            filled[row.index] = claims[row.index].model_copy(
                update={"pages": pages, "sections": [], "explanation": explanation}
            )
    return filled


def _cites(own: str) -> bool:
    return bool(re.search(r"\d", own))


def _assign(
    ordered: list[Row], cells: list[str], descriptions: dict[int, str], notes: list[Note]
) -> dict[int, tuple[list[str], str | None]]:
    """Row -> (pages, explanation) for a column that fits the rows, else nothing."""
    explained = [cell for cell in cells if not cell[0].isdigit()]
    pages = [cell for cell in cells if cell[0].isdigit()]
    if len(cells) != len(ordered):
        return {}
    result: dict[int, tuple[list[str], str | None]] = {}
    for cell in explained:
        marker = re.search(r"(\d{1,2})$", cell)
        note = next((n for n in notes if marker and n.number == marker.group(1)), None)
        target = _explained_row(note, ordered, descriptions, set(result)) if note is not None else None
        if note is None or target is None:
            return {}
        result[target] = ([], note.text)
    rest = [row for row in ordered if row.index not in result]
    for row, cell in zip(rest, pages, strict=True):
        result[row.index] = ([page.replace(" ", "") for page in re.split(r"\s?[,，、]\s?", cell)], None)
    return result


def _explained_row(note: Note, ordered: list[Row], descriptions: dict[int, str], taken: set[int]) -> int | None:
    """The one row whose description the note is most specifically about, if one stands out."""
    words = {row.index: _words(descriptions.get(row.index, "")) for row in ordered}
    frequency: dict[str, int] = {}
    for found in words.values():
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    said = _words(note.text)
    scores = sorted(
        (
            (sum(math.log(len(ordered) / frequency[w]) for w in said & found), index)
            for index, found in words.items()
            if index not in taken
        ),
        reverse=True,
    )
    if not scores or scores[0][0] <= 0 or (len(scores) > 1 and scores[1][0] >= scores[0][0]):
        return None
    return scores[0][1]


def _words(text: str) -> set[str]:
    """A text's content words, lightly stemmed ("fatalities" and "fatal" meet), and its Chinese character pairs."""
    folded = fold(text).text
    words = set()
    for word in re.findall(r"[a-z]+", folded):
        if len(word) < 3 or word in _STOPWORDS:
            continue
        for suffix, replacement in (("ities", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)] + replacement
                break
        words.add(word)
    for run in re.findall(r"[\u4e00-\u9fff]+", folded):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


def _descriptions(chunk: list[Row], lines: list[str], column_line: int) -> dict[int, str]:
    """Each row's description: its own line's, or the one printed at its place in the description column.

    A run of code-only lines is followed by its descriptions, one line each, in the same order.
    """
    found = {row.index: row.own for row in chunk if _LETTERS.search(row.own)}
    coded = {row.line for row in chunk}
    bare = [row for row in chunk if row.index not in found]
    runs: list[list[Row]] = []
    for row in bare:
        if runs and row.line == runs[-1][-1].line + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    for run in runs:
        following = [n for n in range(run[-1].line + 1, column_line) if n not in coded and _LETTERS.search(lines[n])][
            : len(run)
        ]
        for row, number in zip(run, following, strict=False):
            found[row.index] = lines[number]
    return found
