"""Where sentences end in folded text (checker.evaluate.text_facts.sentences)."""

from __future__ import annotations

import pytest

from checker.evaluate.text_facts import sentences


def _split(text: str) -> list[str]:
    starts = sentences(text, [0])
    return [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if text[a:b].strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company's name ends in abbreviations; the sentence goes on after it
        (
            'this report covers harbour light trading co., ltd. (the "company") and its subsidiaries. data follow.',
            [
                'this report covers harbour light trading co., ltd. (the "company") and its subsidiaries.',
                "data follow.",
            ],
        ),
        (
            "secure equipment before signal no. 8 is hoisted. then wait.",
            ["secure equipment before signal no. 8 is hoisted.", "then wait."],
        ),
        (
            "we buy recycled paper, e.g. for brochures. that is all.",
            ["we buy recycled paper, e.g. for brochures.", "that is all."],
        ),
        # a company suffix at the end of a sentence still ends it
        (
            "the shares are held by lantern holdings inc. the board met twice.",
            ["the shares are held by lantern holdings inc.", "the board met twice."],
        ),
        # Chinese full stops are unaffected
        ("本公司有限公司。董事會每年開會兩次。", ["本公司有限公司。", "董事會每年開會兩次。"]),
    ],
)
def test_an_abbreviation_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a table row is one statement about its label: its cell's semicolons end nothing
        (
            "metric | 2025\nassets aligned with opportunities | 15 ships; us$521m, 44.8%\nnext row | 3",
            ["metric | 2025", "assets aligned with opportunities | 15 ships; us$521m, 44.8%", "next row | 3"],
        ),
        ("與氣候機遇相符的資產 | 15艘船舶；5.21億美元", ["與氣候機遇相符的資產 | 15艘船舶；5.21億美元"]),
        # outside a table a semicolon still ends a sentence
        ("we replaced chillers; emissions fell.", ["we replaced chillers;", "emissions fell."]),
    ],
)
def test_a_semicolon_in_a_table_row_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert _split(text) == expected
