"""The scope's section lookups read per-document maps; they answer what testing every block would answer."""

from __future__ import annotations

from itertools import combinations

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Terms
from checker.evaluate.scope import _blocks_under, _document_about, _title_context, evidence_scope

TEXT = (
    "# Climate\n\nOur climate risks are assessed yearly.\n\n## Physical risks\n\nFloods and heat affect sites.\n\n"
    "### Flooding\n\nTwo sites flooded.\n\n## Transition risks\n\nCarbon prices rise.\n\n"
    "# Workforce\n\nWe employ 1,200 people.\n\n## Training\n\nStaff trained 20 hours.\n\n"
    "| Climate metric | 2024 |\n|---|---|\n| Scope 1 | 12 t |\n"
)


def _index() -> tuple[DocumentIndex, TermMatcher]:
    matcher = TermMatcher()
    matcher.register(["climate", "risks", "training"])
    return DocumentIndex(example_document(TEXT, "<scope>"), matcher), matcher


def test_the_blocks_under_headings_are_those_with_one_of_them_above() -> None:
    index, _ = _index()
    headings = sorted({h for b in index.blocks for h in b.headings})
    assert len(headings) >= 5
    for size in range(len(headings) + 1):
        for chosen in combinations(headings, size):
            plain = {b.index for b in index.blocks if set(chosen).intersection(b.headings)}
            assert _blocks_under(index, set(chosen)) == plain


def test_a_topic_named_on_the_title_page_is_found_for_every_topic_that_names_it() -> None:
    index, matcher = _index()
    context = _title_context(index)
    topics = [Terms(tuple(matcher.register(words))) for words in (["climate"], ["training", "climate"], ["nothing"])]
    for _ in range(2):  # NOTE: the second round reads the answers kept per term
        for topic in topics:
            assert _document_about(index, topic) == any(t.folded in context for t in topic.terms)


def test_a_scope_keeps_its_sections_and_leaves_out_the_ignored_ones() -> None:
    index, matcher = _index()
    climate = Terms(tuple(matcher.register(["climate"])))
    training = Terms(tuple(matcher.register(["training"])))
    scope = evidence_scope(index, {}, climate, training)
    titled = {b.index: index.folded.text[b.start : b.end] for b in index.blocks}
    assert {titled[b] for b in scope.blocks} >= {"physical risks", "floods and heat affect sites."}
    assert "staff trained 20 hours." in {titled[b] for b in scope.ignored}
