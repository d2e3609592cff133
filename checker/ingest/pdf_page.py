"""One PDF page's text lines, ruled tables and blocks, with pypdfium2: the part of the reader a worker runs.

Text comes out of PDFium in content-stream order, one line per text line. Paragraphs are rebuilt from line
geometry (a vertical gap, a jump back up to a new column, or a font-size change starts a new block), and wrapped
lines are re-joined with ``join_wrapped_lines``. Ruled tables are found on pages with enough vector path objects
to draw a grid, from PDFium's own path objects with pdfplumber's "lines" algorithm (``pdf_grid``): pdfplumber
itself re-parsed each such page with pdfminer, which cost 4x the whole text extraction on a 300-page report.

Everything here depends on the page alone and returns plain data (``PageData``), so it runs the same in the
reader's process or in a worker (``pdf_parallel``); ``pdf.read`` turns the pages' blocks into the Document. It
imports no Document model (pydantic), so a worker forked before those imports never needs them.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from checker.errors import InputError
from checker.ingest.lines import is_cjk_punct, join_wrapped_lines, starts_list_item
from checker.ingest.normalize import is_cjk
from checker.ingest.pdf_grid import BBox as _BBox
from checker.ingest.pdf_grid import Grid as _Grid
from checker.ingest.pdf_grid import find_grids, page_edges

# NOTE: a ruled table needs at least a few horizontal and vertical rules; 8 path objects missed no table in the
# extraction benchmark (notes/extraction_bench.md section 3) while flagging only a fraction of pages.
TABLE_MIN_PATHS = 8
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FINAL_PUNCT = tuple(".。，,;；:：!！?？、")
_NUMBERED_HEADING = re.compile(
    r"^(?:(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?|\d{1,2}(?=\s)|第[一二三四五六七八九十百\d]+[章節节篇部])\s*\S"
)
_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "file error",
    pdfium_c.FPDF_ERR_FORMAT: "invalid PDF structure",
    pdfium_c.FPDF_ERR_UNKNOWN: "unknown PDFium error",
}


# (kind, text, heading level, table rows): a block as ``DocumentBuilder.add_block`` takes it; the kind is a
# ``BlockKind`` value
BlockSpec = tuple[str, str, int | None, list[list[str]] | None]


class _Line(NamedTuple):
    """One text line and the geometry of its first character (a named tuple: ~8,000 of them in a long report)."""

    text: str
    left: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class _Table:
    rows: list[list[str]]
    bbox: _BBox  # NOTE: pdfplumber coordinates: x0, top, x1, bottom from the page top


def open_pdf(data: bytes, password: str | None) -> pdfium.PdfDocument:
    """Open ``data`` with PDFium; a file PDFium refuses becomes a one-line ``InputError``."""
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise InputError("encrypted PDF: give the password with --password") from None
            raise InputError("wrong password for encrypted PDF") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError("encrypted PDF with an unsupported security handler") from None
        raise InputError(f"corrupt or truncated PDF ({_LOAD_ERRORS.get(code, str(exc))})") from None
    except Exception as exc:  # NOTE: any other failure to parse is still the file's fault, not a gapcheck bug
        raise InputError(f"corrupt or truncated PDF ({type(exc).__name__})") from None


@dataclass(frozen=True)
class PageData:
    """What one PDF page yields: plain data, so a worker process can send it back.

    ``blocks`` are empty for a page without extractable text; ``blank`` says it has nothing that could hold text
    either (no image, no form, hardly a line drawn), so nothing on it went unread. ``loaded`` is False for a page
    PDFium could not load, or one skipped for the memory budget (``skipped``). ``warnings`` are the page's own,
    replayed in page order so the Document is the same from any process.
    """

    label: str | None
    blocks: list[BlockSpec]
    loaded: bool = True
    skipped: bool = False
    warnings: tuple[str, ...] = ()
    blank: bool = False


def extract_page(pdf: pdfium.PdfDocument, index: int, tables: bool, skip: frozenset[int]) -> PageData:
    """Read one page's blocks: its lines grouped, and its ruled tables (no Document state: the same in any process)."""
    label = _label(pdf, index)
    if index in skip:
        # NOTE: loading this page would inflate a stream past the memory budget; it is not loaded at all
        return PageData(label, [], loaded=False, skipped=True)
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return PageData(label, [], loaded=False, warnings=(f"page {index + 1} could not be loaded",))
    warnings: list[str] = []
    try:
        textpage = page.get_textpage()
        try:
            lines = _page_lines(textpage)
            height = float(page.get_height())
            found: list[_Table] = []
            if tables and lines and _count_paths(page) >= TABLE_MIN_PATHS:
                found = [_fill(textpage, height, grid, bbox) for grid, bbox in _grids(page, height, index, warnings)]
                found = [table for table in found if _is_real_table(table.rows)]
        finally:
            textpage.close()
        blank = not lines and _blank(page)
    finally:
        page.close()
    return PageData(label, _blocks(lines, found, height) if lines else [], warnings=tuple(warnings), blank=blank)


