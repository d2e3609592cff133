"""``gapcheck init``: write a commented policy file to start from."""

from __future__ import annotations

from pathlib import Path

import click

from checker.config.discovery import POLICY_FILE
from checker.config.template import POLICY_TEMPLATE
from checker.errors import EXIT_OK, OutputError
from checker.report.atomic import write_text_atomic


@click.command()
@click.option(
    "--path",
    "target",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(POLICY_FILE),
    show_default=True,
    help="Where to write the policy file.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing policy file.")
def init(target: Path, force: bool) -> int:
    """Write a commented gapcheck.toml: standards, issuer profile, gate and waivers."""
    if target.exists() and not force:
        raise OutputError("already exists; edit it, or add --force to replace it", target)
    write_text_atomic(target, POLICY_TEMPLATE)
    click.echo(f"gapcheck: wrote {target}", err=True)
    return EXIT_OK
