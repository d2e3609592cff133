"""``near(..., within=sentence)`` without grouping every operand's hits by sentence.

``near`` by sentence keeps the sentences where every operand has a hit and combines their hits there. Grouping
each operand's hits by sentence (``predicates._grouped``) costs ~0.3 us a hit, and on a long report most of the
~10^5 hits grouped are those of a few large operands (a topic's vocabulary, "climate", every figure) paired with
a small one (a policy phrase with a dozen hits). Only the operand with the fewest hits is grouped here; another
operand whose hits are in start order (nearly all are: term lists, quantities, and ``near``'s own output) gives
its hits in a sentence as one slice between two bisections of its starts, and one that is not is grouped as
before. The result is ``_same_unit`` of all the groupings, hit for hit: the same sentences, each operand's hits
in its own order, operands in order; and since a combined hit starts in its sentence, sorting by start orders
them as before, whatever order the sentences were visited in (tested against the grouping of every operand).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.evaluate.predicates import _START, Hit, Match, _combine, _grouped, _Groups, _start

if TYPE_CHECKING:
    from checker.evaluate.index import DocumentIndex


def same_sentence(index: DocumentIndex, matches: Sequence[Match]) -> Match:
    """The hits of every operand, combined per sentence where all of them have one, in start order."""
    smallest = min(range(len(matches)), key=lambda i: len(matches[i].hits))
    groups = _grouped(index, matches[smallest].hits, "sentence")
    located: list[tuple[Sequence[Hit], list[int]] | _Groups | None] = []
    for number, match in enumerate(matches):
        if number == smallest:
            located.append(None)
            continue
        starts = _starts_in_order(index, match.hits)
        located.append(_grouped(index, match.hits, "sentence") if starts is None else (match.hits, starts))
    sentence_starts = index.sentence_starts
    count = len(sentence_starts)
    out: list[Hit] = []
    for key, own in groups.items():
        # NOTE: a group's key is bisect_right's answer (``predicates._group``): the sentence numbered key - 1,
        # [sentence_starts[key - 1], sentence_starts[key]); key 0 is any text before the first sentence start
        assert isinstance(key, int)
        parts: list[Hit] = []
        for found in located:
            if found is None:
                parts.extend(own)
            elif isinstance(found, dict):
                grouped = found.get(key)
                if grouped is None:
                    break
                parts.extend(grouped)
            else:
                hits, starts = found
                low = bisect_left(starts, sentence_starts[key - 1]) if key > 0 else 0
                high = bisect_left(starts, sentence_starts[key]) if key < count else len(starts)
                if low == high:
                    break
                parts.extend(hits[low:high])
        else:
            out.append(_combine(parts))
    out.sort(key=_start)
    return Match(bool(out), tuple(out))


def _starts_in_order(index: DocumentIndex, hits: tuple[Hit, ...]) -> list[int] | None:
    """The hits' starts when they are in start order (None when not); once per document and hit list."""
    key = ("starts", id(hits))
    found: tuple[tuple[Hit, ...], list[int] | None] | None = index.memo.get(key)
    if found is None or found[0] is not hits:
        starts = list(map(_START, hits))
        # NOTE: holding ``hits`` keeps its id from being reused while the memo lives (``release`` drops both)
        found = (hits, starts if starts == sorted(starts) else None)
        index.memo[key] = found
    return found[1]
