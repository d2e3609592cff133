"""The printed gap matrix: rows tall enough for their wrapped text, and the shared chapter rendered by LibreOffice.

The render test needs LibreOffice (``soffice``; ``scripts/setup-and-test`` installs it) and the shared report
chapter; it is skipped without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from checker.evaluate.engine import Auditor
from checker.pipeline import audit_path, load_standards
from checker.report import labels
from checker.report.formats import WriteOptions
from checker.report.xlsx import write
from checker.report.xlsx_layout import LINE_POINTS, clip_lines, wrapped_lines

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT.parent / "shared" / "samples" / "cmcc-2024-esg-excerpt.zh-Hant.paged.txt"
A4_LANDSCAPE = (842, 595)  # points, rounded


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 10, 1),
        ("Scope 1", 10, 1),
        ("Scope 1 and scope 2 emissions", 11, 3),  # wraps at spaces: "Scope 1 and" / "scope 2" / "emissions"
        ("溫室氣體排放", 7, 2),  # six CJK characters are twelve columns wide: two lines of three in a 7-wide column
        ("溫室氣體排放", 13, 1),
        ("員工總數 1,200 人", 9, 2),  # CJK breaks between any two characters, numbers stay whole
        ("first line\nsecond", 40, 2),  # a line break the draft wrote
        ("x" * 50, 11, 5),  # a token wider than the column is broken at its edge: 45 units over lines of 10
    ],
)
def test_wrapped_lines(text: str, width: float, lines: int) -> None:
    assert wrapped_lines(text, width) == lines


@pytest.mark.parametrize(
    ("text", "width", "max_lines", "expected"),
    [
        ("short", 20, 2, "short"),
        ("one two three four five six", 11, 2, "one two three four…"),  # "one two" / "three four…"
        ("溫室氣體排放總量及密度", 7, 2, "溫室氣體排…"),
    ],
)
def test_clip_lines(text: str, width: float, max_lines: int, expected: str) -> None:
    clipped = clip_lines(text, width, max_lines)
    assert clipped == expected
    assert wrapped_lines(clipped, width) <= max_lines


@pytest.fixture(scope="module")
def chapter_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHAPTER.exists():
        pytest.skip("the shared report chapter is not available")
    result = audit_path(CHAPTER, Auditor(load_standards(["hkex-esg-2025"])), cache=None)
    path = tmp_path_factory.mktemp("print") / "chapter.xlsx"
    write([result], path, WriteOptions())
    return path


def test_every_matrix_row_is_tall_enough_for_its_requirement(chapter_workbook: Path) -> None:
    ws = load_workbook(chapter_workbook)["Gap Matrix"]
    header = [c.value for c in ws[1]]
    column = header.index("Requirement") + 1
    width = ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width
    tall = 0
    for row in range(2, ws.max_row + 1):
        needed = wrapped_lines(str(ws.cell(row=row, column=column).value), width) * LINE_POINTS
        assert ws.row_dimensions[row].height >= needed, ws.cell(row=row, column=2).value
        tall += ws.row_dimensions[row].height > LINE_POINTS * 2
    assert tall > 10  # NOTE: not the default height everywhere: heights follow the text
    assert ws.column_dimensions["A"].hidden  # one standard: the page header names it
    evidence = header.index("Evidence") + 1
    assert all(len(str(ws.cell(row=r, column=evidence).value or "")) <= 300 for r in range(2, ws.max_row + 1))


def _render(workbook: Path, tmp_path: Path) -> tuple[Path, Any]:
    """The workbook printed by scripts/render-workbook: its output folder and the PDF, opened."""
    import pypdfium2

    out = tmp_path / "render"
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "render-workbook"), str(workbook), str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out, pypdfium2.PdfDocument(out / "chapter.pdf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_chapter_prints_on_a4_landscape_with_every_requirement(chapter_workbook: Path, tmp_path: Path) -> None:
    out, pdf = _render(chapter_workbook, tmp_path)
    assert len(pdf) > 1
    texts = []
    for index in range(len(pdf)):
        page = pdf[index]
        assert tuple(round(v) for v in page.get_size()) == A4_LANDSCAPE
        texts.append(page.get_textpage().get_text_range())
    matrix_pages = [t for t in texts if "Gap Matrix" in t]  # NOTE: the footer names the sheet
    assert len(matrix_pages) > 1
    assert all("Requirement" in t and "Index check" in t for t in matrix_pages)  # header repeated on each page
    assert all("cmcc-2024-esg-excerpt.zh-Hant.paged.txt" in t for t in texts)  # the draft's name in the header
    assert f"Page {len(pdf)} of {len(pdf)}" in texts[-1]
    ids = [str(r[1]) for r in load_workbook(chapter_workbook)["Gap Matrix"].iter_rows(min_row=2, values_only=True)]
    printed = "\n".join(matrix_pages)
    assert [i for i in ids if i not in printed] == []
    assert len(list(out.glob("chapter-*.png"))) == len(pdf)


@pytest.fixture(scope="module")
def chinese_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHAPTER.exists():
        pytest.skip("the shared report chapter is not available")
    from checker.report.i18n_catalog import load_catalog
    from checker.report.localize import localize

    packs = load_standards(["hkex-esg-2025"])
    result = audit_path(CHAPTER, Auditor(packs), cache=None)
    result = localize(result, "zh-Hant", load_catalog(packs, "zh-Hant"))
    path = tmp_path_factory.mktemp("print-zh") / "chapter.xlsx"
    write([result], path, WriteOptions(lang="zh-Hant"))
    return path


def test_the_chinese_matrix_rows_fit_their_chinese_requirements(chinese_workbook: Path) -> None:
    ws = load_workbook(chinese_workbook)[labels.sheet_name("matrix", "zh-Hant")]
    header = [c.value for c in ws[1]]
    column = header.index(labels.header("requirement", "zh-Hant")) + 1
    width = ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width
    titles = [str(ws.cell(row=row, column=column).value) for row in range(2, ws.max_row + 1)]
    assert sum(1 for t in titles if re.search(r"[\u4e00-\u9fff]{4}", t)) == len(titles)  # every title in Chinese
    for row, title in enumerate(titles, start=2):
        assert ws.row_dimensions[row].height >= wrapped_lines(title, width) * LINE_POINTS, title


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_chinese_matrix_prints_on_a4_landscape(chinese_workbook: Path, tmp_path: Path) -> None:
    _, pdf = _render(chinese_workbook, tmp_path)
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert all(tuple(round(v) for v in pdf[i].get_size()) == A4_LANDSCAPE for i in range(len(pdf)))
    matrix = labels.sheet_name("matrix", "zh-Hant")
    matrix_pages = [t for t in texts if matrix in t]
    assert len(matrix_pages) > 1
    assert all(labels.header("requirement", "zh-Hant") in t for t in matrix_pages)  # header repeated on each page
