"""A paragraph's run-in title heads the rest of that paragraph for ``under()``, as a heading heads its section."""

from __future__ import annotations

import pytest

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Terms
from checker.evaluate.structural import Under


def _under(text: str, heading: list[str], inner: list[str]) -> bool:
    matcher = TermMatcher()
    heading_terms = Terms(tuple(matcher.register(heading)))
    inner_terms = Terms(tuple(matcher.register(inner)))
    index = DocumentIndex(example_document(text, "<run-in>"), matcher)
    return Under(heading_terms, inner_terms).evaluate(index, {}).ok


@pytest.mark.parametrize(
    ("text", "heading", "inner"),
    [
        (
            "Intellectual property: our marks are registered. The marketing team clears images before use.",
            ["intellectual property"],
            ["clears"],
        ),
        ("內部碳價：本集團目前未設定內部碳價，並將於明年評估。", ["內部碳價"], ["評估"]),
        ("- 薪酬挂钩：高级管理人员的年度绩效考核包含ESG指标。", ["薪酬"], ["考核"]),
        # an English title may end in a full stop (bold in the source, plain in a text export)
        ("Finding supplier risks. We screen vendors by country and audit the riskiest.", ["risks"], ["audit"]),
        (
            "Remuneration. The annual bonus of the executive directors includes a carbon metric.",
            ["remuneration"],
            ["bonus"],
        ),
        (
            "What it means for strategy. Flood barriers were brought forward to 2026.",
            ["means for strategy"],
            ["barriers"],
        ),
        ("產品回收。本年度主動回收一批醬料，共3,000瓶。", ["產品回收"], ["3,000"]),
        ("处理方式。一般废物交由持牌收集商处理。", ["处理方式"], ["收集商"]),
    ],
    ids=[
        "en",
        "zh-hant",
        "zh-hans-list-item",
        "en-full-stop",
        "en-full-stop-one-word",
        "en-full-stop-five-words",
        "zh-hant-full-stop",
        "zh-hans-full-stop",
    ],
)
def test_a_run_in_title_heads_its_paragraph(text: str, heading: list[str], inner: list[str]) -> None:
    assert _under(text, heading, inner)


@pytest.mark.parametrize(
    ("text", "heading", "inner"),
    [
        # the title itself is not under itself
        ("Intellectual property: none reported this year.", ["intellectual property"], ["intellectual property"]),
        # a sentence with a colon is no title: too long, or a clause before it
        (
            "In 2025 we reviewed how the Group protects its intellectual property at all sites: staff were trained.",
            ["intellectual property"],
            ["trained"],
        ),
        ("本年度，本集團在知識產權方面：加強員工培訓。", ["知識產權"], ["培訓"]),
        # a short sentence, an honorific or a number ends in a full stop without being a title
        ("We manage risks. Vendors are audited every year.", ["risks"], ["audited"]),
        ("Mr. Lee chairs the risk committee, which audits vendors.", ["mr"], ["audits"]),
        ("Risks were reviewed. Vendors are audited every year.", ["risks"], ["audited"]),
        # five words with a verb of a sentence are a sentence
        ("Our climate risks were reviewed. Vendors are audited every year.", ["risks"], ["audited"]),
        # a short Chinese answer or sentence is no title either
        ("不適用。本集團並無產品回收。", ["適用"], ["回收"]),
        ("本集團重視安全。員工每年接受培訓。", ["安全"], ["培訓"]),
        # the next paragraph is not under the title
        (
            "Intellectual property: marks are registered.\n\nStaff were trained on safety.",
            ["intellectual property"],
            ["trained"],
        ),
    ],
    ids=[
        "itself",
        "long-en",
        "clause-zh",
        "sentence-en",
        "honorific",
        "verb-en",
        "five-words-with-verb-en",
        "answer-zh",
        "sentence-zh",
        "next-paragraph",
    ],
)
def test_what_a_run_in_title_does_not_head(text: str, heading: list[str], inner: list[str]) -> None:
    assert not _under(text, heading, inner)


@pytest.mark.parametrize(
    ("text", "title", "figure", "joined"),
    [
        ("Hazardous waste. We produced 12.5 tonnes in 2025.", "hazardous", "12.5", True),
        ("Water use. Our mills drew 3,400 m3 of water.", "water", "3,400", True),
        # a short sentence is no title: its full stop still ends it
        ("We sort waste. We produced 12.5 tonnes in 2025.", "sort", "12.5", False),
        ("有害廢棄物。本年度產生12.5噸。", "有害", "12.5", True),
    ],
    ids=["title", "title-two-words", "sentence", "title-zh"],
)
def test_a_full_stop_title_opens_its_first_sentence(text: str, title: str, figure: str, joined: bool) -> None:
    index = DocumentIndex(example_document(text, "<run-in>"), TermMatcher())
    folded = index.folded.text
    same = index.sentence_at(folded.index(title)) == index.sentence_at(folded.index(figure))
    assert same is joined
