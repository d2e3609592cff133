"""The closed set of predicates, compiled from the AST and evaluated against a DocumentIndex.

Each predicate returns a ``Match``: whether it holds, and the hits (folded spans with their terms and
quantities) that prove it. ``and``/``or``/``not`` combine matches; evidence is the union of the proving hits.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import NamedTuple

from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import Term
from checker.ingest.document import BlockKind


class Hit(NamedTuple):
    """A proving passage in folded coordinates: its covering span, block, matched parts and quantities.

    A NamedTuple, not a frozen dataclass: a 300-page report makes ~10^5 hits, and a frozen dataclass's
    ``__init__`` costs several times more per instance.
    """

    start: int
    end: int
    block: int
    parts: tuple[tuple[int, int], ...] = ()
    quantities: tuple[int, ...] = ()


@dataclass(frozen=True)
class Match:
    """A predicate's outcome on one document."""

    ok: bool
    hits: tuple[Hit, ...] = ()


NO_MATCH = Match(False)


def _combine(hits: list[Hit], block: int | None = None) -> Hit:
    parts = tuple(sorted({p for h in hits for p in h.parts}))
    quantities = tuple(sorted({q for h in hits for q in h.quantities}))
    return Hit(
        start=min(h.start for h in hits),
        end=max(h.end for h in hits),
        block=hits[0].block if block is None else block,
        parts=parts,
        quantities=quantities,
    )


@dataclass(eq=False)
class Predicate:
    """Base class: evaluation is cached per index, since many requirements share sub-expressions."""

    def evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        """Evaluate once per document."""
        key = id(self)
        if key not in cache:
            cache[key] = self._evaluate(index, cache)
        return cache[key]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        raise NotImplementedError


@dataclass(eq=False)
class Terms(Predicate):
    """``any(...)``: any of the terms occurs in an evidence-eligible block."""

    terms: tuple[Term, ...]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        # NOTE: rules repeat the same term lists (shared vocabularies), and a common term has thousands of hits
        # in a long report: both the per-term hits and each distinct list's result are built once per document.
        key = ("terms", self.terms)
        found: Match | None = index.memo.get(key)
        if found is None:
            hits: list[Hit] = []
            for term in self.terms:
                hits.extend(_term_hits(index, term))
            # NOTE: a term hit is fully determined by (start, end), so plain tuple order is (start, end) order
            hits.sort()
            found = Match(bool(hits), tuple(hits))
            index.memo[key] = found
        return found


def _term_hits(index: DocumentIndex, term: Term) -> list[Hit]:
    key = ("term", term)
    hits: list[Hit] | None = index.memo.get(key)
    if hits is None:
        spans = index.term_hits.get(term, ())
        blocks = index.term_blocks.get(term, ())
        hits = [Hit(s, e, b, ((s, e),)) for (s, e), b in zip(spans, blocks, strict=True)]
        index.memo[key] = hits
    return hits


@dataclass(eq=False)
class Quantity(Predicate):
    """``quantity(kind, ...)``: a number with a unit of one of the kinds."""

    kinds: frozenset[str]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        key = ("quantity", self.kinds)
        found: Match | None = index.memo.get(key)
        if found is None:
            every = _quantity_hits(index)
            kinds = self.kinds
            hits = tuple(every[i] for i, q in enumerate(index.quantities) if q.kind in kinds and not q.is_year_range)
            found = Match(bool(hits), hits)
            index.memo[key] = found
        return found


def _quantity_hits(index: DocumentIndex) -> list[Hit]:
    """One Hit per quantity of the document, built once and shared by every quantity predicate."""
    hits: list[Hit] | None = index.memo.get("quantities")
    if hits is None:
        blocks = index.quantity_blocks
        hits = [Hit(q.start, q.end, blocks[i], (), (i,)) for i, q in enumerate(index.quantities)]
        index.memo["quantities"] = hits
    return hits


@dataclass(eq=False)
class Near(Predicate):
    """``near(a, b, ..., within=...)``: every operand occurs close together.

    Close means the same sentence, block or page, or one window of about N characters (never across a page
    break).
    """

    operands: tuple[Predicate, ...]
    within: str | int = "sentence"

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        matches = [op.evaluate(index, cache) for op in self.operands]
        if not all(m.ok and m.hits for m in matches):
            return NO_MATCH
        if isinstance(self.within, int):
            return self._within_chars(index, [list(m.hits) for m in matches], self.within)
        unit = _unit_key(index, self.within)
        return _same_unit(index, [list(m.hits) for m in matches], unit)

    def _within_chars(self, index: DocumentIndex, operand_hits: list[list[Hit]], distance: int) -> Match:
        others = [(sorted(h, key=lambda x: x.start), sorted(x.start for x in h)) for h in operand_hits[1:]]
        out: list[Hit] = []
        for anchor in operand_hits[0]:
            page = index.blocks[anchor.block].page
            chosen = [anchor]
            for hits, starts in others:
                best: Hit | None = None
                best_gap = distance + 1
                lo = bisect_left(starts, anchor.start - distance - 400)
                for candidate in hits[lo:]:
                    if candidate.start > anchor.end + distance:
                        break
                    gap = max(0, candidate.start - anchor.end, anchor.start - candidate.end)
                    if gap < best_gap and index.blocks[candidate.block].page == page:
                        best, best_gap = candidate, gap
                if best is None:
                    break
                chosen.append(best)
            else:
                # NOTE: every operand must fit in one window of N characters, not merely each be N from the
                # anchor; otherwise a term N before and another N after would count as "near" each other.
                if max(h.end for h in chosen) - min(h.start for h in chosen) <= distance + _longest(chosen):
                    out.append(_combine(chosen, anchor.block))
        return Match(bool(out), tuple(out))


