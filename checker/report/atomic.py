"""Atomic output: write a temporary file beside the target, then rename it over the target.

A crash or a full disk half-way leaves the old file exactly as it was; a reader never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from checker.errors import OutputError


def write_atomic(path: Path, producer: Callable[[Path], object]) -> None:
    """Call ``producer(tmp_path)`` to write the content, then replace ``path`` with it.

    Raises:
        OutputError: the folder is not writable, or the target is locked / a directory.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError("is a directory; give a file name", path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise OutputError(f"folder {folder} does not exist", path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        producer(temp)
        # NOTE: mkstemp creates files readable by the owner only; a gap matrix on a shared drive must keep the
        # permissions the reviewer's file had (or the usual umask-based ones for a new file).
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except PermissionError as exc:
        raise OutputError(f"cannot write (locked or read-only?): {exc.strerror}", path) from exc
    finally:
        if temp.exists():
            temp.unlink()


def write_text_atomic(path: Path, text: str) -> None:
    """Atomically write UTF-8 text."""
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
