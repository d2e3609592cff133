"""Folding for matching, with an offset map back to the original text.

Matching happens on *folded* text: NFKC (full-width digits, Kangxi radicals, compatibility ideographs), case
folding, Traditional -> Simplified Chinese, whitespace collapsed (to one space, or to one line break where the
run held one), and whitespace between two CJK characters removed (PDF line wraps). Evidence always shows the
*original* text, so every folded character remembers the index of the original character it came from.

Traditional -> Simplified folding is done character by character (through OpenCC's t2s tables), not phrase by
phrase. A phrase-level conversion could fold a rule's term differently from the same characters inside a longer
sentence; per-character folding folds a term and the text identically, which is what matching needs.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Set
from dataclasses import dataclass
from functools import partial

_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FA1F),
)

_lock = threading.Lock()
_char_cache: dict[str, str] = {}
_converter: object | None = None


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, kana, CJK punctuation and full-width forms (the ranges of ``_CJK_RANGES``)."""
    code = ord(ch)
    # NOTE: spelled out rather than any(... for ... in _CJK_RANGES): the PDF reader asks this at every line wrap.
    if code < 0x2E80:
        return False
    return (
        code <= 0x2FDF
        or 0x3000 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FA1F
    )


def is_han(ch: str) -> bool:
    """True for CJK ideographs only (not punctuation)."""
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F


def _opencc_convert(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc  # NOTE: imported lazily; it costs start-up time and only folding needs it.

        _converter = opencc.OpenCC("t2s.json")
    return str(_converter.convert(text))  # type: ignore[attr-defined]


# NOTE: characters OpenCC's t2s keeps as they are, because they are simplified characters too, where Hong Kong and
# Taiwan write them and the Mainland writes another: 覆核 / 复核 (review), 回覆 / 回复, 著重 / 着重, 瞭解 / 了解, 衞生 /
# 卫生, 汚水 / 污水. Folding them to the Mainland form on both sides (text and terms) lets a rule written in one script
# match the other; no ESG term is told apart by these pairs alone.
_SCRIPT_VARIANTS = {"覆": "复", "著": "着", "瞭": "了", "衞": "卫", "汚": "污"}


def _fold_han_chars(chars: set[str]) -> None:
    """Fill the per-character cache for ``chars`` with one OpenCC call."""
    missing = sorted(ch for ch in chars if ch not in _char_cache)
    if not missing:
        return
    # NOTE: one call over newline-separated characters keeps OpenCC from seeing phrases across characters.
    converted = _opencc_convert("\n".join(missing)).split("\n")
    with _lock:
        if len(converted) == len(missing):
            for ch, out in zip(missing, converted, strict=True):
                _char_cache[ch] = "".join(_SCRIPT_VARIANTS.get(c, c) for c in out or ch)
        else:  # pragma: no cover - defensive; t2s keeps line structure
            for ch in missing:
                _char_cache[ch] = "".join(_SCRIPT_VARIANTS.get(c, c) for c in _opencc_convert(ch) or ch)


_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufffe"}
# NOTE: slashes NFKC leaves alone: a PDF set in a CJK font gives its full-width solidus back as the division slash
# ("千克∕平方米"), and fractions print the fraction slash; a unit's "/" must match either way.
_SLASHES = {"\u2215": "/", "\u2044": "/", "\u29f8": "/"}


def _fold_char(ch: str) -> str:
    """Fold one original character (NFKC, casefold, t2s). May return '' or several characters."""
    if ch in _INVISIBLE:
        return ""
    if ch in _SLASHES:
        return _SLASHES[ch]
    out = unicodedata.normalize("NFKC", ch)
    if out.isascii():
        return out.lower()
    folded = []
    for c in out:
        if is_han(c):
            folded.append(_char_cache.get(c, c))
        else:
            folded.append(c.casefold())
    return "".join(folded)


_CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES)
# NOTE: the whitespace runs that collapsing changes. A lone space between two non-CJK characters (most of them in
# English text) stays exactly as it is, so only these runs need the per-match Python work: runs of 2+, any other
# whitespace character, a space at either end, and a space between two CJK characters.
#
# Every alternative consumes one whitespace character first, then tests what follows or precedes it: a pattern that
# opens with a character class lets the regex engine skip to the next whitespace character at C speed, where the
# plain alternation (runs of 2+ | other whitespace | space at the start | at the end | between CJK) tried every
# position in turn (20 ms against ~8 on a 360-page report). The matches are the same, in the same order (tested).
_CHANGED_WHITESPACE = re.compile(rf"\s(?:\s+|(?<=[^\S ])|(?<=^ )|(?=\Z)|(?<=[{_CJK_CLASS}] )(?=[{_CJK_CLASS}]))")


