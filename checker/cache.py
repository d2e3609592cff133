"""On-disk cache of parsed Documents, keyed by content, so re-auditing a draft after a rule edit skips extraction.

The key is the SHA-256 of the file's bytes, the reader options, the gapcheck version and a fingerprint of the
reader source code (so a reader fix invalidates old entries even before a version bump). Entries are JSON
(``Document.model_dump_json``), never pickle: a cache file is data, not code. A corrupt or unreadable entry is
ignored and rewritten. Drafts read with a password are never cached, since the cache would hold their decrypted
text in the clear.

Location: ``$GAPCHECK_CACHE_DIR``, else ``~/.cache/gapcheck``; ``GAPCHECK_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from checker import __version__
from checker.cache_location import cache_disabled, default_directory
from checker.ingest import ReadOptions, read_document
from checker.ingest.document import DOCUMENT_SCHEMA_VERSION, Document
from checker.report.atomic import write_text_atomic

_INGEST = Path(__file__).with_name("ingest")
_STRUCTURE = Path(__file__).with_name("structure")
_CLAIMS = Path(__file__).with_name("claims")


@lru_cache(maxsize=1)
def reader_fingerprint() -> str:
    """Hash of the reader source files: a changed reader must never be served an old reader's Document."""
    digest = hashlib.sha256()
    # NOTE: the structure pass (roles, headings, sections, page labels) and the content-index claims are part of
    # reading: their output is in the cached Document.
    for source in [*sorted(_INGEST.glob("*.py")), *sorted(_STRUCTURE.glob("*.py")), *sorted(_CLAIMS.glob("*.py"))]:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


class DocumentCache:
    """A directory of ``<key>.json`` Documents.

    Attributes:
        directory: where entries live; created on the first write.
        hits: entries served in this process (for the benchmark and tests).
        misses: reads that went to the reader.
    """

    def __init__(self, directory: Path | None = None) -> None:
        """Use ``directory`` (default: ``default_directory()``)."""
        self.directory = Path(directory) if directory is not None else default_directory()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(sha256: str, options: ReadOptions) -> str:
        """The entry name for content ``sha256`` read with ``options``."""
        parts = [sha256, options.model_dump_json(), __version__, DOCUMENT_SCHEMA_VERSION, reader_fingerprint()]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def read(self, path: str | Path, options: ReadOptions | None = None) -> Document:
        """The Document for ``path``: from the cache when its content was read before, else read and stored.

        Raises:
            InputError: as ``read_document`` does; failures are not cached.
        """
        options = options or ReadOptions()
        if options.password is not None:
            return read_document(path, options)
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError:
            return read_document(path, options)  # NOTE: let the reader raise its usual one-line InputError
        if len(data) > options.max_bytes:
            return read_document(path, options)
        entry = self.directory / f"{self.key(hashlib.sha256(data).hexdigest(), options)}.json"
        cached = self._load(entry)
        if cached is not None:
            self.hits += 1
            # NOTE: the same content may sit at another path; the Document must name the file asked for
            source = cached.source.model_copy(update={"path": str(file)})
            return cached.model_copy(update={"source": source})
        self.misses += 1
        document = read_document(path, options)
        self._store(entry, document)
        return document

    def _load(self, entry: Path) -> Document | None:
        try:
            return Document.model_validate_json(entry.read_bytes())
        except Exception:  # NOTE: absent, truncated or foreign: a miss, and the fresh read overwrites it
            return None

    def _store(self, entry: Path, document: Document) -> None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(entry, document.model_dump_json())
        except Exception:  # NOTE: a read-only or full cache directory never fails an audit
            return


def default_cache() -> DocumentCache | None:
    """The cache ``audit`` uses unless ``GAPCHECK_NO_CACHE`` is set to a true value."""
    if cache_disabled():
        return None
    return DocumentCache()
