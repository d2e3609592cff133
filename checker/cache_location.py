"""Where gapcheck's on-disk caches live, and whether they are switched off (shared by the Document and pack caches).

Kept free of heavy imports: ``gapcheck rules`` commands use the pack cache without loading any reader.
"""

from __future__ import annotations

import os
from pathlib import Path


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
