"""Choose a reader by sniffing the content (not the extension alone), enforce limits, and read."""

from __future__ import annotations

import hashlib
import importlib
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Protocol

from checker.errors import InputError, display_path, working_on
from checker.ingest.collector import gc_paused
from checker.ingest.document import Document, SourceInfo
from checker.ingest.options import ReadOptions
from checker.ingest.running import mark_running
from checker.ingest.source import read_source as read_source  # NOTE: re-exported: its home before source.py

FORMATS = ("pdf", "docx", "html", "markdown", "text")
_READER_MODULES = {
    "pdf": "checker.ingest.pdf",
    "docx": "checker.ingest.docx",
    "html": "checker.ingest.html",
    "markdown": "checker.ingest.markdown",
    "text": "checker.ingest.text",
}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class Reader(Protocol):
    """A reader turns the file's bytes into a Document."""

    def __call__(self, data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
        """Read ``data``."""
        ...


def sniff_format(data: bytes, suffix: str = "") -> str:
    """Name the reader for ``data``. Content decides; the suffix only separates Markdown from plain text.

    Raises:
        InputError: for content no reader handles (images, spreadsheets, other archives, executables).
    """
    head = data[:2048]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except UnicodeDecodeError as exc:
            raise InputError("corrupt zip container (a member name is not valid UTF-8)") from exc
        except NotImplementedError as exc:  # NOTE: "zip file version 23.9" and other features zipfile lacks
            raise InputError(f"unsupported zip container ({exc}); save it again as DOCX") from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise InputError("corrupt or truncated zip container (expected a DOCX file)") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            raise InputError("unsupported file type: an Excel workbook, not a report draft")
        raise InputError("unsupported file type: a zip archive that is not a DOCX file")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # NOTE: a password-protected DOCX is an OLE container holding an "EncryptedPackage" stream.
        if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]:
            raise InputError("encrypted Office document: remove the password in Word and save again")
        raise InputError("unsupported file type: legacy binary Word/Excel (.doc/.xls); save it as DOCX or PDF")
    for magic, name in (
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7fELF", "executable"),
        (b"\x1f\x8b", "gzip archive"),
    ):
        if head.startswith(magic):
            raise InputError(f"unsupported file type: {name}")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            # NOTE: UTF-16 HTML exports (old Word "Save as Web Page") start with a BOM, then "<".
            stripped = head[2:].decode(codec, "ignore").lstrip().encode("ascii", "ignore")
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        suffix.lower() in _HTML_SUFFIXES and lowered.startswith(b"<")
    ):
        return "html"
    if suffix.lower() in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


# NOTE: who wants a draft's text as soon as it is final, before its structure pass (``text_listener``)
_text_listeners: list[Callable[[Document], None]] = []


@contextmanager
def text_listener(listener: Callable[[Document], None]) -> Iterator[None]:
    """Call ``listener`` with every Document read inside this block once its text is final.

    That is before its structure pass: an audit starts matching the text in a helper process then
    (``checker.evaluate.index_ahead``).
    """
    _text_listeners.append(listener)
    try:
        yield
    finally:
        _text_listeners.remove(listener)


def finish_reading(document: Document) -> Document:
    """What every reader's Document goes through: running headers marked, then the structure pass."""
    # NOTE: imported here: the structure pass reads Documents, so it imports this package in turn.
    from checker.structure import annotate

    for listener in tuple(_text_listeners):
        # NOTE: marking running headers and the structure pass change flags, roles and headings, never texts or
        # spans; the folded text a listener asks for is carried along by the copies they make
        listener(document)
    return annotate(mark_running(document))


def read_document(path: str | Path, options: ReadOptions | None = None) -> Document:
    """Read the draft at ``path`` into a Document.

    Raises:
        InputError: with a one-line message naming the file, for every kind of unreadable input.
    """
    options = options or ReadOptions()
    file = Path(path)
    with working_on(file):
        return document_from_bytes(read_source(file, options.max_bytes), file, options)


def document_from_bytes(data: bytes, file: Path, options: ReadOptions) -> Document:
    """Sniff and read ``data`` (the content of ``file``) into a Document.

    Errors that the container and PDF libraries raise on damaged files (zipfile, zlib, lxml, python-docx, PDFium)
    become one-line ``InputError``s here, once, rather than in every reader.

    Raises:
        InputError: naming ``file``.
    """
    fmt = options.format or "?"
    try:
        fmt = options.format or sniff_format(data, file.suffix)
        if fmt not in _READER_MODULES:
            raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        source = SourceInfo(
            path=display_path(file), format=fmt, sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data)
        )
        reader: Reader = importlib.import_module(_READER_MODULES[fmt]).read
        # NOTE: not lasting: reading a PDF in this process leaves cyclic garbage (ctypes array types, ~3.5 kB a
        # page), which the collection that follows frees; frozen, it added 7 MB at 2,000 pages (measured)
        with gc_paused(lasting=False):
            document = finish_reading(reader(data, source, options))
    except InputError as exc:
        if exc.path is None:
            exc.path = display_path(file)
        raise
    except _library_errors() as exc:
        raise InputError(f"corrupt or unsupported {fmt.upper()} file ({_describe(exc)})", file) from exc
    if len(document.pages) > options.max_pages:
        raise InputError(
            f"{len(document.pages)} pages, over the {options.max_pages}-page limit (raise it with --max-pages)",
            file,
        )
    if not any(block.text.strip() for page in document.pages for block in page.blocks):
        # NOTE: an audit of an empty Document says "missing" for every requirement; that must never pass unnoticed.
        warning = "no text was read from this file (only markup, scripts, images or empty pages?); nothing was checked"
        document = document.model_copy(update={"warnings": [*document.warnings, warning]})
    return document


@lru_cache(maxsize=1)
def _library_errors() -> tuple[type[BaseException], ...]:
    """Exception types that mean "this file is damaged" when a container or PDF library raises them."""
    errors: list[type[BaseException]] = [zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error]
    for module, names in (
        ("lxml.etree", ("Error",)),
        ("docx.opc.exceptions", ("OpcError",)),
        ("docx.oxml.exceptions", ("XmlchemyError",)),
        ("docx.exceptions", ("PythonDocxError",)),
        ("pypdfium2", ("PdfiumError",)),
    ):
        try:
            loaded = importlib.import_module(module)
        except ImportError:  # pragma: no cover - all are dependencies; tolerate a leaner install
            continue
        errors.extend(getattr(loaded, name) for name in names if isinstance(getattr(loaded, name, None), type))
    return tuple(errors)


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
