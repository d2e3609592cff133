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
from bisect import bisect_right
from dataclasses import dataclass

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
                _char_cache[ch] = out or ch
        else:  # pragma: no cover - defensive; t2s keeps line structure
            for ch in missing:
                _char_cache[ch] = _opencc_convert(ch) or ch


_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufffe"}


def _fold_char(ch: str) -> str:
    """Fold one original character (NFKC, casefold, t2s). May return '' or several characters."""
    if ch in _INVISIBLE:
        return ""
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
_CHANGED_WHITESPACE = re.compile(rf"\s{{2,}}|[^\S ]|^ | \Z|(?<=[{_CJK_CLASS}]) (?=[{_CJK_CLASS}])")


@dataclass(frozen=True)
class FoldedText:
    """Folded text plus, for every folded character, the index of its original character."""

    text: str
    origin: array[int]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) back to the original text."""
        if start >= len(self.origin):
            return self.original_length, self.original_length
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def to_folded(self, original_offset: int) -> int:
        """The first folded index whose original index is >= ``original_offset``."""
        return bisect_right(self.origin, original_offset - 1)


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
    translated, origin = _translate_with_origin(text, table, special)
    return _collapse_whitespace(translated, origin, len(text))


def _offset_code(text: str) -> str:
    # NOTE: 4-byte offsets halve the offset map (8 bytes a character was ~50 MB on 2,000 pages); a text that long
    # (2^31 characters) is far past every input limit, but would still get 8-byte ones
    return "i" if len(text) < 2**31 - 1 else "q"


def _translate_with_origin(text: str, table: dict[int, str], special: list[str]) -> tuple[str, array[int]]:
    # NOTE: offsets live in machine-integer arrays, not lists of Python ints: 4 bytes per character instead of
    # ~36, which is most of an audit's memory on a 2 MB report.
    if not special:
        return text.translate(table), array(_offset_code(text), range(len(text)))
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(special)) + "]")
    pieces: list[str] = []
    origin = array(_offset_code(text))
    pos = 0
    for match in pattern.finditer(text):
        start = match.start()
        pieces.append(text[pos:start].translate(table))
        origin.extend(range(pos, start))
        piece = "".join(c for c in _fold_char(match.group()) if not c.isspace())
        pieces.append(piece)
        origin.extend([start] * len(piece))
        pos = match.end()
    pieces.append(text[pos:].translate(table))
    origin.extend(range(pos, len(text)))
    return "".join(pieces), origin


def _collapse_whitespace(text: str, origin: array[int], original_length: int) -> FoldedText:
    out: list[str] = []
    new_origin = array(origin.typecode)
    pos = 0
    for match in _CHANGED_WHITESPACE.finditer(text):
        start, end = match.span()
        out.append(text[pos:start])
        new_origin.extend(origin[pos:start])
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        run = text[start:end]
        if before and after and ("\n" in run or "\f" in run):
            # NOTE: readers have already re-joined wrapped lines, so a line break left in the text is real: a
            # table row, a block or a page ends there. It stays, in Chinese too, so a figure at the end of one row
            # is never read with the label or unit that starts the next ("31.5小时" / "高级管理层").
            out.append("\n")
            new_origin.append(origin[start])
        elif before and after and not (is_cjk(before) and is_cjk(after)):
            # NOTE: spaces between two CJK characters are layout, not word breaks; leading and trailing
            # whitespace carries no meaning either.
            out.append(" ")
            new_origin.append(origin[start])
        pos = end
    out.append(text[pos:])
    new_origin.extend(origin[pos:])
    return FoldedText(text="".join(out), origin=new_origin, original_length=original_length)


def fold_term(term: str) -> str:
    """Fold a rule term exactly as document text is folded."""
    return fold(term).text