# NOTE: a page without text is a scan (an image, often inside a form XObject) or a picture, and may hide a
# disclosure; a page with nothing drawn but a few rules is a blank left for the print layout (a report's empty
# verso before its assurance statement), and hides nothing. Text converted to outlines draws hundreds of paths.
BLANK_MAX_PATHS = 10
_IMAGE_OR_FORM = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_SHADING)


def _blank(page: pdfium.PdfPage) -> bool:
    for drawn, obj in enumerate(page.get_objects(max_depth=1), start=1):
        if obj.type in _IMAGE_OR_FORM or obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT or drawn > BLANK_MAX_PATHS:
            return False
    return True


def _label(pdf: pdfium.PdfDocument, index: int) -> str | None:
    try:
        label = str(pdf.get_page_label(index))
    except Exception:  # NOTE: labels are decoration; a broken /PageLabels tree must not fail the read
        return None
    return label or None


def _page_lines(textpage: pdfium.PdfTextPage) -> list[_Line]:
    raw = textpage.get_text_range()
    if not raw.strip():
        return []
    raw = raw.replace("\ufffe", "-")  # NOTE: PDFium's marker for a hyphen at a line end
    lines: list[_Line] = []
    text_index = 0  # NOTE: PDFium text indices count UTF-16 units; Python indexes code points
    position = 0
    handle = textpage.raw  # NOTE: the raw handle and one reused rectangle: ~20,000 lines in a 300-page report
    rect = pdfium_c.FS_RECTF()
    for match in [*_LINE_BREAK.finditer(raw), None]:
        end = match.start() if match else len(raw)
        segment = raw[position:end]
        text = _clean(segment)
        if text:
            first = text_index + _utf16_len(segment[: len(segment) - len(segment.lstrip())])
            lines.append(_measure(handle, rect, first, text))
        text_index += _utf16_len(segment) + (len(match.group()) if match else 0)
        position = match.end() if match else len(raw)
    return lines


def _measure(handle: Any, rect: Any, text_index: int, text: str) -> _Line:
    """Geometry of a line from its first character; a line PDFium cannot place gets zero geometry.

    ``handle`` is the raw FPDF_TEXTPAGE and ``rect`` a scratch FS_RECTF: calling PDFium directly, as
    ``PdfTextPage.get_charbox(loose=True)`` does, without its per-call wrapper and allocation.
    """
    char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(handle, text_index)
    if char < 0:
        return _Line(text, 0.0, 0.0, 0.0, 0.0, False)
    if not pdfium_c.FPDFText_GetLooseCharBox(handle, char, rect):
        return _Line(text, 0.0, 0.0, 0.0, 0.0, False)
    left, bottom, top = rect.left, rect.bottom, rect.top
    size = float(pdfium_c.FPDFText_GetFontSize(handle, char))
    if size < 0.5 * (top - bottom):
        # NOTE: PDFium reports the font's nominal size before the text matrix scales it, so text drawn at size 1
        # with a scaling matrix (common in designed reports) reads as 1 pt; every line gap would then start a new
        # block. The glyph box height is the size the reader sees.
        size = float(top - bottom)
    weight = pdfium_c.FPDFText_GetFontWeight(handle, char)
    bold = weight >= 600 if weight > 0 else _bold_by_name(handle, char)
    return _Line(text, float(left), float(top), float(bottom), size, bold)


_FONT_NAME = ctypes.create_string_buffer(128)
_FONT_FLAGS = ctypes.c_int()
_BOLD_NAME = re.compile(rb"bold|black|heavy|demi|-b$|,b$|w[6-9]$|hei(?:ti)?(?:[-,]|$)", re.IGNORECASE)


