"""The PDF reader on reportlab-built fixtures: pages, CJK round-trip, tables, scans, errors and the CLI contract."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf_fixtures as fx
from reportlab.pdfgen import canvas

from checker.cli import main
from checker.errors import InputError
from checker.ingest import BlockKind, Document, ReadOptions, read_document

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
SAMPLE = SAMPLES / "cmcc-2024-esg-excerpt.zh-Hant.paged.txt"


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    return path, fx.build_report(path)


@pytest.fixture(scope="module")
def document(report: tuple[Path, list[list[str]]]) -> Document:
    return read_document(report[0])


def page_of(document: Document, needle: str) -> list[int]:
    return [page.number for page in document.pages if squash(needle) in squash(" ".join(b.text for b in page.blocks))]


def test_one_document_page_per_pdf_page(document: Document) -> None:
    assert [page.number for page in document.pages] == [1, 2, 3, 4, 5, 6]
    assert document.source.format == "pdf"


@pytest.mark.parametrize(
    ("needle", "page"),
    [
        (fx.HANT_SENTENCES[0], 1),
        (fx.HANT_SENTENCES[1], 1),
        (fx.COLUMN_LEFT, 2),
        (fx.COLUMN_RIGHT, 2),
        ("上表數據已經獨立第三方確信。", 3),
        (fx.HANS_SENTENCE, 5),
        (fx.LIST_ITEMS[2], 6),
    ],
)
def test_known_cjk_text_round_trips_on_its_page(document: Document, needle: str, page: int) -> None:
    assert page_of(document, needle) == [page]


def test_cjk_paragraph_is_one_block_without_invented_spaces(document: Document) -> None:
    texts = [block.text for block in document.pages[0].blocks]
    assert fx.HANT_SENTENCES[0] in texts  # exact: the wrapped lines were re-joined with nothing between CJK chars


def test_english_paragraph_rejoined_with_single_spaces(document: Document) -> None:
    assert fx.EN_SENTENCE in [block.text for block in document.pages[0].blocks]
    assert page_of(document, fx.EN_SENTENCE) == [1, 5]


def test_two_columns_stay_separate_paragraphs(document: Document) -> None:
    texts = [block.text for block in document.pages[1].blocks]
    assert fx.COLUMN_LEFT in texts
    assert fx.COLUMN_RIGHT in texts


def test_headings_and_list_items(document: Document) -> None:
    headings = {b.text: b.level for b in document.blocks if b.kind == BlockKind.HEADING}
    assert "1.1 氣候策略 Climate Strategy" in headings
    assert "3 未來目標 Targets" in headings
    assert all(level is not None and level >= 1 for level in headings.values())
    items = [b.text for b in document.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == fx.LIST_ITEMS
    assert not any(b.kind == BlockKind.HEADING for b in document.pages[0].blocks if b.text == fx.EN_SENTENCE)


def test_ruled_table_rows_and_cells(document: Document) -> None:
    tables = [b for b in document.blocks if b.kind == BlockKind.TABLE]
    assert len(tables) == 1
    table = tables[0]
    assert table.page == 3
    assert table.rows == fx.TABLE_ROWS
    assert table.text.splitlines()[1] == "服務客戶數 Customers served | 432,118 | 455,405"
    assert "51.93%" in table.text


def test_table_lines_not_duplicated_as_paragraphs(document: Document) -> None:
    paragraphs = [b.text for b in document.pages[2].blocks if b.kind != BlockKind.TABLE]
    assert not any("455,405" in text for text in paragraphs)
    assert "上表數據已經獨立第三方確信。" in paragraphs  # the text after the table is still there


def test_no_tables_option_skips_the_table_pass(report: tuple[Path, list[list[str]]]) -> None:
    document = read_document(report[0], ReadOptions(tables=False))
    assert not [b for b in document.blocks if b.kind == BlockKind.TABLE]
    assert page_of(document, "455,405") == [3]  # the numbers are still read as text


def test_image_only_page_is_unreadable_and_warned(document: Document) -> None:
    assert document.unreadable_pages == [4]
    assert document.pages[3].blocks == []
    assert any("not checked: 4" in warning for warning in document.warnings)


def test_running_header_and_footer_marked(document: Document) -> None:
    running = [b for b in document.blocks if b.running]
    assert {b.text for b in running} == {fx.HEADER} | {f"第 {n} 頁" for n in (1, 2, 3, 5, 6)}
    assert not any(b.running for b in document.blocks if b.text == fx.HANT_SENTENCES[0])


def test_spans_index_document_text(document: Document) -> None:
    for block in document.blocks:
        start, end = block.span
        assert document.text[start:end] == block.text


def test_right_password_opens_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "enc.pdf"
    fx.build_report(path, encrypt="secret")
    document = read_document(path, ReadOptions(password="secret"))
    assert page_of(document, fx.HANT_SENTENCES[1]) == [1]
    assert [b.rows for b in document.blocks if b.kind == BlockKind.TABLE] == [fx.TABLE_ROWS]


def _truncated(tmp_path: Path, report: Path) -> Path:
    path = tmp_path / "cut.pdf"
    path.write_bytes(report.read_bytes()[: report.stat().st_size // 2])
    return path


def _encrypted(tmp_path: Path, report: Path) -> Path:
    path = tmp_path / "enc.pdf"
    fx.build_report(path, encrypt="secret")
    return path


def _garbage(tmp_path: Path, report: Path) -> Path:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    return path


BAD_INPUTS = [
    pytest.param(_truncated, ReadOptions(), "corrupt or truncated PDF", id="truncated"),
    pytest.param(_garbage, ReadOptions(), "corrupt or truncated PDF", id="garbage"),
    pytest.param(_encrypted, ReadOptions(), "encrypted PDF: give the password with --password", id="no-password"),
    pytest.param(_encrypted, ReadOptions(password="nope"), "wrong password for encrypted PDF", id="wrong-password"),
    pytest.param(lambda _t, r: r, ReadOptions(max_pages=4), "6 pages, over the 4-page limit", id="too-many-pages"),
]


@pytest.mark.parametrize(("make", "options", "message"), BAD_INPUTS)
def test_bad_input_raises_input_error(
    tmp_path: Path, report: tuple[Path, list[list[str]]], make: object, options: ReadOptions, message: str
) -> None:
    path = make(tmp_path, report[0])  # type: ignore[operator]
    with pytest.raises(InputError) as info:
        read_document(path, options)
    assert message in info.value.message
    assert info.value.path == str(path)


CLI_CASES = [
    pytest.param(_truncated, [], "corrupt or truncated PDF", id="truncated"),
    pytest.param(_encrypted, [], "--password", id="no-password"),
    pytest.param(_encrypted, ["--password", "nope"], "wrong password", id="wrong-password"),
    pytest.param(lambda _t, r: r, ["--max-pages", "2"], "over the 2-page limit", id="too-many-pages"),
]


@pytest.mark.parametrize(("make", "args", "message"), CLI_CASES)
def test_cli_extract_exits_2_with_one_line(
    tmp_path: Path,
    report: tuple[Path, list[list[str]]],
    capsys: pytest.CaptureFixture[str],
    make: object,
    args: list[str],
    message: str,
) -> None:
    path = make(tmp_path, report[0])  # type: ignore[operator]
    with pytest.raises(SystemExit) as info:
        main(["extract", str(path), *args])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err
    assert message in err
    assert "Traceback" not in err


def test_cli_extract_prints_text_and_warns_about_scans(
    report: tuple[Path, list[list[str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["extract", str(report[0])])
    assert info.value.code in (0, None)
    captured = capsys.readouterr()
    assert fx.HANT_SENTENCES[0] in captured.out
    assert captured.out.count("\f") == 5
    assert "not checked: 4" in captured.err


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared samples not available")
def test_sample_chapter_round_trips_page_by_page(tmp_path: Path) -> None:
    pages = SAMPLE.read_text(encoding="utf-8").split("\f")
    path = tmp_path / "sample.pdf"
    fx.build_pages(path, pages)
    document = read_document(path)
    assert len(document.pages) == len(pages)
    total = intact = 0
    for source, page in zip(pages, document.pages, strict=True):
        expected = Counter(squash(source))
        got = Counter(squash("".join(block.text for block in page.blocks)))
        total += sum(expected.values())
        intact += sum((expected & got).values())
        assert not got - expected, f"page {page.number} has text from elsewhere"
        if expected:
            # NOTE: PDFium drops a text object holding a single CJK glyph in a non-embedded CID font (the
            # vertically stacked infographic labels); that costs a few characters on a few pages, no more.
            assert sum((expected & got).values()) >= 0.95 * sum(expected.values()), page.number
        else:
            assert page.readable  # NOTE: an empty page hides nothing (a blank, not a scan)
    assert intact >= 0.99 * total
    assert page_of(document, "455,405") == [21]
    assert page_of(document, "51.93%") == [21]


def test_a_blank_page_is_read_not_unreadable(tmp_path: Path) -> None:
    # a report's empty verso (nothing drawn at all, or a single rule) hides nothing: it must not turn every open
    # verdict into "cannot judge", as a scanned page does
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Our Board reviews climate risks twice a year.")
    c.showPage()
    c.showPage()  # nothing drawn
    c.line(72, 400, 500, 400)  # a rule only
    c.showPage()
    c.drawString(72, 760, "Independent assurance statement.")
    c.showPage()
    c.save()
    document = read_document(path)
    assert document.unreadable_pages == []
    assert not any("not checked" in warning for warning in document.warnings)
    assert len(document.pages) == 4


def test_an_enumeration_wrapped_to_a_line_start_stays_in_its_sentence(tmp_path: Path) -> None:
    # "(2)" brought to the start of a line by the wrap continues the sentence; after an intro ending in a colon,
    # "(1)" and "(2)" start list items
    path = tmp_path / "enumeration.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 10)
    lines = [
        "Hazardous waste goes to licensed collectors and cardboard goes to recyclers. Our waste targets are",
        "(1) no battery sent to landfill from 2025 onwards, achieved in full this year, and a cut in cardboard",
        "per MW of 30% by 2027 against 2023, which fell by 18% in 2025.",
        "",
        "We took two steps this year:",
        "(1) new balers at two sites.",
        "(2) a reusable crate scheme.",
    ]
    y = 760.0
    for line in lines:
        if line:
            c.drawString(72, y, line)
        y -= 13 if line else 20
    c.showPage()
    c.save()
    document = read_document(path)
    texts = [(b.kind, b.text) for b in document.blocks]
    (sentence,) = [t for k, t in texts if "Our waste targets are" in t]
    assert "(1) no battery sent to landfill" in sentence
    items = [t for k, t in texts if k is BlockKind.LIST_ITEM]
    assert items == ["(1) new balers at two sites.", "(2) a reusable crate scheme."]


def test_a_chinese_enumeration_wrapped_to_a_line_start_stays_in_its_sentence(tmp_path: Path) -> None:
    fx.patch_cid_fonts()
    path = tmp_path / "enumeration-zh.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(fx.ZH_HANS, 10)
    lines = [
        "本集团委托持牌回收商处理有害废弃物，纸箱交由回收商回收。本集团的废弃物目标为",
        "（1）自2025年起不再将废旧电池送往堆填区；（2）到2027年将每兆瓦纸箱用量较2023年减少30%。",
    ]
    y = 760.0
    for line in lines:
        c.drawString(72, y, line)
        y -= 13
    c.showPage()
    c.save()
    document = read_document(path)
    (sentence,) = [b.text for b in document.blocks if "废弃物目标为" in b.text]
    assert "（1）自2025年起" in sentence
