"""Read a long PDF's pages in two worker processes, so one document uses both cores.

PDFium is not thread-safe, so the workers are processes: each forks from the reader with the file's bytes already
in memory (copy-on-write, never sent through a pipe), opens its own ``PdfDocument`` and extracts chunks of
consecutive pages (``pdf_page.extract_page``, the same function the serial path calls: lines, tables and their
grouping into blocks). The reader receives the chunks in page order while the workers go on, and builds the
Document from them exactly as from serial pages, warnings included, so the output is identical (tested). The page
data comes back through the pool's pipe (pickled by ``concurrent.futures`` between our own processes; nothing is
stored, so this is not the cache pickle ban).

``gapcheck audit`` of one PDF starts the workers before it imports the engine and loads the packs (``prefetch``,
called by ``read_ahead``), and the read takes them over (``extract_in_parallel``): the imports, the packs and the
extraction then share the two cores.

Only worth it for long documents on a machine with a core to spare (benchmarks/RESULTS-real.md measures both).
Anything unusual runs serially instead: a short document, one core, a busy machine (``_core_free``), a process
that is itself a worker (batch already uses every core), a process with other threads (forking one is unsafe), a
platform without ``fork``, or ``GAPCHECK_PDF_WORKERS=1``. A worker that dies (out of memory, a PDFium crash) makes
the reader go on serially from the first page it lacks, so such a file fails or succeeds as it would have without
workers.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from checker.ingest.pdf_page import PageData

WORKERS = 2
# NOTE: two chunks per worker at least; forking and opening the document cost ~10-20 ms against 2-5 ms a page.
# The shared machine's measurements (benchmarks/RESULTS-real.md) swing too much with its load to place it closer.
MIN_PAGES = 48
CHUNK = 12  # NOTE: small enough that the reader gets its first pages early, large enough to amortise the pipe

_shared: tuple[bytes, str | None, bool, frozenset[int]] | None = None
_document: pdfium.PdfDocument | None = None


def workers() -> int:
    """How many worker processes to use: ``GAPCHECK_PDF_WORKERS`` (1 = serial, 2+ = forced), else 2 when worth it."""
    import multiprocessing  # NOTE: here, not at module level: ~10 ms that a short document never needs

    configured = os.environ.get("GAPCHECK_PDF_WORKERS", "").strip()
    forced = configured.isdigit()
    wanted = int(configured) if forced else WORKERS
    if wanted < 2 or (os.cpu_count() or 1) < 2:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if multiprocessing.parent_process() is not None or threading.active_count() > 1:
        return 1
    if not forced and not _core_free():
        return 1
    return wanted


def parallel_possible() -> bool:
    """Whether this process may start workers at all, before anything is known of the document (cheap)."""
    configured = os.environ.get("GAPCHECK_PDF_WORKERS", "").strip()
    return not (configured.isdigit() and int(configured) < 2) and (os.cpu_count() or 1) >= 2


def core_free() -> bool:
    """Whether a core is free right now (see ``_core_free``); also asked before forking an audit's helpers."""
    return _core_free()


def _core_free() -> bool:
    """Whether the machine has a core to spare right now: fewer runnable tasks than cores, this process included.

    NOTE: measured on the shared 2-core machine (benchmarks/RESULTS-real.md): with another engineer's job on the
    second core, two workers took 1.2-1.5x the serial time (the same CPU time, time-sliced, plus forking and the
    pipe); with the core free, 0.55-0.8x. The 1-minute load average, used before, lags by a minute and counts this
    command's own previous runs, so back-to-back audits talked themselves out of the second core; Linux's count of
    tasks runnable at this instant (/proc/loadavg) does not. The smallest of three samples a millisecond apart
    ignores a task that only woke briefly. A heuristic, never a correctness matter: both paths give the same
    Document.
    """
    cores = os.cpu_count() or 1
    running = _runnable()
    if running is None:
        try:
            return os.getloadavg()[0] <= cores - 1 + 0.5
        except OSError:  # pragma: no cover - platforms without a load average
            return True
    return running <= cores - 1


def _runnable(samples: int = 3) -> int | None:
    """The fewest tasks runnable at once over ``samples`` reads of /proc/loadavg (None where there is none)."""
    import time

    counts: list[int] = []
    for k in range(samples):
        if k:
            time.sleep(0.001)
        try:
            with open("/proc/loadavg", encoding="ascii") as handle:
                counts.append(int(handle.read().split()[3].split("/")[0]))
        except (OSError, ValueError, IndexError):
            return None
    return min(counts)


