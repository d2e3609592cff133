"""All terms of all rules matched in one Aho-Corasick pass over the folded text.

A regex per term would cost seconds on a 300-page report (see notes/extraction_bench.md, section 6); one
automaton pass costs tens of milliseconds and stays nearly flat as rules are added.
"""

from __future__ import annotations

import string
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import ahocorasick

from checker.ingest.normalize import fold_term

_WORD_CHARS = frozenset(string.ascii_letters + string.digits)


_NEGATING_PREFIXES = ("non-", "non ", "non‐")  # NOTE: all start with "n" (``find_starts`` relies on it)


def _footnote_mark(folded: str, end: int, length: int) -> bool:
    """Whether one or two digits glued to a word's end, then a non-word character, look like a footnote mark."""
    digits = 0
    while end + digits < length and digits < 3 and folded[end + digits].isdigit():
        digits += 1
    if digits == 0 or digits > 2:
        return False
    after = end + digits
    return after >= length or (folded[after] not in _WORD_CHARS and folded[after] not in ".,")


def _is_word_char(ch: str) -> bool:
    return ch in _WORD_CHARS


@dataclass(frozen=True)
class Term:
    """A rule term, folded for matching. ``prefix`` terms (written ``employ*``) match word beginnings.

    ``unless`` holds the phrases (themselves terms) in which this term does not mean its lexicon's topic: a hit
    of the term inside a hit of one of them is dropped ("equal opportunities" is not an opportunity).
    ``unless_in_sentence`` holds terms that give the whole sentence another sense: a hit in a sentence that also
    holds one of them is dropped ("安全隱患" in a sentence about 網絡安全).
    """

    folded: str
    prefix: bool
    unless: tuple[Term, ...] = ()
    unless_in_sentence: tuple[Term, ...] = ()
    # NOTE: terms key the hit tables and the predicate memo, ~3x10^5 lookups on a 300-page report; the generated
    # hash would rehash the fields (and every ``unless`` term) each time, so it is computed once
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.folded, self.prefix, self.unless, self.unless_in_sentence)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[Term], tuple[str, bool, tuple[Term, ...], tuple[Term, ...]]]:
        # NOTE: str hashes differ between processes; a Term sent to another one recomputes its hash there
        return (Term, (self.folded, self.prefix, self.unless, self.unless_in_sentence))

    @staticmethod
    def from_rule(text: str) -> Term:
        """Fold a term as written in a rule file."""
        return _term_from_rule(text)


def _term_key(term: Term) -> tuple[str, bool]:
    return term.folded, term.prefix


_FOLDED: dict[str, str] = {}


def seed_folded(folded: dict[str, str]) -> None:
    """Take term foldings a compiled pack carries (``RulePack.folded``), so compiling folds nothing again."""
    _FOLDED.update(folded)


@cache
def _term_from_rule(text: str) -> Term:
    # NOTE: folding is pure and costs ~25 us a term; packs repeat the same vocabularies, so each text folds once,
    # and a compiled pack brings its foldings along (``seed_folded``).
    folded = _FOLDED.get(text)
    if folded is None:
        folded = fold_term(text.rstrip("*"))
    return Term(folded, text.endswith("*"))


# A rule term as the compiler hands it over: its text, the lexicon's exception phrases, and its sentence contexts.
TermItem = tuple[str, tuple[str, ...], tuple[str, ...]]


