"""Explanations given under the topic's own heading ("Packaging Materials" / "Not applicable to our services").

A report that explains an omission often does it in the section the item would have filled: the heading names the
topic and the sentence under it gives the reason without naming the topic again ("此項不適用於本集團業務",
"Not material for an office-based business."). The default comply-or-explain test (an omission phrase and a topic
term in one sentence) misses that form.

Only the nearest heading counts, not a chapter's title, and only a short section (the heading, then the reason):
"not applicable" somewhere in a long Environment or Metrics section is about something else in it, not an
explanation for every KPI whose topic the heading names. And the engine asks this only when the body discloses
none of the requirement's elements, since a KPI disclosed in part is judged on what it discloses.
"""

from __future__ import annotations

from checker.evaluate.index import DocumentIndex
from checker.evaluate.predicates import Hit, Match, Predicate
from checker.ingest.document import BlockKind

SECTION_MAX_BLOCKS = 3


def explained_under_heading(
    index: DocumentIndex, cache: dict[int, Match], topic: Predicate, omission: Predicate
) -> Hit | None:
    """The first omission phrase whose nearest heading names the topic, if any."""
    headings = topic_headings(topic, index, cache)
    if not headings:
        return None
    sizes = _section_sizes(index)
    for hit in omission.evaluate(index, cache).hits:
        block = index.blocks[hit.block]
        if not (block.eligible and block.headings) or block.headings[-1] not in headings:
            continue
        if sizes.get(block.headings[-1], 0) <= SECTION_MAX_BLOCKS:
            return hit
    return None


def topic_headings(topic: Predicate | None, index: DocumentIndex, cache: dict[int, Match]) -> frozenset[int]:
    """The heading blocks that name ``topic`` (none without a topic)."""
    if topic is None:
        return frozenset()
    blocks = index.blocks
    return frozenset(h.block for h in topic.evaluate(index, cache).hits if blocks[h.block].kind is BlockKind.HEADING)


def _section_sizes(index: DocumentIndex) -> dict[int, int]:
    """Body blocks directly under each heading (once per document)."""
    found: dict[int, int] | None = index.memo.get("section_sizes")
    if found is None:
        found = {}
        for block in index.blocks:
            if block.eligible and block.headings and block.kind is not BlockKind.HEADING:
                found[block.headings[-1]] = found.get(block.headings[-1], 0) + 1
        index.memo["section_sizes"] = found
    return found
