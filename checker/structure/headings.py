"""Headings and section paths for every format.

Markdown, HTML and DOCX mark headings; PDF headings come from font size and weight (in the PDF reader); plain
text marks none. Numbered titles are headings in every format: "2.1 Emissions", "一、環境", "（一）排放物",
"第三章 員工", "Chapter 3". Their numbering also gives a level where the format gives none.

Every block then gets its section path: the headings above it, outermost first. ``under()`` and section-scoped
evidence read this path, so they work the same for PDF, DOCX, HTML, Markdown and text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.ingest.normalize import is_cjk

MAX_CJK_TITLE = 40
MAX_LATIN_TITLE = 90
SECTION_TITLE_MAX = 100
DEFAULT_LEVEL = 2
_TERMINAL = tuple(".。!！?？;；:：,，、")
_TRAILING_PAGE = re.compile(r"(?:\s|\.{2,}|…)\d{1,3}$")

_NUMBERINGS: tuple[tuple[re.Pattern[str], int | None], ...] = (
    (re.compile(r"^第[一二三四五六七八九十百零\d]+[章篇部]"), 1),
    (re.compile(r"^第[一二三四五六七八九十百零\d]+[節节]"), 2),
    (re.compile(r"^(?:chapter|part)\s+(?:\d{1,2}|[ivx]{1,4}|[a-z])\b", re.IGNORECASE), 1),
    (re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*\S"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S"), 2),
    # NOTE: "2 Title" / "2.1 Title" / "2.1.3 Title": the depth is the count of numbers (None: computed)
    (re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S"), None),
    (re.compile(r"^[（(]\d{1,2}[）)]\s*\S"), 3),
)


@dataclass(frozen=True)
class HeadingGuess:
    """A block's kind after inference: whether it is a heading, and at which level."""

    heading: bool
    level: int | None


# NOTE: the characters a numbering in ``_NUMBERINGS`` can start with (digits: any ``str.isdecimal``, as ``\d``
# matches). Most blocks start with none of them and skip the six patterns: numbering_level runs twice a block.
_NUMBERING_STARTS = frozenset("第cCpP一二三四五六七八九十（(")


def numbering_level(text: str) -> int | None:
    """The level a numbered title's numbering implies ("2.1 X" -> 2, "一、X" -> 1), or None if unnumbered."""
    stripped = text.strip()
    if not stripped or (stripped[0] not in _NUMBERING_STARTS and not stripped[0].isdecimal()):
        return None
    for pattern, level in _NUMBERINGS:
        if pattern.match(stripped):
            if level is not None:
                return level
            number = stripped.split(None, 1)[0].rstrip(".")
            return min(4, number.count(".") + 1)
    return None


def _title_like(text: str) -> bool:
    stripped = text.strip()
    if not stripped or "\n" in stripped or stripped.endswith(_TERMINAL) or _TRAILING_PAGE.search(stripped):
        return False
    # NOTE: a semicolon joins clauses; "6 Not available; the domain was not yet included" is a footnote, not a title.
    if ";" in stripped or "；" in stripped:
        return False
    limit = MAX_CJK_TITLE if any(is_cjk(ch) for ch in stripped) else MAX_LATIN_TITLE
    if len(stripped) > limit or not any(ch.isalpha() for ch in stripped):
        return False
    digits = sum(ch.isdigit() for ch in stripped)
    return digits * 10 <= len(stripped) * 4


# NOTE: a figure with a unit or separators is a data label ("Percentage of male employees 64.94%"), not a title.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)+\s*%?|\d+\s*%|\d+\s*(?:tco2e|kwh|mwh|tonnes|人|噸|吨)")
_LEADING_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+")
_CAPTION = re.compile(
    r"^(?:figure|fig\.|table|chart|exhibit|graph|diagram|圖|图|表)\s*[\d一二三四五六七八九十]", re.IGNORECASE
)


