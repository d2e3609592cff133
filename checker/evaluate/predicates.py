"""The closed set of predicates, compiled from the AST and evaluated against a DocumentIndex.

Each predicate returns a ``Match``: whether it holds, and the hits (folded spans with their terms and
quantities) that prove it. ``and``/``or``/``not`` combine matches; evidence is the union of the proving hits.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, repeat
from operator import itemgetter, sub
from typing import NamedTuple, cast

from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import Term


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


class TermHit(Hit):
    """One term's hit, stored as the 3-tuple (start, end, block): its one part is itself, it has no quantities.

    NOTE: every hit of every term becomes one of these (~10^6 on 2,000 pages); a full Hit with its one-part tuple
    ``((start, end),)`` took twice the memory. Fields, order and comparisons among term hits are a Hit's.
    """

    __slots__ = ()

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:  # NOTE: built on access, never stored
        """The hit itself, as the one matched part."""
        return ((self[0], self[1]),)

    @property
    def quantities(self) -> tuple[int, ...]:
        """No quantities: a term hit is words."""
        return ()

    def __repr__(self) -> str:
        return f"TermHit(start={self[0]}, end={self[1]}, block={self[2]})"

    def __reduce__(self) -> tuple[Callable[..., Hit], tuple[int, int, int, tuple[tuple[int, int], ...]]]:
        # NOTE: a namedtuple pickles through __new__ with its fields; this one has three, so it travels as a Hit
        return (Hit, (self[0], self[1], self[2], self.parts))


NO_MATCH = Match(False)

# NOTE: builds a Hit from a 5-tuple in C (map(_new_hit, zip(...))); ``Hit(...)`` runs a Python-level __new__.
_new_hit = cast("Callable[[Iterable[object]], Hit]", partial(tuple.__new__, Hit))
_new_term_hit = cast("Callable[[Iterable[object]], Hit]", partial(tuple.__new__, TermHit))


_START = itemgetter(0)
_END = itemgetter(1)
_BLOCK = itemgetter(2)


def _combine(hits: Sequence[Hit], block: int | None = None) -> Hit:
    # NOTE: ~6,000 calls a long report. A term hit's one part is read from its fields, not built by its ``parts``
    # property (a Python-level call per hit), and it has no quantities; the Hit is made in C (``_new_hit``).
    parts: set[tuple[int, int]] = set()
    quantities: set[int] = set()
    for hit in hits:
        if type(hit) is TermHit:
            parts.add((hit[0], hit[1]))
        else:
            parts.update(hit[3])
            quantities.update(hit[4])
    return _new_hit(
        (
            min(map(_START, hits)),
            max(map(_END, hits)),
            hits[0][2] if block is None else block,
            tuple(sorted(parts)),
            tuple(sorted(quantities)),
        )
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
        # The list is keyed by its tuple's id, not the tuple: hashing ~40 Terms (a Python-level __hash__ each) on
        # every lookup, store and release cost more than the lookup saved; holding the tuple keeps its id.
        key = terms_memo_key(self.terms)
        found: tuple[tuple[Term, ...], Match] | None = index.memo.get(key)
        if found is None or found[0] is not self.terms:
            present = index.term_starts
            # NOTE: most terms of a list (~85% on BMW's questionnaire) have no eligible hit in a given report; they
            # are passed over with one lookup instead of a memo round trip each
            per_term = [own for term in self.terms if term in present and (own := _term_hits(index, term))]
            if len(per_term) > 1:
                # NOTE: the hits in (start, end) order, as sorting the tuples would give (a term hit is fully
                # determined by them). One term's hits are in start order and all as long as the term, so the lists
                # are laid end to end from the shortest term to the longest and sorted on the start alone, a stable
                # sort: ties on the start come out shorter first. Sorting on an int key is ~3x faster than comparing
                # the hits (a tuple subclass, which list.sort compares through the generic rich comparison).
                per_term.sort(key=_hit_length)
                hits = list(chain.from_iterable(per_term))
                hits.sort(key=_START)
            else:
                hits = per_term[0] if per_term else []
            found = (self.terms, Match(bool(hits), tuple(hits)))
            index.memo[key] = found
        return found[1]


def _hit_length(hits: list[Hit]) -> int:
    return hits[0][1] - hits[0][0]


def terms_memo_key(terms: tuple[Term, ...]) -> tuple[str, int]:
    """The memo key of a term list's match (``Terms``); ``release`` drops it with the list's last use."""
    return ("terms", id(terms))


def _term_hits(index: DocumentIndex, term: Term) -> list[Hit]:
    key = term_memo_key(term)
    found: tuple[Term, list[Hit]] | None = index.memo.get(key)
    if found is None or found[0] is not term:
        starts = index.term_starts.get(term)
        hits: list[Hit] = []
        if starts:
            size = len(term.folded)
            blocks = map(index.block_numbers.__getitem__, index.term_blocks[term])
            aliased = index.alias_lengths.get(term)
            if aliased:
                ends = [start + aliased.get(start, size) for start in starts]
            else:
                ends = [start + size for start in starts]
            hits = list(map(_new_term_hit, zip(starts, ends, blocks, strict=True)))
        found = index.memo[key] = (term, hits)
    return found[1]


def term_memo_key(term: Term) -> tuple[str, int]:
    """The memo key of one term's hits; ``release`` drops it after the term's last use, or while it is idle.

    NOTE: by the Term's id (the Term is held beside its hits, so the id cannot be reused): a Term hashes in Python,
    and releasing pops the key of every term of the pack (~11,000) whether or not the report had hits for it.
    """
    return ("term", id(term))


@dataclass(eq=False)
class Quantity(Predicate):
    """``quantity(kind, ..., of=level|amount|change|any)``: a number with a unit of one of the kinds.

    ``of=level`` leaves out figures that measure a change ("saved 170,000 kWh", "reduced by 12%"): a saving is
    not a consumption, and a reduction is not an emission total. ``of=amount`` also leaves out rates ("0.57
    tCO2/MWh", "85 kWh/m2"): a grid factor is no Scope 2 figure, though an intensity is a level. ``of=share`` leaves
    out, beside the changes, the parts of a whole (``shares``): 57% and 43% that make up the trainees are no share
    of each group trained. ``of=change`` keeps only the changes.
    """

    kinds: frozenset[str]
    role: str = "any"

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        key = ("quantity", self.kinds, self.role)
        found: Match | None = index.memo.get(key)
        if found is None:
            every = _quantity_hits(index)
            by_kind = _quantities_by_kind(index)
            chosen = sorted(chain.from_iterable(by_kind.get(kind, ()) for kind in self.kinds))  # NOTE: C-level
            if "number" in self.kinds and index.typed_bare_quantities:
                # NOTE: a figure its table's unit typed ("Hazardous waste (tonnes) | 86.2") is still a bare number
                # in its row, where a rule reads the label beside it
                chosen = sorted({*chosen, *index.typed_bare_quantities})
            if self.role == "reporting":
                # NOTE: a year that is the report's own financial year, when the audit knows it (the profile's)
                quantities = index.quantities
                chosen = [
                    i
                    for i in chosen
                    if quantities[i].kind == "year"
                    and not quantities[i].is_year_range
                    and quantities[i].value == index.reporting_year
                ]
            elif self.role != "any":
                changes = index.change_quantities
                if self.role == "change":
                    chosen = [i for i in chosen if i in changes]
                else:
                    rates = index.rate_quantities if self.role == "amount" else frozenset()
                    if self.role == "share":
                        rates = index.composition_quantities
                    chosen = [i for i in chosen if i not in changes and i not in rates]
            hits = tuple(map(every.__getitem__, chosen))
            found = Match(bool(hits), hits)
            index.memo[key] = found
        return found


def _quantities_by_kind(index: DocumentIndex) -> dict[str, list[int]]:
    """Numbers (in document order) of the quantities of each kind; once per document.

    A year range ("2026-2027", "2028 to 2035") is no year of a series: it is kind ``period``, a span of time.
    """
    by_kind: dict[str, list[int]] | None = index.memo.get("quantities_by_kind")
    if by_kind is None:
        by_kind = {}
        for i, q in enumerate(index.quantities):
            by_kind.setdefault("period" if q.is_year_range else q.kind, []).append(i)
        index.memo["quantities_by_kind"] = by_kind
    return by_kind


def _quantity_hits(index: DocumentIndex) -> list[Hit]:
    """One Hit per quantity of the document, built once and shared by every quantity predicate."""
    hits: list[Hit] | None = index.memo.get("quantities")
    if hits is None:
        blocks = index.quantity_blocks
        quantities = index.quantities
        count = len(quantities)
        hits = list(
            map(
                _new_hit,
                zip(
                    [q.start for q in quantities],
                    [q.end for q in quantities],
                    blocks,
                    repeat((), count),
                    [(i,) for i in range(count)],
                    strict=True,
                ),
            )
        )
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
        # NOTE: imported here: those modules build on this one's hits and groupings
        if isinstance(self.within, int):
            from checker.evaluate.near_window import within_chars

            return within_chars(index, matches, self.within)
        if self.within == "sentence":
            from checker.evaluate.same_sentence import same_sentence

            return same_sentence(index, matches)
        return _same_unit(index, [_grouped(index, m.hits, self.within) for m in matches])


_ByStart = tuple[list[Hit], list[int], list[int], int]


def _by_start(index: DocumentIndex, hits: tuple[Hit, ...]) -> _ByStart:
    """Hits in start order with their starts, pages and the longest hit's length, once per document and hit list."""
    key = ("by_start", id(hits))
    found: tuple[tuple[Hit, ...], _ByStart] | None = index.memo.get(key)
    if found is None or found[0] is not hits:
        # NOTE: read with C-level maps, not per hit in Python: a shared operand has tens of thousands of hits
        ordered = sorted(hits, key=_start)
        starts = list(map(_START, ordered))
        longest = max(map(sub, map(_END, ordered), starts), default=0)
        value = (ordered, starts, list(map(_block_pages(index).__getitem__, map(_BLOCK, ordered))), longest)
        found = (hits, value)  # NOTE: holding ``hits`` keeps its id from being reused while the memo lives
        index.memo[key] = found
    return found[1]


def _block_pages(index: DocumentIndex) -> list[int]:
    """The page of every block, by block number, once per document."""
    found: list[int] | None = index.memo.get("block_pages")
    if found is None:
        found = index.memo["block_pages"] = [b.page for b in index.blocks]
    return found


# NOTE: the sort key of hits in start order: a C-level itemgetter, not a Python function (called once per hit)
_start: Callable[[Hit], int] = _START


def _longest(hits: list[Hit]) -> int:
    return max(h.end - h.start for h in hits)


def _position_key(index: DocumentIndex, scope: str) -> Callable[[int], Hashable]:
    """The unit (sentence, block or page) of a folded position, keyed as ``_unit_key`` keys a hit's."""
    if scope == "block":
        return index.block_at
    if scope == "page":
        return lambda position: index.blocks[index.block_at(position)].page
    return index.sentence_at


def _unit_key(index: DocumentIndex, scope: str) -> Callable[[Hit], Hashable]:
    if scope == "block":
        return lambda h: h.block
    if scope == "page":
        return lambda h: index.blocks[h.block].page
    return lambda h: index.sentence_at(h.start)


_Groups = dict[Hashable, list[Hit]]


def _grouped(index: DocumentIndex, hits: tuple[Hit, ...], scope: str) -> _Groups:
    """``hits`` grouped by unit (block, page or sentence), in hit order within a group.

    Memoised per document and hit list: a shared operand (a vocabulary's Terms, quantity(persons)) is grouped once,
    not once for every ``near`` it appears in.
    """
    key = ("grouped", scope, id(hits))
    found: tuple[tuple[Hit, ...], _Groups] | None = index.memo.get(key)
    if found is None or found[0] is not hits:
        found = (hits, _group(index, hits, scope))  # NOTE: holding ``hits`` keeps its id from being reused
        index.memo[key] = found
    return found[1]


def _group(index: DocumentIndex, hits: Iterable[Hit], scope: str) -> _Groups:
    hits = list(hits)
    keys: Iterable[Hashable]
    if scope == "block":
        keys = map(_BLOCK, hits)
    elif scope == "page":
        pages = [b.page for b in index.blocks]
        keys = [pages[h.block] for h in hits]
    else:
        # NOTE: a sentence is keyed by its ordinal + 1 (bisect's own answer; index.sentence_at is one less): its
        # groups only ever meet groups made here (``_same_unit``), and ~10^5 hits a report are grouped by sentence
        keys = map(bisect_right, repeat(index.sentence_starts), map(_START, hits))
    groups: _Groups = {}
    for unit, hit in zip(keys, hits, strict=True):
        group = groups.get(unit)
        if group is None:
            groups[unit] = [hit]
        else:
            group.append(hit)
    return groups


def _same_unit(index: DocumentIndex, grouped: list[_Groups]) -> Match:
    common = set(grouped[0]).intersection(*grouped[1:])
    out = [_combine([h for g in grouped for h in g[key]]) for key in common]
    out.sort(key=_start)
    return Match(bool(out), tuple(out))


@dataclass(eq=False)
class Without(Predicate):
    """``without(a, b, within=...)``: the hits of ``a`` with no ``b`` in the unit of the hit or of any of its parts.

    The unit is a sentence, block or page, or N characters around the hit. A local negation: "a recall figure,
    unless that sentence says recalls are not applicable". ``not`` is document-wide, so a phrase anywhere in a long
    report would switch an element off.
    """

    operand: Predicate
    excluded: Predicate
    within: str | int = "sentence"

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        kept = self.operand.evaluate(index, cache)
        if not kept.ok:
            return NO_MATCH
        if not kept.hits:
            # NOTE: an absence proven (``not ...``) has no passage that could be near ``excluded``: it stays proven
            return kept
        excluded = self.excluded.evaluate(index, cache)
        if not excluded.ok or not excluded.hits:
            return kept
        if isinstance(self.within, int):
            hits, starts, pages, longest = _by_start(index, excluded.hits)
            blocks = index.blocks
            out = []
            for hit in kept.hits:
                page = blocks[hit.block].page
                if not _any_within(hit, hits, starts, pages, page, self.within, longest):
                    out.append(hit)
        elif self.within == "sentence":
            out = _outside_sentences(index, kept.hits, excluded.hits)
        else:
            unit = _unit_key(index, self.within)
            excluded_units = {unit(h) for h in excluded.hits}
            at = _position_key(index, self.within)
            # NOTE: a hit made of several parts (a term near a figure two sentences away) is excluded when any part
            # is: "Scope 3: we do not disclose Scope 3 this year" is no Scope 3 mention for a figure nearby to bind to
            out = [
                h
                for h in kept.hits
                if unit(h) not in excluded_units and not any(at(start) in excluded_units for start, _ in h.parts)
            ]
        return Match(bool(out), tuple(out))


def _outside_sentences(index: DocumentIndex, hits: tuple[Hit, ...], excluded: tuple[Hit, ...]) -> list[Hit]:
    """``without(..., within=sentence)``: the ``hits`` none of whose parts shares a sentence with an ``excluded`` hit.

    NOTE: the general case below with the sentences found in C: ~350 of these a report, ~12,000 hits in all, each
    looked up through a lambda and a method. Sentences are keyed by bisect_right's answer (ordinal + 1) on both
    sides. A term hit's one part starts where the hit does, so its own test is its parts' test.
    """
    starts = index.sentence_starts
    units = set(map(bisect_right, repeat(starts), map(_START, excluded)))
    keys = map(bisect_right, repeat(starts), map(_START, hits))
    return [
        h
        for h, key in zip(hits, keys, strict=True)
        if key not in units
        and (type(h) is TermHit or not any(bisect_right(starts, start) in units for start, _ in h[3]))
    ]


def _any_within(
    hit: Hit, hits: list[Hit], starts: list[int], pages: list[int], page: int, distance: int, longest: int
) -> bool:
    """Whether any of ``hits`` (in start order) lies within ``distance`` characters of ``hit`` on its page."""
    for k in range(bisect_left(starts, hit.start - distance - min(400, longest)), len(hits)):
        other = hits[k]
        if other.start > hit.end + distance:
            return False
        if pages[k] == page and max(0, other.start - hit.end, hit.start - other.end) <= distance:
            return True
    return False


@dataclass(eq=False)
class AllTerms(Predicate):
    """``all(a, b, ...)``: every term set occurs in the same block."""

    operands: tuple[Predicate, ...]

    def _evaluate(self, index: DocumentIndex, cache: dict[int, Match]) -> Match:
        matches = [op.evaluate(index, cache) for op in self.operands]
        if not all(m.ok for m in matches):
            return NO_MATCH
        return _same_unit(index, [_grouped(index, m.hits, "block") for m in matches])


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
