"""Judge a long draft's requirements in two processes that meet in the middle: this one forwards, a helper backwards.

Judging (~0.2 s on a 300-page report) is the last long step of an audit and runs after the extraction workers
are gone, so the second core idles through it. Every requirement's finding depends only on the index and the
requirement (``Auditor.judge``'s memo and release plan only save work), so two processes that each judge a part
from the same index, each with its own memo, find what one process finds; the findings come back in the order
of the requirements. The helper's findings travel pickled through a pipe from our own forked child (the model
classes are ours; nothing is stored, as with ``pdf_parallel``'s pages). A helper that fails leaves the rest to
this process, so the output never depends on whether or how the helper ran (tested).

NOTE: the parts are not fixed halves. What a requirement costs depends on the draft: the two halves of hkex-esg
cost 0.126 / 0.094 s on Moncler and 0.125 / 0.143 s on BMW (benchmarks/RESULTS-real.md, session 5), so fixed
halves left one process idle for 20-35 ms. Instead each process claims one requirement at a time on a shared
board (two integers in an anonymous shared mapping), and each stops when the next one is the other's. Without
atomic operations both may take the same requirement once, where they meet; the duplicate is dropped. No
requirement is ever skipped: each process claims before it judges, and stops only at a requirement already
claimed by the other.
"""

from __future__ import annotations

import mmap
import pickle
import struct
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from checker.evaluate.forked import fork_call, helpers_wanted

if TYPE_CHECKING:
    from checker.report.model import Finding

# NOTE: the helper pays ~5-10 ms (fork, its own release plan, shared predicates judged again, the findings'
# pickle); a draft whose folded text is shorter than this is judged in well under 0.1 s, so it is not split.
MIN_CHARS = 60_000
MIN_REQUIREMENTS = 8

T = TypeVar("T")
# judges ``requirements`` in order, asking ``take(number)`` before each and stopping at the first refusal
Judge = Callable[[Sequence[T], "Callable[[int], bool] | None"], "list[Finding]"]
_SLOT = struct.Struct("<q")


class _Board:
    """Where the two processes meet: the next requirement this process takes, the lowest the helper took."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.shared = mmap.mmap(-1, 2 * _SLOT.size)  # NOTE: anonymous and shared: the forked helper sees the same
        _SLOT.pack_into(self.shared, 0, 0)
        _SLOT.pack_into(self.shared, _SLOT.size, count)

    def forwards(self, number: int) -> bool:
        """Whether this process may judge requirement ``number`` (claiming it if so)."""
        if number >= _SLOT.unpack_from(self.shared, _SLOT.size)[0]:
            return False
        _SLOT.pack_into(self.shared, 0, number + 1)
        return True

    def backwards(self, number: int) -> bool:
        """Whether the helper may judge the ``number``-th requirement from the end (claiming it if so)."""
        position = self.count - 1 - number
        if position < _SLOT.unpack_from(self.shared, 0)[0]:
            return False
        _SLOT.pack_into(self.shared, _SLOT.size, position)
        return True


def plan_parts(requirements: Sequence[T]) -> list[Sequence[T]]:
    """The orders the two processes judge in (forwards here, backwards in the helper), for their release plans."""
    return [requirements, list(reversed(requirements))]


def judge_in_two(requirements: Sequence[T], judge: Judge[T], size: int) -> list[Finding]:
    """``judge(requirements)``, with a helper process judging from the end when that is worth it.

    Args:
        requirements: what to judge, in order.
        judge: judges requirements in the order given, asking its ``take`` argument before each (None: all).
        size: the length of the draft's folded text (small drafts are judged in this process).
    """
    if len(requirements) < MIN_REQUIREMENTS or size < MIN_CHARS or not helpers_wanted():
        return judge(requirements, None)
    board = _Board(len(requirements))
    backwards = plan_parts(requirements)[1]
    helper = fork_call(lambda: pickle.dumps(judge(backwards, board.backwards), protocol=pickle.HIGHEST_PROTOCOL))
    if helper is None:
        return judge(requirements, None)
    try:
        found = judge(requirements, board.forwards)
    except BaseException:
        helper.cancel()
        raise
    needed = len(requirements) - len(found)
    if needed == 0:
        helper.cancel()  # NOTE: this process got to the end first (a slow or stalled helper): nothing to wait for
        return found
    rest = _findings(helper.result(), needed)
    return found + (rest if rest is not None else judge(requirements[len(found) :], None))


def _findings(data: bytes | None, needed: int) -> list[Finding] | None:
    """The last ``needed`` findings, in order, from the helper's answer, or None when it sent none or too few."""
    if data is None:
        return None
    try:
        # NOTE: our own child's bytes, just written through a pipe (see the module docstring)
        backwards = pickle.loads(data)
    except Exception:
        return None
    if not isinstance(backwards, list) or len(backwards) < needed:
        return None
    # NOTE: the helper judged from the end; where the two met, both may have judged one requirement
    return list(reversed(backwards[:needed]))
