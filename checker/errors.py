"""The error hierarchy and the exit-code contract shared by every command.

Every error a *user* can cause (a bad file, a broken rule, a wrong option) is a ``GapcheckError``. The CLI turns it
into one line on stderr and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_ERROR = 2


class GapcheckError(Exception):
    """Base class of user-facing errors: one clear line, exit code 2."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def one_line(self) -> str:
        """Render as ``path: message`` (or just the message), on a single line."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        return " ".join(text.split())


class InputError(GapcheckError):
    """A draft that cannot be read: missing, empty, corrupt, encrypted, too large, unsupported."""


class RuleError(GapcheckError):
    """A rule pack or rule file that is invalid. ``detail`` carries the multi-line rendering."""

    def __init__(self, message: str, path: str | Path | None = None, detail: str | None = None) -> None:
        super().__init__(message, path)
        self.detail = detail


class ConfigError(GapcheckError):
    """An invalid policy file or option combination."""


class OutputError(GapcheckError):
    """An output that cannot be written safely (locked, foreign, or holding a reviewer's edits)."""
