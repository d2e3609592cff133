"""Rebuild pages and paragraphs from text exported out of a PDF without form feeds or blank lines.

Text converted from a designed report rarely keeps its structure. Two losses matter for evidence:

* **pages**: without form feeds a 100-page report is one page, so page numbers, running headers and any per-page
  reasoning are gone. The pages are still visible: every page repeats the report's running header (or footer)
  next to its printed page number. ``infer_pages`` splits the text before each repetition of that line and takes
  the printed number as the page label, when the numbers run upwards as page numbers do.
* **paragraphs**: a paragraph is a run of lines wrapped at the page width, ending with a line that stops short of
  it. Headings, table cells and figures are short lines. Without blank lines between paragraphs, the whole report
  would otherwise be one paragraph. ``split_paragraphs`` cuts a long group of lines after every short line, and
  a group whose lines are far longer than any wrap width (one paragraph per line) into its lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

# NOTE: a group this long without a blank line is a whole page or report, not a paragraph.
REFLOW_MIN_LINES = 6
# A line this many times longer than the group's median, and at least this long, is an unwrapped paragraph.
UNWRAPPED_FACTOR = 2.5
UNWRAPPED_MIN_CHARS = 200
# A wrapped line reaches at least this share of the wrap width; a shorter one ends its paragraph.
SHORT_LINE_SHARE = 0.7
# NOTE: a header fused with the report's navigation bar ("SIEMENS SUSTAINABILITY INFORMATION 2020 29 1 Siemens at a
# glance 2 Our sustainability management 3 Governance ...") is one line of some 200 characters.
HEADER_MAX_CHARS = 300
HEADER_MIN_REPEATS = 5
FUSED_HEADER_MIN_KEY = 20
HEADER_MIN_MEDIAN_GAP = 8
LABEL_SEARCH_LINES = 3
_DIGITS_AND_SPACE = re.compile(r"[\d\s]+")
_BARE_NUMBER = re.compile(r"^(?:p\.?\s*|page\s+|第\s*)?(\d{1,3})(?:\s*頁|\s*页)?\.?$", re.IGNORECASE)
# NOTE: a page number printed at either end of a short line: "8 ACME LIMITED", "Report — 08.", "16 2021",
# "Governance | 24". Four-digit years are never page numbers.
_EDGE_NUMBER = re.compile(r"^(\d{1,3})(?=\s)(?!\s*[%.,]\d)|(?<=[\s—–|/-])(\d{1,3})\.?$")
NEIGHBOUR_MAX_CHARS = 80


@dataclass(frozen=True)
class TextPage:
    """One inferred page: its lines and the printed page number, when one was found."""

    lines: list[str]
    label: str | None


def _header_key(line: str) -> str:
    return _DIGITS_AND_SPACE.sub("", line).casefold().strip(".—–-")


def infer_pages(text: str) -> list[TextPage] | None:
    """Pages of a text without form feeds, split at its running header; None when no running header is found.

    Args:
        text: the whole text (no form feeds).

    Returns:
        The pages in order (the text before the first header is a page of its own), or None.
    """
    lines = text.split("\n")
    counts: Counter[str] = Counter()
    positions: dict[str, list[int]] = {}
    keys: list[str | None] = []
    for line in lines:
        stripped = line.strip()
        key = _header_key(stripped) if stripped and len(stripped) <= HEADER_MAX_CHARS else None
        # NOTE: bare page numbers and short words repeat everywhere; a running header is a title
        keys.append(key if key is not None and len(key) >= 8 else None)
    for key in keys:
        if key is not None:
            counts[key] += 1
    candidates = [key for key, count in counts.most_common(6) if count >= HEADER_MIN_REPEATS]
    # NOTE: the header is sometimes printed alone and sometimes fused with the navigation bar after it ("REPORT 2020
    # 128" / "REPORT 2020 29 1 Overview 2 Strategy ..."): a line that opens with a shorter candidate's text is that
    # header too, and the candidate that opens the most lines is tried first
    for key in candidates:
        # NOTE: only a header long enough to be a title opens other lines: "environment" opens body lines too
        long = len(key) >= FUSED_HEADER_MIN_KEY
        positions[key] = [n for n, k in enumerate(keys) if k is not None and (k == key or (long and k.startswith(key)))]
    candidates.sort(key=lambda key: -len(positions[key]))
    for key in candidates:
        starts, alternate = _with_alternate(positions, key, candidates)
        count = len(starts)
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        if not gaps or statistics.median(gaps) < HEADER_MIN_MEDIAN_GAP:
            continue
        labels = _better_labels([_label_near(lines, start) for start in starts], _inner_folios(lines, starts))
        if _looks_paginated(labels, count):
            heads = [key] if alternate is None else [key, alternate]
            return _split(_unfuse(lines, starts, keys, heads), starts, labels)
    return None


def _unfuse(lines: list[str], starts: list[int], keys: list[str | None], heads: list[str]) -> list[str]:
    """Every header line a paragraph of its own, cut from what the export fused onto it.

    "02 2. Strategy 3. Governance ... Contents 2.1 Our climate ambition": the header (folio and navigation bar) is
    the same on every page; the section title after it is the page's own. Left fused, the header is no running
    header (its text differs from page to page) and the title is no heading. The cut goes where the line's key
    reaches the header's, past the folio and punctuation that follow it. A header as long as the body's lines
    would otherwise be wrapped into the page's first paragraph, so a blank line follows it.
    """
    out = list(lines)
    for start in starts:
        line_key = keys[start]
        head = next((h for h in heads if line_key is not None and line_key != h and line_key.startswith(h)), None)
        cut = _cut_after_key(lines[start], head) if head is not None else None
        if cut is not None:
            out[start] = lines[start][:cut].rstrip() + "\n\n" + lines[start][cut:].lstrip()
        out[start] += "\n"
    return out


def _cut_after_key(line: str, head: str) -> int | None:
    for end in range(1, len(line) + 1):
        if _header_key(line[:end]) == head and not line[end - 1].isspace():
            while end < len(line) and (line[end].isdigit() or line[end] in " .—–-|"):
                end += 1
            return end
    return None


def _with_alternate(positions: dict[str, list[int]], key: str, candidates: list[str]) -> tuple[list[int], str | None]:
    """The header's lines, merged with a second header that alternates with it (left and right pages), and its key."""
    own = positions[key]
    for other in candidates:
        theirs = positions[other]
        if other == key or not 0.5 <= len(theirs) / len(own) <= 2 or set(theirs) & set(own):
            continue
        merged = sorted([*own, *theirs])
        owners = [line in own for line in merged]
        alternations = sum(1 for a, b in itertools.pairwise(owners) if a != b)
        if alternations >= 0.8 * (len(merged) - 1):
            return merged, other
    return own, None


