"""mark_running: repeated page-edge blocks become running, nothing else changes."""

from __future__ import annotations

import pytest

from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.running import mark_running, running_key

SOURCE = SourceInfo(path="x.pdf", format="pdf", sha256="0" * 64, size_bytes=1)
WORDS = "甲乙丙丁戊己庚辛壬癸"
BODY = "本公司持續推動溫室氣體減量，第 {n} 項措施已完成。"


def body(n: int) -> str:
    """A body paragraph that differs from page to page in more than its digits, as real body text does."""
    return BODY.format(n=n) + "重點：" + WORDS[n % 10]


def build(pages: list[list[str]]) -> Document:
    builder = DocumentBuilder(SOURCE)
    for blocks in pages:
        builder.start_page()
        for text in blocks:
            builder.add_block(BlockKind.PARAGRAPH, text)
        builder.end_page()
    return builder.build()


def running_texts(document: Document) -> list[tuple[int, str]]:
    return [(b.page, b.text) for b in document.blocks if b.running]


@pytest.mark.parametrize(
    "footer",
    ["{n}", "第 {n} 頁", "Page {n}", "- {n} -", "{n} / 30"],
)
def test_page_number_footers_are_running(footer: str) -> None:
    pages = [[f"段落{WORDS[n]}的內容", body(n), footer.format(n=n)] for n in range(1, 7)]
    document = mark_running(build(pages))
    assert running_texts(document) == [(n, footer.format(n=n)) for n in range(1, 7)]


def test_header_repeated_on_half_the_pages_is_running() -> None:
    header = "第二章 環境保護 Chapter 2 Environment"
    pages = [[header if n <= 3 else f"其他標題{WORDS[n]}", f"正文{WORDS[n]}內容", body(n)] for n in range(1, 7)]
    document = mark_running(build(pages))
    assert running_texts(document) == [(1, header), (2, header), (3, header)]


def test_text_below_the_share_is_not_running() -> None:
    pages = [["ACME 2024" if n <= 2 else f"Section {chr(64 + n)} overview", body(n)] for n in range(1, 8)]
    assert running_texts(mark_running(build(pages))) == []


def test_repeated_text_in_the_middle_of_pages_is_not_running() -> None:
    pages = [
        [f"標題 {chr(0x4E00 + n)}", "我們的承諾", body(n), "結語", f"尾 {chr(0x4E10 + n)}", "x"] for n in range(1, 5)
    ]
    document = mark_running(build(pages))
    assert "我們的承諾" in [t for _, t in running_texts(document)]  # second block: still a page edge
    assert "結語" not in [t for _, t in running_texts(document)]  # middle of the page


def test_too_few_pages_marks_nothing() -> None:
    pages = [["ACME ESG Report", body(n), str(n)] for n in range(1, 3)]
    document = build(pages)
    assert mark_running(document) is document


def test_spans_and_text_unchanged() -> None:
    pages = [["ACME ESG Report 2024", body(n), f"Page {n}"] for n in range(1, 5)]
    original = build(pages)
    marked = mark_running(original)
    assert marked.text == original.text
    assert [(b.span, b.text, b.page) for b in marked.blocks] == [(b.span, b.text, b.page) for b in original.blocks]
    assert len(running_texts(marked)) == 8
    assert not any(b.running for b in original.blocks)  # the input document is not mutated


def test_unreadable_pages_do_not_count() -> None:
    builder = DocumentBuilder(SOURCE)
    for n in range(1, 7):
        builder.start_page()
        if n <= 3:
            builder.add_block(BlockKind.PARAGRAPH, "ACME 2024 Report")
            builder.add_block(BlockKind.PARAGRAPH, body(n))
            builder.end_page()
        else:
            builder.end_page(readable=False)
    document = mark_running(builder.build())
    assert [t for _, t in running_texts(document)] == ["ACME 2024 Report"] * 3


@pytest.mark.parametrize(
    ("text", "key"),
    [("第 12 頁", "第頁"), ("Page 7", "page"), ("- 3 -", "--"), ("42", ""), ("ACME 2024 Report", "acmereport")],
)
def test_running_key(text: str, key: str) -> None:
    assert running_key(text) == key
