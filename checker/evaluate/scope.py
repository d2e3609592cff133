"""Topic scoping: an element's evidence must be about the requirement's subject.

A bare keyword is not a disclosure. "Risk assessment" in a data-privacy section is not a climate risk process, and
an "energy saving" theme in a charity programme is not the issuer's energy target. A passage is about the topic
when:

- its sentence (or its table row) holds a topic term, or
- it sits in a section whose heading names the topic, or in a section that is mostly about it (a "Financial
  Effects" section of a climate chapter whose sentences keep naming climate hazards and the transition), or
- it sits in a table that names the topic in its header row, or (for a hit in the header row) in any row, or
- the whole document is about the topic: its title page or running header names it (a TCFD report is about
  climate from its first page to its last),

and it does not sit in a section the requirement ignores (``ignore_under``). Requirements that need no subject
(``scope document``) are not scoped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from checker.evaluate.index import DocumentIndex
from checker.evaluate.predicates import AllOf, AnyOf, Hit, Match, NoneOf, Predicate, Terms
from checker.evaluate.structural import blocks_of_kind
from checker.ingest.document import BlockKind

TITLE_BLOCK_MAX_CHARS = 150
# A section is about the topic when at least this share of its sentences name it (and at least two do) ...
SECTION_AFFINITY = 0.25
# ... and it is a section, not most of a report under one heading a text export left standing: a share over a
# very long stretch would change when a chapter inside it is cut, and would let a passage count for a topic only
# because another chapter was removed.
SECTION_MAX_SENTENCES = 60


@dataclass(frozen=True)
class EvidenceScope:
    """Where passages about one topic may come from, in one document."""

    sentences: frozenset[int]
    blocks: frozenset[int]
    ignored: frozenset[int]
    whole_document: bool

    def keeps(self, index: DocumentIndex, hit: Hit) -> bool:
        """Whether ``hit`` is about the topic (and outside ignored sections)."""
        if hit.block in self.ignored:
            return False
        if self.whole_document or hit.block in self.blocks:
            return True
        positions = [start for start, _ in hit.parts] + [index.quantities[q].start for q in hit.quantities]
        starts = index.sentence_starts
        for position in positions or [hit.start]:
            if bisect_right(starts, position) - 1 in self.sentences:
                return True
            if index.block_at(position) in self.blocks:
                return True
        return False


def evidence_scope(
    index: DocumentIndex, cache: dict[int, Match], topic: Predicate, ignore: Predicate | None
) -> EvidenceScope:
    """The scope of ``topic`` (minus sections matching ``ignore``), computed once per document and pair."""
    key = ("scope", id(topic), id(ignore))
    found: EvidenceScope | None = index.memo.get(key)
    if found is not None:
        return found
    columns = _positions(index, cache, topic)
    ordinals: set[int] = set()
    for at, _ in columns:
        ordinals.update(map(bisect_right, repeat(index.sentence_starts), at))
    sentences = frozenset(ordinal - 1 for ordinal in ordinals)  # NOTE: index.sentence_at of each hit
    topic_headings = _heading_blocks(index, columns) | _sections_about(index, sentences)
    in_topic_sections = _blocks_under(index, topic_headings)
    blocks = set(in_topic_sections)
    text = index.folded.text
    labels = index.run_in_labels
    tables = blocks_of_kind(index, BlockKind.TABLE)  # NOTE: a set test per hit, not an enum member read
    for at, in_block in columns:
        for start, number in zip(at, in_block, strict=True):
            if number in blocks:
                continue  # NOTE: already in scope; a common term has thousands of hits in long tables
            if start < labels.get(number, -1):
                blocks.add(number)  # NOTE: the paragraph's run-in title names the topic, as a heading would
                continue
            if number in tables and text.find("\n", index.blocks[number].start, start) < 0:
                blocks.add(number)  # NOTE: the topic is named in the table's header row
    header_rows = _table_header_sentences(index) if any(at for at, _ in columns) else {}
    tables_with_topic = set().union(*(in_block for _, in_block in columns)) & blocks_of_kind(index, BlockKind.TABLE)
    # NOTE: a header cell ("base year", "2030 goal") speaks for every row below it, so a hit in the header row
    # is about the topic when any row of the table names it.
    sentences = sentences | frozenset(ordinal for ordinal, table in header_rows.items() if table in tables_with_topic)
    ignored: frozenset[int] = frozenset()
    if ignore is not None:
        ignored_headings = _heading_blocks(index, _positions(index, cache, ignore)) - topic_headings
        ignored = frozenset(_blocks_under(index, ignored_headings) - in_topic_sections)
    found = EvidenceScope(sentences, frozenset(blocks), ignored, _document_about(index, topic))
    index.memo[key] = found
    return found


def _blocks_under(index: DocumentIndex, headings: set[int]) -> set[int]:
    """The blocks with any of ``headings`` above them: the blocks of those sections, at every depth."""
    members = _section_blocks(index)
    return set().union(*(members.get(heading, ()) for heading in headings))


def _section_blocks(index: DocumentIndex) -> dict[int, list[int]]:
    """For every heading, the blocks it has above it (once per document).

    NOTE: each scope used to test every block's headings against its topic headings (5,500 blocks on BMW's
    questionnaire, ~15 scopes a report); this map is built in one pass and read per topic heading.
    """
    found: dict[int, list[int]] | None = index.memo.get("section_blocks")
    if found is None:
        found = {}
        for block in index.blocks:
            for heading in block.headings:
                found.setdefault(heading, []).append(block.index)
        index.memo["section_blocks"] = found
    return found


def _sections_about(index: DocumentIndex, sentences: frozenset[int]) -> set[int]:
    """Headings whose sections keep naming the topic: at least ``SECTION_AFFINITY`` of their sentences do."""
    members = _section_sentences(index)
    return {
        heading for heading, owned in members.items() if len(owned & sentences) >= max(2, SECTION_AFFINITY * len(owned))
    }


def _section_sentences(index: DocumentIndex) -> dict[int, set[int]]:
    """For every heading, the sentences of the body blocks in its section (once per document)."""
    found: dict[int, set[int]] | None = index.memo.get("section_sentences")
    if found is None:
        found = {}
        starts = index.sentence_starts
        for block in index.blocks:
            if not block.headings or not block.eligible or block.kind is BlockKind.HEADING:
                continue
            first = bisect_right(starts, block.start) - 1
            last = bisect_right(starts, max(block.start, block.end - 1)) - 1
            owned = range(first, last + 1)
            for heading in block.headings:
                found.setdefault(heading, set()).update(owned)
        index.memo["section_sentences"] = found
    return found


def _table_header_sentences(index: DocumentIndex) -> dict[int, int]:
    """Sentence ordinal of each table's header row -> the table's block index (once per document)."""
    found: dict[int, int] | None = index.memo.get("table_headers")
    if found is None:
        found = {index.sentence_at(b.start): b.index for b in index.blocks if b.kind is BlockKind.TABLE}
        index.memo["table_headers"] = found
    return found


_Columns = list[tuple[Sequence[int], Sequence[int]]]


def _positions(index: DocumentIndex, cache: dict[int, Match], topic: Predicate) -> _Columns:
    """Where ``topic``'s hits start and their blocks, as columns: all a scope needs to know of them.

    NOTE: a term list's are read from the index's arrays, not from its match: a subject names hundreds of terms,
    and building the Hit of every one of their occurrences only to take its start and block was the largest
    single allocation of a long report's audit. Duplicates (two terms, one place) change no set built from these.
    """
    if isinstance(topic, Terms):
        return [(index.term_starts[t], index.term_blocks[t]) for t in topic.terms if t in index.term_starts]
    hits = topic.evaluate(index, cache).hits
    return [([h.start for h in hits], [h.block for h in hits])]


def _heading_blocks(index: DocumentIndex, columns: _Columns) -> set[int]:
    # NOTE: set algebra in C over the hits' blocks (thousands for a topic's vocabulary), not a kind test per hit
    return set().union(*(in_block for _, in_block in columns)) & blocks_of_kind(index, BlockKind.HEADING)


def _document_about(index: DocumentIndex, topic: Predicate) -> bool:
    """Whether the report's title page or running header names the topic ("TCFD Report", "氣候相關財務揭露報告")."""
    if not isinstance(topic, Terms):
        return False
    # NOTE: the title context holds every running header (hundreds of lines on a long report); scopes share
    # their vocabularies, so each term is looked for once per document
    found: dict[str, bool] | None = index.memo.get("title_terms")
    if found is None:
        found = index.memo["title_terms"] = {}
    context = _title_context(index)
    for term in topic.terms:
        named = found.get(term.folded)
        if named is None:
            named = found[term.folded] = term.folded in context
        if named:
            return True
    return False


