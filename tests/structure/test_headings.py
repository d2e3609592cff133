"""Headings inferred from numbering in formats that do not mark them (checker.structure.headings)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.structure.headings import _style, infer_headings, numbering_level

BODY = "The Group reviews this area every year and reports the results to the Board in its annual meeting."

# (the numbered line, whether it heads the body text after it, its level)
CASES = [
    ("2.1 Energy management", True, 2),
    ("3 Our people", True, 1),
    ("一、環境保護", True, 1),
    ("（二）僱傭及勞工常規", True, 2),
    ("第三章 社會責任", True, 1),
    # a footnote: clauses joined by a semicolon
    ("6 Not available; the risk domain was not yet covered by the review", False, None),
    ("2 數據未經審核；僅供參考", False, None),
    # a sentence ends with a full stop
    ("4 The figures exclude the joint venture.", False, None),
]


@pytest.mark.parametrize(("line", "heading", "level"), CASES)
def test_numbered_line_before_body(line: str, heading: bool, level: int | None) -> None:
    guesses = infer_headings([line, BODY], ["paragraph", "paragraph"], [None, None], [True, True], guessed=True)
    assert guesses[0].heading is heading
    assert guesses[0].level == level
    assert not guesses[1].heading


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t第章節一三十（()）、.1２٣ ivxCHAPTERchapterPartpX的a")), max_size=14))
def test_numbering_level_is_none_exactly_when_no_numbering_matches(text: str) -> None:
    # NOTE: numbering_level skips the patterns for a text that cannot start one; _style tries them all
    assert (numbering_level(text) is None) == (_style(text) == -1)


BODY_ZH = "本集團每年檢討相關措施的成效，並向董事會匯報結果，以持續改善工作表現及管理水平。"


@pytest.mark.parametrize(
    ("lines", "levels"),
    [
        # Chinese chapters and sections, then arabic sub-sections: "3." sits under "（二）", not beside "二、"
        (["二、社會", "（二）健康與安全", "3. 安全措施及其執行", "（三）發展及培訓"], [1, 2, 3, 2]),
        (["第三章 環境", "1.1 排放物", "1.2 資源使用"], [1, 2, 2]),
        # an English report's arabic chapters stay chapters
        (["3 Our people", "3.1 Health and safety", "4 Environment"], [1, 2, 1]),
    ],
)
def test_arabic_sections_nest_under_chinese_numbered_headings(lines: list[str], levels: list[int]) -> None:
    texts = [t for line in lines for t in (line, BODY_ZH)]
    kinds = ["paragraph"] * len(texts)
    guesses = infer_headings(texts, kinds, [None] * len(texts), [True] * len(texts), guessed=True)
    assert [g.level for g in guesses[::2]] == levels


def test_a_capitals_caption_sits_below_numbered_chapters_in_a_text_export() -> None:
    # the text reader gives a line in capitals level 1; in a report with numbered chapters it is a caption inside
    # one, and the next numbered section closes it
    texts = [
        "3 CLIMATE ACTION",
        "ESG TRAINING BY EXTERNAL EXPERTS",
        "3.6 TCFD DISCLOSURE",
        "4 OUR PEOPLE",
        "5 COMMUNITY",
    ]
    kinds = ["heading"] * len(texts)
    levels = [1, 1, 1, 1, 1]
    guesses = infer_headings(texts, kinds, levels, [True] * len(texts), guessed=True)
    assert [g.level for g in guesses] == [1, 2, 2, 1, 1]


def test_capitals_stay_chapters_where_no_chapter_is_numbered() -> None:
    texts = ["OUR PEOPLE", "Training", "ENVIRONMENT", "Emissions"]
    guesses = infer_headings(texts, ["heading"] * 4, [1, None, 1, None], [True] * 4, guessed=True)
    assert [g.level for g in guesses] == [1, 2, 1, 2]


@pytest.mark.parametrize(
    ("lines", "kinds", "headings"),
    [
        # a chapter and its first section share the arabic style: "3." then "3.1" is a chain of headings
        (
            ["3. Stakeholder Engagement", "3.1 How we engage", "| Group | Channel |", "3.2 Materiality", BODY],
            ["list_item", "paragraph", "table", "paragraph", "paragraph"],
            [True, True, False, True, False],
        ),
        (
            ["4. 環境", "4.1 排放物", BODY],
            ["list_item", "paragraph", "paragraph"],
            [True, True, False],
        ),
        # a list of same-level items stays a list
        (["1. Energy", "2. Water", BODY], ["list_item", "list_item", "paragraph"], [False, False, False]),
    ],
    ids=["en-chapter-and-sections", "zh-chapter-and-section", "list"],
)
def test_a_numbered_chapter_heads_its_numbered_sections(
    lines: list[str], kinds: list[str], headings: list[bool]
) -> None:
    guesses = infer_headings(lines, kinds, [None] * len(lines), [True] * len(lines), guessed=True)
    assert [g.heading for g in guesses] == headings
