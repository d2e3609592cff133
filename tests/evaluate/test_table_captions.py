"""A table's caption is the short line right above it that says what it counts; ``under()`` reads it as a heading.

Numbered table titles ("2. 雇员数据（截至2025年12月31日）", "3. Workforce at 31 December") read as list items, and
they caption their table as a plain line does. A sentence above a table is prose, not its caption. The texts are
written for these tests.
"""

from __future__ import annotations

import textwrap

import pytest

from checker.evaluate.examples import example_document
from checker.evaluate.index import DocumentIndex
from checker.evaluate.matcher import TermMatcher
from checker.ingest.document import BlockKind

TABLE = "\n\n| Group | Number |\n|---|---|\n| Male | 702 |\n| Female | 538 |\n"

CASES = [
    ("plain-line-en", "Workforce at 31 December 2025", "workforce at 31 december 2025"),
    ("numbered-title-en", "3. Workforce at 31 December 2025", "workforce at 31 december 2025"),
    # folded text is simplified, with half-width brackets
    ("numbered-title-zh-hans", "2. 雇员数据（截至2025年12月31日）", "雇员数据(截至2025年12月31日)"),
    ("plain-line-zh-hant", "僱員人數（截至二〇二五年底）", "雇员人数(截至二〇二五年底)"),
    # a title closed by the definition of its figures in brackets: the title heads the table, however long the note
    (
        "title-with-definition-en",
        "Employee turnover rate 2025 (employees who left during the year, voluntarily or otherwise, divided by average"
        " headcount; staff who transferred with the subsidiary sold in August are not counted as leavers)",
        "employee turnover rate 2025",
    ),
    (
        "title-with-definition-zh-hant",
        "2025年僱員流失率（年內離職人數除以平均僱員人數；隨年內出售的附屬公司轉出的僱員不計入離職人數，因為他們並非主動或被動離職，"
        "而是按買賣協議由買方全數接收並延續其原有僱傭條款及年資計算，亦不影響本集團其餘業務的人手安排及其他相關的僱傭統計數據）",
        "2025年雇员流失率",
    ),
    ("sentence-above-is-prose", "We employed 1,240 people at the end of the year, as the table shows.", None),
]


@pytest.mark.parametrize(("name", "above", "caption"), CASES, ids=[c[0] for c in CASES])
def test_the_line_above_a_table_captions_it(name: str, above: str, caption: str | None) -> None:
    document = example_document(textwrap.dedent(above + TABLE), f"<{name}>")
    index = DocumentIndex(document, TermMatcher())
    table = next(b.index for b in index.blocks if b.kind is BlockKind.TABLE)
    found = index.captions.get(table)
    if caption is None:
        assert found is None
    else:
        assert found is not None
        block = index.blocks[found]
        assert caption in index.folded.text[block.start : block.end]
