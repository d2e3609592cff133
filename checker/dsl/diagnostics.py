"""Rule-language diagnostics rendered like compiler errors: message, location, the line, a caret, help.

Rule authors are compliance people, not parser experts, so every message says in plain words what was found
and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.errors import RuleError


@dataclass(frozen=True)
class Diagnostic:
    """One problem in a rule file."""

    message: str
    path: str
    line: int
    column: int
    end_column: int | None = None
    help: str | None = None
    note: str | None = None

    @property
    def location(self) -> str:
        """``path:line:col``."""
        return f"{self.path}:{self.line}:{self.column}"

    def render(self, source: str | None = None) -> str:
        """Render with the offending line and a caret under the problem."""
        if source is None:
            try:
                source = Path(self.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                source = ""
        lines = source.splitlines()
        out = [f"error: {self.message}", f"  --> {self.location}"]
        if 1 <= self.line <= len(lines):
            text = lines[self.line - 1]
            gutter = str(self.line)
            pad = " " * len(gutter)
            width = max(1, (self.end_column or self.column + 1) - self.column)
            if self.end_column is None or self.end_column <= self.column:
                width = 1
            caret_line = " " * _display_width(text[: self.column - 1]) + "^" * min(width, max(1, len(text)))
            out += [f"{pad} |", f"{gutter} | {text}", f"{pad} | {caret_line}"]
        if self.help:
            out.append(f"  = help: {self.help}")
        if self.note:
            out.append(f"  = note: {self.note}")
        return "\n".join(out)

    def to_error(self, source: str | None = None) -> RuleError:
        """Wrap into the RuleError the CLI prints (exit code 2)."""
        return RuleError(
            f"{self.line}:{self.column}: {self.message}",
            path=self.path,
            detail=self.render(source),
        )


def _display_width(text: str) -> int:
    # NOTE: CJK characters take two terminal columns; without this the caret drifts left under Chinese terms.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.replace("\t", " "))


class RuleErrors(RuleError):
    """Several diagnostics from one load, reported together so an author fixes them in one pass."""

    def __init__(self, diagnostics: list[Diagnostic], sources: dict[str, str] | None = None) -> None:
        first = diagnostics[0]
        sources = sources or {}
        detail = "\n\n".join(d.render(sources.get(d.path)) for d in diagnostics)
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{first.line}:{first.column}: {first.message}{more}", path=first.path, detail=detail)
        self.diagnostics = diagnostics
