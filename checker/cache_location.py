"""Where gapcheck's on-disk caches live, and whether the Document cache is switched off.

Compiled rule packs use the same folder when they cannot live in the package (``dsl/pack_cache``). Kept free of
heavy imports: ``gapcheck rules`` commands load compiled packs without loading any reader.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from checker.errors import display_path


def default_directory() -> Path:
    """``$GAPCHECK_CACHE_DIR``, else ``~/.cache/gapcheck`` (``$XDG_CACHE_HOME`` honoured)."""
    configured = os.environ.get("GAPCHECK_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "gapcheck"


def cache_disabled() -> bool:
    """True when ``GAPCHECK_NO_CACHE`` is set to a true value (``1``, ``true``, ``yes``)."""
    return os.environ.get("GAPCHECK_NO_CACHE", "").strip().lower() in ("1", "true", "yes")


_warned: set[str] = set()


def warn_once(message: str) -> None:
    """Print ``gapcheck: warning: message`` on stderr, once per process (caches warn from deep inside a run)."""
    if message in _warned:
        return
    _warned.add(message)
    sys.stderr.write(f"gapcheck: warning: {message}\n")


def private_directory(folder: Path) -> Path | None:
    """``folder``, created if needed, when only the current user can write to it; else None, with a warning.

    A cache entry decides what gapcheck reads, so a cache folder that another user can write to (a shared CI
    cache, a world-writable temp folder) could change verdicts: it is neither read nor written. A new folder is
    created with mode 0700.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None  # NOTE: an unusable cache folder only costs speed; the caller reads the file itself
    problem = None
    if not stat.S_ISDIR(info.st_mode):
        problem = "is not a folder"
    elif info.st_uid != os.geteuid():
        problem = "belongs to another user"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = "is writable by other users"
    if problem is None:
        return folder
    warn_once(
        f"cache folder {display_path(folder)} {problem}; the cache is not used "
        "(make the folder private with chmod go-w, or set GAPCHECK_CACHE_DIR)"
    )
    return None