def infer_headings(
    texts: Sequence[str],
    kinds: Sequence[str],
    levels: Sequence[int | None],
    eligible: Sequence[bool],
    numbering_first: bool = False,
    guessed: bool = False,
) -> list[HeadingGuess]:
    """Heading or not, and the level, for every block.

    Marked headings keep their level, or take their numbering's level when the format gave none (or when the
    format's levels are only guesses: ``numbering_first`` for PDF, whose levels come from font sizes). A figure or
    table caption is never a heading. An unmarked paragraph or list item becomes a heading when it is a short
    numbered title followed by body text: a run of short numbered lines ("1. Energy", "2. Water") is a list, not a
    chain of headings.

    Args:
        texts: the blocks' original texts.
        kinds: the blocks' kinds as read ("heading", "paragraph", "list_item", "table").
        levels: the blocks' heading levels as read.
        eligible: whether a block is body text (contents entries and index rows never become headings).
        numbering_first: prefer a numbered title's numbering to the format's level (PDF levels are guesses).
        guessed: the format's headings are guesses (PDF, plain text), so a "heading" that carries a figure is a
            data label, not a title.
    """
    guesses: list[HeadingGuess] = []
    count = len(texts)
    for i, text in enumerate(texts):
        if kinds[i] == "heading":
            if _CAPTION.match(text.strip()) or (guessed and _FIGURE.search(_LEADING_NUMBER.sub("", text.strip()))):
                guesses.append(HeadingGuess(False, None))
            elif numbering_first:
                guesses.append(HeadingGuess(True, numbering_level(text) or levels[i] or DEFAULT_LEVEL))
            else:
                guesses.append(HeadingGuess(True, levels[i] or numbering_level(text) or DEFAULT_LEVEL))
            continue
        level = numbering_level(text) if eligible[i] and kinds[i] in ("paragraph", "list_item") else None
        if (
            level is not None
            and _title_like(text)
            and _body_follows(texts, kinds, i, count)
            and not _ends_a_list(texts, guesses, i)
        ):
            guesses.append(HeadingGuess(True, level))
        else:
            guesses.append(HeadingGuess(False, None))
    if guessed and not numbering_first:
        guesses = _caps_below_numbered_chapters(texts, guesses)
    return _nest_arabic_under_chinese(texts, guesses)


# NOTE: a text export's only level signal besides numbering is a title in capitals (level 1). In a report whose
# chapters are numbered ("3 ENVIRONMENT", "3.6 TCFD DISCLOSURE"), a caption in capitals ("ESG TRAINING BY EXTERNAL
# EXPERTS") is a box or a sub-section, not a chapter: at level 1 it swallowed every numbered section after it until
# the next capitals line, and the passages there read as under it.
NUMBERED_CHAPTERS_MIN = 3


def _caps_below_numbered_chapters(texts: Sequence[str], guesses: list[HeadingGuess]) -> list[HeadingGuess]:
    """Unnumbered level-1 headings one level down, and numbered ones at their numbering's level, in a numbered text."""
    numbered = [i for i, g in enumerate(guesses) if g.heading and _style(texts[i]) in _ARABIC_NUMBERED]
    if len(numbered) < NUMBERED_CHAPTERS_MIN:
        return guesses
    for i, guess in enumerate(guesses):
        if not guess.heading:
            continue
        level = numbering_level(texts[i]) if _style(texts[i]) in _ARABIC_NUMBERED else None
        if level is not None:
            guesses[i] = HeadingGuess(True, level)
        elif guess.level == 1:
            guesses[i] = HeadingGuess(True, DEFAULT_LEVEL)
    return guesses


# NOTE: Chinese reports number their chapters 一、 and sections （一）, and only then 1. / 2.: there an arabic
# number opens a sub-section of the Chinese-numbered heading above it ("（二）健康與安全" over "3. 安全措施"), not a
# chapter, as it would in an English report ("3 Environment"). Read alone, "3." gave level 1 and closed the section
# it belongs to.
_CHINESE_NUMBERED = (0, 1, 3, 4)  # positions in _NUMBERINGS: 第X章, 第X節, 一、, （一）
_ARABIC_NUMBERED = (5,)  # "3. X", "3.1 X"


