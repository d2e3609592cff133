"""Options and limits shared by every reader."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
# NOTE: DOCX/XLSX-style zip containers are checked before parsing: a small file that inflates to gigabytes is a
# zip bomb, not a report.
DEFAULT_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 200.0
# NOTE: PDFium holds a page's inflated streams (content, forms, fonts) in memory, about twice over while parsing.
# A real page's largest stream is a CJK font of ~20 MB; a stream past this limit makes its page unreadable.
DEFAULT_MAX_STREAM_BYTES = 128 * 1024 * 1024
DEFAULT_MAX_INFLATED_BYTES = 1024 * 1024 * 1024


class ReadOptions(BaseModel):
    """How to read a draft, and the limits that protect the machine from hostile or broken files."""

    model_config = ConfigDict(frozen=True)

    password: str | None = None
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1)
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, ge=1)
    max_uncompressed_bytes: int = Field(default=DEFAULT_MAX_UNCOMPRESSED_BYTES, ge=1)
    max_compression_ratio: float = Field(default=DEFAULT_MAX_COMPRESSION_RATIO, gt=1)
    max_stream_bytes: int = Field(default=DEFAULT_MAX_STREAM_BYTES, ge=1, description="PDF: one inflated stream")
    max_inflated_bytes: int = Field(default=DEFAULT_MAX_INFLATED_BYTES, ge=1, description="PDF: large streams in all")
    tables: bool = Field(default=True, description="run the PDF table pass on pages that look like tables")
    format: str | None = Field(default=None, description="force a reader instead of sniffing")
