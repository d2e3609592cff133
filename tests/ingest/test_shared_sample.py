"""The shared CMCC 2024 ESG excerpt (zh-Hant, pdftotext layout) through the text, HTML and DOCX readers."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest

from checker.ingest import Document, read_document

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
SAMPLE = SAMPLES / "cmcc-2024-esg-excerpt.zh-Hant.paged.txt"
# NOTE: the chapter is 27 pages (as the issue and DESIGN.md say); its 26 form feeds separate them and the 27th
# page carries no text. Text files hold no scans, so that page is blank, not unreadable.
PAGE_COUNT = 27
# Renderings (HTML sections, Word pages) carry only the 26 pages that have text.
RENDERED_PAGES = 26
# NOTE: characters of the sample that Big5-HKSCS cannot encode (説 U+8AAC, ・ U+30FB and five Simplified
# characters quoted in the text); the Big5 copy writes "?" for each, so the test pins their number.
UNENCODABLE = {"説", "・", "场", "观", "区", "带", "领"}
UNENCODABLE_COUNT = 68

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared samples directory not present")


def _encodable(ch: str) -> bool:
    try:
        ch.encode("big5hkscs")
    except UnicodeEncodeError:
        return False
    return True


def squash(text: str) -> str:
    return "".join(text.split())


def source_pages() -> list[str]:
    pages = SAMPLE.read_text(encoding="utf-8").split("\f")
    return pages[:-1] if not pages[-1].strip() else pages


def pages_of(document: Document, needle: str) -> list[int]:
    return [page.number for page in document.pages if needle in squash(" ".join(b.text for b in page.blocks))]


def lost_characters(expected_pages: list[str], document: Document) -> Counter[str]:
    """Non-whitespace source characters missing from the same page of the document (multiset difference)."""
    lost: Counter[str] = Counter()
    for number, expected in enumerate(expected_pages, start=1):
        page = document.pages[number - 1] if number <= len(document.pages) else None
        got = Counter(squash(" ".join(b.text for b in page.blocks))) if page else Counter()
        lost.update(Counter(squash(expected)) - got)
    return lost


def intact_share(expected_pages: list[str], document: Document) -> float:
    """Share of the source's non-whitespace characters found on the same page of the document."""
    total = sum(len(squash(page)) for page in expected_pages)
    return 1 - sum(lost_characters(expected_pages, document).values()) / total


def test_paged_text_has_its_pages_and_key_figures_on_page_21() -> None:
    document = read_document(SAMPLE)
    assert len(document.pages) == PAGE_COUNT
    assert pages_of(document, "455,405") == [21]
    assert pages_of(document, "51.93%") == [21]
    # NOTE: the text reader drops bullet glyphs (they start list items); nothing else may go missing.
    assert set(lost_characters(source_pages(), document)) <= {"・", "※"}
    assert intact_share(source_pages(), document) >= 0.99


def test_big5_hkscs_copy_reads_like_the_utf8_one(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    missing = [ch for ch in text if not _encodable(ch)]
    assert set(missing) == UNENCODABLE
    assert len(missing) == UNENCODABLE_COUNT
    big5 = tmp_path / "sample.big5.txt"
    big5.write_bytes(text.encode("big5hkscs", errors="replace"))
    replaced = tmp_path / "sample.replaced.utf8.txt"
    replaced.write_text("".join("?" if ch in UNENCODABLE else ch for ch in text), encoding="utf-8")
    document = read_document(big5)
    assert document.warnings == []
    assert document.text == read_document(replaced).text
    assert pages_of(document, "455,405") == [21]


def test_html_rendering_keeps_text_on_its_pages(tmp_path: Path) -> None:
    sections = []
    for page in source_pages():
        paragraphs = [html.escape(p.strip()) for p in page.split("\n\n") if p.strip()]
        sections.append('<div class="page">' + "".join(f"<p>{p}</p>\n" for p in paragraphs) + "</div>")
    path = tmp_path / "sample.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<style>div.page { page-break-before: always }</style></head><body>" + "\n".join(sections) + "</body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert len(document.pages) == RENDERED_PAGES
    assert intact_share(source_pages(), document) >= 0.99
    assert pages_of(document, "51.93%") == [21]


def test_docx_rendering_keeps_text_on_its_pages(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    word = docx.Document()
    pages = source_pages()
    for number, page in enumerate(pages, start=1):
        for paragraph in (p.strip() for p in page.split("\n\n")):
            if paragraph:
                word.add_paragraph(paragraph)
        if number < len(pages):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    path = tmp_path / "sample.docx"
    word.save(str(path))
    document = read_document(path)
    assert len(document.pages) == RENDERED_PAGES
    assert intact_share(pages, document) >= 0.99
    assert pages_of(document, "455,405") == [21]
