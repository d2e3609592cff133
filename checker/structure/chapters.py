"""Chapter titles printed as page headers: the chapter's heading, and a running header on its other pages.

Many reports print the chapter's name at the top of every page of the chapter ("ENVIRONMENTAL MANAGEMENT" on
pages 74 to 88, "EMPLOYMENT MANAGEMENT" on pages 62 to 74). The name changes from chapter to chapter, so it is on
too few pages to count as a running header of the whole document, and a text export gives it no heading style.
Left alone, each copy is a one-line paragraph that names the topic on every page (evidence by position, not by
content), and the chapter is not a section: passages keep the section of whatever heading came before it.

A chapter title is a short line among the first blocks of at least ``MIN_PAGES`` pages of one run of pages (at
most ``MAX_GAP`` pages apart). Its first copy heads the chapter; the later copies are running headers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

EDGE_BLOCKS = 2
MIN_PAGES = 3
MAX_GAP = 2
MAX_CHARS = 80
# A chapter spans at most this share of the report's pages (any chapter may span this many pages).
CHAPTER_MAX_SHARE = 0.4
CHAPTER_MAX_PAGES_ALWAYS = 12
# NOTE: a chapter title is words: not a number, a date or a figure with its unit.
_WORDS = re.compile(r"[a-z\u3400-\u9fff]{2}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_KEY_DROP = re.compile(r"[\d\s.。:：|/()（）\-–—]+")


@dataclass(frozen=True)
class ChapterTitles:
    """Block indexes of chapter titles: the first copy of each (a heading) and the copies after it (running)."""

    headings: frozenset[int]
    repeats: frozenset[int]


def chapter_titles(folded_blocks: Sequence[str], pages: Sequence[int], edge: Sequence[bool]) -> ChapterTitles:
    """Find chapter titles repeated as page headers.

    Args:
        folded_blocks: every block's folded text, running headers already left out (as empty strings).
        pages: each block's page number.
        edge: whether each block is among the first ``EDGE_BLOCKS`` live blocks of its page.
    """
    copies: dict[str, list[int]] = {}
    for i, text in enumerate(folded_blocks):
        stripped = text.strip()
        if not edge[i] or not stripped or len(stripped) > MAX_CHARS or "\n" in stripped:
            continue
        key = _KEY_DROP.sub("", stripped)
        if len(key) < 4 or not _WORDS.search(key) or len(_YEAR.findall(stripped)) >= 2:
            continue  # NOTE: "Indicator | Unit | 2020 | 2021" is a table's header row repeated, not a title
        copies.setdefault(key, []).append(i)
    headings: set[int] = set()
    repeats: set[int] = set()
    total_pages = len(set(pages))
    for found in copies.values():
        if len({pages[i] for i in found}) < MIN_PAGES:
            continue
        runs = _runs(found, pages)
        spread = pages[found[-1]] - pages[found[0]] + 1
        if len(runs) > 1 or spread > max(CHAPTER_MAX_PAGES_ALWAYS, CHAPTER_MAX_SHARE * total_pages):
            # NOTE: a title that comes back after other chapters, or covers most of the report, is the report's
            # (or a part's) header on alternate pages, not one chapter's: running, but no heading.
            repeats.update(found)
            continue
        headings.add(found[0])
        repeats.update(found[1:])
    return ChapterTitles(frozenset(headings), frozenset(repeats))


def _runs(found: list[int], pages: Sequence[int]) -> list[list[int]]:
    """Copies split where the pages between two of them leave a gap (another chapter came between)."""
    runs: list[list[int]] = []
    for i in found:
        if runs and pages[i] - pages[runs[-1][-1]] <= MAX_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
