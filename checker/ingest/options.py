"""Options and limits shared by every reader."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# NOTE: the limits live in a module without pydantic, for the start of an audit (``checker.ingest.limits``)
from checker.ingest.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_COMPRESSION_RATIO,
    DEFAULT_MAX_INFLATED_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_STREAM_BYTES,
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_COMPRESSION_RATIO",
    "DEFAULT_MAX_INFLATED_BYTES",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_STREAM_BYTES",
    "DEFAULT_MAX_UNCOMPRESSED_BYTES",
    "ReadOptions",
]


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