def _bold_by_name(handle: Any, char: int) -> bool:
    """Bold from the font's name where PDFium knows no weight.

    NOTE: the standard 14 fonts and many subset fonts ("ABCDEF+Arial-BoldMT", "MSung-Light,Bold") carry no weight in
    their descriptor, so PDFium reports 0 for every line; their names say which are bold (黑體 "Hei" faces are the
    bold face of Chinese reports). One call a line, only for such fonts.
    """
    size = pdfium_c.FPDFText_GetFontInfo(handle, char, _FONT_NAME, len(_FONT_NAME), ctypes.byref(_FONT_FLAGS))
    return size > 0 and bool(_BOLD_NAME.search(_FONT_NAME.value))


def _utf16_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).strip()


def _count_paths(page: pdfium.PdfPage) -> int:
    """Count top-level path objects, stopping at the threshold: the cheap table pre-filter."""
    found = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(page)):
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page, i)) == pdfium_c.FPDF_PAGEOBJ_PATH:
            found += 1
            if found >= TABLE_MIN_PATHS:
                break
    return found


def _blocks(lines: list[_Line], tables: list[_Table], height: float) -> list[BlockSpec]:
    """Group a page's lines into blocks, putting each table where its first line was."""
    blocks: list[BlockSpec] = []
    body = _body_size(lines)
    pending: list[_Line] = []
    emitted: set[int] = set()
    previous: _Line | None = None

    def flush() -> None:
        if pending:
            _add_text_block(blocks, pending, body)
            pending.clear()

    for line in lines:
        table = _table_of(line, tables, height)
        if table is not None:
            flush()
            if table not in emitted:
                emitted.add(table)
                _add_table(blocks, tables[table])
            previous = None
            continue
        if previous is not None and _starts_block(previous, line, pending):
            flush()
        pending.append(line)
        previous = line
    flush()
    for i, leftover in enumerate(tables):
        if i not in emitted:
            _add_table(blocks, leftover)
    return blocks


def _starts_block(previous: _Line, line: _Line, pending: list[_Line]) -> bool:
    if not pending or previous.size <= 0 or line.size <= 0:
        return bool(not pending or starts_list_item(line.text))
    size = max(previous.size, line.size)
    gap = previous.bottom - line.top
    if gap > 0.6 * size or line.top > previous.top + 0.5 * size:  # NOTE: paragraph gap, or up into a new column
        return True
    if abs(previous.size - line.size) > 0.1 * size or previous.bold != line.bold:
        return True
    return starts_list_item(line.text) and not _enumeration_in_sentence(previous.text, line.text)


# NOTE: an inline enumeration ("Our waste targets are (1) ... and (2) ...") that a wrap brings to the start of a
# line is no list item: the line before it runs on mid-sentence, ending in a word as a wrapped line of running text
# does. A real list follows an intro that ends in a colon or a full stop, or an item that is short.
WRAPPED_LINE_MIN = 50
WRAPPED_CJK_LINE_MIN = 20
_ENUMERATOR = re.compile(r"^\s*(?:[(（](?:\d{1,2}|[a-z]|[ivx]{1,4}|[一二三四五六七八九十]{1,2})[)）]|\d{1,2}\))\s*\S")


def _enumeration_in_sentence(previous: str, line: str) -> bool:
    before = previous.rstrip()
    if not before or not _ENUMERATOR.match(line):
        return False
    last = before[-1]
    if is_cjk(last):
        return len(before) >= WRAPPED_CJK_LINE_MIN and not is_cjk_punct(last)
    return len(before) >= WRAPPED_LINE_MIN and (last.isalpha() or last == ",")


