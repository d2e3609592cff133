"""Percentages that are the parts of one whole: together they make 100%.

"Of the employees trained, 57% were women and 43% men" gives the make-up of the trainees, not the share of women
trained. Reports print both forms under the same labels ("Female | 57.0%"), so the words cannot tell them apart;
the figures can. Percentages that sum to 100 are parts of one whole when they are

- the figures of one table column in consecutive rows (a breakdown printed down the side), or
- consecutive percentages of one sentence or table row (a breakdown printed across it: "95% of staff were
  trained, 58% of them men and 42% women").

``quantity(percent, of=share)`` leaves them out: a group's own share ("93% of women were trained") is never one of
a set that makes 100%, unless every group is at 100%, which is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.evaluate.table_cells import body_column
from checker.ingest.document import BlockKind

if TYPE_CHECKING:
    from checker.evaluate.index import BlockInfo, QuantityHit

# NOTE: a breakdown has two to six parts; more is a long column where some run would sum to 100 by chance.
_MIN_PARTS, _MAX_PARTS = 2, 6
# NOTE: the largest rounding allowance ``_whole`` grants any window
_MAX_TOLERANCE = 1.0


def composition_quantities(
    text: str,
    blocks: Sequence[BlockInfo],
    quantities: Sequence[QuantityHit],
    quantity_blocks: Sequence[int],
    sentence_starts: Sequence[int],
) -> frozenset[int]:
    """Numbers of the percentages that are parts of a whole (see the module)."""
    found: set[int] = set()
    by_sentence: dict[int, list[int]] = defaultdict(list)
    by_column: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # (block, column) -> (row, number)
    for i, quantity in enumerate(quantities):
        if quantity.kind != "percent":
            continue
        by_sentence[bisect_right(sentence_starts, quantity.start)].append(i)
        block = blocks[quantity_blocks[i]]
        if block.kind is BlockKind.TABLE:
            column = body_column(text, block.start, quantity.start)
            if column is not None:  # NOTE: a figure in the header row is no part of a column
                row = text.count("\n", block.start, quantity.start)
                by_column[(block.index, column)].append((row, i))
    for members in by_sentence.values():
        found.update(_parts_in_run(members, quantities))
    for cells in by_column.values():
        for run in _consecutive_rows(cells):
            found.update(_parts_in_run(run, quantities))
    return frozenset(found)


def _consecutive_rows(cells: list[tuple[int, int]]) -> list[list[int]]:
    """The column's figures split where a row without a percentage breaks the run (one figure per row)."""
    runs: list[list[int]] = []
    last_row = -2
    for row, number in cells:
        if row == last_row:
            continue  # NOTE: two figures in one cell ("14; 8.6%") belong to one row: the first stands for it
        if row != last_row + 1:
            runs.append([])
        runs[-1].append(number)
        last_row = row
    return runs


def _parts_in_run(run: list[int], quantities: Sequence[QuantityHit]) -> set[int]:
    """The figures of every window of consecutive figures in ``run`` that makes a whole.

    ``run`` is a column's figures in consecutive rows, or one sentence's percentages.
    """
    parts: set[int] = set()
    values = [quantities[i].value for i in run]
    count = len(values)
    for start in range(count):
        total = 0.0
        for end in range(start + 1, min(count, start + _MAX_PARTS) + 1):
            total += values[end - 1]
            # NOTE: a window past 100 plus the largest rounding allowance only grows (a negative figure makes any
            # window holding it no breakdown), so the longer ones need no check; most runs stop at their first pair
            if total > 100 + _MAX_TOLERANCE:
                break
            if end - start >= _MIN_PARTS and abs(total - 100) <= _MAX_TOLERANCE and _whole(values[start:end]):
                parts.update(run[start:end])
    return parts


def _whole(values: list[float]) -> bool:
    """Whether the percentages add up to 100, allowing for each one's rounding; a set of 100%s is no breakdown."""
    if all(v >= 100 for v in values) or any(v <= 0 or v >= 100 for v in values):
        return False
    # NOTE: whole percentages are each off by up to 0.5, but a real breakdown's errors rarely add to more than 1
    tolerance = _MAX_TOLERANCE if all(v == int(v) for v in values) else 0.05 * len(values) + 0.01
    return abs(sum(values) - 100) <= tolerance
