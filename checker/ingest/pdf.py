"""PDF reader: pypdfium2 for text (fast, CJK-exact, robust) and for ruled tables on pre-filtered pages.

Each page is read by ``pdf_page.extract_page`` (lines, ruled tables, grouped into blocks), in this process or in
two worker processes for a long document (``pdf_parallel``); this module puts the pages' blocks into the Document,
in page order, with the document's warnings.
"""

from __future__ import annotations

from checker.errors import InputError
from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.options import ReadOptions
from checker.ingest.pdf_budget import check_streams
from checker.ingest.pdf_page import PageData, extract_page, open_pdf
from checker.ingest.pdf_parallel import extract_in_parallel


def read(data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
    """Read a PDF into a Document, one Document page per PDF page.

    Args:
        data: the file's bytes.
        source: where the bytes came from.
        options: password, page limit and whether to run the table pass.

    Returns:
        The Document; pages without extractable text are marked unreadable and listed in a warning.

    Raises:
        InputError: for a corrupt, truncated or encrypted PDF (without the right password), or too many pages.
    """
    budget = check_streams(data, options.max_stream_bytes, options.max_inflated_bytes)
    pdf = open_pdf(data, options.password)
    try:
        count = len(pdf)
        if count > options.max_pages:
            raise InputError(f"{count} pages, over the {options.max_pages}-page limit (raise it with --max-pages)")
        builder = DocumentBuilder(source)
        unreadable: list[int] = []
        skip = frozenset(budget.skip_pages)
        extracted_pages = extract_in_parallel(data, options.password, count, options.tables, skip)
        if extracted_pages is None:
            extracted_pages = (extract_page(pdf, index, options.tables, skip) for index in range(count))
        for index, extracted in enumerate(extracted_pages):
            if not _add_page(builder, extracted):
                unreadable.append(index + 1)
        if budget.skip_pages:
            pages = _ranges([index + 1 for index in sorted(budget.skip_pages)])
            builder.warn(
                f"page(s) {pages} not read: a stream on them inflates to over "
                f"{options.max_stream_bytes / 1_048_576:.0f} MB (the per-document memory and decompression budget)"
            )
        if count == 0:
            builder.warn("the PDF has no pages")
        if unreadable:
            builder.warn(
                f"{len(unreadable)} page(s) with no extractable text (scanned, image-only or blank), "
                f"not checked: {_ranges(unreadable)}"
            )
        if b"%%EOF" not in data[-2048:]:
            builder.warn("the file does not end with %%EOF; it may be truncated")
        return builder.build()
    finally:
        pdf.close()


def _add_page(builder: DocumentBuilder, extracted: PageData) -> bool:
    """Add one page to ``builder``; returns False when it has no extractable text (or was not loaded)."""
    builder.start_page(label=extracted.label)
    for message in extracted.warnings:
        builder.warn(message)
    if extracted.skipped:
        builder.end_page(readable=False)
        return True  # NOTE: reported once for all skipped pages, not as unreadable
    if not extracted.blocks:
        # NOTE: a blank page (nothing drawn that could hold text) is read in full: it has nothing to read
        builder.end_page(readable=extracted.blank)
        return extracted.blank
    for kind, text, level, rows in extracted.blocks:
        builder.add_block(BlockKind(kind), text, level=level, rows=rows)
    builder.end_page(readable=True)
    return True


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(parts)
