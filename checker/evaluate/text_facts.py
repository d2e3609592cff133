"""What the index takes from the folded text alone: sentence starts, every term's hits, and the quantities.

These are pure functions of the folded text, the blocks' start offsets (which the structure pass never moves)
and the registered terms, so they can be computed before the structure pass has decided which blocks may serve
as evidence, and in another process (``index_ahead``). ``compute`` is the one implementation, used by the index
itself and by the helper; ``encode`` / ``decode`` carry its result between the two as flat machine arrays (a few
hundred kB for a 359-page report), never as pickled objects.
"""

from __future__ import annotations

import re
import struct
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, NamedTuple

from checker.evaluate.matcher import Term, TermMatcher
from checker.ingest.units import UnitKind

# NOTE: a full stop ends an English sentence only before a space or the end, so "51.93" and "A1.2" survive.
SENTENCE_END = re.compile(r"[。！？；!?;\n]|\.(?=\s|$)")


class QuantityHit(NamedTuple):
    """A parsed quantity, located in folded coordinates (a NamedTuple: a long report has ~10^4 of them)."""

    kind: str
    value: float
    start: int
    end: int
    is_year_range: bool


@dataclass(frozen=True, slots=True)
class TextFacts:
    """The folded text's sentences, term hits and quantities, before any block's eligibility is known.

    ``hits`` has an entry for every registered term, in the matcher's order (the index keeps that order), with
    the hits inside exception phrases and in excluded sentences already dropped. ``block_starts`` are the offsets
    the sentences were cut at, so that a reader can check they are its own.
    """

    block_starts: list[int]
    sentence_starts: list[int]
    hits: dict[Term, array[int]]
    quantities: list[QuantityHit]


def compute(text: str, block_starts: list[int], matcher: TermMatcher) -> TextFacts:
    """The facts of folded ``text`` whose blocks start at ``block_starts``, for the terms of ``matcher``."""
    sentence_starts = sentences(text, block_starts)
    hits = _drop_sentence_senses(_drop_excepted_senses(matcher.find_starts(text)), sentence_starts)
    return TextFacts(block_starts, sentence_starts, hits, scan(text))


def sentences(text: str, block_starts: list[int]) -> list[int]:
    """Where sentences start: at every block start and after every sentence end."""
    starts = set(block_starts)
    table_row = _TableRows(text)
    for match in SENTENCE_END.finditer(text):
        at = match.start()
        if match.group() in _SEMICOLONS and (_in_brackets(text, at) or _between_figures(text, at) or table_row(at)):
            continue
        if match.group() == "." and _abbreviation(text, at):
            continue
        starts.add(match.end())
    return sorted(starts)


# NOTE: the full stop of an abbreviation ends no sentence: "Zhejiang Qiantai Specialty Chemicals Co., Ltd. (the
# "Company") and its main subsidiaries" is one sentence, and a rule reading "this report covers ... subsidiaries" must
# see it whole. Folded text is lower case, so a company suffix counts only before what cannot start a sentence.
_ALWAYS_ABBREVIATED = frozenset({"co", "e.g", "i.e", "vs", "approx", "mr", "mrs", "ms", "dr", "fig", "incl", "cf"})
_ABBREVIATED_BEFORE_CONTINUATION = frozenset({"ltd", "inc", "corp", "plc", "llc", "no"})
_WORD_BEFORE = re.compile(r"([a-z]+(?:\.[a-z]+)*)$")
_CONTINUATION = re.compile(r"\s*[(,)\d]")


def _abbreviation(text: str, position: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, position - 12), position)
    if word is None:
        return False
    token = word.group(1)
    if token in _ALWAYS_ABBREVIATED:
        return True
    return token in _ABBREVIATED_BEFORE_CONTINUATION and bool(_CONTINUATION.match(text, position + 1))


_SEMICOLONS = frozenset(";；")
_OPEN, _CLOSE = "(（", ")）"
# NOTE: how far a bracket may be from the semicolon it encloses; a parenthesis left open in a long passage (a
# stray bracket of an extraction) must not join everything after it into one sentence
_BRACKET_REACH = 120


# NOTE: a table cell that lists two figures of its row ("Shops in flood-prone areas (number; share) | 14; 8.6%") is one
# statement: the second figure belongs to the row's label as much as the first.
_FIGURE_BEFORE = re.compile(r"\d%?\s*$")
_FIGURE_AFTER = re.compile(r"\s*\d")


