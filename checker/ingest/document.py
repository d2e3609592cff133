"""The single intermediate representation every reader produces: Document -> pages -> blocks.

Offsets: ``Document.text`` is the pages' texts joined by a form feed; a page's text is its blocks' texts joined
by a blank line. Every ``Block.span`` indexes into ``Document.text``, so evidence spans are stable and the
``extract --format text`` output is exactly ``Document.text``. Readers never compute spans themselves: they use
``DocumentBuilder``, which guarantees these invariants.
"""

from __future__ import annotations

from enum import Enum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from checker.claims.model import ContentIndex
from checker.ingest.normalize import FoldedText, fold

DOCUMENT_SCHEMA_VERSION = "1.2"
PAGE_SEPARATOR = "\f"
BLOCK_SEPARATOR = "\n\n"


class BlockKind(str, Enum):
    """What a block is, as far as the reader can tell."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


class BlockRole(str, Enum):
    """Whether a block may serve as evidence, and if not, what it is.

    Only ``body`` blocks disclose. The others list, restate or repeat: a table of contents, an issuer's content
    index or a regulator's correspondence table (claims, not disclosure), text that restates a standard's own
    requirement wording, running headers and footers, highlights pages (figures disclosed elsewhere, repeated),
    reader questionnaires (topic names beside checkboxes) and materiality lists (the topics a report found material,
    named, not disclosed).
    """

    BODY = "body"
    RUNNING = "running"
    TOC = "toc"
    CONTENT_INDEX = "content_index"
    REQUIREMENT_ECHO = "requirement_echo"
    HIGHLIGHTS = "highlights"
    QUESTIONNAIRE = "questionnaire"
    MATERIALITY = "materiality"


class Block(BaseModel):
    """One unit of text on one page: a heading, paragraph, list item or a whole table."""

    model_config = ConfigDict(frozen=True)

    kind: BlockKind
    text: str
    page: int = Field(ge=1, description="1-based physical page number")
    span: tuple[int, int] = Field(description="[start, end) offsets into Document.text")
    level: int | None = Field(default=None, description="heading level, 1 = top")
    rows: list[list[str]] | None = Field(default=None, description="table cells, row by row")
    running: bool = Field(default=False, description="running header/footer: never evidence")
    role: BlockRole = Field(default=BlockRole.BODY, description="body blocks disclose; the others are never evidence")
    role_reason: str | None = Field(
        default=None, description="why the block, or part of it, is not evidence, for rule authors"
    )
    section: list[str] = Field(default_factory=list, description="the headings above the block, outermost first")

    @property
    def evidence(self) -> bool:
        """Whether the block may serve as evidence of a disclosure."""
        return self.role is BlockRole.BODY


class Page(BaseModel):
    """One physical page (or, for formats without pages, one section between page breaks)."""

    model_config = ConfigDict(frozen=True)

    number: int = Field(ge=1)
    label: str | None = Field(default=None, description="printed page label when the file has one")
    span: tuple[int, int]
    blocks: list[Block]
    readable: bool = Field(default=True, description="False when the page carries no extractable text (a scan)")


class SourceInfo(BaseModel):
    """Where the document came from."""

    model_config = ConfigDict(frozen=True)

    path: str
    format: str
    sha256: str
    size_bytes: int


class Document(BaseModel):
    """A parsed draft. Immutable once built."""

    model_config = ConfigDict(frozen=True)

    schema_version: str = DOCUMENT_SCHEMA_VERSION
    source: SourceInfo
    pages: list[Page]
    warnings: list[str] = Field(default_factory=list)
    content_index: ContentIndex | None = Field(default=None, description="the issuer's content index, read as claims")
    _folded: FoldedText | None = PrivateAttr(default=None)

    def folded(self) -> FoldedText:
        """The text folded for matching, computed once and shared by the structure pass and the evaluator."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def share_folded(self, other: Document) -> Document:
        """Hand this document's folded text to ``other`` (same text, e.g. a copy with new block roles)."""
        if self._folded is not None and other.text == self.text:
            other._folded = self._folded
        return other

    @cached_property
    def text(self) -> str:
        """The whole document's original text; block spans index into it."""
        return PAGE_SEPARATOR.join(BLOCK_SEPARATOR.join(block.text for block in page.blocks) for page in self.pages)

    @property
    def blocks(self) -> list[Block]:
        """All blocks in reading order."""
        return [block for page in self.pages for block in page.blocks]

    @property
    def unreadable_pages(self) -> list[int]:
        """Page numbers that carry no text (scans), which the evaluator must not judge as 'missing'."""
        return [page.number for page in self.pages if not page.readable]


class DocumentBuilder:
    """Accumulates pages and blocks, computing spans so every reader yields a consistent Document."""

    def __init__(self, source: SourceInfo) -> None:
        self._source = source
        self._pages: list[Page] = []
        self._blocks: list[Block] = []
        self._offset = 0
        self._page_start = 0
        self._page_label: str | None = None
        self._page_open = False
        self._warnings: list[str] = []

    @property
    def page_count(self) -> int:
        """Pages finished so far."""
        return len(self._pages)

    def warn(self, message: str) -> None:
        """Record a non-fatal problem to show the user."""
        self._warnings.append(message)

    def start_page(self, label: str | None = None) -> None:
        """Open a new page; closes the current one first if needed."""
        if self._page_open:
            self.end_page()
        if self._pages:
            self._offset += len(PAGE_SEPARATOR)
        self._page_start = self._offset
        self._page_label = label
        self._blocks = []
        self._page_open = True

    def label_page(self, label: str | None) -> None:
        """Set the printed page label of the open page (for readers that learn it after opening the page)."""
        self._page_label = label

    def add_block(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int | None = None,
        rows: list[list[str]] | None = None,
        running: bool = False,
    ) -> Block | None:
        """Append a block to the open page. Blank text is dropped (returns None)."""
        text = _clean_block_text(text)
        if not text:
            return None
        if not self._page_open:
            self.start_page()
        if self._blocks:
            self._offset += len(BLOCK_SEPARATOR)
        start = self._offset
        self._offset += len(text)
        block = Block(
            kind=kind,
            text=text,
            page=len(self._pages) + 1,
            span=(start, self._offset),
            level=level,
            rows=rows,
            running=running,
        )
        self._blocks.append(block)
        return block

    def end_page(self, readable: bool | None = None) -> None:
        """Close the open page. ``readable`` defaults to 'has any text'."""
        if not self._page_open:
            self.start_page()
        is_readable = bool(self._blocks) if readable is None else readable
        self._pages.append(
            Page(
                number=len(self._pages) + 1,
                label=self._page_label,
                span=(self._page_start, self._offset),
                blocks=self._blocks,
                readable=is_readable,
            )
        )
        self._blocks = []
        self._page_open = False

    def build(self) -> Document:
        """Finish and return the Document."""
        if self._page_open or not self._pages:
            self.end_page()
        return Document(source=self._source, pages=self._pages, warnings=self._warnings)


def _clean_block_text(text: str) -> str:
    # NOTE: form feeds and blank-line runs inside a block would break the page/block separators that spans and
    # `extract --format text` rely on, so they are folded here once for every reader.
    text = text.replace("\f", "\n").replace("\r\n", "\n").replace("\r", "\n").strip()
    while "\n\n" in text:
        text = text.replace("\n\n", "\n")
    return text
