"""The anchors of ``near(..., within=N)`` that can have a partner in every other operand, found for all at once.

``Near._within_chars`` scans, for each hit of the first operand (the anchor) and each other operand, the hits that
start between ``anchor.start - reach`` and ``anchor.end + N``; when there are none for some operand the anchor
yields nothing. Most anchors are such (~87% on BMW's questionnaire and Moncler's statement: a common vocabulary
or every figure of a report beside a rarer phrase), and the Python loop paid ~1 us an anchor to find that out.
Two C-level maps of bisect per operand over all anchors find them first; the loop then scans only the others,
exactly as before and in the same order, so the result is the same hit for hit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress, repeat
from operator import itemgetter, lt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.evaluate.predicates import Hit

_START = itemgetter(0)
_END = itemgetter(1)


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
