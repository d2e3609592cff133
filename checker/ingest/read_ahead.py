"""Start a PDF draft's extraction before the rest of an audit is even imported.

``gapcheck audit`` of one file calls ``read_ahead`` first thing: for a long PDF that the Document cache will not
serve, the extraction workers (``pdf_parallel.prefetch``) start at once, and the imports, the policy, the compiled
packs and the predicates (~0.25 s) are done while they extract. The read that follows takes the workers over
(``pdf_parallel.extract_in_parallel``), so the Document is the one a plain read gives. This module imports only
what reading ahead needs: not the Document model (nor pydantic: it takes ``ReadSettings``, not ``ReadOptions``),
nor any reader but the PDF one.
"""

from __future__ import annotations

from pathlib import Path

from checker.errors import InputError
from checker.ingest import pdf_parallel
from checker.ingest.limits import ReadSettings
from checker.ingest.source import read_source


def read_ahead(path: str | Path, options: ReadSettings, *, use_cache: bool) -> bool:
    """Start extracting the PDF at ``path`` in worker processes, for the read of it that follows.

    Nothing starts for other formats, for a Document the cache holds (``use_cache``), or for a file the reader
    will refuse (it says why when it reads it); then the read goes on as it would have.

    Returns:
        Whether workers were started; ``cancel_read_ahead`` stops them if the read never comes.
    """
    if not pdf_parallel.parallel_possible():
        return False
    try:
        data = read_source(Path(path), options.max_bytes)
    except InputError:
        return False
    # NOTE: sniff_format's own first test (content decides); only a PDF has pages to share out
    if options.format not in (None, "pdf") or (options.format is None and b"%PDF-" not in data[:1024]):
        return False
    if use_cache:
        # NOTE: imported only here: the cache module imports the Document model
        from checker.cache import default_cache

        cache = default_cache()
        if cache is not None and cache.holds(data, options.options()):
            return False
    return pdf_parallel.prefetch(
        data,
        options.password,
        options.tables,
        options.max_stream_bytes,
        options.max_inflated_bytes,
        options.max_pages,
    )


def cancel_read_ahead() -> None:
    """Stop the workers ``read_ahead`` started if no read took them over."""
    pdf_parallel.cancel_prefetch()
