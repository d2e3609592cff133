"""What keeps a long report's audit in bounded memory: compact hits and offset maps, with unchanged meaning.

These guard the structures, not a number of megabytes: term hits live in machine-integer arrays, a term's hit
objects are 3-tuples (no part tuples of their own), and the folded text's offset map is a list of runs, not one
offset per character. Each layout is also checked to mean exactly what the plain one meant.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right

from hypothesis import given
from hypothesis import strategies as st

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Hit, TermHit, Terms
from checker.ingest.normalize import fold

TEXT = "# Emissions\n\nOur emissions fell. Scope 1 emissions were 12 t.\n\n# Waste\n\nNon-hazardous waste: 3 t."


def test_term_hits_are_stored_as_integer_arrays() -> None:
    matcher = TermMatcher()
    (emissions,) = matcher.register(["emissions"])
    (absent,) = matcher.register(["biodiversity"])
    index = DocumentIndex(example_document(TEXT, "<mem>"), matcher)
    starts = index.term_starts[emissions]
    assert isinstance(starts, array) and isinstance(index.term_blocks[emissions], array)
    assert [index.folded.text[s : s + len(emissions.folded)] for s in starts] == ["emissions"] * 3
    assert absent not in index.term_starts  # NOTE: terms without hits take no space at all


def test_term_hits_are_three_tuples_that_read_as_hits() -> None:
    matcher = TermMatcher()
    terms = tuple(matcher.register(["emissions", "scope 1"]))
    index = DocumentIndex(example_document(TEXT, "<mem>"), matcher)
    match = Terms(terms).evaluate(index, {})
    assert match.ok and all(type(hit) is TermHit and len(hit) == 3 for hit in match.hits)
    for hit in match.hits:
        full = Hit(hit.start, hit.end, hit.block, ((hit.start, hit.end),), ())
        assert (hit.start, hit.end, hit.block, hit.parts, hit.quantities) == tuple(full)
    assert [h.start for h in match.hits] == sorted(h.start for h in match.hits)


def test_offset_map_is_runs_not_one_offset_per_character() -> None:
    paragraph = "Scope 1 emissions were 12 t in 2024, down from 14 t in 2023 as two boilers were replaced. " * 3
    text = (paragraph + "\n\n") * 200  # NOTE: each paragraph break folds to one line break: one run a paragraph
    folded = fold(text)
    assert len(folded.run_starts) < len(folded.text) / 20
    assert len(folded.origin) == len(folded.text)


@given(st.text(alphabet=st.sampled_from(list("ab ABﬁ\u00ad\u200b㎡１\n\f\t溫室。 ")), max_size=60))
def test_offset_runs_map_like_one_offset_per_character(text: str) -> None:
    folded = fold(text)
    origin = list(folded.origin)
    for start in range(len(folded.text)):
        assert folded.origin_at(start) == origin[start]
        for end in (start, start + 1, min(len(origin), start + 3)):
            o_end = origin[end - 1] + 1 if end > start else origin[start]
            assert folded.to_original(start, end) == (origin[start], o_end)
    for offset in range(len(text) + 2):
        assert folded.to_folded(offset) == bisect_right(origin, offset - 1)