def extract_in_parallel(
    data: bytes, password: str | None, count: int, tables: bool, skip: frozenset[int]
) -> Iterator[PageData] | None:
    """Every page's data in page order from worker processes; None when serial reading is the better choice.

    Workers that ``prefetch`` started for the same bytes and settings are taken over; any other prefetch is cancelled.
    """
    started = _claim((data, password, tables, skip))
    if started is not None:
        return started.pages()
    if count < MIN_PAGES:
        return None
    n = workers()
    if n < 2:
        return None
    return _Extraction(data, password, count, tables, skip, n).pages()


def prefetch(
    data: bytes, password: str | None, tables: bool, max_stream_bytes: int, max_inflated_bytes: int, max_pages: int
) -> bool:
    """Start extracting a PDF's pages in worker processes now, for the ``pdf.read`` of the same bytes that follows.

    An audit of one new draft calls this before it loads and compiles the rule packs, so that the workers extract
    while this process does that work. Whether it starts is decided as for ``extract_in_parallel``; a file the
    reader would refuse (over budget, too many pages, corrupt) starts nothing, and ``pdf.read`` then says why.

    Returns:
        Whether workers were started.
    """
    from checker.errors import InputError
    from checker.ingest.pdf_budget import check_streams
    from checker.ingest.pdf_page import open_pdf

    cancel_prefetch()
    n = workers()
    if n < 2:
        return False
    try:
        skip = frozenset(check_streams(data, max_stream_bytes, max_inflated_bytes).skip_pages)
        pdf = open_pdf(data, password)
    except InputError:
        return False
    try:
        count = len(pdf)
    finally:
        pdf.close()
    if count < MIN_PAGES or count > max_pages:
        return False
    global _prefetched
    _prefetched = ((data, password, tables, skip), _Extraction(data, password, count, tables, skip, n))
    return True


def cancel_prefetch() -> None:
    """Stop workers that ``prefetch`` started and nothing took over (the Document came from the cache, or an error)."""
    global _prefetched
    if _prefetched is not None:
        _prefetched[1].cancel()
        _prefetched = None


_Key = tuple[bytes, str | None, bool, frozenset[int]]
_prefetched: tuple[_Key, _Extraction] | None = None


def _claim(key: _Key) -> _Extraction | None:
    global _prefetched
    if _prefetched is None:
        return None
    started_key, started = _prefetched
    _prefetched = None
    # NOTE: the bytes are compared, not only their length: a memcmp of a few MB, once per read
    if started_key[1:] == key[1:] and (started_key[0] is key[0] or started_key[0] == key[0]):
        return started
    started.cancel()
    return None


class _Extraction:
    """Worker processes extracting a document's pages in chunks, started at construction."""

    def __init__(self, data: bytes, password: str | None, count: int, tables: bool, skip: frozenset[int], n: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _shared
        self.data, self.password, self.tables, self.skip, self.count = data, password, tables, skip, count
        chunks = [range(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
        self.pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork"))
        _shared = (data, password, tables, skip)  # NOTE: inherited by the forked workers, never pickled
        try:
            # NOTE: with fork, the pool starts all its workers on the first submit, and map submits every chunk
            self.results = self.pool.map(_work, chunks)
        finally:
            _shared = None

    def pages(self) -> Iterator[PageData]:
        """The pages in order as the workers deliver them; serially from the first missing page if a worker dies."""
        from concurrent.futures.process import BrokenProcessPool

        done = 0
        try:
            for chunk in self.results:
                for page in chunk:
                    done += 1
                    yield page
        except BrokenProcessPool:
            yield from _serial(self.data, self.password, self.tables, self.skip, done, self.count)
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def cancel(self) -> None:
        """Drop the chunks not started; the workers finish their current chunk and exit."""
        self.pool.shutdown(wait=False, cancel_futures=True)


def _serial(
    data: bytes, password: str | None, tables: bool, skip: frozenset[int], start: int, count: int
) -> Iterator[PageData]:
    from checker.ingest.pdf_page import extract_page, open_pdf

    pdf = open_pdf(data, password)
    try:
        for index in range(start, count):
            yield extract_page(pdf, index, tables, skip)
    finally:
        pdf.close()


def _work(pages: range) -> list[PageData]:
    """In a worker: extract ``pages`` from the worker's own copy of the document."""
    global _document
    from checker.ingest.pdf_page import extract_page, open_pdf

    assert _shared is not None, "a worker sees the state its parent set before forking it"
    data, password, tables, skip = _shared
    if _document is None:
        _document = open_pdf(data, password)
    return [extract_page(_document, index, tables, skip) for index in pages]
