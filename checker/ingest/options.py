"""Options and limits shared by every reader."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
# NOTE: DOCX/XLSX-style zip containers are checked before parsing: a small file that inflates to gigabytes is a
# zip bomb, not a report.
DEFAULT_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 200.0


class ReadOptions(BaseModel):
    """How to read a draft, and the limits that protect the machine from hostile or broken files."""

    model_config = ConfigDict(frozen=True)

    password: str | None = None
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1)
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, ge=1)
    max_uncompressed_bytes: int = Field(default=DEFAULT_MAX_UNCOMPRESSED_BYTES, ge=1)
    max_compression_ratio: float = Field(default=DEFAULT_MAX_COMPRESSION_RATIO, gt=1)
    tables: bool = Field(default=True, description="run the PDF table pass on pages that look like tables")
    format: str | None = Field(default=None, description="force a reader instead of sniffing")