def _title_context(index: DocumentIndex) -> str:
    found: str | None = index.memo.get("title_context")
    if found is None:
        document = index.document
        texts = [b.text for b in document.blocks if b.running and len(b.text) <= TITLE_BLOCK_MAX_CHARS]
        if document.pages:
            texts += [b.text for b in document.pages[0].blocks if len(b.text) <= TITLE_BLOCK_MAX_CHARS][:6]
        from checker.ingest.normalize import fold

        found = fold("\n".join(texts)).text
        index.memo["title_context"] = found
    return found


def scoped_match(predicate: Predicate, index: DocumentIndex, cache: dict[int, Match], scope: EvidenceScope) -> Match:
    """``predicate``'s match with only the passages the scope keeps; each part of an ``and`` must keep one."""
    if isinstance(predicate, AllOf):
        parts = [scoped_match(part, index, cache, scope) for part in predicate.parts]
        if not all(m.ok for m in parts):
            return Match(False)
        return Match(True, tuple(h for m in parts for h in m.hits))
    if isinstance(predicate, AnyOf):
        parts = [scoped_match(part, index, cache, scope) for part in predicate.parts]
        ok = [m for m in parts if m.ok]
        return Match(bool(ok), tuple(h for m in ok for h in m.hits))
    match = predicate.evaluate(index, cache)
    if isinstance(predicate, NoneOf) or not match.ok or not match.hits:
        return match
    kept = tuple(h for h in match.hits if scope.keeps(index, h))
    return Match(bool(kept), kept)
