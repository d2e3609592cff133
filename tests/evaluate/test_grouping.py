"""Hits grouped by unit for ``near`` and ``all``: the same partition as grouping by ``DocumentIndex``'s own units.

``predicates._group`` keys a sentence by bisect's answer (``sentence_at`` + 1) rather than calling ``sentence_at``
per hit; the groups, and the order of hits in each, are those of the plain definition.
"""

from __future__ import annotations

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Hit, Near, Terms, _group

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
