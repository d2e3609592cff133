"""Every text-like reader (text, Markdown, HTML, DOCX) on the same bilingual sample: Document invariants and content."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures as fx

from checker.ingest import BlockKind, Document, read_document
from checker.ingest.document import BLOCK_SEPARATOR, PAGE_SEPARATOR


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module", params=fx.FORMATS)
def document(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Document:
    fmt: str = request.param
    path = fx.render(fmt, tmp_path_factory.mktemp(fmt))
    doc = read_document(path)
    assert doc.source.format == fmt
    return doc


def test_spans_index_into_document_text(document: Document) -> None:
    text = document.text
    for block in document.blocks:
        start, end = block.span
        assert text[start:end] == block.text
    for page in document.pages:
        start, end = page.span
        assert text[start:end] == BLOCK_SEPARATOR.join(block.text for block in page.blocks)


def test_blocks_are_ordered_and_on_their_page(document: Document) -> None:
    assert [page.number for page in document.pages] == list(range(1, len(document.pages) + 1))
    previous_end = -1
    for page in document.pages:
        assert page.readable
        for block in page.blocks:
            assert block.page == page.number
            assert page.span[0] <= block.span[0] <= block.span[1] <= page.span[1]
            assert block.span[0] > previous_end
            previous_end = block.span[1]
    assert document.text.count(PAGE_SEPARATOR) == len(document.pages) - 1


def test_three_pages(document: Document) -> None:
    assert len(document.pages) == 3


@pytest.mark.parametrize(("sentence", "page"), sorted(fx.KNOWN_SENTENCES.items()))
def test_known_sentence_round_trips_on_its_page(document: Document, sentence: str, page: int) -> None:
    pages = [p.number for p in document.pages if squash(sentence) in squash(" ".join(b.text for b in p.blocks))]
    assert pages == [page]


def test_same_headings_in_every_format(document: Document) -> None:
    headings = {block.text for block in document.blocks if block.kind is BlockKind.HEADING}
    assert headings == fx.HEADINGS


def test_heading_levels_where_the_format_has_them(document: Document) -> None:
    levels = {block.text: block.level for block in document.blocks if block.kind is BlockKind.HEADING}
    if document.source.format == "text":
        # NOTE: plain text marks no levels and these titles carry no numbering: every heading takes the default
        assert set(levels.values()) == {2}
    else:
        assert levels == {"Environmental Performance": 1, "溫室氣體排放": 2, "Social Performance 員工": 1,
                          "治理與風險管理": 1}  # fmt: skip


def test_bullets_are_separate_list_items(document: Document) -> None:
    items = [block.text for block in document.blocks if block.kind is BlockKind.LIST_ITEM]
    assert items == list(fx.BULLETS)
    assert all(block.page == 2 for block in document.blocks if block.kind is BlockKind.LIST_ITEM)


def test_table_has_rows_and_text(document: Document) -> None:
    tables = [block for block in document.blocks if block.kind is BlockKind.TABLE]
    assert len(tables) == 1
    table = tables[0]
    assert table.rows == fx.TABLE_ROWS
    assert table.text == "\n".join(" | ".join(row) for row in fx.TABLE_ROWS)
    assert table.page == 2
    for value in ("455,405", "51.93%", "12,345", "tCO2e"):
        assert value in table.text


def test_inline_markup_is_plain_text(document: Document) -> None:
    for marker in ("**", "<strong>", "</", "not content", "font-family"):
        assert marker not in document.text
    assert "Sample ESG report" not in document.text  # NOTE: the HTML <title> is metadata, not report content


def test_english_wrapped_lines_are_rejoined_with_spaces(document: Document) -> None:
    assert fx.EN_INTRO in document.text
    assert fx.HANT_GHG in document.text  # NOTE: no space invented between CJK characters at a wrap
