"""Ingest: read a draft (PDF, DOCX, HTML, Markdown, text) into one ``Document``.

The names below load on first use (PEP 562): importing one reader module (``checker.ingest.pdf_page`` in a PDF
worker, ``checker.ingest.source`` to read a file ahead) must not pull in the Document model and every reader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.ingest.document import Block, BlockKind, Document, DocumentBuilder, Page, SourceInfo
    from checker.ingest.options import ReadOptions
    from checker.ingest.registry import read_document, sniff_format

_HOMES = {
    "Block": "checker.ingest.document",
    "BlockKind": "checker.ingest.document",
    "Document": "checker.ingest.document",
    "DocumentBuilder": "checker.ingest.document",
    "Page": "checker.ingest.document",
    "SourceInfo": "checker.ingest.document",
    "ReadOptions": "checker.ingest.options",
    "read_document": "checker.ingest.registry",
    "sniff_format": "checker.ingest.registry",
}

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "DocumentBuilder",
    "Page",
    "ReadOptions",
    "SourceInfo",
    "read_document",
    "sniff_format",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
