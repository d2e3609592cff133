"""Run a pure function of this process's state in a forked helper while this process goes on with other work.

After a long PDF's last page is in, an audit runs alone on one core: the structure pass, the index, judging. The
other core is idle then (benchmarks/RESULTS-real.md, session 4). Two parts of that work are pure functions of
what this process already holds, so a forked child can compute them from its copy-on-write snapshot and send the
result back as bytes: the term hits and quantities of the folded text (``index_ahead``, beside the structure
pass) and the verdicts of half of the requirements (``judge_split``, beside the other half).

A helper is only ever a shortcut: the caller computes the same thing itself when no helper started or the helper
failed (it died, raised, was killed, or sent a truncated answer), so an audit finishes with the same output
either way (tested). The answer travels through a pipe: a length header, then the payload, which the caller
decodes; nothing is stored.

When: ``GAPCHECK_HELPERS=1`` forces helpers on (tests), ``0`` off. Otherwise they run when a core is free at that
instant (``pdf_parallel.core_free``), never with ``GAPCHECK_PDF_WORKERS=1`` (one process, as the benchmarks'
"one process forced" rows promise), never where ``fork`` is missing, in a process with other threads (forking
one is unsafe), or in a multiprocessing worker (a batch run already uses every core).
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
import threading
from collections.abc import Callable

# NOTE: the payload's length first, so that a helper that died mid-write is told apart from one that finished
_HEADER = struct.Struct("<Q")
_READ = 1 << 20


def helpers_possible() -> bool:
    """Whether helpers may run at all in this process, before the machine's load is known (cheap)."""
    configured = os.environ.get("GAPCHECK_HELPERS", "").strip()
    if configured == "0" or not hasattr(os, "fork"):
        return False
    if configured == "1":
        return True
    return os.environ.get("GAPCHECK_PDF_WORKERS", "").strip() != "1" and (os.cpu_count() or 1) >= 2


def helpers_wanted() -> bool:
    """Whether a helper process may be forked now (see the module docstring for when)."""
    if not helpers_possible():
        return False
    if threading.active_count() > 1:
        return False
    # NOTE: looked up, not imported: a process that never imported multiprocessing is no multiprocessing worker
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.parent_process() is not None:
        return False
    if os.environ.get("GAPCHECK_HELPERS", "").strip() == "1":
        return True
    from checker.ingest.pdf_parallel import core_free

    return core_free()


class Helper:
    """A forked child computing one answer; ``result`` collects it, ``cancel`` discards it."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self._done = False

    def result(self) -> bytes | None:
        """The child's answer (waiting for it), or None when the child failed to give a whole one."""
        if self._done:
            return None
        self._done = True
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self.fd, _READ):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        data = b"".join(chunks)
        if os.waitstatus_to_exitcode(status) != 0 or len(data) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(data)
        if size != len(data) - _HEADER.size:
            return None
        return data[_HEADER.size :]

    def cancel(self) -> None:
        """Stop the child (if it still runs) and reap it; its answer is never read."""
        if self._done:
            return
        self._done = True
        os.close(self.fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def fork_call(work: Callable[[], bytes]) -> Helper | None:
    """Fork a child that runs ``work`` and sends back the bytes it returns; None if no child could start.

    NOTE: the child leaves through ``os._exit``: no atexit handlers, no flushing of the stdout buffer it inherited
    (the parent writes the output once), no cleanup of objects shared with the parent.
    """
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # pragma: no cover - the child's coverage is not collected; its answer is tested
        code = 1
        try:
            os.close(read_fd)
            payload = work()
            view = memoryview(_HEADER.pack(len(payload)) + payload)
            while view:
                view = view[os.write(write_fd, view) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return Helper(pid, read_fd)
