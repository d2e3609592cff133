"""Option decorators shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.ingest.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, ReadSettings

if TYPE_CHECKING:
    from checker.ingest.options import ReadOptions

F = TypeVar("F", bound=Callable[..., Any])


def reading_options(func: F) -> F:
    """Add --password, --max-mb, --max-pages, --input-format and --no-tables."""
    decorators = [
        click.option("--password", default=None, help="Password of an encrypted PDF."),
        click.option(
            "--max-mb",
            type=click.FloatRange(min=0.001),
            default=DEFAULT_MAX_BYTES / 1_048_576,
            show_default=True,
            help="Refuse input files larger than this.",
        ),
        click.option(
            "--max-pages",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_PAGES,
            show_default=True,
            help="Refuse documents with more pages than this.",
        ),
        click.option(
            "--input-format",
            type=click.Choice(["pdf", "docx", "html", "markdown", "text"]),
            default=None,
            help="Skip content sniffing and use this reader.",
        ),
        click.option("--no-tables", is_flag=True, help="Skip the PDF table pass (faster, fewer table cells)."),
        click.option(
            "--no-cache",
            is_flag=True,
            help=(
                "Read the file again instead of using the cached Document (also: GAPCHECK_NO_CACHE=1). "
                "Compiled rule packs are still used; they are rebuilt whenever a rule file changes."
            ),
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def read_options(values: dict[str, Any]) -> ReadOptions:
    """Build ReadOptions from the values of ``reading_options``."""
    return read_settings(values).options()


def read_settings(values: dict[str, Any]) -> ReadSettings:
    """The values of ``reading_options`` as plain settings: what ``read_ahead`` takes before pydantic is imported."""
    return ReadSettings(
        password=values.get("password"),
        max_bytes=int(float(values.get("max_mb") or DEFAULT_MAX_BYTES / 1_048_576) * 1_048_576),
        max_pages=int(values.get("max_pages") or DEFAULT_MAX_PAGES),
        format=values.get("input_format"),
        tables=not values.get("no_tables", False),
    )
