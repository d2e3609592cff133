"""Judge a long draft's requirements in two processes: the first half here, the second in a forked helper.

Judging (~0.2 s on a 300-page report) is the last long step of an audit and runs after the extraction workers
are gone, so the second core idles through it. Every requirement's finding depends only on the index and the
requirement (``Auditor.judge``'s memo and release plan only save work), so two processes that each judge a part
from the same index, each with its own memo, find what one process finds; the findings come back in the order
of the requirements. The helper's findings travel pickled through a pipe from our own forked child (the model
classes are ours; nothing is stored, as with ``pdf_parallel``'s pages). A helper that fails leaves its half to
this process, so the output never depends on whether or how the helper ran (tested).
"""

from __future__ import annotations

import pickle
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


def split_point(count: int) -> int:
    """Where the helper's part starts: the middle.

    NOTE: measured on the corpus reports, the two halves of hkex-esg cost 0.107 / 0.124 s on BMW and 0.123 / 0.081 s
    on Moncler, each judged with its own memo (benchmarks/RESULTS-real.md, session 4).
    """
    return count // 2


def judge_in_two(requirements: Sequence[T], judge: Callable[[Sequence[T]], list[Finding]], size: int) -> list[Finding]:
    """``judge(requirements)``, with the second half judged in a helper process when that is worth it.

    Args:
        requirements: what to judge, in order.
        judge: judges a part of ``requirements`` (a consecutive slice) and returns its findings in order.
        size: the length of the draft's folded text (small drafts are judged in this process).
    """
    if len(requirements) < MIN_REQUIREMENTS or size < MIN_CHARS or not helpers_wanted():
        return judge(requirements)
    middle = split_point(len(requirements))
    first, second = requirements[:middle], requirements[middle:]
    helper = fork_call(lambda: pickle.dumps(judge(second), protocol=pickle.HIGHEST_PROTOCOL))
    if helper is None:
        return judge(requirements)
    try:
        found = judge(first)
    except BaseException:
        helper.cancel()
        raise
    rest = _findings(helper.result(), len(second))
    return found + (rest if rest is not None else judge(second))


def _findings(data: bytes | None, count: int) -> list[Finding] | None:
    """The helper's ``count`` findings, or None when it sent none (it failed) or not those."""
    if data is None:
        return None
    try:
        # NOTE: our own child's bytes, just written through a pipe (see the module docstring)
        rest = pickle.loads(data)
    except Exception:
        return None
    return rest if isinstance(rest, list) and len(rest) == count else None
