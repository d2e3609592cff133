"""Percentages that make up one whole (``shares``): the make-up of a group is no share of each part of it.

The texts are written for these tests, in the layouts reports print breakdowns in.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    parts: list[str]  # the percentages read as parts of a whole, in document order


CASES = [
    Case(
        "make-up-down-a-column-en",
        """
        | Category | Share of trained employees | Average hours |
        |---|---|---|
        | All employees | 93.7% | 30.1 |
        | Male | 46.2% | 31.0 |
        | Female | 53.8% | 29.4 |
        """,
        ["46.2%", "53.8%"],
    ),
    Case(
        "three-categories-down-a-column-zh-hant",
        """
        | 類別 | 受訓僱員佔比 |
        |---|---|
        | 高級管理層 | 4.1% |
        | 中級管理層 | 17.6% |
        | 一般員工 | 78.3% |
        """,
        ["4.1%", "17.6%", "78.3%"],
    ),
    Case(
        "make-up-in-a-sentence-zh-hans",
        "2025年员工受训比例为95.2%，其中男性占58.4%，女性占41.6%。",
        ["58.4%", "41.6%"],
    ),
    Case(
        "whole-percentages-across-a-row",
        """
        | Trainees | Male | Female |
        |---|---|---|
        | Share of trainees | 61% | 39% |
        """,
        ["61%", "39%"],
    ),
    # Each group's own share: no run of them makes 100%.
    Case(
        "shares-of-each-group-en",
        """
        | Employees trained (%) | 2025 | 2024 |
        |---|---|---|
        | Female | 64.0% | 61.2% |
        | Male | 58.5% | 57.9% |
        | Managers | 97.1% | 95.0% |
        """,
        [],
    ),
    Case("everyone-at-a-hundred-percent-zh-hant", "男性及女性僱員的受訓比例均為100%及100%。", []),
    # A header row's figure heads a column; it is none of its parts.
    Case(
        "header-figure-is-no-part",
        """
        | Indicator | 40% |
        |---|---|
        | Renewable share | 60% |
        """,
        [],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_percentages_that_make_a_whole_are_its_parts(case: Case) -> None:
    index = DocumentIndex(example_document(textwrap.dedent(case.text), f"<{case.name}>"), TermMatcher())
    text = index.folded.text
    parts = [text[q.start : q.end] for n, q in enumerate(index.quantities) if n in index.composition_quantities]
    assert parts == case.parts
