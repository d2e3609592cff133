"""Hits grouped by unit for ``near`` and ``all``: the same partition as grouping by ``DocumentIndex``'s own units.

``predicates._group`` keys a sentence by bisect's answer (``sentence_at`` + 1) rather than calling ``sentence_at``
per hit; the groups, and the order of hits in each, are those of the plain definition. ``near`` by sentence
groups only its smallest operand (``same_sentence``); its result is that of grouping every operand.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Hit, Match, Near, Terms, _group, _same_unit
from checker.evaluate.same_sentence import same_sentence
from checker.evaluate.structural import Table
from checker.ingest.document import BlockKind

TEXT = (
    "# Emissions\n\nOur emissions fell; scope 1 emissions were 12 t. Waste rose. Emissions from waste were 2 t.\n\n"
    "# Waste\n\nNon-hazardous waste: 3 t. Emissions and waste are reported yearly.\f"
    "Scope 1 emissions by site. Waste emissions."
)


def _index() -> tuple[DocumentIndex, Terms, Terms]:
    matcher = TermMatcher()
    emissions = Terms(tuple(matcher.register(["emissions", "scope 1"])))
    waste = Terms(tuple(matcher.register(["waste"])))
    return DocumentIndex(example_document(TEXT, "<group>"), matcher), emissions, waste


def _plain(index: DocumentIndex, hits: list[Hit], scope: str) -> list[list[Hit]]:
    key = {
        "sentence": lambda h: index.sentence_at(h.start),
        "block": lambda h: h.block,
        "page": lambda h: index.blocks[h.block].page,
    }[scope]
    groups: dict[int, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(key(hit), []).append(hit)
    return list(groups.values())


def test_groups_are_the_units_of_the_index() -> None:
    index, emissions, waste = _index()
    emission_hits, waste_hits = list(emissions.evaluate(index, {}).hits), list(waste.evaluate(index, {}).hits)
    mixed = [*waste_hits, *emission_hits]  # NOTE: not in start order: the groups keep the hits' own order
    for hits in (emission_hits, waste_hits, mixed):
        for scope in ("sentence", "block", "page"):
            assert list(_group(index, hits, scope).values()) == _plain(index, hits, scope)
    assert len(_group(index, emission_hits, "sentence")) > len(_group(index, emission_hits, "block")) > 1


def test_near_within_a_sentence_pairs_the_hits_of_one_sentence() -> None:
    index, emissions, waste = _index()
    near = Near((emissions, waste), "sentence").evaluate(index, {})
    units = [{index.sentence_at(h.start) for h in t.evaluate(index, {}).hits} for t in (emissions, waste)]
    assert {index.sentence_at(h.start) for h in near.hits} == units[0] & units[1]
    assert len(near.hits) == len(units[0] & units[1]) >= 2
    assert [h.start for h in near.hits] == sorted(h.start for h in near.hits)


def _grouping_every_operand(index: DocumentIndex, matches: list[Match]) -> Match:
    """``near`` by sentence as it was defined: every operand grouped by sentence, then joined."""
    return _same_unit(index, [_group(index, m.hits, "sentence") for m in matches])


_CUTS = st.lists(st.integers(min_value=0, max_value=len(TEXT)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_CUTS, st.booleans()), min_size=2, max_size=4))
def test_near_by_sentence_is_the_join_of_every_operand_grouped(operands: list[tuple[list[int], bool]]) -> None:
    # NOTE: hits at arbitrary offsets (before the first sentence start and in the last sentence too), some lists
    # in start order and some not, each hit a part of its own and of a combined hit
    index, _, _ = _index()
    matches = []
    for cuts, in_order in operands:
        hits = [Hit(c, c + 3, index.block_at(c), ((c, c + 3),), ()) for c in cuts]
        if in_order:
            hits.sort()
        matches.append(Match(bool(hits), tuple(hits)))
    if not all(m.hits for m in matches):
        return
    assert same_sentence(index, matches) == _grouping_every_operand(index, matches)


def test_near_by_sentence_matches_the_join_on_real_terms() -> None:
    index, emissions, waste = _index()
    matches = [emissions.evaluate(index, {}), waste.evaluate(index, {})]
    expected = _grouping_every_operand(index, matches)
    assert expected.hits and same_sentence(index, matches) == expected
    assert Near((emissions, waste), "sentence").evaluate(index, {}) == expected


TABLES = (
    "# Emissions\n\n| Scope | 2024 |\n|---|---|\n| Scope 1 emissions | 12 t |\n\n"
    "Scope 1 emissions fell.\n\n| Waste | 2024 |\n|---|---|\n| Hazardous waste | 3 t |\n"
)


def test_table_finds_the_table_that_holds_every_operand_on_every_evaluation() -> None:
    matcher = TermMatcher()
    emissions = Terms(tuple(matcher.register(["scope 1"])))
    waste = Terms(tuple(matcher.register(["waste"])))
    index = DocumentIndex(example_document(TABLES, "<tables>"), matcher)
    tables = {b.index for b in index.blocks if b.kind is BlockKind.TABLE and b.eligible}
    assert len(tables) == 2
    # NOTE: kept alive: a predicate's result is cached by its id, as the engine's interned predicates are
    alone, both = Table((emissions,)), Table((emissions, waste))
    for _ in range(2):  # NOTE: the second evaluation reads the tables from the index's memo
        cache: dict[int, Match] = {}
        found = alone.evaluate(index, cache)
        assert found.ok and {h.block for h in found.hits} <= tables
        assert {h.block for h in emissions.evaluate(index, cache).hits} - tables  # NOTE: the paragraph's hit
        assert not both.evaluate(index, cache).ok
