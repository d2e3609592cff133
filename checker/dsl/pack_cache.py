"""On-disk cache of validated rule packs, so an audit does not re-parse 100-200 rule files with lark every run.

Parsing and checking a pack costs ~0.6 s; reading its files to hash them costs a few milliseconds. An entry is
keyed by the gapcheck version, a fingerprint of the rule-language source (``checker/dsl``), the pack folder and
its ``pack.rule`` bytes; it holds the include folders that ``pack.rule`` names, a SHA-256 over the path and bytes
of every rule file of the pack and its includes, and the ``RulePack``. A hit needs the digest to match the files
on disk now, so editing, adding, removing or renaming any rule file is a miss. Only packs that validated are
stored: a broken file is always a miss, and its error is reported exactly as without the cache.

Entries are pickles (our own data, in the user's own cache folder) under ``<cache dir>/packs/``, beside the
Document cache (``$GAPCHECK_CACHE_DIR``, else ``~/.cache/gapcheck``). ``GAPCHECK_NO_CACHE=1`` turns the cache off.
A corrupt, truncated or foreign entry is ignored and rewritten; an unwritable cache folder never fails a command.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from checker import __version__
from checker.cache_location import cache_disabled, default_directory

_DSL = Path(__file__).parent
SUBDIRECTORY = "packs"


def enabled() -> bool:
    """False when ``GAPCHECK_NO_CACHE`` is set."""
    return not cache_disabled()


def directory() -> Path:
    """Where pack entries live."""
    return default_directory() / SUBDIRECTORY


@lru_cache(maxsize=1)
def dsl_fingerprint() -> str:
    """Hash of the rule-language source (parser, grammar, checks, AST): a changed DSL never gets an old pack."""
    digest = hashlib.sha256()
    for source in sorted([*_DSL.glob("*.py"), *_DSL.glob("*.lark")]):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def key(kind: str, *parts: str) -> str:
    """The entry name for ``parts`` (strings that identify the input) of one ``kind`` of entry."""
    text = "\0".join([__version__, dsl_fingerprint(), kind, *parts])
    return f"{kind}-{hashlib.sha256(text.encode('utf-8', 'surrogateescape')).hexdigest()}"


def files_digest(paths: Iterable[Path]) -> str | None:
    """SHA-256 over the path and bytes of each file, in the order given; None when one cannot be read."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(str(path).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def load(name: str) -> object | None:
    """The value stored under ``name``, or None (absent, unreadable, corrupt or disabled)."""
    if not enabled():
        return None
    try:
        with open(directory() / f"{name}.pickle", "rb") as handle:
            value: object = pickle.load(handle)  # NOTE: our own entries, in the user's own cache folder
            return value
    except Exception:  # NOTE: absent, truncated or written by another version: a miss, and the caller rewrites it
        return None


def store(name: str, value: object) -> None:
    """Store ``value`` under ``name`` atomically; failures (read-only or full folder) are ignored."""
    if not enabled():
        return
    folder = directory()
    temp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / f"{name}.pickle")
        temp = None
    except Exception:  # NOTE: a cache that cannot be written must never fail a command
        return
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