def _label_near(lines: list[str], start: int) -> str | None:
    """The printed page number on the header line itself or a few lines around it."""
    own = _EDGE_NUMBER.search(lines[start].strip())
    if own:
        return str(int(own.group(1) or own.group(2)))
    for offset in (*range(1, LABEL_SEARCH_LINES + 1), -1, -2):
        index = start + offset
        if not 0 <= index < len(lines):
            continue
        neighbour = lines[index].strip()
        match = _BARE_NUMBER.match(neighbour)
        if match:
            return str(int(match.group(1)))
        edge = _EDGE_NUMBER.search(neighbour) if len(neighbour) <= NEIGHBOUR_MAX_CHARS else None
        if edge:
            return str(int(edge.group(1) or edge.group(2)))
    return None


_INNER_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3})(?![\d.,%])")


def _inner_folios(lines: list[str], starts: list[int]) -> list[str | None] | None:
    """The page numbers printed inside the header line, when one of its numbers runs upwards from line to line.

    The folio need not sit at either end: "REPORT 2020 29 1 Overview 2 Strategy 3 Governance" prints it after the
    title and before the navigation bar's chapter numbers. The n-th number of each repetition is tried; the
    position whose values rise like page numbers is the folio.
    """
    numbers = [[int(m.group(1)) for m in _INNER_NUMBER.finditer(lines[start])] for start in starts]
    best: list[str | None] | None = None
    best_rising = 0
    for position in range(min(6, max(map(len, numbers), default=0))):
        values = [row[position] if len(row) > position else None for row in numbers]
        present = [v for v in values if v is not None]
        rising = _rising_steps(present)
        if len(present) >= 3 and rising >= 0.6 * (len(present) - 1) and rising > best_rising:
            best, best_rising = [None if v is None else str(v) for v in values], rising
    return best