@dataclass(frozen=True)
class FoldedText:
    """Folded text plus, for every folded character, the index of its original character.

    NOTE: the map is kept as runs, not one offset per character: folded character ``i`` of the run that starts at
    ``run_starts[r]`` came from original character ``run_origins[r] + (i - run_starts[r])``. Folding changes the
    text in few places (collapsed whitespace, ligatures, soft hyphens), so a 2,000-page report needs ~10^5 runs
    instead of ~6 x 10^6 offsets (24 MB that lived as long as the Document).
    """

    text: str
    run_starts: array[int]
    run_origins: array[int]
    original_length: int

    def origin_at(self, position: int) -> int:
        """The original index of folded character ``position`` (0 <= position < len(text))."""
        run = bisect_right(self.run_starts, position) - 1
        return self.run_origins[run] + position - self.run_starts[run]

    @property
    def origin(self) -> array[int]:
        """Every folded character's original index, expanded (O(length): for tests and debugging)."""
        out = array(_offset_code(self.text))
        bounds = [*self.run_starts[1:], len(self.text)] if self.run_starts else []
        for start, stop, base in zip(self.run_starts, bounds, self.run_origins, strict=True):
            out.extend(range(base, base + stop - start))
        return out

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) back to the original text."""
        if start >= len(self.text):
            return self.original_length, self.original_length
        o_start = self.origin_at(start)
        o_end = self.origin_at(end - 1) + 1 if end > start else o_start
        return o_start, o_end

    def to_folded(self, original_offset: int) -> int:
        """The first folded index whose original index is >= ``original_offset``."""
        origins = self.run_origins
        run = bisect_left(origins, original_offset)
        if run > 0:
            # NOTE: only the run before the first one based at or after the offset can reach the offset
            before = run - 1
            stop = self.run_starts[run] if run < len(origins) else len(self.text)
            last = origins[before] + stop - 1 - self.run_starts[before]
            if last >= original_offset:
                return self.run_starts[before] + original_offset - origins[before]
        return self.run_starts[run] if run < len(origins) else len(self.text)


class _Runs:
    """An offset map under construction, as runs (see ``FoldedText``); a run that continues the last is merged."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[int] = []

    def add(self, position: int, origin: int) -> None:
        """Folded ``position`` (and those after it, up to the next run) came from ``origin`` (and after it)."""
        if self.starts and origin == self.origins[-1] + position - self.starts[-1]:
            return
        self.starts.append(position)
        self.origins.append(origin)

    def copy(self, source: _Runs, start: int, stop: int, position: int) -> None:
        """Place the map of ``source``'s positions [start, stop) at ``position`` onwards."""
        starts, origins = source.starts, source.origins
        run = bisect_right(starts, start) - 1
        self.add(position, origins[run] + start - starts[run])
        run += 1
        while run < len(starts) and starts[run] < stop:
            self.add(position + starts[run] - start, origins[run])
            run += 1

    def at(self, position: int) -> int:
        """The origin of ``position``."""
        run = bisect_right(self.starts, position) - 1
        return self.origins[run] + position - self.starts[run]


def fold(text: str) -> FoldedText:
    """Fold ``text`` for matching and keep the offset map back to it.

    The common case (every character folds to exactly one character) runs as one ``str.translate``; only the
    rare characters that fold to zero or several characters (ligatures, soft hyphens, unit symbols) take the
    slow path, so folding a 300-page report stays a fraction of a second.
    """
    unique = set(text)
    _fold_han_chars({c for c in unique if is_han(c)})
    table: dict[int, str] = {}
    special: list[str] = []
    for ch in unique:
        if ch.isspace():
            continue
        folded = _fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded
        if len(folded) != 1 or folded.isspace():
            special.append(ch)
    translate = (
        _translator(table, unique.difference(special))
        if len(text) >= _TRANSLATOR_MIN_CHARS
        else partial(_translate_by_table, table=table)
    )
    translated, origin = _translate_with_origin(text, translate, special)
    return _collapse_whitespace(translated, origin, len(text))


# NOTE: choosing a translator costs a pass over the distinct characters, and may compile a pattern; a rule term
# (thousands are folded when a pack compiles, many with their own Traditional characters) is folded by the table.
_TRANSLATOR_MIN_CHARS = 4096
# NOTE: how many characters that lower-casing leaves alone but folding changes ("²" -> "2", "º" -> "o") are
# replaced match by match after ``str.lower``; Traditional Chinese brings hundreds (t2s), and takes str.translate.
_FEW_OTHERS = 16