def _longest(hits: list[Hit]) -> int:
    return max(h.end - h.start for h in hits)


def _unit_key(index: DocumentIndex, scope: str) -> Callable[[Hit], Hashable]:
    if scope == "block":
        return lambda h: h.block
    if scope == "page":
        return lambda h: index.blocks[h.block].page
    return lambda h: index.sentence_at(h.start)


def _same_unit(index: DocumentIndex, operand_hits: list[list[Hit]], unit: Callable[[Hit], Hashable]) -> Match:
    grouped: list[dict[Hashable, list[Hit]]] = []
    for hits in operand_hits:
        groups: dict[Hashable, list[Hit]] = defaultdict(list)
        for hit in hits:
            groups[unit(hit)].append(hit)
        grouped.append(groups)
    common = set(grouped[0]).intersection(*grouped[1:])
    out = [_combine([h for g in grouped for h in g[key]]) for key in common]
    out.sort(key=lambda h: h.start)
    return Match(bool(out), tuple(out))


@dataclass(eq=False)
class AllTerms(Predicate):
    """``all(a, b, ...)``: every term set occurs in the same block."""

    operands: tuple[Predicate, ...]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        matches = [op.evaluate(index, cache) for op in self.operands]
        if not all(m.ok for m in matches):
            return NO_MATCH
        return _same_unit(index, [list(m.hits) for m in matches], lambda h: h.block)


@dataclass(eq=False)
class Years(Predicate):
    """``years(N)``: a multi-year series, i.e. at least N distinct years with values in one block or sentence."""

    count: int
    within: str = "block"

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        unit = _unit_key(index, self.within)
        years: dict[Hashable, set[int]] = defaultdict(set)
        values: dict[Hashable, list[int]] = defaultdict(list)
        members: dict[Hashable, list[Hit]] = defaultdict(list)
        every = _quantity_hits(index)
        for i, q in enumerate(index.quantities):
            if q.is_year_range:
                continue
            hit = every[i]
            key = unit(hit)
            members[key].append(hit)
            if q.kind == "year":
                years[key].add(int(q.value))
            else:
                values[key].append(i)
        out = [
            _combine(members[key])
            for key, found in years.items()
            if len(found) >= self.count and (values.get(key) or _has_zero_word(index, members[key][0]))
        ]
        out.sort(key=lambda h: h.start)
        return Match(bool(out), tuple(out))


_ZERO_WORDS = ("零", "无", "没有", "zero", "nil", "none", "no ")


def _has_zero_word(index: DocumentIndex, hit: Hit) -> bool:
    block = index.blocks[hit.block]
    text = index.folded.text[block.start : block.end]
    return any(word in text for word in _ZERO_WORDS)


@dataclass(eq=False)
class Table(Predicate):
    """``table(a, ...)``: one table block that contains every operand."""

    operands: tuple[Predicate, ...]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        matches = [op.evaluate(index, cache) for op in self.operands]
        if not all(m.ok for m in matches):
            return NO_MATCH
        tables = {b.index for b in index.blocks if b.kind is BlockKind.TABLE and b.eligible}
        per_operand = [[h for h in m.hits if h.block in tables] for m in matches]
        return _same_unit(index, per_operand, lambda h: h.block)


@dataclass(eq=False)
class Heading(Predicate):
    """``heading(...)``: a heading that contains one of the terms."""

    terms: Predicate

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        inner = self.terms.evaluate(index, cache)
        hits = tuple(h for h in inner.hits if index.blocks[h.block].kind is BlockKind.HEADING)
        return Match(bool(hits), hits)


@dataclass(eq=False)
class Under(Predicate):
    """``under(heading_terms, expr)``: ``expr`` holds in a section whose heading matches (not in the heading)."""

    heading_terms: Predicate
    inner: Predicate

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        headings = {
            h.block
            for h in self.heading_terms.evaluate(index, cache).hits
            if index.blocks[h.block].kind is BlockKind.HEADING
        }
        if not headings:
            return NO_MATCH
        inner = self.inner.evaluate(index, cache)
        hits = tuple(h for h in inner.hits if headings.intersection(index.blocks[h.block].headings))
        return Match(bool(hits), hits)


@dataclass(eq=False)
class Count(Predicate):
    """``count(x, N)``: at least N distinct occurrences."""

    operand: Predicate
    minimum: int

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        inner = self.operand.evaluate(index, cache)
        distinct = {(h.start, h.end) for h in inner.hits}
        return inner if len(distinct) >= self.minimum else NO_MATCH


@dataclass(eq=False)
class AllOf(Predicate):
    """``a and b``."""

    parts: tuple[Predicate, ...]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        matches = [p.evaluate(index, cache) for p in self.parts]
        if not all(m.ok for m in matches):
            return NO_MATCH
        return Match(True, tuple(h for m in matches for h in m.hits))


@dataclass(eq=False)
class AnyOf(Predicate):
    """``a or b``."""

    parts: tuple[Predicate, ...]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        matches = [p.evaluate(index, cache) for p in self.parts]
        ok = [m for m in matches if m.ok]
        return Match(bool(ok), tuple(h for m in ok for h in m.hits))


@dataclass(eq=False)
class NoneOf(Predicate):
    """``not a``: holds when ``a`` does not; it proves an absence, so it carries no evidence."""

    inner: Predicate

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        return Match(not self.inner.evaluate(index, cache).ok)