@dataclass
class TermMatcher:
    """Finds every occurrence of every registered term, honouring English word boundaries."""

    terms: dict[Term, int] = field(default_factory=dict)
    _automaton: Any = field(default=None, init=False, repr=False, compare=False)
    # NOTE: rule item (text, or text with exception phrases) -> its Term (None: folds to nothing). Packs repeat
    # their vocabularies: ~66,000 items name ~7,000 distinct terms, so each item is resolved (and its Term and
    # exception phrases added, in first-seen order) once.
    _resolved: dict[str | TermItem, Term | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    # NOTE: exception phrases and contexts -> their Terms. Lexicons give many terms the same ones: hkex-esg resolves
    # ~3,200 of these tuples (~25,000 phrases), only ~50 of them distinct.
    _phrase_terms: dict[tuple[str, ...], tuple[Term, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def register(self, texts: Iterable[str | TermItem]) -> list[Term]:
        """Register terms (as written in rules, optionally with exception phrases and contexts); return their Terms."""
        out = []
        resolved = self._resolved
        for item in texts:
            if item in resolved:
                known = resolved[item]
                if known is not None:
                    out.append(known)
                continue
            term = self._resolve(item)
            resolved[item] = term
            if term is not None:
                out.append(term)
        return out

    def _resolve(self, item: str | TermItem) -> Term | None:
        text, exceptions, contexts = (item, (), ()) if isinstance(item, str) else item
        term = Term.from_rule(text)
        if not term.folded:
            return None
        if exceptions or contexts:
            unless = self._phrases(exceptions)
            in_sentence = self._phrases(contexts)
            term = Term(term.folded, term.prefix, unless, in_sentence)
        self._add(term)
        return term

    def _phrases(self, texts: tuple[str, ...]) -> tuple[Term, ...]:
        """Terms for exception phrases or contexts, registered so the automaton finds them too."""
        phrases = self._phrase_terms.get(texts)
        if phrases is None:
            # NOTE: added the first time only: terms are never removed, so adding them again would change nothing
            phrases = tuple(sorted({t for t in map(Term.from_rule, texts) if t.folded}, key=_term_key))
            for phrase in phrases:
                self._add(phrase)
            self._phrase_terms[texts] = phrases
        return phrases

    def _add(self, term: Term) -> None:
        if term not in self.terms:
            self.terms[term] = len(self.terms)
            self._automaton = None

    def prepare(self) -> None:
        """Build the automaton now rather than at the first document (~20 ms for one pack's ~8,000 terms).

        ``gapcheck audit`` calls it while extraction workers read the draft, so the automaton is ready when the
        pages are; the matches are the same whenever it is built.
        """
        self._build()

    def _build(self) -> Any:
        """The automaton over all terms, built once and reused for every document (batch runs audit many)."""
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            by_text: dict[str, list[Term]] = {}
            for term in self.terms:
                by_text.setdefault(term.folded, []).append(term)
            for text, terms in by_text.items():
                # NOTE: the boundary facts of each text are computed once here, not once per occurrence; terms are
                # named by their number in ``self.terms``, so a match appends to a list without hashing a Term.
                word_start = _is_word_char(text[0])
                word_end = _is_word_char(text[-1])
                plural_ok = text[-1].isalpha()
                prefix_ids = tuple(self.terms[t] for t in terms if t.prefix)
                exact_ids = tuple(self.terms[t] for t in terms if not t.prefix)
                automaton.add_word(text, (len(text), word_start, word_end, plural_ok, prefix_ids, exact_ids))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def find_all(self, folded: str) -> dict[Term, list[tuple[int, int]]]:
        """Every match of every term in ``folded`` as [start, end) spans, in text order."""
        return {
            term: [(start, start + len(term.folded)) for start in starts]
            for term, starts in self.find_starts(folded).items()
        }

    def find_starts(self, folded: str) -> dict[Term, array[int]]:
        """Where every term matches in ``folded``: the start offsets, in text order (a hit ends ``len(folded)`` on).

        NOTE: a long report has ~10^6 hits; as (start, end) tuples in lists they took ~130 bytes each (most of an
        audit's memory at 2,000 pages), as machine integers 4. A term's hits all have its folded length, so the
        starts say everything.
        """
        if not self.terms:
            return {}
        automaton = self._build()
        code = "i" if len(folded) < 2**31 - 1 else "q"
        found: list[array[int]] = [array(code) for _ in self.terms]
        length = len(folded)
        word = _WORD_CHARS
        negating = _NEGATING_PREFIXES
        for end_index, (size, word_start, word_end, plural_ok, prefix_ids, exact_ids) in automaton.iter(folded):
            start = end_index - size + 1
            if word_start and start > 0:
                # NOTE: Aho-Corasick knows nothing of word boundaries: "male" must not match inside "female", and
                # "age" not inside "percentage". Chinese has no word boundaries, so only ASCII edges are checked.
                if folded[start - 1] in word:
                    continue
                # NOTE: "non-hazardous waste" is the opposite of "hazardous waste", not an occurrence of it. Every
                # negating prefix starts with "n": one character is read before a 4-character slice is made (~10^5
                # matches a long report, nearly all after a space).
                if start >= 4 and folded[start - 4] == "n" and folded[start - 4 : start] in negating:
                    continue
            for term_id in prefix_ids:
                found[term_id].append(start)
            if not exact_ids:
                continue
            end = end_index + 1
            end_ok = not (word_end and end < length and folded[end] in word)
            if not end_ok and plural_ok:
                # NOTE: a plain English plural ("employee" -> "employees", "process" -> "processes") still
                # matches, so rule authors need not list both forms.
                for suffix in ("s", "es"):
                    after = end + len(suffix)
                    if folded.startswith(suffix, end) and (after >= length or folded[after] not in word):
                        end_ok = True
                if not end_ok and _footnote_mark(folded, end, length):
                    # NOTE: a footnote number printed against the word ("General waste7", "emissions9") is not
                    # part of it; only letters, and only one or two digits before a space or punctuation.
                    end_ok = True
            if end_ok:
                for term_id in exact_ids:
                    found[term_id].append(start)
        return {term: found[term_id] for term, term_id in self.terms.items()}
