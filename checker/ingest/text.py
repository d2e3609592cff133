"""Plain text: a form feed is a page break (as in ``pdftotext`` output); paragraphs are separated by blank lines.

Inside a paragraph, hard-wrapped lines are re-joined (no space between two CJK characters). A line starting with a
bullet or a list number starts a list item; following lines continue it. A paragraph whose lines all split into
the same number (>= 2) of cells on tabs or ``|`` is a table. Headings are guessed conservatively: a single short
line without sentence punctuation, mostly not digits, that is followed by body text (possibly through further
heading lines). Plain text has no heading levels, so text headings carry ``level=None``, except a title printed in
capitals, which is a chapter (level 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.encoding import decode_text_input, split_overlong_lines
from checker.ingest.lines import join_wrapped_lines, starts_list_item
from checker.ingest.normalize import is_cjk
from checker.ingest.options import ReadOptions
from checker.ingest.paging import Pager
from checker.ingest.reflow import infer_pages, join_split_words, split_paragraphs

_DECIMAL_START = re.compile(r"^\s*\d+[.,]\d")
_BULLET_GLYPH = re.compile(r"^\s*[・•●○■□◆▪‧※*–-]\s*")
_TABLE_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TERMINAL_PUNCT = tuple(".。!！?？;；:：,，、")
_SENTENCE_END = tuple(".。!！?？")
_DATE = re.compile(
    r"(?:19|20)\d\d\s*年?|\d{1,2}\s*[月日]|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_MAX_CJK_HEADING = 40
_MAX_LATIN_HEADING = 80


@dataclass
class _Spec:
    kind: BlockKind
    text: str
    line_count: int = 1
    rows: list[list[str]] | None = None


def read(data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
    """Read a plain-text draft.

    Args:
        data: the file's bytes, in any encoding ``detect_encoding`` recognises.
        source: where the bytes came from.
        options: reading options (plain text needs none beyond the registry's limits).

    Returns:
        The Document: one page per form-feed-separated section.

    Raises:
        InputError: for binary data or an undetectable encoding.
    """
    pager = Pager(DocumentBuilder(source))
    text = join_split_words(split_overlong_lines(decode_text_input(data, pager.builder), pager.builder))
    inferred = infer_pages(text) if "\f" not in text else None
    if inferred is not None:
        pager.builder.warn(f"no form feeds: {len(inferred)} pages inferred from the running header")
        pages = [(page.label, "\n".join(page.lines)) for page in inferred]
    else:
        pages = [(None, page_text) for page_text in text.split("\f")]
    for index, (label, page_text) in enumerate(pages):
        if index:
            pager.page_break(label=label)
        else:
            pager.builder.label_page(label)
        for spec in parse_blocks(page_text):
            pager.add(spec.kind, spec.text, level=_heading_level(spec), rows=spec.rows)
    return pager.finish()


def parse_blocks(text: str) -> list[_Spec]:
    """Split one page of plain text into paragraph, list-item, table and heading blocks."""
    specs: list[_Spec] = []
    groups: list[list[str]] = []
    for lines in _line_groups(text):
        # NOTE: a table laid out in columns of spaces ("pdftotext -layout") is a table before reflow can split its
        # header line off as a heading and join its rows into one paragraph
        groups.extend([lines] if _aligned_rows(lines) is not None else split_paragraphs(lines))
    for group in groups:
        rows = _table_rows(group) or _aligned_rows(group)
        if rows is not None:
            specs.append(_Spec(BlockKind.TABLE, "\n".join(" | ".join(row) for row in rows), len(group), rows))
        elif any(_starts_item(line) for line in group):
            specs.extend(_list_specs(group))
        else:
            specs.append(_Spec(BlockKind.PARAGRAPH, join_wrapped_lines(group), len(group)))
    _mark_headings(specs)
    return specs


def _line_groups(text: str) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _table_rows(lines: list[str]) -> list[list[str]] | None:
    """Rows when every line splits into the same number (>= 2) of cells on tabs or pipes, else None."""
    if len(lines) < 2:
        return None
    for splitter in (_split_pipes, _split_tabs):
        rows = [splitter(line) for line in lines if not _TABLE_DELIMITER_ROW.match(line)]
        widths = {len(row) for row in rows}
        if len(rows) >= 2 and len(widths) == 1 and widths.pop() >= 2:
            return rows
    return None


_COLUMN_GAP = re.compile(r"\s{2,}")
ALIGNED_CELL_MAX = 80
ALIGNED_WIDE_CELL_MAX = 200


def _aligned_rows(lines: list[str]) -> list[list[str]] | None:
    """Rows of a table set in columns of spaces, or None.

    Every line splits on runs of 2+ spaces into the same number (>= 2) of cells, and there are three columns or
    most rows hold a figure; a header line that leaves its first column blank keeps it as an empty cell.
    """
    if len(lines) < 2:
        return None
    rows = [[cell.strip() for cell in _COLUMN_GAP.split(line.rstrip())] for line in lines]
    widths = {len(row) for row in rows}
    if len(widths) != 1 or widths.pop() < 2:
        return None
    # NOTE: two cells of running words split by a double space are short; three or more columns lined up on four or
    # more lines are a table even where a cell is long (an index's description or its remark: "Not applicable: as a
    # hospitality operator we sell no products ...").
    limit = ALIGNED_WIDE_CELL_MAX if len(rows[0]) >= 3 and len(rows) >= 4 else ALIGNED_CELL_MAX
    if any(len(cell) > limit for row in rows for cell in row):
        return None
    # NOTE: two columns could be a sentence with a double space; three that line up on every line are a table
    with_figures = sum(any(ch.isdigit() for ch in "".join(row[1:])) for row in rows)
    return rows if len(rows[0]) >= 3 or with_figures * 2 >= len(rows) else None


def _split_pipes(line: str) -> list[str]:
    stripped = line.strip()
    if " | " not in stripped and not stripped.startswith("|"):
        return [stripped]
    return [cell.strip() for cell in stripped.strip("|").split("|")]


def _split_tabs(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"\t+", line.strip())]


def _list_specs(lines: list[str]) -> list[_Spec]:
    """One spec per list item; lines before the first item form a paragraph, later lines continue their item.

    A line set further left than its item's bullet does not continue the item: an indented list followed, with no
    blank line, by a title at the margin ("  • Land and vegetation ..." then "Packaging") ends there.
    """
    groups: list[tuple[BlockKind, list[str]]] = []
    bullet_indent = 0
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if _starts_item(line):
            groups.append((BlockKind.LIST_ITEM, [_BULLET_GLYPH.sub("", line, count=1)]))
            bullet_indent = indent
        elif groups and (groups[-1][0] is BlockKind.PARAGRAPH or not (line.strip() and indent < bullet_indent)):
            groups[-1][1].append(line)
        else:
            groups.append((BlockKind.PARAGRAPH, [line]))
    return [_Spec(kind, join_wrapped_lines(group), len(group)) for kind, group in groups]


def _starts_item(line: str) -> bool:
    # NOTE: starts_list_item takes "51.93%" for item "51." followed by "93%"; a decimal number starts no list.
    return starts_list_item(line) and not _DECIMAL_START.match(line)


def _mark_headings(specs: list[_Spec]) -> None:
    # NOTE: walk backwards so a chain "chapter title / section title / body" marks both titles; a run of short
    # lines that ends in numbers (table cells pulled out of a PDF) marks none.
    leads_to_body = False
    for spec in reversed(specs):
        if spec.kind is BlockKind.PARAGRAPH and _heading_like(spec):
            if leads_to_body:
                spec.kind = BlockKind.HEADING
            continue
        leads_to_body = spec.kind in (BlockKind.TABLE, BlockKind.LIST_ITEM) or _body_like(spec)


def _heading_level(spec: _Spec) -> int | None:
    """A chapter title printed in capitals ("OUR PEOPLE") is level 1; other text headings have no level."""
    if spec.kind is not BlockKind.HEADING:
        return None
    letters = [ch for ch in spec.text if ch.isalpha() and ch.isascii()]
    return 1 if len(letters) >= 4 and all(ch.isupper() for ch in letters) else None


def _heading_like(spec: _Spec) -> bool:
    text = spec.text.strip()
    if spec.line_count != 1 or not text or text.endswith(_TERMINAL_PUNCT):
        return False
    has_cjk = any(is_cjk(ch) for ch in text)
    if len(text) > (_MAX_CJK_HEADING if has_cjk else _MAX_LATIN_HEADING):
        return False
    # NOTE: a date in a title ("僱員概況（截至2025年12月31日）", "Workforce at 31 December 2025") is no figure
    digits = sum(ch.isdigit() for ch in _DATE.sub("", text))
    if digits * 10 > len(text) * 3 or not any(ch.isalpha() for ch in text):
        return False
    if has_cjk:
        return True
    words = [word for word in re.findall(r"[A-Za-z][\w'-]*", text) if len(word) > 3]
    # NOTE: English headings are title case or capitalised short phrases; a sentence fragment is not.
    return text[0].isupper() and (len(words) <= 3 or sum(w[0].isupper() for w in words) * 10 >= len(words) * 6)


def _body_like(spec: _Spec) -> bool:
    text = spec.text.strip()
    return spec.line_count > 1 or len(text) >= 40 or (len(text) >= 10 and text.endswith(_SENTENCE_END))