def _translator(table: dict[int, str], chars: Set[str]) -> Callable[[str], str]:
    """``str.translate(table)`` for text made of ``chars``, as ``str.lower`` where that gives the same.

    NOTE: str.translate with a dict looks every character up (~25 ms for a 360-page report), while most of a
    Latin-script table maps upper case to lower case, which ``str.lower`` does at C speed (~2 ms). It is used only
    when it gives every character exactly its table value: a character lower-casing changes must fold to that
    lower case, and one it leaves alone must fold to itself or be among the few replaced after it.
    """
    others: dict[str, str] = {}
    lowered_to: set[str] = set()
    if "\u03a3" in chars:
        # NOTE: the one context-dependent case of str.lower: a capital sigma ending a word lower-cases to "ς"
        return partial(_translate_by_table, table=table)
    for ch in chars:
        target = table.get(ord(ch), ch)
        lowered = ch.lower()
        if target == lowered:
            if lowered != ch:
                lowered_to.add(lowered)
        elif lowered == ch:
            others[ch] = target
        else:
            return partial(_translate_by_table, table=table)
    if len(others) > _FEW_OTHERS or not lowered_to.isdisjoint(others):
        return partial(_translate_by_table, table=table)
    if not others:
        return str.lower
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(others)) + "]")

    def replace(match: re.Match[str]) -> str:
        return others[match.group()]

    return partial(_lower_then_replace, pattern=pattern, replace=replace)


def _translate_by_table(text: str, table: dict[int, str]) -> str:
    return text.translate(table)


def _lower_then_replace(text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> str:
    return pattern.sub(replace, text.lower())


def _offset_code(text: str) -> str:
    # NOTE: 4-byte offsets halve the offset map (8 bytes a character was ~50 MB on 2,000 pages); a text that long
    # (2^31 characters) is far past every input limit, but would still get 8-byte ones
    return "i" if len(text) < 2**31 - 1 else "q"


def _translate_with_origin(text: str, translate: Callable[[str], str], special: list[str]) -> tuple[str, _Runs]:
    runs = _Runs()
    if not special:
        if text:
            runs.add(0, 0)
        return translate(text), runs
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(special)) + "]")
    pieces: list[str] = []
    pos = 0
    position = 0  # NOTE: the folded length so far; every character that is not special folds to exactly one
    for match in pattern.finditer(text):
        start = match.start()
        if start > pos:
            pieces.append(translate(text[pos:start]))
            runs.add(position, pos)
            position += start - pos
        piece = "".join(c for c in _fold_char(match.group()) if not c.isspace())
        pieces.append(piece)
        for k in range(len(piece)):
            runs.add(position + k, start)
        position += len(piece)
        pos = match.end()
    if pos < len(text):
        pieces.append(translate(text[pos:]))
        runs.add(position, pos)
    return "".join(pieces), runs


def _collapse_whitespace(text: str, origin: _Runs, original_length: int) -> FoldedText:
    out: list[str] = []
    runs = _Runs()
    position = 0
    pos = 0
    for match in _CHANGED_WHITESPACE.finditer(text):
        start, end = match.span()
        if start > pos:
            out.append(text[pos:start])
            runs.copy(origin, pos, start, position)
            position += start - pos
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        run = text[start:end]
        if before and after and ("\n" in run or "\f" in run):
            # NOTE: readers have already re-joined wrapped lines, so a line break left in the text is real: a
            # table row, a block or a page ends there. It stays, in Chinese too, so a figure at the end of one row
            # is never read with the label or unit that starts the next ("31.5小时" / "高级管理层").
            out.append("\n")
            runs.add(position, origin.at(start))
            position += 1
        elif before and after and not (is_cjk(before) and is_cjk(after)):
            # NOTE: spaces between two CJK characters are layout, not word breaks; leading and trailing
            # whitespace carries no meaning either.
            out.append(" ")
            runs.add(position, origin.at(start))
            position += 1
        pos = end
    if pos < len(text):
        out.append(text[pos:])
        runs.copy(origin, pos, len(text), position)
    code = "i" if max(len(text), original_length) < 2**31 - 1 else "q"
    return FoldedText(
        text="".join(out),
        run_starts=array(code, runs.starts),
        run_origins=array(code, runs.origins),
        original_length=original_length,
    )


def fold_term(term: str) -> str:
    """Fold a rule term exactly as document text is folded."""
    return fold(term).text
