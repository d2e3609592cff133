"""Tables of contents, found as runs of blocks after a "Contents" / "目錄" title, never as whole pages.

An unpaged draft (HTML, Markdown without page-break markers, text without form feeds) is one page, so a test
per page would call the whole report a table of contents. A contents list is a title followed by short entries
that carry page numbers; it ends where the entries stop.

All tests run on folded text (lower case, Simplified Chinese), so English and both Chinese scripts are alike.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right as _bisect_right
from collections.abc import Sequence

_TITLE = re.compile(r"^(?:table of contents?|contents?|contents page|目录|目次|本报告目录|报告目录)$")
_TITLE_STRIP = " :：.。-—_|*#"
# NOTE: a contents entry ends with its page number ("About this report 3", "关于本报告 ...... 03") or starts
# with it, as designed reports print them ("03 About this report").
_TRAILING_PAGE = re.compile(r"(?:\.{2,}|…+|\s|[\u4e00-\u9fff）)])\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?$")
_LEADING_PAGE = re.compile(r"^(?:p\.?\s*)?\d{1,3}\s+\S")
# NOTE: the day and month of a date ("2024年1月1日至12月31日", "31 December") are no page numbers; a report's
# opening paragraph is full of them.
# A space may stand between the figure and its unit ("2025 年 1 月 1 日至 12 月 31 日").
_SMALL_NUMBER = re.compile(
    r"(?<![\d.,%年月])(?<![年月] )\d{1,3}(?![\d.,%月日号])(?! [年月日号])"
    r"(?!\s?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
)
ENTRY_MAX_CHARS = 150
# NOTE: a contents block folded into one paragraph ("About 3 Governance 5 People 12 ...") has many small numbers.
DENSE_MIN_NUMBERS = 5
DENSE_CHARS_PER_NUMBER = 45
MIN_ENTRIES = 3
MAX_UNNUMBERED_RUN = 3
FRONT_SHARE = 0.1
FRONT_MIN_BLOCKS = 40


def is_contents_title(folded: str) -> bool:
    """Whether a block's folded text is a contents title ("Contents", "目錄", "Table of Contents")."""
    text = folded.strip(_TITLE_STRIP)
    return len(text) <= 40 and bool(_TITLE.match(text))


_DOT_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}")


def is_contents_entry(text: str) -> bool:
    """A contents line: short, with its page number at either end, or with dot leaders to a lost number."""
    return len(text) <= ENTRY_MAX_CHARS and bool(
        _TRAILING_PAGE.search(text) or _LEADING_PAGE.match(text) or _DOT_LEADER.search(text)
    )


def _dense_numbers(text: str) -> bool:
    numbers = len(_SMALL_NUMBER.findall(text))
    return numbers >= DENSE_MIN_NUMBERS and len(text) <= DENSE_CHARS_PER_NUMBER * numbers


def _rising_page_numbers(text: str) -> bool:
    """A contents list without a title: many small numbers, most of them in rising order (page numbers)."""
    numbers = [int(n) for n in _SMALL_NUMBER.findall(text)]
    if len(numbers) < 2 * DENSE_MIN_NUMBERS or len(text) > DENSE_CHARS_PER_NUMBER * len(numbers):
        return False
    # NOTE: longest non-decreasing run, allowing the section numbers that sit between page numbers
    best: list[int] = []
    for number in numbers:
        position = _bisect_right(best, number)
        if position == len(best):
            best.append(number)
        else:
            best[position] = number
    return len(best) >= 0.6 * len(numbers) and best[-1] - best[0] >= 10


def contents_blocks(folded_blocks: Sequence[str], tables: Sequence[bool]) -> dict[int, str]:
    """Blocks that belong to a table of contents, with the reason for each.

    Args:
        folded_blocks: every block's folded text, in reading order.
        tables: whether each block is a table.

    Returns:
        Block index -> reason.
    """
    found: dict[int, str] = {}
    count = len(folded_blocks)
    # NOTE: a contents list without a title is looked for in the front matter only
    front = max(FRONT_MIN_BLOCKS, int(FRONT_SHARE * count))
    i = 0
    while i < count:
        text = folded_blocks[i].strip()
        title_alone = is_contents_title(text)
        title_inline = not title_alone and _starts_with_title(text) and _dense_numbers(text)
        if not (title_alone or title_inline):
            if i < front and not tables[i] and _rising_page_numbers(text):
                found[i] = "table of contents (entries with rising page numbers)"
            elif i < front and tables[i] and _page_column_table(text):
                found[i] = "table of contents (a table whose rows end in rising page numbers)"
            i += 1
            continue
        if title_inline:
            found[i] = "table of contents (a contents title with page numbers)"
            i += 1
            continue
        run, entries = _entries_after(folded_blocks, tables, i + 1)
        if entries >= MIN_ENTRIES or (run and all(_dense_numbers(folded_blocks[j]) for j in run)):
            found[i] = "table of contents (title)"
            for j in run:
                found[j] = "table of contents (entry)"
            i = run[-1] + 1 if run else i + 1
        else:
            i += 1
    return found


_LAST_CELL_PAGE = re.compile(r"^(?:p\.?\s*)?(\d{1,3})(?:\s*[-–]\s*\d{1,3})?$")


def _page_column_table(text: str) -> bool:
    """A table (under any title, "What is inside", "本報告內容") whose every row ends in a page number, rising.

    NOTE: a data table's last column holds figures with separators, decimals or units, and they do not rise row by
    row through a whole table.
    """
    rows = [row.split("|") for row in text.split("\n") if row.strip()]
    pages: list[int] = []
    for cells in rows[1:]:
        match = _LAST_CELL_PAGE.match(cells[-1].strip())
        if match is None or len(cells) < 2 or not cells[0].strip():
            return False
        pages.append(int(match.group(1)))
    return len(pages) >= MIN_ENTRIES + 1 and all(a <= b for a, b in itertools.pairwise(pages))


_TITLE_LEAD = re.compile(
    r"^[\s:：.。\-—_|*#]*(?:table of contents?|contents?|contents page|目录|目次|本报告目录|报告目录)(?![a-z])"
)


def _starts_with_title(text: str) -> bool:
    return bool(_TITLE_LEAD.match(text[:40]))


def _entries_after(folded_blocks: Sequence[str], tables: Sequence[bool], start: int) -> tuple[list[int], int]:
    """The run of contents entries from ``start``: short numbered lines, with a few unnumbered chapter names."""
    run: list[int] = []
    entries = 0
    unnumbered: list[int] = []
    for j in range(start, len(folded_blocks)):
        text = folded_blocks[j].strip()
        if tables[j] and _dense_numbers(text):
            run.extend(unnumbered)
            unnumbered.clear()
            run.append(j)
            entries += MIN_ENTRIES
            continue
        if is_contents_entry(text) or (len(text) <= 400 and _dense_numbers(text)):
            run.extend(unnumbered)
            unnumbered.clear()
            run.append(j)
            entries += 1
            continue
        if len(text) <= 60 and len(unnumbered) < MAX_UNNUMBERED_RUN:
            unnumbered.append(j)  # NOTE: a chapter name above its numbered entries; kept only if entries follow
            continue
        break
    return run, entries
