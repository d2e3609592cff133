"""``gapcheck extract``: the rule author's window into what gapcheck reads."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.options import read_options, reading_options
from checker.ingest import read_document


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: pages separated by form feeds (like pdftotext); json: the Document (schema in README).",
)
@reading_options
def extract(file: Path, output_format: str, **reading: object) -> int:
    """Print what gapcheck reads from FILE."""
    document = read_document(file, read_options(reading))
    if output_format == "json":
        payload = document.model_dump(mode="json")
        import json

        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        click.echo(document.text, nl=True)
    for warning in document.warnings:
        click.echo(f"gapcheck: warning: {file}: {warning}", err=True)
    return 0
