"""``near(..., within=N)``: hits of every operand in one window of about N characters on one page.

For each hit of the first operand (the anchor) and each other operand, the scan reads the hits that start between
``anchor.start - reach`` and ``anchor.end + N`` and keeps the closest. When there are none for some operand the
anchor yields nothing. Most anchors are such (~87% on BMW's questionnaire and Moncler's statement: a common
vocabulary or every figure of a report beside a rarer phrase), and the Python scan paid ~1 us an anchor to find
that out; ``with_candidates`` finds them for all anchors at once with two C-level maps of bisect per operand, and
the scan then reads only the others, exactly as before and in the same order, so the result is the same hit for hit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from operator import itemgetter, lt

from checker.evaluate.index import BlockInfo, DocumentIndex
from checker.evaluate.predicates import Hit, Match, _by_start, _combine, _longest
from checker.ingest.document import BlockKind

_START = itemgetter(0)
_END = itemgetter(1)


def within_chars(index: DocumentIndex, matches: list[Match], distance: int) -> Match:
    """Each anchor with the closest hit of every other operand on its page, all in one window of ~N characters."""
    # NOTE: a candidate that starts more than distance + its length before the anchor cannot be within
    # distance of it; 400 bounds the look-back whatever the length.
    others = [
        (hits, starts, pages, distance + min(400, longest))
        for hits, starts, pages, longest in (_by_start(index, m.hits) for m in matches[1:])
    ]
    blocks = index.blocks
    out: list[Hit] = []
    anchors = with_candidates(matches[0].hits, [(starts, reach) for _, starts, _, reach in others], distance)
    for anchor in anchors:
        a_start, a_end = anchor.start, anchor.end
        page = blocks[anchor.block].page
        chosen = [anchor]
        for hits, starts, pages, reach in others:
            best: Hit | None = None
            best_gap = distance + 1
            lo = bisect_left(starts, a_start - reach)
            limit = a_end + distance
            for k in range(lo, len(hits)):
                candidate = hits[k]
                c_start = candidate[0]
                if c_start > limit:
                    break
                # NOTE: max(0, c_start - a_end, a_start - c_end) without the call: at most one of the two is
                # positive. The cheap tests come before the table test (pure, so the order changes nothing).
                if c_start > a_end:
                    gap = c_start - a_end
                else:
                    gap = a_start - candidate[1]
                    if gap < 0:
                        gap = 0
                if gap >= best_gap or pages[k] != page:
                    continue
                if candidate[2] != anchor[2] and _figure_leaves_table(blocks, anchor, candidate):
                    continue  # NOTE: a table's figure belongs to its row and columns, not to the next paragraph
                best, best_gap = candidate, gap
                if not gap:
                    break  # NOTE: nothing after can be closer; the first of the closest is kept
            if best is None:
                break
            chosen.append(best)
        else:
            # NOTE: every operand must fit in one window of N characters, not merely each be N from the
            # anchor; otherwise a term N before and another N after would count as "near" each other.
            if max(h.end for h in chosen) - min(h.start for h in chosen) <= distance + _longest(chosen):
                out.append(_combine(chosen, anchor.block))
    return Match(bool(out), tuple(out))


# A table's caption: the short block right before it ("Scope 3 emissions (tCO2e)") speaks for its figures.
CAPTION_MAX_CHARS = 120


def _figure_leaves_table(blocks: Sequence[BlockInfo], one: Hit, other: Hit) -> bool:
    """Whether two hits in different blocks join a table's figure to text outside the table and its caption."""
    for figure, text in ((one, other), (other, one)):
        table = blocks[figure.block]
        if figure.quantities and table.kind is BlockKind.TABLE:
            caption = blocks[text.block]
            if not (text.block == figure.block - 1 and caption.end - caption.start <= CAPTION_MAX_CHARS):
                return True
    return False


def with_candidates(anchors: Sequence[Hit], operands: Sequence[tuple[list[int], int]], distance: int) -> list[Hit]:
    """The anchors, in order, with a hit of every operand (its starts in order, its look-back) in their window."""
    kept = list(anchors)
    starts = list(map(_START, kept))
    limits = [end + distance for end in map(_END, kept)]
    for hit_starts, reach in operands:
        if not kept:
            break
        # NOTE: the window the scan reads: from the first hit starting at or after start - reach, while hits start
        # at or before end + N; it is empty when no hit starts in [start - reach, end + N]
        lows = map(bisect_left, repeat(hit_starts), [start - reach for start in starts])
        highs = map(bisect_right, repeat(hit_starts), limits)
        found = list(map(lt, lows, highs))
        kept = list(compress(kept, found))
        starts = list(compress(starts, found))
        limits = list(compress(limits, found))
    return kept
