"""``gapcheck audit``: judge drafts against standards and write the result."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from checker.cli.options import read_options, reading_options
from checker.errors import ConfigError
from checker.evaluate.engine import Auditor
from checker.pipeline import audit_path, load_standards
from checker.report.atomic import write_text_atomic
from checker.report.model import AuditResult, Profile

# format -> module with render(results) -> str
TEXT_FORMATS = {"json": "checker.report.json_writer", "text": "checker.report.text"}
_SUFFIX_FORMATS = {".json": "json", ".txt": "text"}


def profile_options(func: click.decorators.FC) -> click.decorators.FC:
    """Add --tier, --year and --relief (the issuer profile)."""
    func = click.option("--relief", "reliefs", multiple=True, help="A relief the issuer claims (repeatable).")(func)
    func = click.option(
        "--year",
        type=click.IntRange(2000, 2100),
        default=None,
        help="Financial year of the report (default: the pack's).",
    )(func)
    func = click.option(
        "--tier",
        type=click.Choice(["largecap", "main_board", "gem"]),
        default=None,
        help="Issuer tier (default: main_board).",
    )(func)
    return func


def build_profile(tier: str | None, year: int | None, reliefs: tuple[str, ...]) -> Profile:
    """The issuer profile from options."""
    return Profile(tier=tier or "main_board", financial_year=year, reliefs=list(reliefs))


def render(results: list[AuditResult], output_format: str) -> str:
    """Render results with the writer for ``output_format``."""
    module = importlib.import_module(TEXT_FORMATS[output_format])
    rendered: str = module.render(results)
    return rendered


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--standard",
    "-s",
    "standards",
    multiple=True,
    help="Standard pack id or alias (repeatable), e.g. hkex-esg, issb-s2, tcfd. Default: hkex-esg.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(TEXT_FORMATS)),
    default=None,
    help="Output format (default: from the --output suffix, else text).",
)
@click.option("--output", "-o", default="-", show_default=True, help="Output file, or - for standard output.")
@click.option(
    "--rules-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of rule packs (default: the project's rules/).",
)
@profile_options
@reading_options
def audit(
    files: tuple[Path, ...],
    standards: tuple[str, ...],
    output_format: str | None,
    output: str,
    rules_dir: Path | None,
    tier: str | None,
    year: int | None,
    reliefs: tuple[str, ...],
    **reading: object,
) -> int:
    """Audit FILE(s) against disclosure standards: a verdict with evidence for every requirement."""
    if output_format is None:
        output_format = _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "text") if output != "-" else "text"
    if output != "-" and Path(output).suffix.lower() not in ("", *_SUFFIX_FORMATS):
        raise ConfigError(f"cannot tell the format of {output!r}; use --format")
    packs = load_standards(standards, rules_dir)
    auditor = Auditor(packs)
    profile = build_profile(tier, year, reliefs)
    options = read_options(reading)
    results = [audit_path(path, auditor, profile, options) for path in files]
    text = render(results, output_format)
    if output == "-":
        click.echo(text, nl=False, color=None if output_format == "text" else False)
    else:
        write_text_atomic(Path(output), click.unstyle(text))
    for result in results:
        for warning in result.document.warnings:
            click.echo(f"gapcheck: warning: {result.document.path}: {warning}", err=True)
    sys.stdout.flush()
    return 0