class _TableRows:
    """Whether a position is inside a table row (a line with cell separators), one scan per line.

    NOTE: a row is one statement about its label: "Assets aligned with opportunities | 15 ships; US$521m, 44.8%" gives
    both figures for the label, and a cut at the semicolon would leave the second with no subject. Semicolons come
    in order, and a long paragraph holds many: the line's answer is kept until a semicolon lies past its end.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_end = -1
        self._in_row = False

    def __call__(self, position: int) -> bool:
        if position >= self._line_end:
            text = self._text
            line_start = text.rfind("\n", 0, position) + 1
            found = text.find("\n", position)
            self._line_end = found if found >= 0 else len(text)
            self._in_row = text.find("|", line_start, self._line_end) >= 0
        return self._in_row


def _between_figures(text: str, position: int) -> bool:
    return bool(_FIGURE_BEFORE.search(text, max(0, position - 4), position)) and bool(
        _FIGURE_AFTER.match(text, position + 1)
    )


def _in_brackets(text: str, position: int) -> bool:
    """Whether the semicolon at ``position`` separates items inside brackets on its line, not sentences.

    NOTE: "Climate KPIs (energy intensity; certified floor area) carry a 10% weighting": the list in brackets
    belongs to the sentence around it, so what comes before and after the brackets is read together.
    """
    line_start = text.rfind("\n", max(0, position - _BRACKET_REACH), position) + 1
    before = text[max(line_start, position - _BRACKET_REACH) : position]
    opened = max(before.rfind(ch) for ch in _OPEN)
    if opened < 0 or any(ch in before[opened:] for ch in _CLOSE):
        return False
    after = text[position + 1 : position + 1 + _BRACKET_REACH].split("\n", 1)[0]
    closed = min((i for i in (after.find(ch) for ch in _CLOSE) if i >= 0), default=-1)
    return closed >= 0 and not any(ch in after[:closed] for ch in _OPEN)


def prepare() -> None:
    """Compile the quantity scan's patterns now (~18 ms), e.g. while extraction workers read a draft.

    NOTE: a helper forked later (``index_ahead``) inherits them compiled, as it inherits the term automaton
    (``TermMatcher.prepare``); compiled in the helper, they were on the path every audit of a long draft waits on.
    """
    import checker.ingest.quantities  # noqa: F401


def scan(folded: str) -> list[QuantityHit]:
    """Every quantity of ``folded``, in text order."""
    # NOTE: imported here, not with this module: compiling its patterns is ~18 ms, which a short draft or a cached
    # Document pays only when it scans, and which ``prepare`` does earlier while a long draft is being read
    from checker.ingest.quantities import FISCAL_YEAR_UNIT, scan_folded

    return [
        QuantityHit(
            kind=hit.kind.value,
            value=hit.value,
            start=hit.start,
            end=hit.end,
            # NOTE: a financial year (2023/24, 二零二三／二四年度) is one year of a series, not a span of two
            is_year_range=hit.year_range is not None and hit.unit != FISCAL_YEAR_UNIT,
        )
        for hit in scan_folded(folded)
    ]


def _drop_excepted_senses(hits: dict[Term, array[int]]) -> dict[Term, array[int]]:
    """Drop the hits (starts) of terms that start inside one of their exception phrases ("equal opportunities").

    NOTE: a hit that starts inside the phrase and runs past its end reads the phrase too: the Scope 2 term "範圍二排放"
    in "範圍一及範圍二排放合計" (a combined Scope 1 and 2 total) starts inside the excepted "範圍一及範圍二".
    """
    for term, term_starts in hits.items():
        if not term.unless or not term_starts:
            continue
        blocked = sorted(
            (start, start + len(phrase.folded)) for phrase in term.unless for start in hits.get(phrase, ())
        )
        if not blocked:
            continue
        starts = [start for start, _ in blocked]
        kept = array(term_starts.typecode)
        for start in term_starts:
            # NOTE: any exception hit starting at or before this hit may hold its start; the nearest few decide.
            k = bisect_right(starts, start)
            if not any(blocked[j][1] > start for j in range(max(0, k - 4), k)):
                kept.append(start)
        hits[term] = kept
    return hits


def _drop_sentence_senses(hits: dict[Term, array[int]], sentence_starts: list[int]) -> dict[Term, array[int]]:
    """Drop the hits of terms whose sentence also holds one of their context terms (``except in sentences with``)."""
    for term, term_starts in hits.items():
        if not term.unless_in_sentence or not term_starts:
            continue
        # NOTE: a context term read in another sense is no context: its own exceptions were applied above
        marked = {
            bisect_right(sentence_starts, start)
            for context in term.unless_in_sentence
            for start in hits.get(context, ())
        }
        if marked:
            hits[term] = array(
                term_starts.typecode, (s for s in term_starts if bisect_right(sentence_starts, s) not in marked)
            )
    return hits


# Layout of an encoded TextFacts: this header, then the arrays in the order ``encode`` writes them.
# Counts: terms, blocks, sentences, hits (all terms), quantities; then the hits' array typecode.
_COUNTS = struct.Struct("<5Qc")
_KINDS = tuple(kind.value for kind in UnitKind)
_KIND_NUMBER = {kind: number for number, kind in enumerate(_KINDS)}


def encode(facts: TextFacts, matcher: TermMatcher) -> bytes:
    """``facts`` as bytes for ``decode`` in a process holding the same ``matcher`` (a fork of this one).

    Raises:
        ValueError: for facts these arrays cannot carry exactly (a quantity value that is not a float); the
            helper then fails and the index computes the facts itself.
    """
    terms = list(matcher.terms)
    if list(facts.hits) != terms:
        raise ValueError("hits are not keyed by the matcher's terms in its order")
    code = "q" if any(hits.typecode == "q" for hits in facts.hits.values()) else "i"
    counts = array("q", (len(facts.hits[term]) for term in terms))
    starts = array(code)
    for term in terms:
        starts.extend(facts.hits[term])
    quantities = facts.quantities
    if any(type(q.value) is not float for q in quantities):
        raise ValueError("a quantity value is not a float")
    parts: list[bytes | array[Any]] = [
        _COUNTS.pack(
            len(terms), len(facts.block_starts), len(facts.sentence_starts), len(starts), len(quantities), code.encode()
        ),
        counts,
        starts,
        array("q", facts.block_starts),
        array("q", facts.sentence_starts),
        array("B", (_KIND_NUMBER[q.kind] for q in quantities)),
        array("d", (q.value for q in quantities)),
        array("q", (q.start for q in quantities)),
        array("q", (q.end for q in quantities)),
        array("B", (q.is_year_range for q in quantities)),
    ]
    return b"".join(part if isinstance(part, bytes) else part.tobytes() for part in parts)


def decode(data: bytes, matcher: TermMatcher) -> TextFacts | None:
    """The facts ``encode`` wrote, or None when ``data`` does not fit ``matcher`` (then compute them here)."""
    if len(data) < _COUNTS.size:
        return None
    n_terms, n_blocks, n_sentences, n_hits, n_quantities, raw_code = _COUNTS.unpack_from(data)
    code = raw_code.decode()
    terms = list(matcher.terms)
    if n_terms != len(terms) or code not in ("i", "q"):
        return None
    reader = _Reader(memoryview(data), _COUNTS.size)
    try:
        counts = reader.take("q", n_terms)
        starts = reader.take(code, n_hits)
        block_starts = reader.take("q", n_blocks).tolist()
        sentence_starts = reader.take("q", n_sentences).tolist()
        kinds = reader.take("B", n_quantities)
        values = reader.take("d", n_quantities)
        q_starts = reader.take("q", n_quantities)
        q_ends = reader.take("q", n_quantities)
        years = reader.take("B", n_quantities)
    except _Truncated:
        return None
    if reader.offset != len(data) or sum(counts) != n_hits or max(kinds, default=0) >= len(_KINDS):
        return None
    hits: dict[Term, array[int]] = {}
    position = 0
    for term, count in zip(terms, counts, strict=True):
        hits[term] = starts[position : position + count]
        position += count
    quantities = [
        QuantityHit(_KINDS[kind], value, start, end, bool(year))
        for kind, value, start, end, year in zip(kinds, values, q_starts, q_ends, years, strict=True)
    ]
    return TextFacts(block_starts, sentence_starts, hits, quantities)


class _Reader:
    """Consecutive typed arrays out of one buffer."""

    def __init__(self, data: memoryview, offset: int) -> None:
        self.data = data
        self.offset = offset

    def take(self, code: str, count: int) -> array[Any]:
        out = array(code)
        size = out.itemsize * count
        if self.offset + size > len(self.data):
            raise _Truncated
        out.frombytes(self.data[self.offset : self.offset + size])
        self.offset += size
        return out


class _Truncated(ValueError):
    """An encoded TextFacts shorter than its header says."""
