"""A lock file beside a workbook, so two audits writing one workbook take turns instead of the last one winning.

The lock is ``.NAME.gapcheck.lock`` holding the writer's pid, created with ``O_EXCL``. A second audit waits for
it (``GAPCHECK_LOCK_TIMEOUT`` seconds, 30 by default) and then stops with a message naming the pid; a lock whose
pid is no longer running (a killed audit) is taken over.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from checker.errors import OutputError

DEFAULT_TIMEOUT = 30.0


def lock_path(path: Path) -> Path:
    """The lock file of ``path``."""
    return path.with_name(f".{path.name}.gapcheck.lock")


def _holder(lock: Path) -> int | None:
    try:
        text = lock.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def workbook_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock of ``path`` for the block.

    Raises:
        OutputError: another running gapcheck held it for longer than ``timeout`` seconds.
    """
    if timeout is None:
        timeout = float(os.environ.get("GAPCHECK_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    lock = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if holder is not None and not _running(holder):
                with contextlib.suppress(OSError):
                    lock.unlink()  # NOTE: left by a killed audit
                continue
            if time.monotonic() >= deadline:
                who = f"pid {holder}" if holder is not None else "another process"
                raise OutputError(
                    f"another gapcheck ({who}) is writing this workbook; waited {timeout:.0f} s. Run again when it "
                    f"has finished (or remove {lock.name} if no gapcheck is running)",
                    path,
                ) from None
            time.sleep(0.1)
            continue
        except OSError as exc:
            raise OutputError(f"cannot create the lock file {lock.name} ({exc.strerror or exc})", path) from None
        break
    try:
        os.write(handle, str(os.getpid()).encode("ascii"))
        os.close(handle)
        yield
    finally:
        if _holder(lock) == os.getpid():
            with contextlib.suppress(OSError):
                lock.unlink()
