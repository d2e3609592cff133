"""Pausing the cyclic garbage collector while a document is built, indexed or judged."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocation that makes no reference cycles worth finding.

    Reading a report (its pages' blocks, the Document, the structure pass's copies of every block), loading and
    compiling the packs, and judging (~10^5 small tuples: hits, spans) allocate many small objects and free them
    by refcount; but each burst triggers generational collections that re-scan everything alive, the whole
    Document included: about a third of the evaluation time on a 300-page report, and ~20 ms each of a 359-page
    report's structure pass and of loading hkex-esg. Collection resumes (and catches up) when the block ends.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
