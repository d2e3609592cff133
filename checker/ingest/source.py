"""The bytes of a draft file, read safely: regular files only, within the size limit.

Kept apart from the readers (and free of the Document model), so that ``read_ahead`` can read a draft before the
rest of gapcheck is imported.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from checker.errors import InputError

__all__ = ["read_source"]


def read_source(file: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing anything else before a byte is read.

    FIFOs, sockets and devices are refused by ``stat`` before they are opened (opening a FIFO blocks until a writer
    comes; reading ``/dev/zero`` never ends), and again on the open descriptor in case the name was swapped in
    between. The size limit is checked on the same ``stat``, and the read stops one byte past it, so a file that
    grows while it is read cannot get past the limit either.

    Raises:
        InputError: missing, not a regular file, empty, over ``max_bytes``, or unreadable.
    """
    try:
        info = os.stat(file)
    except FileNotFoundError:
        raise InputError("no such file", file) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file) from None
    _check_kind(info, file, max_bytes)
    try:
        handle = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file) from None
    try:
        _check_kind(os.fstat(handle), file, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(handle, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file) from None
    finally:
        os.close(handle)
    if total > max_bytes:
        raise InputError(_too_large(total, max_bytes), file)
    if total == 0:
        raise InputError("file is empty", file)
    return b"".join(chunks)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_kind(info: os.stat_result, file: Path, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a report file", file)
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise InputError(f"is {kind}, not a regular file; gapcheck reads report files only", file)
    if info.st_size == 0:
        raise InputError("file is empty", file)
    if info.st_size > max_bytes:
        raise InputError(_too_large(info.st_size, max_bytes), file)


def _too_large(size: int, max_bytes: int) -> str:
    return f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit (raise it with --max-mb)"
