"""DOCX via python-docx, after guarding the zip container against bombs and entity tricks.

Reading order is the body's own order: paragraphs, tables, and the content of content controls (``w:sdt``).
Headings come from the paragraph style (``Heading 1``..``Heading 9``, ``Title``, localized names such as
``標題 1``, or any style or paragraph with an outline level); list items from ``List ...`` styles or numbering.
Tables give one block each, with merged cells counted once (a horizontal merge is one cell, a vertical merge's
continuation cells are empty). Text in floating text boxes is not read.

Pages: DOCX stores no pages. A hard page break (``w:br w:type="page"``), a section break that starts a new page,
``pageBreakBefore``, and ``w:lastRenderedPageBreak`` (where Word put page boundaries when it last saved the file)
start new pages. Files written by tools that do not paginate (python-docx, many converters) have none of these
and are read as one page.
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from io import BytesIO
from typing import Any

from checker.errors import InputError
from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.lines import join_wrapped_lines
from checker.ingest.options import ReadOptions
from checker.ingest.paging import Pager

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|標題|标题|見出し|제목)\s*(\d)$", re.I)
_LIST_NAMES = ("list", "清單段落", "列出段落", "列表段落")
_RUN_PATHS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r"
# NOTE: the ratio check only applies past this size: tiny but very repetitive parts are normal and harmless.
_RATIO_MIN_BYTES = 1024 * 1024
_MB = 1024 * 1024


def read(data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
    """Read a DOCX draft.

    Args:
        data: the file's bytes (a zip container).
        source: where the bytes came from.
        options: limits for the zip guard (``max_uncompressed_bytes``, ``max_compression_ratio``).

    Returns:
        The Document; one page unless the file carries page or section breaks.

    Raises:
        InputError: for a zip bomb, an encrypted or unsupported zip, XML with DOCTYPE/ENTITY declarations, a part
            that is not WordprocessingML, or a corrupt file. Other library errors on damaged files are mapped by
            the registry (``zipfile``, ``lxml``, python-docx).
    """
    guard_zip(data, options)
    import docx  # NOTE: imported lazily; python-docx is the slowest import of the readers.

    try:
        document = docx.Document(BytesIO(data))
    except (KeyError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        # NOTE: python-docx reports a missing part or relationship as KeyError and a wrong content type as
        # ValueError while it loads the package, and zipfile an unsupported feature of a member's local header
        # (which may contradict the directory checked above) as NotImplementedError / RuntimeError. Once the
        # package is loaded, nothing here catches builtins: a bug stays a bug.
        raise InputError(f"corrupt DOCX file ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})") from exc
    body = getattr(document.element, "body", None)
    if document.element.tag != _W + "document" or body is None:
        raise InputError(f"corrupt DOCX file (the main part is <{_local(document.element.tag)}>, not a Word document)")
    pager = Pager(DocumentBuilder(source))
    _Reader(document, pager).body(body)
    return pager.finish()


# NOTE: python-docx only inflates stored and deflated members; zipfile raises NotImplementedError for Deflate64,
# and RuntimeError / NotImplementedError for encrypted members. Each is named here before any member is read.
_SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_COMPRESSION_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES"}
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)
_ENCRYPTED = 0x1
_PATCHED = 0x20
_STRONG_ENCRYPTION = 0x40


def _open_zip(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        return archive, archive.infolist()
    except NotImplementedError as exc:  # NOTE: "zip file version 23.9": a version zipfile cannot read
        raise InputError(f"unsupported zip container ({exc}); save it again as DOCX in Word") from exc
    except UnicodeDecodeError as exc:
        raise InputError("corrupt DOCX file (a member name is not valid UTF-8)") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise InputError(f"corrupt DOCX file ({' '.join(str(exc).split()) or type(exc).__name__})") from exc


def guard_zip(data: bytes, options: ReadOptions) -> None:
    """Refuse zip bombs, encrypted or unsupported members, and XML parts that declare a DOCTYPE or entities.

    All of it happens before python-docx or any XML parser sees the file.

    Raises:
        InputError: naming the problem.
    """
    archive, infos = _open_zip(data)
    for info in infos:
        if info.flag_bits & (_ENCRYPTED | _STRONG_ENCRYPTION):
            raise InputError("encrypted DOCX file (zip encryption): remove the password in Word and save again")
        if info.flag_bits & _PATCHED:
            raise InputError("unsupported DOCX file: compressed patched data (zip flag bit 5)")
        if info.compress_type not in _SUPPORTED_COMPRESSION:
            method = _COMPRESSION_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise InputError(f"unsupported DOCX file: {info.filename!r} uses {method} compression; save it again")
        if info.extract_version > zipfile.MAX_EXTRACT_VERSION:
            raise InputError(f"unsupported zip version {info.extract_version / 10:.1f} in the DOCX file")
    limit = options.max_uncompressed_bytes
    total = sum(info.file_size for info in infos)
    if total > limit:
        raise InputError(
            f"zip bomb guard: the DOCX inflates to {total / _MB:.0f} MB, over the {limit / _MB:.0f} MB limit"
        )
    ratio = total / max(len(data), 1)
    if total > _RATIO_MIN_BYTES and ratio > options.max_compression_ratio:
        raise InputError(
            f"zip bomb guard: compression ratio {ratio:.0f}:1 exceeds {options.max_compression_ratio:.0f}:1"
        )
    budget = limit
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            with archive.open(info) as part:
                # NOTE: read at most the remaining budget: a part may lie about its size in the directory.
                content = part.read(budget + 1)
        except _MEMBER_ERRORS as exc:
            # NOTE: RuntimeError / NotImplementedError: a local header that disagrees with the directory about
            # encryption or compression; ValueError: a negative seek from a lying offset.
            raise InputError(f"corrupt DOCX file ({info.filename}: {' '.join(str(exc).split())})") from exc
        budget -= len(content)
        if budget < 0:
            raise InputError(f"zip bomb guard: the DOCX inflates to more than {limit / _MB:.0f} MB")
        if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
            raise InputError(f"unsafe DOCX file: {info.filename} declares a DOCTYPE/ENTITY (refused)")


def _local(tag: object) -> str:
    text = str(tag)
    return text.rpartition("}")[2] or text


class _Reader:
    def __init__(self, document: Any, pager: Pager) -> None:
        self.document = document
        self.pager = pager
        self._styles: dict[str, tuple[int | None, bool, bool]] = {}
        # NOTE: a paragraph's sectPr ends its section, but whether a new page follows is the *next* section's
        # start type (w:type), found in the next sectPr or in the body's final one.
        sections = document.element.body.xpath(".//w:p/w:pPr/w:sectPr | ./w:sectPr")
        self._next_section_starts_page: dict[Any, bool] = {
            sect: nxt.xpath("./w:type/@w:val") != ["continuous"] for sect, nxt in itertools.pairwise(sections)
        }

    def _style_info(self, p: Any) -> tuple[int | None, bool, bool]:
        """Heading level, list style, page-break-before of the paragraph's style chain, cached per style id."""
        # NOTE: python-docx resolves Paragraph.style by scanning all styles each time; cached, a 1,500-paragraph
        # file reads in a fraction of the time.
        ids = p.xpath("./w:pPr/w:pStyle/@w:val")
        key = ids[0] if ids else ""
        if key not in self._styles:
            from docx.oxml.exceptions import InvalidXmlError
            from docx.text.paragraph import Paragraph

            try:
                chain = _style_chain(Paragraph(p, self.document))
            except InvalidXmlError:
                chain = []  # NOTE: a w:pStyle without w:val names no style: the paragraph is body text
            self._styles[key] = (_heading_level(chain), _is_list(chain), _page_break_before(chain))
        return self._styles[key]

    def body(self, element: Any) -> None:
        for child in element.iterchildren():
            if child.tag == _W + "p":
                self.paragraph(child)
            elif child.tag == _W + "tbl":
                self.table(child)
            elif child.tag in (_W + "sdt", _W + "customXml"):
                content = child.find(_W + "sdtContent")
                self.body(content if content is not None else child)

    def paragraph(self, p: Any) -> None:
        style_level, style_list, style_break = self._style_info(p)
        level = _outline_level(p) or style_level
        is_list = bool(p.xpath("./w:pPr/w:numPr")) or style_list
        kind = BlockKind.HEADING if level else BlockKind.LIST_ITEM if is_list else BlockKind.PARAGRAPH
        own_break = p.xpath("./w:pPr/w:pageBreakBefore")
        if _on(own_break[0]) if own_break else style_break:
            self.pager.page_break(soft=True)
        text = ""
        for piece in _pieces(p):
            if isinstance(piece, str):
                text += piece
                continue
            # NOTE: a break inside a paragraph splits it, so each half lands on the page where it is printed.
            self.pager.add(kind, text, level=level)
            text = ""
            self.pager.page_break(soft=piece.soft)
        self.pager.add(kind, text, level=level)
        sect = p.find(f"{_W}pPr/{_W}sectPr")
        if sect is not None and self._next_section_starts_page.get(sect, True):
            self.pager.page_break()

    def table(self, tbl: Any) -> None:
        rows: list[list[str]] = []
        for tr in tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"):
            breaks = tr.xpath(".//w:lastRenderedPageBreak | .//w:br[@w:type='page']")
            if breaks:
                # NOTE: a table that crosses a page boundary is split there, rows after it go to the next page.
                self._add_table(rows)
                rows = []
                self.pager.page_break(soft=all(b.tag == _W + "lastRenderedPageBreak" for b in breaks))
            cells = [_cell_text(tc) for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc")]
            if any(cells):
                rows.append(cells)
        self._add_table(rows)

    def _add_table(self, rows: list[list[str]]) -> None:
        if rows:
            self.pager.add(BlockKind.TABLE, "\n".join(" | ".join(row) for row in rows), rows=rows)


class _Break:
    def __init__(self, soft: bool) -> None:
        self.soft = soft


def _pieces(p: Any) -> list[str | _Break]:
    """The paragraph's text pieces and page breaks, in order (deleted text and field codes excluded)."""
    pieces: list[str | _Break] = []
    for run in p.xpath(_RUN_PATHS):
        for child in run.iterchildren():
            tag = child.tag
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                pieces.append("\t")
            elif tag == _W + "br":
                kind = child.get(_W + "type")
                if kind == "page":
                    pieces.append(_Break(soft=False))
                elif kind != "column":
                    pieces.append("\n")
            elif tag == _W + "cr":
                pieces.append("\n")
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            elif tag == _W + "lastRenderedPageBreak":
                pieces.append(_Break(soft=True))
    return pieces


def _cell_text(tc: Any) -> str:
    merge = tc.xpath("./w:tcPr/w:vMerge")
    if merge and merge[0].get(_W + "val") != "restart":
        return ""  # NOTE: continuation of a vertical merge; the text lives in the cell above
    lines = ["".join(piece for piece in _pieces(p) if isinstance(piece, str)) for p in tc.xpath(".//w:p")]
    return join_wrapped_lines([line for text in lines for line in text.split("\n")])


def _style_chain(paragraph: Any) -> list[Any]:
    chain: list[Any] = []
    style = paragraph.style
    while style is not None and len(chain) < 10:
        chain.append(style)
        style = style.base_style
    return chain


def _outline_level(element: Any) -> int | None:
    values = element.xpath("./w:pPr/w:outlineLvl/@w:val")
    if values and values[0].isdigit() and int(values[0]) < 9:
        return int(values[0]) + 1
    return None


def _on(element: Any) -> bool:
    """An OOXML on/off property: present means on unless ``w:val`` says otherwise."""
    return element.get(_W + "val") not in ("0", "false", "off")


def _heading_level(chain: list[Any]) -> int | None:
    for style in chain:
        name = (style.name or "").strip()
        match = _HEADING_NAME.match(name)
        if match and match.group(1) != "0":
            return int(match.group(1))
        if name.lower() == "title":
            return 1
        level = _outline_level(style.element)
        if level is not None:
            return level
    return None


def _is_list(chain: list[Any]) -> bool:
    return any(
        (style.name or "").lower().startswith(_LIST_NAMES) or style.element.xpath("./w:pPr/w:numPr") for style in chain
    )


def _page_break_before(chain: list[Any]) -> bool:
    return any(style.paragraph_format.page_break_before for style in chain)