def _body_size(lines: list[_Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        if line.size > 0:
            weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _add_text_block(blocks: list[BlockSpec], lines: list[_Line], body: float) -> None:
    text = join_wrapped_lines([line.text for line in lines])
    level = _heading_level(lines, text, body)
    if level is not None:
        blocks.append(("heading", text, level, None))
    elif starts_list_item(text):
        blocks.append(("list_item", text, None, None))
    else:
        blocks.append(("paragraph", text, None, None))


def _heading_level(lines: list[_Line], text: str, body: float) -> int | None:
    """A heading is one or two short lines with no final punctuation that stand out by size, weight or number."""
    if len(lines) > 2 or len(text) > 80 or text.endswith(_FINAL_PUNCT) or not any(ch.isalpha() for ch in text):
        return None
    size = lines[0].size
    numbered = _NUMBERED_HEADING.match(text)
    depth = numbered.group("num").count(".") + 1 if numbered and numbered.group("num") else 1
    if body > 0 and size >= 1.15 * body:
        return depth if numbered else (1 if size >= 1.5 * body else 2)
    if numbered and len(text) <= 40 and len(lines) == 1 and not text[-1].isdigit():
        return depth
    # NOTE: set off by weight alone, or by a size just above the body's (sub-headings in CJK faces that have no
    # bold), it ranks below the headings set off by size.
    if len(text) <= 60 and body > 0 and ((lines[0].bold and size >= body) or size >= 1.1 * body):
        return 3
    return None


def _table_of(line: _Line, tables: list[_Table], height: float) -> int | None:
    if not tables or line.size <= 0:
        return None
    y = height - (line.top + line.bottom) / 2  # NOTE: PDFium measures up from the bottom, pdfplumber from the top
    for i, table in enumerate(tables):
        x0, top, x1, bottom = table.bbox
        if x0 - 1 <= line.left <= x1 + 1 and top - 1 <= y <= bottom + 1:
            return i
    return None


def _add_table(blocks: list[BlockSpec], table: _Table) -> None:
    text = "\n".join(" | ".join(row) for row in table.rows)
    blocks.append(("table", text, None, table.rows))


def _grids(page: pdfium.PdfPage, height: float, index: int, warnings: list[str]) -> list[tuple[_Grid, _BBox]]:
    try:
        return find_grids(page_edges(page, height))
    except Exception as exc:  # NOTE: odd path data must not lose the page's text; the table is only a bonus
        warnings.append(f"table extraction failed on page {index + 1} ({type(exc).__name__})")
        return []


def _fill(textpage: pdfium.PdfTextPage, height: float, grid: _Grid, bbox: _BBox) -> _Table:
    """Read each cell's text with PDFium inside pdfplumber's cell box.

    NOTE: the grid comes from path geometry only. pdfminer's text (what pdfplumber gives) is lost on some fonts
    (``(cid:1848)`` for CID fonts in encrypted files; nothing for malformed CFF fonts); PDFium reads them all.
    """
    bounded = _BoundedText(textpage)
    rows: list[list[str]] = []
    for cells in grid:
        row: list[str] = []
        for cell in cells:
            if cell is None:
                row.append("")
                continue
            x0, top, x1, bottom = cell
            text = bounded(x0, height - bottom, x1, height - top).replace("\ufffe", "-")
            row.append(join_wrapped_lines([_clean(line) for line in _LINE_BREAK.split(text)]))
        rows.append(row)
    return _Table(rows, bbox)


class _BoundedText:
    """``PdfTextPage.get_text_bounded`` in one PDFium call instead of two, with the same result.

    NOTE: pypdfium2 asks PDFium for the text's length, then for the text, and PDFium finds the characters inside the
    box both times (a scan of the page's characters: ~4,000 cells on a 212-page report). One call into a buffer
    sized for the whole page gives the same characters. pypdfium2 sizes its buffer by the length PDFium reports
    in code points, so a text with characters outside the BMP (two UTF-16 units each) comes back cut short there:
    such texts, and a full buffer, go through pypdfium2 itself so the result stays what it always was.
    """

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage
        self.size = 3 * max(0, pdfium_c.FPDFText_CountChars(textpage.raw)) + 16  # NOTE: a line break adds two units
        self.buffer = (ctypes.c_ushort * self.size)()

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        units = pdfium_c.FPDFText_GetBoundedText(self.textpage.raw, left, top, right, bottom, self.buffer, self.size)
        if 0 < units < self.size:
            if self.buffer[units - 1] == 0:
                units -= 1  # NOTE: the terminating NUL that newer PDFium builds copy too; text holds no NUL
            try:
                text = ctypes.string_at(self.buffer, 2 * units).decode("utf-16-le")
            except UnicodeDecodeError:  # NOTE: a lone surrogate: pypdfium2 drops it
                text = None
            if text is not None and len(text) == units:
                return text
        elif units <= 0:
            return ""
        return str(self.textpage.get_text_bounded(left, bottom, right, top))


def _is_real_table(rows: list[list[str]]) -> bool:
    # NOTE: a framed text box is a 1x1 "table" to pdfplumber; it is a paragraph, not a table
    return len(rows) >= 2 and max(len(row) for row in rows) >= 2 and any(cell for row in rows for cell in row)
