"""An omission explained with its plan: the plan and the statement of the omission are no disclosure.

A report that has not yet done what an item asks (no scenario analysis run, no target set, Scope 3 deferred) says so
under the item's own heading, gives its reason, and then sets out its plan: "Q2-Q3 2026: carry out a qualitative
scenario analysis", "於2027年上半年設定量化減排目標", "when we announce the target we will state which gases it
covers". The plan names everything the item would hold, and so does the statement of the omission ("this report does
not describe scenarios, assumptions or results", "本報告不涉及目標所覆蓋的溫室氣體種類"): their sentences meet the
item's elements, and the explanation reads as a disclosure.

So where the requirement's explanation is found, the sentences of the section it sits in (the section under the
nearest heading that names the requirement's topic) that state an omission or an absence, or set out what will be
done (a plan cue, or a year after the reporting year), do not meet its elements. A sentence that also gives a figure
("we will cut Scope 1 emissions by 30% by 2030") still does, and so does anything outside the section: the draft is
then judged on what it discloses, as before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from checker.evaluate.compile import CompiledRequirement
from checker.evaluate.explanations import topic_headings
from checker.evaluate.index import BlockInfo, DocumentIndex
from checker.evaluate.predicates import Hit, Match
from checker.ingest.document import BlockKind
from checker.ingest.units import UnitKind

# Kinds that date a plan or count its steps rather than disclose a measure ("Q2 2026", "at least one scenario").
_NOT_FIGURES = frozenset({UnitKind.YEAR.value, UnitKind.NUMBER.value, UnitKind.COUNT.value})
# A section under a heading that does not name the topic ("Climate Resilience" for a scenario item) is the
# explanation's own only while it is short: a long one is a chapter, and its plans are for other items.
SECTION_MAX_BLOCKS = 12
OPENING_BLOCKS = 2
OPENING_SENTENCES = 2
REASON_SENTENCES = 2


def planned_sentences(
    req: CompiledRequirement, index: DocumentIndex, cache: dict[int, Match], year: int | None
) -> frozenset[int]:
    """The sentences (ordinals) of the explanation's section that state the omission or the plan, if any.

    Empty for a requirement that ``grants`` a relief: the draft's statement of the relief ("Scope 3 is not disclosed
    under the first-year relief") is what meets it.
    """
    planned = req.planned
    if planned is None or req.spec.grants:
        return frozenset()
    reasons = list(req.opening.evaluate(index, cache).hits) if req.opening is not None else []
    opened = opening_absence(req, index, cache)
    if opened is not None:
        reasons.append(opened)
    if not reasons:
        return frozenset()
    named = topic_headings(req.topic, index, cache)
    spans = {span for hit in reasons if (span := _section(index, hit, named)) is not None}
    cues = _sentences_of(index, planned.evaluate(index, cache).hits)
    found: set[int] = set()
    for start, end in spans:
        first, last = index.sentence_at(start), index.sentence_at(max(start, end - 1))
        figured, future = _dated_sentences(index, start, end, year)
        found.update(s for s in range(first, last + 1) if (s in cues or s in future) and s not in figured)
    return frozenset(found)


def opening_absence(req: CompiledRequirement, index: DocumentIndex, cache: dict[int, Match]) -> Hit | None:
    """A stated absence of the item that opens its section, with more said after it: the item's explanation.

    "## GHG reduction target / We have not yet set a reduction target. [why, and the plan]": a section kept under the
    item's heading to say it is not there yet is the report's explanation, whether or not its reason is worded with
    "because" (the reason is the rest of the section). The absence must name the topic or sit under a heading that
    does, be said in the first two sentences of the section's first paragraph, and be followed by at least
    ``REASON_SENTENCES`` more: a bare "no target has been set" explains nothing.
    """
    if req.absence is None or req.topic is None:
        return None
    absent = req.absence.evaluate(index, cache)
    if not absent.ok:
        return None
    named = topic_headings(req.topic, index, cache)
    topic_sentences = _sentences_of(index, req.topic.evaluate(index, cache).hits)
    at = index.sentence_at
    for hit in absent.hits:
        block = index.blocks[hit.block]
        if not (block.eligible and block.headings) or block.kind is BlockKind.HEADING:
            continue
        heading = block.headings[-1]
        sentence = at(hit.start)
        if heading not in named and sentence not in topic_sentences:
            continue
        first = next((b for b in index.blocks[heading + 1 : hit.block + 1] if b.kind is not BlockKind.HEADING), None)
        if first is None or first.index != hit.block or sentence - at(block.start) >= OPENING_SENTENCES:
            continue
        end = _section_end(index, heading)
        if at(max(end - 1, hit.end)) - sentence >= REASON_SENTENCES:
            return hit
    return None


def keep_disclosed(match: Match, index: DocumentIndex, planned: frozenset[int]) -> Match:
    """``match`` without the hits said wholly in planned sentences.

    A hit made of parts in several sentences (a ``near`` over a block) stays when one of them is outside the plan:
    "2024 is our first year under IFRS S2" is said, whatever the next sentence of its paragraph leaves out.
    """
    if not planned or not match.ok:
        return match
    at = index.sentence_at
    kept = tuple(h for h in match.hits if not all(at(start) in planned for start, _ in h.parts or ((h.start, h.end),)))
    return match if len(kept) == len(match.hits) else Match(bool(kept), kept)


def _section(index: DocumentIndex, hit: Hit, named: frozenset[int]) -> tuple[int, int] | None:
    """The folded span of the section the explanation at ``hit`` opens, if it opens one.

    The section is the one under the nearest heading above ``hit`` that names the topic, else under the nearest
    heading while that section is short. The explanation opens it when it is in its first two body blocks: an item
    not given is said so at once ("We have not yet set a target."), while an omission phrase deep in a section is
    about some detail of what the section does disclose.
    """
    block = index.blocks[hit.block]
    heading = next((h for h in reversed(block.headings) if h in named), None)
    limit = len(index.blocks)
    if heading is None:
        if not block.headings:
            return None
        heading, limit = block.headings[-1], SECTION_MAX_BLOCKS
    inside = _section_blocks(index, heading)
    body = [b.index for b in inside if b.kind is not BlockKind.HEADING]
    if len(inside) > limit or hit.block not in body[:OPENING_BLOCKS]:
        return None
    return index.blocks[heading].end, (inside[-1] if inside else index.blocks[heading]).end


def _section_end(index: DocumentIndex, heading: int) -> int:
    """The folded offset where the section under ``heading`` ends."""
    inside = _section_blocks(index, heading)
    return (inside[-1] if inside else index.blocks[heading]).end


def _section_blocks(index: DocumentIndex, heading: int) -> list[BlockInfo]:
    """The blocks under ``heading``, its sub-headings' included, in order."""
    inside = []
    for later in index.blocks[heading + 1 :]:
        if heading not in later.headings:
            break
        inside.append(later)
    return inside


def _sentences_of(index: DocumentIndex, hits: tuple[Hit, ...]) -> frozenset[int]:
    at = index.sentence_at
    return frozenset(at(h.start) for h in hits)


def _dated_sentences(index: DocumentIndex, start: int, end: int, year: int | None) -> tuple[set[int], set[int]]:
    """The sentences in ``start``-``end`` that give a figure, and those that name a year after ``year`` (if known)."""
    quantities = index.quantities
    starts = index.memo.get("quantity_starts")
    if starts is None:
        starts = index.memo["quantity_starts"] = [q.start for q in quantities]
    figured: set[int] = set()
    future: set[int] = set()
    for q in quantities[bisect_left(starts, start) : bisect_right(starts, end)]:
        sentence = index.sentence_at(q.start)
        if q.kind == UnitKind.YEAR.value:
            if year is not None and q.value > year and not q.is_year_range:
                future.add(sentence)
        elif q.kind not in _NOT_FIGURES:
            figured.add(sentence)
    return figured, future
