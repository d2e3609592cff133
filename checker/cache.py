"""On-disk cache of parsed Documents, keyed by content, so re-auditing a draft after a rule edit skips extraction.

The key is the SHA-256 of the file's bytes, the reader options, the gapcheck version and a fingerprint of the
reader source code (so a reader fix invalidates old entries even before a version bump). An entry is JSON, never
pickle: a cache file is data, not code. It records the source's SHA-256, the reader options and a digest of the
Document it holds, and all three are checked on load: an entry that was swapped for another file's, edited, cut
short or written for other options is discarded, the file is read again, and the Document says so in a warning.
Drafts read with a password are never cached, since the cache would hold their decrypted text in the clear.

The cache folder must be private (owned by the user, writable by no one else); otherwise it is not used at all,
with a warning (``cache_location.private_directory``). The file's limits (``--max-mb``, regular file) are checked
before it is read, hit or miss.

Location: ``$GAPCHECK_CACHE_DIR``, else ``~/.cache/gapcheck``; ``GAPCHECK_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from checker import __version__
from checker.cache_location import cache_disabled, default_directory, private_directory
from checker.errors import display_path, working_on
from checker.ingest import ReadOptions
from checker.ingest.document import DOCUMENT_SCHEMA_VERSION, Document
from checker.ingest.registry import document_from_bytes, read_source
from checker.report.atomic import write_text_atomic

_INGEST = Path(__file__).with_name("ingest")
_STRUCTURE = Path(__file__).with_name("structure")
_CLAIMS = Path(__file__).with_name("claims")
ENTRY_KIND = "gapcheck-document-cache/2"


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
        directory: where entries live; created (mode 0700) on first use.
        hits: entries served in this process (for the benchmark and tests).
        misses: reads that went to the reader.
        discarded: entries that failed verification and were rebuilt.
    """

    def __init__(self, directory: Path | None = None) -> None:
        """Use ``directory`` (default: ``default_directory()``)."""
        self.directory = Path(directory) if directory is not None else default_directory()
        self.hits = 0
        self.misses = 0
        self.discarded = 0

    @staticmethod
    def key(sha256: str, options: ReadOptions) -> str:
        """The entry name for content ``sha256`` read with ``options``."""
        parts = [sha256, options.model_dump_json(), __version__, DOCUMENT_SCHEMA_VERSION, reader_fingerprint()]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def holds(self, data: bytes, options: ReadOptions) -> bool:
        """Whether an entry for content ``data`` read with ``options`` exists (``read`` still verifies it)."""
        folder = private_directory(self.directory) if options.password is None else None
        if folder is None:
            return False
        return (folder / f"{self.key(hashlib.sha256(data).hexdigest(), options)}.json").is_file()

    def read(self, path: str | Path, options: ReadOptions | None = None) -> Document:
        """The Document for ``path``: from the cache when its content was read before, else read and stored.

        Raises:
            InputError: as ``read_document`` does; failures are not cached.
        """
        options = options or ReadOptions()
        file = Path(path)
        with working_on(file):
            data = read_source(file, options.max_bytes)  # NOTE: limits and file kind first, cache or not
            if options.password is not None:
                return document_from_bytes(data, file, options)
            folder = private_directory(self.directory)
            if folder is None:
                return document_from_bytes(data, file, options)
            sha = hashlib.sha256(data).hexdigest()
            entry = folder / f"{self.key(sha, options)}.json"
            cached, problem = self._load(entry, sha, options)
            if cached is not None:
                self.hits += 1
                # NOTE: the same content may sit at another path; the Document must name the file asked for
                return document_from_path(cached, file)
            self.misses += 1
            document = document_from_bytes(data, file, options)
            self._store(entry, sha, options, document)
            if problem is not None:
                self.discarded += 1
                warning = f"the cached copy of this file was discarded and the file read again ({problem})"
                document = document.model_copy(update={"warnings": [*document.warnings, warning]})
            return document

    @staticmethod
    def _load(entry: Path, sha: str, options: ReadOptions) -> tuple[Document | None, str | None]:
        """The verified Document of ``entry``, or None and why it was refused (None when simply absent)."""
        try:
            raw = entry.read_bytes()
        except OSError:
            return None, None
        try:
            payload = json.loads(raw)
            body = payload["document"]
            fields_ok = (
                payload.get("kind") == ENTRY_KIND
                and payload.get("sha256") == sha
                and payload.get("options") == options.model_dump_json()
                and isinstance(body, str)
                and payload.get("digest") == hashlib.sha256(body.encode("utf-8")).hexdigest()
            )
            if not fields_ok:
                return None, "entry does not match the file, its options or its own digest"
            document = Document.model_validate_json(body)
        except Exception:  # NOTE: truncated, not JSON, or not a Document: rebuilt, never trusted
            return None, "corrupt entry"
        if document.source.sha256 != sha:
            return None, "entry holds another file's Document"
        return document, None

    @staticmethod
    def _store(entry: Path, sha: str, options: ReadOptions, document: Document) -> None:
        body = document.model_dump_json()
        payload = {
            "kind": ENTRY_KIND,
            "sha256": sha,
            "options": options.model_dump_json(),
            "digest": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "document": body,
        }
        try:
            write_text_atomic(entry, json.dumps(payload, ensure_ascii=False))
        except Exception:  # NOTE: a read-only or full cache directory never fails an audit
            return


def document_from_path(document: Document, file: Path) -> Document:
    """``document`` as read from ``file`` (a cache hit for the same bytes at another path)."""
    source = document.source.model_copy(update={"path": display_path(file)})
    return document.model_copy(update={"source": source})


def default_cache() -> DocumentCache | None:
    """The cache ``audit`` uses unless ``GAPCHECK_NO_CACHE`` is set to a true value."""
    if cache_disabled():
        return None
    return DocumentCache()
