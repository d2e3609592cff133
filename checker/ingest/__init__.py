"""Ingest: read a draft (PDF, DOCX, HTML, Markdown, text) into one ``Document``."""

from checker.ingest.document import Block, BlockKind, Document, DocumentBuilder, Page, SourceInfo
from checker.ingest.options import ReadOptions
from checker.ingest.registry import read_document, sniff_format

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
