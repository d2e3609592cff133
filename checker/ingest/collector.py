"""Pausing the cyclic garbage collector while a document is built, indexed or judged."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze_on_resume = False


def freeze_on_resume(on: bool = True) -> None:
    """Have ``gc_paused`` move what its block made out of the collector's reach when it resumes collection.

    For a process that ends after one document (``gapcheck audit`` of one file): the packs, the Document and
    the index live until it ends, and what dies sooner is freed by its refcount, so the collections that follow a
    paused burst only re-scan ~10^5 live objects (the first young collection after reading BMW took ~13 ms, a
    full one at the end ~25-30 ms). ``gc.freeze`` makes them permanent: cyclic garbage made inside a paused block
    is then kept until the process ends, which is why a batch run (many documents in one process) leaves it off,
    and why a block that makes such garbage says so (``gc_paused(lasting=False)``).
    """
    global _freeze_on_resume
    _freeze_on_resume = on


@contextmanager
def gc_paused(lasting: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocation that makes no reference cycles worth finding.

    Reading a report (its pages' blocks, the Document, the structure pass's copies of every block), loading and
    compiling the packs, and judging (~10^5 small tuples: hits, spans) allocate many small objects and free them
    by refcount; but each burst triggers generational collections that re-scan everything alive, the whole
    Document included: about a third of the evaluation time on a 300-page report, and ~20 ms each of a 359-page
    report's structure pass and of loading hkex-esg. Collection resumes (and catches up) when the block ends.

    ``lasting=False`` for a block that leaves cyclic garbage: it is never frozen (``freeze_on_resume``).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if _freeze_on_resume and lasting:
            gc.freeze()
        gc.enable()
