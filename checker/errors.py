"""The error hierarchy and the exit-code contract shared by every command.

Every error a *user* can cause (a bad file, a broken rule, a wrong option, an output that cannot be written) is a
``GapcheckError``: the CLI prints it as one line naming the file and exits 2. Anything else is a bug in gapcheck: the
CLI exits 3 with one line naming the input it was working on and the file holding the full traceback. Exit 1 is
reserved for "the gate failed", so CI never mistakes a crash for a verdict.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_ERROR = 2
EXIT_INTERNAL = 3

# NOTE: set on an exception as it leaves ``working_on``; the CLI's one error boundary reads it back, after the
# context manager has been left, to name the input in its one-line message.
_INPUT_ATTRIBUTE = "gapcheck_input"


def display_path(path: str | Path | bytes) -> str:
    r"""A file name fit to print and to store in any output: undecodable bytes become ``\xNN`` escapes.

    File names on POSIX are bytes; Python keeps bytes that are not UTF-8 as lone surrogates, which no UTF-8 writer
    can encode. Showing them as escapes keeps every output valid and still tells the user which file it was.
    """
    text = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # NOTE: a lone surrogate that did not come from surrogateescape
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class GapcheckError(Exception):
    """Base class of user-facing errors: one clear line, exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = display_path(path) if path is not None else None

    def one_line(self) -> str:
        """Render as ``path: message`` (or just the message), on a single line."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        return " ".join(display_path(text).split())


class InputError(GapcheckError):
    """A draft that cannot be read: missing, empty, corrupt, encrypted, too large, unsupported, not a file."""


class RuleError(GapcheckError):
    """A rule pack or rule file that is invalid. ``detail`` carries the multi-line rendering."""

    def __init__(self, message: str, path: str | Path | None = None, detail: str | None = None) -> None:
        super().__init__(message, path)
        self.detail = detail


class ConfigError(GapcheckError):
    """An invalid policy file or option combination."""


class OutputError(GapcheckError):
    """An output that cannot be written safely (locked, foreign, read-only, full, or holding a reviewer's edits)."""


@contextlib.contextmanager
def working_on(path: str | Path) -> Iterator[None]:
    """Mark exceptions raised inside the block with the input being processed (for the exit-3 message).

    The innermost ``working_on`` wins, so a crash deep in a reader names the file, not the batch.
    """
    try:
        yield
    except BaseException as exc:
        if getattr(exc, _INPUT_ATTRIBUTE, None) is None:
            with contextlib.suppress(AttributeError, TypeError):
                setattr(exc, _INPUT_ATTRIBUTE, display_path(path))
        raise


def input_of(exc: BaseException) -> str | None:
    """The input an exception was raised for (see ``working_on``), or None."""
    value = getattr(exc, _INPUT_ATTRIBUTE, None)
    return value if isinstance(value, str) else None
