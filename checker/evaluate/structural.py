"""Predicates that read where text sits: in a table, under a heading, in a multi-year series.

They build on the term and quantity predicates in ``checker.evaluate.predicates`` and share its hit algebra.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from checker.evaluate.index import DocumentIndex
from checker.evaluate.predicates import (
    _BLOCK,
    NO_MATCH,
    Hit,
    Match,
    Predicate,
    _combine,
    _group,
    _Groups,
    _quantity_hits,
    _same_unit,
    _start,
    _unit_key,
)
from checker.evaluate.table_cells import body_column, header_column
from checker.ingest.document import BlockKind


@dataclass(eq=False)
class Years(Predicate):
    """``years(N)``: a multi-year series, i.e. at least N distinct years with values in one block or sentence."""

    count: int
    within: str = "block"

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        years, values, members = _years_by_unit(index, self.within)
        out = [
            _combine(members[key])
            for key, found in years.items()
            if len(found) >= self.count and (values.get(key) or _has_zero_word(index, members[key][0]))
        ]
        out.sort(key=_start)
        return Match(bool(out), tuple(out))


_YearUnits = tuple[dict[Hashable, set[int]], dict[Hashable, list[int]], dict[Hashable, list[Hit]]]


def _years_by_unit(index: DocumentIndex, within: str) -> _YearUnits:
    """Per unit (block or sentence): the years named, the other quantities and all of them as hits (memoised)."""
    key = ("years", within)
    found: _YearUnits | None = index.memo.get(key)
    if found is not None:
        return found
    unit = _unit_key(index, within)
    years: dict[Hashable, set[int]] = defaultdict(set)
    values: dict[Hashable, list[int]] = defaultdict(list)
    members: dict[Hashable, list[Hit]] = defaultdict(list)
    every = _quantity_hits(index)
    for i, q in enumerate(index.quantities):
        if q.is_year_range:
            continue
        hit = every[i]
        unit_key = unit(hit)
        members[unit_key].append(hit)
        if q.kind == "year":
            years[unit_key].add(int(q.value))
        else:
            values[unit_key].append(i)
    found = (years, values, members)
    index.memo[key] = found
    return found


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
        return _same_unit(index, [_table_groups(index, m.hits) for m in matches])


def _table_groups(index: DocumentIndex, hits: tuple[Hit, ...]) -> _Groups:
    """``hits`` in eligible tables, grouped by block; once per document and hit list.

    NOTE: ~160 ``table`` operands a report name ~75 distinct hit lists (a quantity, a vocabulary), each filtered
    and grouped again for every table it appears in. Memoised as ``_grouped`` is (unit "table"), and released with
    the hit list's other groupings (``release._GROUPINGS``); holding ``hits`` keeps its id from being reused.
    """
    key = ("grouped", "table", id(hits))
    found: tuple[tuple[Hit, ...], _Groups] | None = index.memo.get(key)
    if found is None or found[0] is not hits:
        tables = _eligible_tables(index)
        found = (hits, _group(index, [h for h in hits if h[2] in tables], "block"))  # NOTE: h[2]: the hit's block
        index.memo[key] = found
    return found[1]


@dataclass(eq=False)
class Column(Predicate):
    """``column(a, b)``: hits of ``b`` in a table's body whose column is headed by ``a``.

    A table that puts its subjects across the top ("Donations | Elderly care | Education", "| Male | Female") names
    each figure's subject in the header cell above it, not in its row: near(..., within=sentence) reads a row.
    The hit keeps its row and gains the header's terms as evidence of what the figure counts.
    """

    header: Predicate
    inner: Predicate

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        inner = self.inner.evaluate(index, cache)
        if not inner.ok:
            return NO_MATCH
        tables = _eligible_tables(index)
        if not any(h.block in tables for h in inner.hits):
            return NO_MATCH
        header_hits = self.header.evaluate(index, cache).hits
        by_cell: dict[tuple[int, int], list[Hit]] = defaultdict(list)
        text = index.folded.text
        for h in header_hits:
            if h.block in tables:
                column = header_column(text, index.blocks[h.block].start, h.start, h.end)
                if column is not None:
                    by_cell[(h.block, column)].append(h)
        if not by_cell:
            return NO_MATCH
        out = []
        for h in inner.hits:
            if h.block not in tables:
                continue
            start = index.blocks[h.block].start
            positions = [index.quantities[q].start for q in h.quantities] or [h.start]
            columns = {body_column(text, start, at) for at in positions}
            headers = [
                header for column in columns if column is not None for header in by_cell.get((h.block, column), ())
            ]
            if headers:
                out.append(_combine([h, *headers], h.block))
        out.sort(key=_start)
        return Match(bool(out), tuple(out))


def _eligible_tables(index: DocumentIndex) -> frozenset[int]:
    """The blocks that are tables and may be evidence, once per document.

    NOTE: hkex-esg evaluates ~50 ``table`` predicates a report; finding the tables among every block (5,500 on
    BMW's questionnaire) for each of them was most of their time.
    """
    found: frozenset[int] | None = index.memo.get("eligible_tables")
    if found is None:
        found = frozenset(b.index for b in index.blocks if b.kind is BlockKind.TABLE and b.eligible)
        index.memo["eligible_tables"] = found
    return found


@dataclass(eq=False)
class Heading(Predicate):
    """``heading(...)``: a heading that contains one of the terms."""

    terms: Predicate

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        inner = self.terms.evaluate(index, cache)
        headings = blocks_of_kind(index, BlockKind.HEADING)
        hits = tuple(h for h in inner.hits if h[2] in headings)  # NOTE: h[2]: the hit's block
        return Match(bool(hits), hits)


@dataclass(eq=False)
class Under(Predicate):
    """``under(heading_terms, expr)``: ``expr`` holds in a section whose heading matches (not in the heading)."""

    heading_terms: Predicate
    inner: Predicate

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        # NOTE: a table's caption (the line above it that names what it counts) heads the table as a heading heads
        # its section (``DocumentIndex.captions``).
        captions = index.captions
        # NOTE: and a paragraph's run-in title ("Intellectual property: ...") heads the rest of that paragraph.
        labels = index.run_in_labels
        heading_hits = self.heading_terms.evaluate(index, cache).hits
        headings = _heads_blocks(index).intersection(map(_BLOCK, heading_hits))
        titled = {h.block for h in heading_hits if h.block in labels and h.end <= labels[h.block]}
        if not headings and not titled:
            return NO_MATCH
        inner = self.inner.evaluate(index, cache)
        blocks = index.blocks
        # NOTE: isdisjoint, not intersection: the test runs once per inner hit and needs no set built for it
        hits = tuple(
            h
            for h in inner.hits
            if not headings.isdisjoint(blocks[h.block].headings)
            or captions.get(h.block) in headings
            or (h.block in titled and h.start >= labels[h.block])
        )
        return Match(bool(hits), hits)


def _heads_blocks(index: DocumentIndex) -> frozenset[int]:
    """The blocks that head what follows for ``under``: headings and table captions, once per document.

    NOTE: ~160 ``under`` predicates a report each tested every heading hit's block kind (an enum member read
    through a Python-level descriptor on 3.11) and rebuilt the set of captions.
    """
    found: frozenset[int] | None = index.memo.get("heads_blocks")
    if found is None:
        found = blocks_of_kind(index, BlockKind.HEADING) | frozenset(index.captions.values())
        index.memo["heads_blocks"] = found
    return found


def blocks_of_kind(index: DocumentIndex, kind: BlockKind) -> frozenset[int]:
    """The numbers of the blocks of one kind, once per document."""
    key = ("blocks_of_kind", kind)
    found: frozenset[int] | None = index.memo.get(key)
    if found is None:
        found = index.memo[key] = frozenset(b.index for b in index.blocks if b.kind is kind)
    return found