def _better_labels(near: list[str | None], inner: list[str | None] | None) -> list[str | None]:
    """The page numbers found beside the header, or those inside it when more of them run upwards."""
    if inner is None:
        return near
    return inner if _rising_steps(_numbers(inner)) > _rising_steps(_numbers(near)) else near


def _numbers(labels: list[str | None]) -> list[int]:
    return [int(label) for label in labels if label is not None]


def _rising_steps(numbers: list[int]) -> int:
    """How many of the steps from one number to the next go up as page numbers do (by 1 to 4)."""
    return sum(1 for a, b in itertools.pairwise(numbers) if 0 < b - a <= 4)


def _looks_paginated(labels: list[str | None], count: int) -> bool:
    """Whether the numbers beside the header run upwards like page numbers (or the header repeats very often)."""
    numbers = _numbers(labels)
    if len(numbers) >= max(3, count // 2):
        return _rising_steps(numbers) >= 0.6 * (len(numbers) - 1)
    return count >= 2 * HEADER_MIN_REPEATS


def _split(lines: list[str], starts: list[int], labels: list[str | None]) -> list[TextPage]:
    pages: list[TextPage] = []
    if starts[0] > 0:
        pages.append(TextPage(lines[: starts[0]], None))
    bounds = [*starts, len(lines)]
    for i, start in enumerate(starts):
        pages.append(TextPage(lines[start : bounds[i + 1]], labels[i]))
    return pages


def split_paragraphs(group: list[str]) -> list[list[str]]:
    """Cut a group of non-blank lines into paragraphs (see the module docstring).

    Short groups are left as they are: a blank-line-separated paragraph of a few lines is already a paragraph.
    """
    if len(group) < REFLOW_MIN_LINES:
        return [group]
    lengths = [len(line.strip()) for line in group]
    median = statistics.median(lengths)
    if max(lengths) >= max(UNWRAPPED_MIN_CHARS, UNWRAPPED_FACTOR * median):
        return [[line] for line in group]
    width = sorted(lengths)[int(0.8 * (len(lengths) - 1))]
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line, length in zip(group, lengths, strict=True):
        current.append(line)
        if length < SHORT_LINE_SHARE * width:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


# NOTE: a PDF export that joins a hyphenated line break with a space leaves "Man- aging", "com- mittee"; terms then
# never match. The join is made only where the joined word occurs elsewhere in the same text, so a real compound
# ("low- carbon" written by a careless author) is left as it is.
_SPLIT_WORD = re.compile(r"\b([A-Za-z]{2,})- ([a-z]{2,})\b")
_WORD = re.compile(r"[A-Za-z]{4,}")
_HYPHENATED = re.compile(r"[A-Za-z]{2,}-[A-Za-z]{2,}")


def join_split_words(text: str) -> str:
    """Rejoin words a PDF export broke at a hyphen and a space, as the same text writes them elsewhere."""
    if "- " not in text:
        return text
    words = {w.lower() for w in _WORD.findall(text)}
    hyphenated = {w.lower() for w in _HYPHENATED.findall(text)}

    def join(match: re.Match[str]) -> str:
        whole = match[1] + match[2]
        if whole.lower() in words:
            return whole
        # "Anti- corruption" where the text elsewhere writes "anti-corruption": the hyphen was the author's.
        with_hyphen = f"{match[1]}-{match[2]}"
        return with_hyphen if with_hyphen.lower() in hyphenated else match[0]

    return _SPLIT_WORD.sub(join, text)
