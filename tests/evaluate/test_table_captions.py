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
