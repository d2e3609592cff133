"""Reading limits and settings as plain values, for code that runs before the Document models are imported.

``ReadOptions`` (``checker.ingest.options``) is a pydantic model, and importing pydantic and building it costs
~80 ms. ``gapcheck audit`` of one PDF starts its extraction workers (``read_ahead``) before anything else, so
the command line is turned into a ``ReadSettings`` first, the workers fork, and the ``ReadOptions`` the rest of
the run uses is made from the same values afterwards (``ReadSettings.options``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.ingest.options import ReadOptions

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


@dataclass(frozen=True)
class ReadSettings:
    """The reading settings a command line gives (the fields of ``ReadOptions`` it sets), without pydantic."""

    password: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_stream_bytes: int = DEFAULT_MAX_STREAM_BYTES
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES
    tables: bool = True
    format: str | None = None

    def options(self) -> ReadOptions:
        """The validated ``ReadOptions`` with these values (imports the model)."""
        from checker.ingest.options import ReadOptions

        return ReadOptions(
            password=self.password,
            max_bytes=self.max_bytes,
            max_pages=self.max_pages,
            max_stream_bytes=self.max_stream_bytes,
            max_inflated_bytes=self.max_inflated_bytes,
            tables=self.tables,
            format=self.format,
        )
