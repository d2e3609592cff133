"""The output-format table: format name -> writer module, file suffixes, and how the writer is called.

The audit command looks a format up here and calls :func:`emit`; adding a format is one row and one module, never
another branch in the command. Writer modules are imported only when used, so JSON and text output never pay for
openpyxl.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.errors import ConfigError, OutputError, display_path
from checker.report.atomic import write_text_atomic
from checker.report.labels import DEFAULT_LANG

if TYPE_CHECKING:
    from checker.report.model import AuditResult  # NOTE: annotations only: audit imports formats early


@dataclass(frozen=True)
class WriteOptions:
    """What writers need besides the results."""

    lang: str = DEFAULT_LANG
    carry_over: bool = True
    force: bool = False
    paper: str = "a4"  # the workbook's print paper: a4 or a3


@dataclass(frozen=True)
class OutputFormat:
    """One output format.

    Attributes:
        module: the writer module. Text writers define ``render(results[, options]) -> str``; file writers define
            ``write(results, path, options)`` and cannot write to standard output.
        suffixes: file suffixes that select this format when ``--format`` is not given.
        takes_options: whether ``render`` accepts the ``WriteOptions`` (language).
        file_only: the writer writes a file itself (binary formats, carry-over).
    """

    module: str
    suffixes: tuple[str, ...]
    takes_options: bool = True
    file_only: bool = False


FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat("checker.report.text", (".txt",)),
    "json": OutputFormat("checker.report.json_writer", (".json",), takes_options=False),
    "xlsx": OutputFormat("checker.report.xlsx", (".xlsx",), file_only=True),
    "csv": OutputFormat("checker.report.csv_writer", (".csv",)),
    "md": OutputFormat("checker.report.markdown", (".md", ".markdown")),
    "junit": OutputFormat("checker.report.junit", (".xml",)),
}


def format_for(output: str, requested: str | None) -> str:
    """The format to write: ``requested``, else the one the output suffix names, else text.

    Raises:
        ConfigError: the suffix names no format, or a file-only format was asked for on standard output.
    """
    if requested is None and output != "-":
        suffix = Path(output).suffix.lower()
        matches = [name for name, spec in FORMATS.items() if suffix in spec.suffixes]
        if not matches:
            raise ConfigError(f"cannot tell the format of {output!r} from its suffix; use --format")
        requested = matches[0]
    name = requested or "text"
    if FORMATS[name].file_only and output == "-":
        raise ConfigError(f"--format {name} writes a file; give --output NAME{FORMATS[name].suffixes[0]}")
    return name


def render_text(name: str, results: list[AuditResult], options: WriteOptions) -> str:
    """Render a text format to a string."""
    spec = FORMATS[name]
    module = importlib.import_module(spec.module)
    rendered: str = module.render(results, options) if spec.takes_options else module.render(results)
    return rendered


def emit(name: str, results: list[AuditResult], output: str, options: WriteOptions) -> None:
    """Write ``results`` in format ``name`` to ``output`` (a path, or ``-`` for standard output)."""
    spec = FORMATS[name]
    if spec.file_only:
        importlib.import_module(spec.module).write(results, Path(output), options)
        return
    text = render_text(name, results, options)
    if output == "-":
        try:
            click.echo(display_path(text), nl=False, color=None if name == "text" else False)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # NOTE: stdout redirected to a full disk or /dev/full
            raise OutputError(f"cannot write to standard output ({exc.strerror or exc})") from None
    else:
        write_text_atomic(Path(output), click.unstyle(text))
