"""The structure pass's shortcuts find what the full patterns find (checker.structure.indexes, .mentions)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.structure import indexes
from checker.structure.indexes import codes_in
from checker.structure.mentions import mention_blocks

# NOTE: every kind of code, and text near each (a digit after "b", "gri" without a number, a bracket after "c")
CODES = [
    "kpi a1.1 types of emissions 12",
    "a1.gd general disclosure",
    "b2 一般披露",
    "aspect b5 supply chain",
    "层面a1 排放物",
    "gri 2-7 employees; gri302-3",
    "302-3 energy intensity, 103-1",
    "tc-si-220a.1 data privacy",
    "governance (a) board oversight; strategy b) risks; metrics & targets（c）",
    "ifrs s2 para 29, ifrs s1 paragraphs. 12",
    "治理（一）董事会监督 策略 b) 风险管理(二)",
    "第二十一条 第3条",
    "b12 carbon, gri emissions, ifrs standards, 条款, 1234-5, 2a.b",
    "We reduced emissions by 12% in 2023 (scope 1 and 2).",
    "",
]
ALPHABET = list("ab1234589cgirfskpt.-) （）条治策第 二三一\nlmeo,")


def _full(text: str) -> set[str]:
    return {" ".join(m.group().split()) for m in indexes._CODE.finditer(text)}


@pytest.mark.parametrize("text", CODES)
def test_codes_in_finds_every_code_family(text: str) -> None:
    assert codes_in(text) == _full(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=24))
def test_codes_in_is_the_full_pattern(text: str) -> None:
    # NOTE: codes_in skips the full pattern for a text without anything a code needs
    assert codes_in(text) == _full(text)


def test_materiality_list_after_its_intro_and_under_its_title() -> None:
    blocks = [
        "material issues and the sections responding to them are as follows:",
        "climate change",
        "重大议题矩阵",
        "product safety",
        "we reviewed the topics with our stakeholders and the board approved them in december.",
    ]
    found = mention_blocks(blocks, [False, False, True, False, False], [1, 1, 1, 1, 1])
    assert found[1][0] == "materiality"
    assert 2 not in found and found[3][0] == "materiality"
    assert 0 not in found and 4 not in found
