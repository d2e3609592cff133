"""Safe output: a regular file is replaced atomically; anything else is written in place, never renamed over.

* A regular file (or a new one): the content goes to a temporary file beside it, which is renamed over the target.
  A crash or a full disk half-way leaves the old file exactly as it was; a reader never sees half a file.
* A symlink is followed: the temporary file goes beside the symlink's *target*, which is replaced, and the link
  stays a link.
* A device, FIFO or other non-regular target (``/dev/null``, ``/dev/stdout``, a named pipe) is opened and written
  directly. Renaming over it would replace the device node itself -- as root, ``-o /dev/null`` used to leave a
  regular file at ``/dev/null``.
* Temporary files carry the writer's pid; they are removed on every failure path, and one left behind by a killed
  run is removed by the next run that writes to the same folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from checker.errors import OutputError, display_path

_TEMP_TAG = ".gapcheck-"


def write_atomic(
    path: Path, producer: Callable[[Path], object], before_replace: Callable[[], None] | None = None
) -> None:
    """Call ``producer(tmp_path)`` to write the content, then put it at ``path`` (see the module docstring).

    ``before_replace`` runs just before the rename of a regular file (the workbook writer checks there that the
    old file was not changed meanwhile); what it raises is raised, and the old file stays as it was.

    Raises:
        OutputError: the target is a directory, its folder does not exist, or it cannot be written (read-only,
            locked, full disk); the old file is then unchanged.
    """
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("is a directory; give a file name", path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, producer)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder {display_path(folder)} does not exist", path)
    remove_stale_temps(folder, target.name)
    temp: Path | None = None
    try:
        prefix = f".{target.name}{_TEMP_TAG}{os.getpid()}."
        handle, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
        os.close(handle)
        temp = Path(temp_name)
        producer(temp)
        # NOTE: mkstemp creates files readable by the owner only; a gap matrix on a shared drive must keep the
        # permissions the reviewer's file had (or the usual umask-based ones for a new file).
        if info is not None:
            os.chmod(temp, info.st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
        temp = None
    except PermissionError as exc:
        raise OutputError(
            f"cannot write (locked or read-only? {exc.strerror or exc}); the old file is unchanged", path
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc}); the old file is unchanged", path) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def _write_in_place(path: Path, producer: Callable[[Path], object]) -> None:
    """Produce into a private temporary folder, then copy the bytes into the device or FIFO at ``path``."""
    try:
        with tempfile.TemporaryDirectory(prefix="gapcheck-out-") as scratch:
            temp = Path(scratch) / (path.name or "output")
            producer(temp)
            with open(temp, "rb") as source, open(path, "wb") as sink:
                shutil.copyfileobj(source, sink)
    except BrokenPipeError:
        raise  # NOTE: the reader of a pipe went away (``-o /dev/stdout | head``): not an error of ours
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", path) from None


def remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files that a killed gapcheck left for ``name`` in ``folder`` (their pid is gone)."""
    pattern = re.compile(re.escape(f".{name}{_TEMP_TAG}") + r"(\d+)\..*\.tmp$")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # NOTE: our own pid on a leftover means an earlier process that had the same pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # NOTE: exists, owned by someone else
    return True


def write_text_atomic(path: Path, text: str) -> None:
    """Atomically write UTF-8 text (lone surrogates, which UTF-8 cannot hold, are written as escapes)."""
    write_atomic(path, lambda tmp: tmp.write_bytes(text.encode("utf-8", "backslashreplace")))
