"""Which requirement an index row named by its topic explains ("內部碳價 | 不適用：本集團未採用內部碳定價").

The claims reader keeps the content-index rows that give a reason and carry no code (``checker.claims.topic_rows``).
Here they are read with the packs' own terms, as a small document of their own, one block a row: a row explains
the requirements whose topic terms it names, exactly as a sentence in the body that names the topic and gives a
reason does. The row stays index evidence (``from_index``): the engine asks for it only when the body discloses
none of the requirement and gives no reason of its own.
"""

from __future__ import annotations

import hashlib

from checker.claims.model import TopicRow
from checker.evaluate.index import DocumentIndex
from checker.evaluate.predicates import Match, Predicate
from checker.ingest.document import BlockKind, Document, DocumentBuilder, SourceInfo
from checker.report.model import Evidence

_MEMO_KEY = "index-topic-rows"


def topic_row_explanation(topic: Predicate, index: DocumentIndex) -> Evidence | None:
    """The first uncoded index row that gives a reason and names ``topic``, as index evidence."""
    claims = index.document.content_index
    if claims is None or not claims.topic_rows:
        return None
    rows_index, cache = _rows_index(index, claims.topic_rows)
    hits = topic.evaluate(rows_index, cache).hits
    if not hits:
        return None
    row = claims.topic_rows[min(hit.block for hit in hits)]
    return Evidence(page=row.page, text=row.text, span=row.span, block_kind="content_index", from_index=True)


def _rows_index(index: DocumentIndex, rows: list[TopicRow]) -> tuple[DocumentIndex, dict[int, Match]]:
    """The rows as a document of one paragraph each, matched once per audited document."""
    found: tuple[DocumentIndex, dict[int, Match]] | None = index.memo.get(_MEMO_KEY)
    if found is None:
        data = "\n".join(row.item or row.text for row in rows).encode("utf-8")
        source = SourceInfo(
            path="<content index rows>", format="text", sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data)
        )
        builder = DocumentBuilder(source)
        builder.start_page()
        for row in rows:
            # NOTE: rows are stripped and non-empty, so block number = row number.
            # NOTE: a reason labelled with one item explains that item, not the row's other items.
            builder.add_block(BlockKind.PARAGRAPH, row.item or row.text)
        builder.end_page()
        document: Document = builder.build()
        found = (DocumentIndex(document, index.matcher), {})
        index.memo[_MEMO_KEY] = found
    return found
