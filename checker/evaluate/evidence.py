"""Turn proving hits into evidence a reviewer reads: page, original wording, matched terms and quantities."""

from __future__ import annotations

import heapq
from operator import itemgetter

from checker.evaluate.index import DocumentIndex
from checker.evaluate.predicates import Hit, TermHit
from checker.ingest.document import BlockKind
from checker.report.model import Evidence

MAX_SNIPPET = 320


class EvidenceBuilder:
    """Renders hits as Evidence, showing the original text of the sentence(s) around each hit."""

    def __init__(self, index: DocumentIndex) -> None:
        """Render against ``index``."""
        self.index = index
        self.text = index.document.text
        self.blocks = index.document.blocks
        self.labels = [page.label for page in index.document.pages]
        # NOTE: a table's passage shows its figures with their labels; a heading names a topic, and the passage under
        # it is what discloses. Read once per block here, not per hit scored (an enum's value is a Python-level
        # descriptor on 3.11, and a common term has thousands of hits).
        table, heading = BlockKind.TABLE, BlockKind.HEADING
        self._bonus = [3 if b.kind is table else -5 if b.kind is heading else 0 for b in index.blocks]

    def _score(self, hit: Hit) -> tuple[int, int]:
        # NOTE: a term hit's one part is itself and it has no quantities: 1, without building its parts
        matched = 1 if type(hit) is TermHit else len(set(hit[3])) + 2 * len(hit[4])
        return matched + self._bonus[hit[2]], -hit[0]

    def passages(self, hits: tuple[Hit, ...] | list[Hit], element: str | None, limit: int) -> list[Evidence]:
        """The best ``limit`` passages among ``hits``, at most one per block."""
        # NOTE: the same passages as walking all hits best first and keeping each block's first: every block's best
        # hit (the earliest among equals), then the ``limit`` best of those, again earliest first among equals
        # (``nlargest`` is documented to equal a stable sort). A common term has thousands of hits; sorting them
        # all to show three grew faster than the document.
        best: dict[int, tuple[tuple[int, int], int, Hit]] = {}
        for order, hit in enumerate(hits):
            score = self._score(hit)
            current = best.get(hit.block)
            if current is None or score > current[0]:
                best[hit.block] = (score, order, hit)
        leaders = sorted(best.values(), key=itemgetter(1))
        return [self.render(hit, element) for _, _, hit in heapq.nlargest(limit, leaders, key=itemgetter(0))]

    def render(self, hit: Hit, element: str | None) -> Evidence:
        """One hit as Evidence with the original wording.

        A hit found by character proximity can span blocks (a label block and the figures block of a PDF table);
        then each block contributes its own short passage, joined with an ellipsis.
        """
        index = self.index
        anchors = [start for start, _ in hit.parts] + [index.quantities[q].start for q in hit.quantities]
        by_block: dict[int, list[int]] = {}
        for position in sorted(anchors or [hit.start]):
            by_block.setdefault(index.block_at(position), []).append(position)
        pieces = [self._snippet(block, positions) for block, positions in sorted(by_block.items())[:4]]
        first_block = min(by_block)
        start, end = pieces[0][0], pieces[-1][1]
        if len(pieces) > 1:
            text = " … ".join(self.text[s:e].strip() for s, e in pieces)
        else:
            text = self.text[start:end].strip()
        terms = [self._original(s, e) for s, e in hit.parts]
        quantities = [self._original(index.quantities[q].start, index.quantities[q].end) for q in hit.quantities]
        block = self.blocks[first_block]
        return Evidence(
            page=block.page,
            page_label=self.labels[block.page - 1],
            section=" > ".join(block.section[-3:]) if block.section else None,
            text=text,
            span=(start, end),
            terms=list(dict.fromkeys(terms)),
            quantities=list(dict.fromkeys(quantities)),
            block_kind=index.blocks[first_block].kind.value,
            element=element,
        )

    def _original(self, start: int, end: int) -> str:
        o_start, o_end = self.index.original_span(start, end)
        return self.text[o_start:o_end]

    def _snippet(self, block_index: int, positions: list[int]) -> tuple[int, int]:
        """Original [start, end) of the sentence(s) in one block that hold ``positions``, at most MAX_SNIPPET."""
        index = self.index
        block = self.blocks[block_index]
        if index.blocks[block_index].kind.value == "table" and len(block.text) <= MAX_SNIPPET:
            return block.span
        s_start, _ = index.sentence_bounds(positions[0])
        _, s_end = index.sentence_bounds(positions[-1])
        start, end = index.original_span(s_start, max(s_end, s_start + 1))
        start, end = max(start, block.span[0]), min(max(end, start), block.span[1])
        if end - start > MAX_SNIPPET:
            centre = index.original_span(positions[0], positions[0] + 1)[0]
            start = max(block.span[0], centre - MAX_SNIPPET // 3)
            end = min(block.span[1], start + MAX_SNIPPET)
        return start, end

    @staticmethod
    def merge(passages: list[Evidence]) -> list[Evidence]:
        """Deduplicate passages across elements (same span), keeping page order."""
        unique: dict[tuple[int, int], Evidence] = {}
        for passage in passages:
            unique.setdefault(passage.span, passage)
        return sorted(unique.values(), key=lambda e: (e.page, e.span))
