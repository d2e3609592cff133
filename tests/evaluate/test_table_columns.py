"""``column(a, b)``: a figure of ``b`` counts for ``a`` when ``a`` heads the figure's column, in every script.

Tables that put their subjects across the top ("| Elderly care | Education", "| 男 | 女 |") name a figure's subject
in the header cell above it, not in its row. The texts are written for these tests.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.predicates import Match, Quantity, Terms
from checker.evaluate.structural import Column


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    headed: list[str]  # the figures that sit under a header naming an area, in document order


AREAS = ["elderly", "education", "長者", "教育", "长者"]

CASES = [
    Case(
        "areas-across-the-top-en",
        """
        | Contribution | Elderly care | Education | Total |
        |---|---|---|---|
        | Donations (HK$) | 410,000 | 265,000 | 675,000 |
        """,
        ["410,000", "265,000"],
    ),
    Case(
        "areas-across-the-top-zh-hant",
        """
        | 社區投資 | 長者關懷 | 青年教育 | 合計 |
        |---|---|---|---|
        | 義工時數（小時） | 1,820 | 940 | 2,760 |
        """,
        ["1,820", "940"],
    ),
    Case(
        "areas-across-the-top-zh-hans",
        """
        | 项目 | 长者关怀 | 助学教育 |
        |---|---|---|
        | 捐款（人民币元） | 380,000 | 250,000 |
        """,
        ["380,000", "250,000"],
    ),
    # Years across the top: the area is a row label, which the row itself already reads; no column names it.
    Case(
        "years-across-the-top",
        """
        | Area | 2025 | 2024 |
        |---|---|---|
        | Elderly care (HK$) | 410,000 | 380,000 |
        """,
        [],
    ),
    # A figure in the header row heads nothing, and a paragraph naming an area has no columns.
    Case(
        "paragraph-and-header-figures",
        """
        Education received HK$265,000 in 2025.

        | Elderly care 2025 (HK$) | 410,000 |
        |---|---|
        | Education (HK$) | 265,000 |
        """,
        [],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_figure_counts_for_the_subject_heading_its_column(case: Case) -> None:
    matcher = TermMatcher()
    areas = Terms(tuple(matcher.register(AREAS)))
    figures = Quantity(frozenset({"money", "hours", "number"}))
    headed = Column(areas, figures)
    document = example_document(textwrap.dedent(case.text), f"<{case.name}>")
    index = DocumentIndex(document, matcher)
    cache: dict[int, Match] = {}
    found = headed.evaluate(index, cache)
    text = index.folded.text
    quantities = [index.quantities[q] for hit in found.hits for q in hit.quantities]
    assert [text[q.start : q.end] for q in quantities] == case.headed
    assert found.ok == bool(case.headed)
    for hit in found.hits:  # NOTE: the header's term is part of the evidence
        assert any(text[start:end] in {a.lower() for a in AREAS} for start, end in hit.parts)
