"""The table pass's fast path reading gives exactly what PDFium's segment API gives, and falls back to it."""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf_fixtures as fx

from checker.ingest import pdf_grid, pdf_page

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
# NOTE: reports whose table pages hold thousands of filled rectangles, Bézier icons and form XObjects
CORPUS_PDFS = [
    CORPUS / "chatreport_fork_reports" / "Moncler_2023-Consolidated-non-Financial-Statement.pdf",
    CORPUS / "tw_bank_tcfd_labelled" / "TW2836_BankOfKaohsiung_2022_TCFD_report_zh.pdf",
    CORPUS / "climretrieve" / "Rio_Tinto_Climate_Change_Report_2023.pdf",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    fx.build_report(path)
    return path


def _table_pages(path: Path) -> Iterator[pdfium.PdfPage]:
    document = pdfium.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                if pdf_page._count_paths(page) >= pdf_page.TABLE_MIN_PATHS:
                    yield page
            finally:
                page.close()
    finally:
        document.close()


def _edges_and_grids(path: Path) -> list[tuple[list[pdf_grid.Edge], list[tuple[pdf_grid.Grid, pdf_grid.BBox]]]]:
    found = []
    for page in _table_pages(path):
        edges = pdf_grid.page_edges(page, page.get_height())
        found.append((edges, pdf_grid.find_grids(edges)))
    return found


def _pdfs(report: Path) -> list[Path]:
    return [report, *(p for p in CORPUS_PDFS if p.exists())]


def _at_least(with_corpus: int, generated_only: int) -> int:
    """How many checks a test must make: the corpus reports have thousands, the generated report a handful.

    Without ../shared/corpus (a clone outside the project tree) the generated report alone is checked.
    """
    return with_corpus if any(p.exists() for p in CORPUS_PDFS) else generated_only


def test_records_and_segment_api_give_the_same_edges_and_grids(report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in _pdfs(report):
        fast = _edges_and_grids(path)
        assert pdf_grid._records_trusted, f"PDFium's point records differ from its API on {path.name}"
        assert any(grids for _, grids in fast), f"no ruled table found in {path.name}"
        monkeypatch.setattr(pdf_grid, "_records_trusted", False)
        assert _edges_and_grids(path) == fast, path.name
        monkeypatch.setattr(pdf_grid, "_records_trusted", True)


def test_every_path_record_equals_its_segments(report: Path) -> None:
    checked = 0
    for path in _pdfs(report):
        for page in _table_pages(path):
            scratch = pdf_grid._Scratch()
            for i in range(pdfium.raw.FPDFPage_CountObjects(page)):
                obj = pdfium.raw.FPDFPage_GetObject(page, i)
                if pdfium.raw.FPDFPageObj_GetType(obj) != pdfium.raw.FPDF_PAGEOBJ_PATH:
                    continue
                count = pdfium.raw.FPDFPath_CountSegments(obj)
                assert list(pdf_grid._records(obj, count)) == pdf_grid.api_points(obj, count, scratch)
                checked += 1
    assert checked > _at_least(100, 5)


def test_another_record_layout_switches_to_the_segment_api(report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _edges_and_grids(report)
    # NOTE: as if a PDFium build stored the close flag before the type: the check must catch it on the first page
    monkeypatch.setattr(pdf_grid, "_RECORD", struct.Struct("=ffxBBx"))
    monkeypatch.setattr(pdf_grid, "_records_trusted", True)
    assert _edges_and_grids(report) == expected
    assert not pdf_grid._records_trusted


def _cell_texts(path: Path, small_buffer: bool) -> list[tuple[str, str]]:
    pairs = []
    for page in _table_pages(path):
        height = page.get_height()
        textpage = page.get_textpage()
        bounded = pdf_page._BoundedText(textpage)
        if small_buffer:
            bounded.size = 4  # NOTE: most cells overflow it: pypdfium2 reads them
        for grid, _ in pdf_grid.find_grids(pdf_grid.page_edges(page, height)):
            for x0, top, x1, bottom in (cell for row in grid for cell in row if cell is not None):
                box = (x0, height - bottom, x1, height - top)
                pairs.append((bounded(*box), textpage.get_text_bounded(*box)))
        textpage.close()
    return pairs


@pytest.mark.parametrize("small_buffer", [False, True])
def test_one_call_cell_text_equals_pypdfium2s(report: Path, small_buffer: bool) -> None:
    pairs = [pair for path in _pdfs(report) for pair in _cell_texts(path, small_buffer)]
    assert sum(1 for ours, _ in pairs if ours) > _at_least(50, 5)
    assert [ours for ours, _ in pairs] == [theirs for _, theirs in pairs]
