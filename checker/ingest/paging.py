"""Page-break bookkeeping shared by the readers of formats without real pages (text, Markdown, HTML, DOCX).

Those formats only *mark* page boundaries, and the marks are noisy: a file ends with a form feed, every section of an
HTML export carries ``page-break-before`` including the first one, Word writes both a hard break and a
``lastRenderedPageBreak`` for the same boundary. ``Pager`` turns the marks into pages consistently:

* a *hard* break (form feed, ``w:br w:type="page"``, a section break) always ends the page, so blank pages in the
  middle and at the start are kept and page numbers stay aligned with the printed document;
* a *soft* break (CSS ``break-before``, ``pageBreakBefore``, Word's last rendered pagination) is ignored before any
  content and when another break is already pending, because it then marks a boundary that already exists;
* a hard break after the last content still opens a (blank) page, as a form feed does in the shared chapter's
  ``.paged.txt`` (27 pages, the last one empty), so ``extract`` output read back keeps its page count; soft breaks
  after the last content are dropped.
"""

from __future__ import annotations

from checker.ingest.document import Block, BlockKind, Document, DocumentBuilder


class Pager:
    """Wraps a ``DocumentBuilder`` and applies page breaks lazily, when the next block arrives."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self._builder = builder
        self._pending = 0
        self._pending_hard = 0
        self._page_has_content = False
        self._labels: list[str | None] = []
        builder.start_page()

    @property
    def builder(self) -> DocumentBuilder:
        """The wrapped builder (for warnings)."""
        return self._builder

    def page_break(self, *, soft: bool = False, label: str | None = None) -> None:
        """Mark a page boundary before the next block.

        Args:
            soft: True for breaks that only restate pagination (see the module docstring).
            label: the printed page number of the page that starts here, when known.
        """
        if soft and (self._pending or not self._page_has_content):
            return
        self._labels.append(label)
        self._pending += 1
        self._pending_hard += 0 if soft else 1
        self._page_has_content = False

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int | None = None,
        rows: list[list[str]] | None = None,
    ) -> Block | None:
        """Add a block on the current page, first opening the pages that pending breaks ask for."""
        if not text.strip():
            return None
        for label in self._labels[-self._pending :] if self._pending else ():
            # NOTE: these formats carry text, never scans, so an empty page is a blank page and still "readable".
            self._builder.end_page(readable=True)
            self._builder.start_page(label=label)
        self._labels.clear()
        self._pending = 0
        self._pending_hard = 0
        self._page_has_content = True
        return self._builder.add_block(kind, text, level=level, rows=rows)

    def finish(self) -> Document:
        """Close the last page and build the Document; trailing hard breaks leave blank pages."""
        for label in self._labels[-self._pending_hard :] if self._pending_hard else ():
            self._builder.end_page(readable=True)
            self._builder.start_page(label=label)
        self._builder.end_page(readable=True)
        return self._builder.build()
