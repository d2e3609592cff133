"""Plain text: a form feed is a page break; paragraphs are separated by blank lines. (Placeholder, being built.)"""

from __future__ import annotations

from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.options import ReadOptions


def read(data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
    """Read UTF-8 text (the full encoding detection is being built)."""
    text = data.decode("utf-8-sig")
    builder = DocumentBuilder(source)
    for page_text in text.split("\f"):
        builder.start_page()
        for para in page_text.split("\n\n"):
            builder.add_block(BlockKind.PARAGRAPH, para)
        builder.end_page()
    return builder.build()