def _nest_arabic_under_chinese(texts: Sequence[str], guesses: list[HeadingGuess]) -> list[HeadingGuess]:
    """Arabic-numbered headings one level below the Chinese-numbered heading they follow, within its section."""
    chinese_level: int | None = None
    for i, guess in enumerate(guesses):
        if not guess.heading or guess.level is None:
            continue
        style = _style(texts[i])
        if style in _CHINESE_NUMBERED:
            chinese_level = guess.level
        elif style in _ARABIC_NUMBERED and chinese_level is not None:
            depth = texts[i].strip().split(None, 1)[0].rstrip(".").count(".") + 1
            if guess.level <= chinese_level:
                guesses[i] = HeadingGuess(True, chinese_level + depth)
        elif guess.level <= chinese_level if chinese_level is not None else False:
            chinese_level = None  # NOTE: an unnumbered heading at the same level or above starts another part
    return guesses


def _body_follows(texts: Sequence[str], kinds: Sequence[str], i: int, count: int) -> bool:
    """Whether the block after ``i`` is body text (a paragraph, table or heading), not the next short list line."""
    if i + 1 >= count:
        return False
    following = texts[i + 1].strip()
    if kinds[i + 1] in ("table", "heading"):
        return True
    if numbering_level(following) is not None and _title_like(following):
        # NOTE: a chapter title directly followed by its first section title ("三、環境" / "（一）排放物") is a
        # chain of headings, unless both share one numbering style (then it is a list); "3." then "3.1" share a style
        # and are still a chapter and its first section.
        return _style(following) != _style(texts[i]) or _subsection_of(following, texts[i])
    return len(following) >= 40 or kinds[i + 1] == "list_item"


def _ends_a_list(texts: Sequence[str], guesses: Sequence[HeadingGuess], i: int) -> bool:
    """Whether block ``i`` is the last line of a run of same-style numbered lines (a list, not a heading)."""
    if i == 0 or guesses[i - 1].heading:
        return False
    previous = texts[i - 1].strip()
    return (
        _title_like(previous) and _style(previous) == _style(texts[i]) != -1 and not _subsection_of(texts[i], previous)
    )


def _subsection_of(text: str, parent: str) -> bool:
    """Whether ``text``'s arabic number extends ``parent``'s ("3.1 How we engage" under "3. Stakeholders")."""
    number, parent_number = text.strip().split(None, 1)[0].rstrip("."), parent.strip().split(None, 1)[0].rstrip(".")
    return (
        parent_number.isdigit()
        and number.startswith(parent_number + ".")
        and number[len(parent_number) + 1 :][:1].isdigit()
    )


def _style(text: str) -> int:
    stripped = text.strip()
    for position, (pattern, _) in enumerate(_NUMBERINGS):
        if pattern.match(stripped):
            return position
    return -1


def section_paths(texts: Sequence[str], guesses: Sequence[HeadingGuess]) -> list[tuple[str, ...]]:
    """The section path of every block: the texts of the headings above it, outermost first.

    A heading's own path holds its ancestors, not itself.
    """
    stack: list[tuple[int, str]] = []
    paths: list[tuple[str, ...]] = []
    current: tuple[str, ...] = ()
    for text, guess in zip(texts, guesses, strict=True):
        if guess.heading:
            level = guess.level or DEFAULT_LEVEL
            while stack and stack[-1][0] >= level:
                stack.pop()
            paths.append(tuple(title for _, title in stack))
            stack.append((level, " ".join(text.split())[:SECTION_TITLE_MAX]))
            current = tuple(title for _, title in stack)
        else:
            paths.append(current)
    return paths
