"""What keeps a long report's audit in bounded memory: compact hits and offset maps, with unchanged meaning.

These guard the structures, not a number of megabytes: term hits live in machine-integer arrays, a term's hit
objects are 3-tuples (no part tuples of their own), the folded text's offset map is a list of runs, not one
offset per character, and judging frees each predicate's result after its last use. Each is also checked to mean
exactly what the plain one meant.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.evaluate import engine
from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Hit, TermHit, Terms
from checker.evaluate.release import ReleasePlan
from checker.ingest import read_document
from checker.ingest.normalize import fold
from checker.pipeline import load_standards

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


SAMPLES = Path(__file__).resolve().parents[2] / "samples"
RELEASED = ("term", "terms", "grouped", "by_start")  # NOTE: the memo entries built from predicates' hits


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["hkex-esg", "issb-s2"]))


@pytest.mark.parametrize("draft", ["manufacturer-en/draft.docx", "hk-bank-zh-hant/draft.md"])
def test_judging_frees_every_predicate_result(auditor: Auditor, draft: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    real_index, real_judge = engine.DocumentIndex, engine._judge

    def keep_index(*args: Any, **kwargs: Any) -> DocumentIndex:
        seen["index"] = real_index(*args, **kwargs)
        return seen["index"]

    def keep_cache(req: Any, index: Any, cache: dict[int, Any], *rest: Any) -> Any:
        seen["cache"] = cache
        return real_judge(req, index, cache, *rest)

    monkeypatch.setattr(engine, "DocumentIndex", keep_index)
    monkeypatch.setattr(engine, "_judge", keep_cache)
    document = read_document(SAMPLES / draft)
    findings = auditor.judge(document)
    assert seen["cache"] == {}  # NOTE: every predicate's match went after its last requirement or element
    held = [key for key in seen["index"].memo if isinstance(key, tuple) and key[0] in RELEASED]
    assert held == []
    monkeypatch.setattr(ReleasePlan, "release", lambda *args: None)
    assert auditor.judge(document) == findings  # NOTE: freeing never changes a verdict or its evidence
