"""``gapcheck diff OLD NEW``: per requirement, improved / regressed / unchanged / added / removed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from checker.errors import EXIT_GATE_FAILED, EXIT_OK
from checker.report import diff as diffing

# format -> renderer(old, new, changes, all_rows)
_RENDERERS: dict[str, Callable[[diffing.Side, diffing.Side, list[diffing.Change], bool], str]] = {
    "text": lambda old, new, changes, all_rows: diffing.render_text(old, new, changes, all_rows=all_rows),
    "json": lambda old, new, changes, all_rows: diffing.render_json(old, new, changes),
    "md": lambda old, new, changes, all_rows: diffing.render_markdown(old, new, changes, all_rows=all_rows),
}


@click.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(sorted(_RENDERERS)), default="text", show_default=True)
@click.option("--all", "all_rows", is_flag=True, help="List unchanged requirements too (text and md).")
@click.option("--fail-on-regression", is_flag=True, help="Exit 1 when any requirement regressed.")
def diff(old: Path, new: Path, output_format: str, all_rows: bool, fail_on_regression: bool) -> int:
    """Compare two audits: JSON results or gap-matrix workbooks (or one of each).

    Exit codes: 0, or 1 with --fail-on-regression when anything regressed; 2 for unreadable inputs.
    """
    before, after = diffing.load_side(old), diffing.load_side(new)
    changes = diffing.compare(before, after)
    click.echo(_RENDERERS[output_format](before, after, changes, all_rows), nl=False)
    regressed = diffing.counts(changes)["regressed"]
    return EXIT_GATE_FAILED if fail_on_regression and regressed else EXIT_OK
