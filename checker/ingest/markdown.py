r"""Markdown (CommonMark plus GFM tables) via markdown-it-py.

Page breaks: a form feed, or a line holding only ``<!-- pagebreak -->``, ``\pagebreak`` or ``\newpage`` (the
markers Pandoc and most Markdown-to-PDF tools understand). Without them the file is one page.

Headings keep their level (``#`` = 1, Setext ``===`` = 1, ``---`` = 2). A short paragraph that is bold from end
to end ("**Opportunities**", "**機遇**") is a sub-heading one level below the heading it sits under: drafts written in
Markdown or exported from Word mark their lowest headings that way, and the section it opens is about what it
names. Inline markup is reduced to its text:
emphasis markers, link targets and inline HTML disappear; an image contributes its alt text. Soft-wrapped lines
are re-joined like PDF lines (no space between two CJK characters). Each list item is one block; a nested list's
items are their own blocks. Tables become one block with ``rows`` (header row first) and text ``a | b`` per row.
Raw HTML blocks (a ``<table>`` pasted into Markdown) are read with the HTML reader's block extraction.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.ingest.encoding import decode_text_input, split_overlong_lines
from checker.ingest.html import fragment_blocks
from checker.ingest.lines import join_wrapped_lines
from checker.ingest.options import ReadOptions
from checker.ingest.paging import Pager

_MARKER = "<!-- pagebreak -->"
_BREAK_LINE = re.compile(r"^[ \t]*(?:<!--\s*page-?break\s*-->|\\pagebreak|\\newpage)[ \t]*$", re.M | re.I)
_BR_TAG = re.compile(r"^<br\s*/?>$", re.I)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def read(data: bytes, source: SourceInfo, options: ReadOptions) -> Document:
    """Read a Markdown draft.

    Args:
        data: the file's bytes (encoding detected like plain text).
        source: where the bytes came from.
        options: reading options (unused beyond the registry's limits).

    Returns:
        The Document, one page per page-break-separated section.

    Raises:
        InputError: for binary data or an undetectable encoding.
    """
    pager = Pager(DocumentBuilder(source))
    text = decode_text_input(data, pager.builder)
    # NOTE: markers become a standalone HTML comment block surrounded by blank lines, so they also end a paragraph
    # or list they interrupt, and the token stream tells us exactly where the page changes.
    text = text.replace("\f", f"\n\n{_MARKER}\n\n")
    text = _BREAK_LINE.sub(f"\n{_MARKER}\n", text)
    walker = _Walker(pager)
    for segment in segments(split_overlong_lines(text, pager.builder)):
        walker.walk(_parser().parse(segment))
    return pager.finish()


# NOTE: markdown-it holds every token of what it parses; a large file is parsed in segments cut at blank lines
# outside fenced code, so memory follows the segment, not the file. A report under this size is one segment.
_SEGMENT_CHARS = 256 * 1024
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def segments(text: str, size: int = _SEGMENT_CHARS) -> list[str]:
    """``text`` cut at blank lines outside fenced code blocks into pieces of about ``size`` characters.

    A reference-style link whose definition sits in another segment keeps its brackets; nothing else changes.
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        if not line.strip() and fence is None and length >= size:
            pieces.append("\n".join(current))
            current, length = [], 0
            continue
        current.append(line)
        length += len(line) + 1
    pieces.append("\n".join(current))
    return pieces


class _Walker:
    """Turns the flat markdown-it token stream into blocks."""

    def __init__(self, pager: Pager) -> None:
        self.pager = pager
        self.heading_level: int | None = None
        self.last_heading_level = 1
        self.in_paragraph = False
        self.items: list[list[str]] = []  # NOTE: one text buffer per open list item, innermost last
        self.rows: list[list[str]] | None = None

    def walk(self, tokens: list[Any]) -> None:
        for token in tokens:
            handler = getattr(self, "_on_" + token.type, None)
            if handler is not None:
                handler(token)

    def _emit(self, text: str) -> None:
        if self.rows is not None:
            self.rows[-1].append(text)
        elif self.heading_level is not None:
            self.pager.add(BlockKind.HEADING, text, level=self.heading_level)
        elif self.items:
            self.items[-1].append(text)
        else:
            self.pager.add(BlockKind.PARAGRAPH, text)

    def _on_heading_open(self, token: Any) -> None:
        self.heading_level = self.last_heading_level = int(token.tag[1:])

    def _on_paragraph_open(self, token: Any) -> None:
        self.in_paragraph = not self.items and self.rows is None

    def _on_paragraph_close(self, token: Any) -> None:
        self.in_paragraph = False

    def _on_heading_close(self, token: Any) -> None:
        self.heading_level = None

    def _on_inline(self, token: Any) -> None:
        text = inline_text(token.children or [])
        if self.in_paragraph and self.heading_level is None and _bold_title(token.children or [], text):
            self.pager.add(BlockKind.HEADING, text, level=min(self.last_heading_level + 1, 6))
            return
        self._emit(text)

    def _on_fence(self, token: Any) -> None:
        self._emit(token.content)

    _on_code_block = _on_fence

    def _on_list_item_open(self, token: Any) -> None:
        self._flush_item()
        self.items.append([])

    def _on_list_item_close(self, token: Any) -> None:
        self._flush_item()
        self.items.pop()

    def _flush_item(self) -> None:
        # NOTE: a parent item's own text is emitted when its nested list starts, keeping reading order.
        if self.items and self.items[-1]:
            self.pager.add(BlockKind.LIST_ITEM, "\n".join(self.items[-1]))
            self.items[-1] = []

    def _on_table_open(self, token: Any) -> None:
        self.rows = []

    def _on_tr_open(self, token: Any) -> None:
        if self.rows is not None:
            self.rows.append([])

    def _on_table_close(self, token: Any) -> None:
        rows, self.rows = self.rows or [], None
        self._add_table(rows)

    def _add_table(self, rows: list[list[str]]) -> None:
        text = "\n".join(" | ".join(row) for row in rows)
        if self.items:
            self.items[-1].append(text)
        else:
            self.pager.add(BlockKind.TABLE, text, rows=rows)

    def _on_html_block(self, token: Any) -> None:
        if token.content.strip() == _MARKER:
            self.pager.page_break()
            return
        for kind, text, level, rows in fragment_blocks(token.content):
            if kind is BlockKind.TABLE and rows is not None:
                self._add_table(rows)
            elif kind is BlockKind.HEADING and not self.items:
                self.pager.add(kind, text, level=level)
            else:
                self._emit(text)


_TITLE_MAX_CHARS = 60
_SENTENCE_END = (".", "。", "!", "！", "?", "？", ";", "；", ",", "，")


def _bold_title(children: list[Any], text: str) -> bool:
    """Whether an inline run is one bold span and reads as a title (short, one line, no closing punctuation)."""
    # NOTE: markdown-it puts empty text tokens around the emphasis
    children = [child for child in children if not (child.type == "text" and not child.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    if sum(child.type == "strong_open" for child in children) != 1:
        return False
    stripped = text.strip()
    return (
        bool(stripped)
        and "\n" not in stripped
        and len(stripped) <= _TITLE_MAX_CHARS
        and not stripped.endswith(_SENTENCE_END)
    )


def inline_text(children: list[Any]) -> str:
    """Plain text of an inline token's children: markup dropped, soft breaks re-joined, hard breaks kept."""
    # NOTE: pieces are collected in lists and joined once; appending to a string held in a list is quadratic
    # (a 5 MB paragraph took over three minutes).
    pieces: list[list[list[str]]] = [[[]]]
    for child in children:
        if child.type in ("text", "code_inline"):
            pieces[-1][-1].append(child.content)
        elif child.type == "softbreak":
            pieces[-1].append([])
        elif child.type == "hardbreak" or (child.type == "html_inline" and _BR_TAG.match(child.content.strip())):
            pieces.append([[]])
        elif child.type == "image":
            pieces[-1][-1].append(inline_text(child.children or []))
    return "\n".join(join_wrapped_lines(["".join(line) for line in lines]) for lines in pieces)
