"""Property tests on the engine's building blocks: folding, matching and proximity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Match, Near, Terms
from checker.ingest.normalize import fold, fold_term

# Pairs of Traditional / Simplified spellings as issuers write them.
PAIRS = [
    ("溫室氣體", "温室气体"),
    ("員工總數", "员工总数"),
    ("廢棄物", "废弃物"),
    ("董事會", "董事会"),
    ("氣候相關風險", "气候相关风险"),
    ("個人資料", "个人资料"),
    ("環境", "环境"),
    ("僱員流失率", "雇员流失率"),
]
filler = st.text(alphabet=st.sampled_from(list("本集團公司年度報告我們the and of 0123456789,.。；")), max_size=40)


@given(st.sampled_from(PAIRS), filler, filler)
def test_traditional_and_simplified_fold_alike(pair: tuple[str, str], before: str, after: str) -> None:
    traditional, simplified = pair
    assert fold_term(traditional) == fold_term(simplified)
    assert fold_term(traditional) in fold(before + traditional + after).text


@given(st.text(max_size=200))
def test_offset_map_points_into_the_original(text: str) -> None:
    folded = fold(text)
    assert len(folded.origin) == len(folded.text)
    assert all(0 <= o < len(text) for o in folded.origin)
    assert list(folded.origin) == sorted(folded.origin)


def _near_ok(text: str, a: str, b: str, within: str | int) -> bool:
    matcher = TermMatcher()
    first, second = Terms(tuple(matcher.register([a]))), Terms(tuple(matcher.register([b])))
    index = DocumentIndex(example_document(text, "<p>"), matcher)
    cache: dict[int, Match] = {}
    forward = Near((first, second), within).evaluate(index, cache).ok
    backward = Near((second, first), within).evaluate(index, cache).ok
    assert forward == backward
    return forward


words = st.sampled_from(["employees", "female", "Hong Kong", "員工", "女性", "香港", "policy", "審計"])
gap = st.text(alphabet=st.sampled_from(list("abc xyz 一二三。.")), max_size=120)


@settings(max_examples=60, deadline=None)
@given(words, words, gap, st.sampled_from(["sentence", "block", 30, 80]))
def test_proximity_is_symmetric(a: str, b: str, middle: str, within: str | int) -> None:
    _near_ok(f"{a} {middle} {b}", a, b, within)


@settings(max_examples=40, deadline=None)
@given(words, words)
def test_adjacent_terms_are_near_at_every_scope(a: str, b: str) -> None:
    for within in ("sentence", "block", "page", 10):
        assert _near_ok(f"{a} {b}", a, b, within)


@given(st.sampled_from(["male", "age", "scope"]))
def test_english_terms_respect_word_boundaries(word: str) -> None:
    matcher = TermMatcher()
    (term,) = matcher.register([word])
    text = fold("female percentage telescope").text
    assert matcher.find_all(text)[term] == []


def test_non_prefix_negates_a_term() -> None:
    matcher = TermMatcher()
    (hazardous,) = matcher.register(["hazardous waste"])
    (non_hazardous,) = matcher.register(["non-hazardous waste"])
    hits = matcher.find_all(fold("Non-hazardous waste: 12 t. Hazardous waste: 3 t.").text)
    assert len(hits[hazardous]) == 1 and len(hits[non_hazardous]) == 1


def test_without_is_a_local_negation() -> None:
    from checker.evaluate.predicates import Without

    matcher = TermMatcher()
    recall = Terms(tuple(matcher.register(["recall"])))
    omission = Terms(tuple(matcher.register(["not applicable"])))
    text = "Product recall: 0.02% of units in 2025.\n\nA recall procedure is not applicable to our services."
    index = DocumentIndex(example_document(text, "<w>"), matcher)
    for scope in ("sentence", 20):
        match = Without(recall, omission, scope).evaluate(index, {})
        assert match.ok and len(match.hits) == 1  # the first recall survives; the explained one does not
    assert not Without(recall, omission, "page").evaluate(index, {}).ok


def _brute_force_starts(text: str, letter: str) -> list[int]:
    """Every hit of a one-letter word term by the rules, tested at every occurrence of the letter."""
    word = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    starts = []
    for start, ch in enumerate(text):
        if ch != letter or (start > 0 and text[start - 1] in word):
            continue
        if start >= 4 and text[start - 4 : start] in ("non-", "non ", "non‐"):
            continue
        end = start + 1
        rest = text[end:]
        digits = len(rest) - len(rest.lstrip("0123456789"))
        after_digits = rest[digits : digits + 1]
        if (
            end == len(text)
            or text[end] not in word
            or any(rest.startswith(s) and rest[len(s) : len(s) + 1] not in word for s in ("s", "es"))
            or (0 < digits <= 2 and (not after_digits or (after_digits not in word and after_digits not in ".,")))
        ):
            starts.append(start)
    return starts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("tlsex17 -.,non‐噸")), max_size=80))
def test_one_letter_terms_match_by_the_word_rules(text: str) -> None:
    # NOTE: one-letter terms ("t", "l") are matched outside the automaton, on candidate positions only
    matcher = TermMatcher()
    (t_term, l_term) = matcher.register(["t", "l"])
    starts = matcher.find_starts(text)
    assert list(starts[t_term]) == _brute_force_starts(text, "t")
    assert list(starts[l_term]) == _brute_force_starts(text, "l")


def test_one_letter_terms_alone() -> None:
    matcher = TermMatcher()
    (term,) = matcher.register(["t"])
    assert list(matcher.find_starts("12 t, 3t and 5 ts; non-t; tt t7 t7.")[term]) == [3, 15, 29]


def test_a_prepared_matcher_matches_as_a_lazy_one() -> None:
    # NOTE: gapcheck audit builds the automaton while extraction workers read the draft (TermMatcher.prepare)
    text = fold("Scope 3 emissions of 12 t; water withdrawal 3 ML").text
    lazy, prepared = TermMatcher(), TermMatcher()
    for matcher in (lazy, prepared):
        matcher.register(["scope 3", "t", "emission"])
    prepared.prepare()
    (late,) = prepared.register(["water withdrawal"])  # NOTE: a term added after prepare() is still found
    lazy.register(["water withdrawal"])
    assert prepared.find_all(text) == lazy.find_all(text)
    assert prepared.find_all(text)[late] == [(27, 43)]
