"""The issuer's own short names: an acronym or abbreviation defined once and used for the full name after.

Real reports name a body once in full and use its acronym after: "the Group Climate Resilience Committee (GCRC)",
then "GCRC reviews climate risks quarterly"; Chinese reports do the same with a quoted abbreviation:
"審核委員會（「審委會」）". A rule's terms match the full name, so without this the sentence that says how often
the committee meets, or what it reports to the board, is read as naming no committee at all.

A definition counts only when the short name is built from the full name: an English acronym's letters are the
initials of the words it follows ("Board Risk Committee (BRC)"), a Chinese abbreviation's characters appear in the
name in order (審核委員會 → 審委會). That keeps out brackets that hold anything else ("(Note 3)", "(2024: 12)",
"(HK$ million)"). Positions are in the document's original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

# NOTE: the bracket is found first and the name read back from it (at most ten words, 160 characters): a pattern
# that starts at every word and looks ahead for a bracket costs ten tries a word on a 2,000-page report
_EN_SHORT = re.compile(r"\([ \t]*(?:the[ \t]+)?[\"“']?([A-Z][A-Za-z&]{1,9})[\"”']?[ \t]*\)")
# what may not sit inside a name: a name runs back from the bracket over words and blanks only
_NOT_IN_NAME = re.compile(r"[^\w&'’\- \t]")
_WORD = re.compile(r"\S+")
_ZH_SHORT = re.compile(
    r"[（(][ \t]*(?:以下|下稱|下称|以下簡稱|以下简称|簡稱|简称|統稱|统称)?[ \t]*"
    r"[「“\"『]([\u4e00-\u9fffA-Za-z]{2,8})[」”\"』][ \t]*[）)]"
)
_ZH_RUN_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,24})[ \t]*$")
_LOOK_BACK = 160
_MINOR_WORDS = frozenset({"and", "of", "the", "for", "on", "in", "&", "to"})
_SHORTEST_ALIAS = 2
# NOTE: "本基金", "本集團", "本年度", "該公司" point at the issuer or the year; they abbreviate no name before them
_DEICTIC = frozenset("本該该此其貴贵是")
# NOTE: these name the frameworks and roles every report spells out or a rule names by its letters already
_ALREADY_TERMS = frozenset({"ESG", "GHG", "TCFD", "ISSB", "GRI", "SASB", "HKEX", "CEO", "CFO", "COO", "CRO"})


@dataclass(frozen=True, slots=True)
class Alias:
    """A short name the document defines for a full name, with where its uses may be read as the full name."""

    short: str
    name_start: int
    name_end: int
    defined_end: int  # uses before this point are the definition itself


def _english_name(words: list[str], letters: str) -> int | None:
    """How many trailing ``words`` the acronym ``letters`` spells by their initials, or None if none do."""
    for count in range(len(letters), len(words) + 1):
        name = words[-count:]
        initials = [w[0].upper() for w in name if w.lower() not in _MINOR_WORDS]
        if initials and initials[0] == letters[0]:
            remaining = iter(initials)
            if all(letter in remaining for letter in letters) and len(initials) <= len(letters) + 1:
                return count
    return None


def _chinese_name(run: str, short: str) -> int | None:
    """Where in ``run`` the name that ``short`` abbreviates starts, or None if its characters are not in it."""
    if len(short) >= len(run) or not all("\u4e00" <= ch <= "\u9fff" for ch in short) or short[0] in _DEICTIC:
        return None
    start = run.rfind(short[0])
    while start >= 0:
        remaining = iter(run[start:])
        if all(ch in remaining for ch in short[1:]):
            return start
        start = run.rfind(short[0], 0, start)
    return None


def find_aliases(text: str) -> list[Alias]:
    """The short names ``text`` defines, first definition of each short name only."""
    found: dict[str, Alias] = {}
    for match in _EN_SHORT.finditer(text):
        short = match.group(1)
        # NOTE: a short name in mixed case is spelt by its capitals ("ExCo", "SBTi"); the rest is the words' tails
        letters = "".join(ch for ch in short if ch.isupper())
        if len(letters) < _SHORTEST_ALIAS or short in found or short in _ALREADY_TERMS:
            continue
        # NOTE: the words right before the bracket, on its line and after any punctuation, read with str methods (a
        # pattern anchored at the bracket and tried from every position before it cost ~15 ms a 500-page report)
        window_start = max(0, match.start() - _LOOK_BACK)
        before = text[window_start : match.start()].rstrip(" \t")
        cut = _NOT_IN_NAME.split(before)[-1]
        spans = [(m.start(), m.group()) for m in _WORD.finditer(cut)]
        while spans and not spans[0][1][0].isalpha():
            spans.pop(0)
        spans = spans[-10:]
        if not spans:
            continue
        count = _english_name([word for _, word in spans], letters)
        if count is None:
            continue
        base = window_start + len(before) - len(cut)
        found[short] = Alias(short, base + spans[-count][0], window_start + len(before), match.end())
    for match in _ZH_SHORT.finditer(text):
        short = match.group(1)
        if short in found:
            continue
        run = _ZH_RUN_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if run is None:
            continue
        at = _chinese_name(run.group(1), short)
        if at is None or run.group(1)[at:] == short:
            continue
        found[short] = Alias(short, run.start(1) + at, run.end(1), match.end())
    return sorted(found.values(), key=lambda alias: alias.defined_end)


def alias_uses(text: str, aliases: list[Alias]) -> dict[str, list[int]]:
    """Where each alias is used after its definition (original positions), as a word of its own.

    NOTE: one automaton pass over the text for all the short names, not one search per name (a long report defines
    dozens, and a pattern of them all took ~10 ms on 500 pages).
    """
    uses: dict[str, list[int]] = {alias.short: [] for alias in aliases}
    if not aliases:
        return uses
    defined = {alias.short: alias.defined_end for alias in aliases}
    automaton = ahocorasick.Automaton()
    for short in defined:
        automaton.add_word(short, short)
    automaton.make_automaton()
    size = len(text)
    for end, short in automaton.iter(text, min(defined.values())):
        start = end - len(short) + 1
        if start < defined[short]:
            continue
        # NOTE: a Latin short name stands as a word ("GRC" is not inside "GRCMC" or "XBRC"); Chinese has no spaces
        if short[0].isascii() and (
            (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"))
            or (end + 1 < size and (text[end + 1].isalnum() or text[end + 1] in "_-"))
        ):
            continue
        uses[short].append(start)
    return uses
