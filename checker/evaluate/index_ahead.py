"""Match a long draft's terms and scan its quantities in a helper process while the structure pass runs.

Once a draft's pages are read, an audit runs the structure pass (~0.13-0.18 s on a 300-page report), then builds
the index, whose term pass and quantity scan (~0.12 s) depend only on the folded text (``text_facts``). With a
core free, ``ahead_of_index`` forks a helper (``forked``) as soon as the text is folded, the structure pass runs
here meanwhile, and the index takes the helper's facts instead of computing them (``claim``). Without a helper,
or when it fails, the index computes the same facts itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from checker.evaluate.forked import Helper, fork_call, helpers_wanted
from checker.evaluate.text_facts import TextFacts, compute, decode, encode

if TYPE_CHECKING:
    from checker.evaluate.matcher import TermMatcher
    from checker.ingest.document import Document

# NOTE: forking and the transfer cost a few ms against ~0.25 ms of term pass and scan per 1,000 folded characters;
# below this a draft's facts are computed here (samples and short drafts never fork).
MIN_CHARS = 60_000

_pending: tuple[TermMatcher, str, Helper] | None = None


@contextmanager
def ahead_of_index(matcher: TermMatcher) -> Iterator[None]:
    """While a draft is read and judged inside this block, compute its text facts beside the structure pass.

    A helper that the index never claimed (the Document came from the cache, or an error ended the block) is
    stopped when the block ends.
    """
    from checker.ingest.registry import text_listener

    try:
        with text_listener(lambda document: _start(document, matcher)):
            yield
    finally:
        cancel()


def _start(document: Document, matcher: TermMatcher) -> None:
    """Fork the helper for ``document``, whose text is final (its structure pass is about to run)."""
    global _pending
    cancel()
    folded = document.folded()
    if len(folded.text) < MIN_CHARS or not helpers_wanted():
        return

    def work() -> bytes:
        starts = [folded.to_folded(block.span[0]) for block in document.blocks]
        return encode(compute(folded.text, starts, matcher), matcher)

    helper = fork_call(work)
    if helper is not None:
        _pending = (matcher, folded.text, helper)


def running() -> bool:
    """Whether a helper is computing a draft's facts that no index has claimed yet."""
    return _pending is not None


def claim(text: str, matcher: TermMatcher) -> TextFacts | None:
    """The facts a helper computed for folded ``text`` and ``matcher``, or None (then compute them)."""
    global _pending
    if _pending is None:
        return None
    started_matcher, started_text, helper = _pending
    _pending = None
    if started_matcher is not matcher or (started_text is not text and started_text != text):
        helper.cancel()
        return None
    data = helper.result()
    return None if data is None else decode(data, matcher)


def cancel() -> None:
    """Stop a helper nothing claimed."""
    global _pending
    if _pending is not None:
        _pending[2].cancel()
        _pending = None
