"""All terms of all rules matched in one Aho-Corasick pass over the folded text.

A regex per term would cost seconds on a 300-page report (see notes/extraction_bench.md, section 6); one
automaton pass costs tens of milliseconds and stays nearly flat as rules are added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from checker.ingest.normalize import fold_term


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True)
class Term:
    """A rule term, folded for matching. ``prefix`` terms (written ``employ*``) match word beginnings."""

    folded: str
    prefix: bool

    @staticmethod
    def from_rule(text: str) -> Term:
        """Fold a term as written in a rule file."""
        prefix = text.endswith("*")
        return Term(fold_term(text.rstrip("*")), prefix)


@dataclass
class TermMatcher:
    """Finds every occurrence of every registered term, honouring English word boundaries."""

    terms: dict[Term, int] = field(default_factory=dict)

    def register(self, texts: Iterable[str]) -> list[Term]:
        """Register terms (as written in rules) and return their folded forms."""
        out = []
        for text in texts:
            term = Term.from_rule(text)
            if term.folded:
                self.terms.setdefault(term, len(self.terms))
                out.append(term)
        return out

    def find_all(self, folded: str) -> dict[Term, list[tuple[int, int]]]:
        """Every match of every term in ``folded`` as [start, end) spans, in text order."""
        hits: dict[Term, list[tuple[int, int]]] = {term: [] for term in self.terms}
        if not self.terms:
            return hits
        automaton = ahocorasick.Automaton()
        by_text: dict[str, list[Term]] = {}
        for term in self.terms:
            by_text.setdefault(term.folded, []).append(term)
        for text, terms in by_text.items():
            automaton.add_word(text, (text, tuple(terms)))
        automaton.make_automaton()
        length = len(folded)
        for end_index, (text, terms) in automaton.iter(folded):
            start = end_index - len(text) + 1
            end = end_index + 1
            # NOTE: Aho-Corasick knows nothing of word boundaries: "male" must not match inside "female", and
            # "age" not inside "percentage". Chinese has no word boundaries, so only ASCII edges are checked.
            if _is_word_char(text[0]) and start > 0 and _is_word_char(folded[start - 1]):
                continue
            end_ok = not (_is_word_char(text[-1]) and end < length and _is_word_char(folded[end]))
            if not end_ok and text[-1].isalpha():
                # NOTE: a plain English plural ("employee" -> "employees", "process" -> "processes") still
                # matches, so rule authors need not list both forms.
                for suffix in ("s", "es"):
                    after = end + len(suffix)
                    if folded.startswith(suffix, end) and (after >= length or not _is_word_char(folded[after])):
                        end_ok = True
            for term in terms:
                if term.prefix or end_ok:
                    hits[term].append((start, end))
        return hits
