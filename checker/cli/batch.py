"""``gapcheck batch``: audit a folder (or globs) of drafts into one combined table, resumably."""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import click

from checker.batch.progress import Journal, follow, read_journal
from checker.batch.rows import Row, file_sha256
from checker.batch.runner import INTERNAL_PREFIXES, BatchConfig, load_packs, rules_fingerprint, run_dask, run_pool
from checker.cli.audit import build_profile, profile_options
from checker.cli.options import read_options, reading_options
from checker.errors import EXIT_ERROR, EXIT_INTERNAL, ConfigError, display_path

SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".xhtml", ".md", ".markdown", ".mdown", ".txt"}


def collect(inputs: tuple[str, ...]) -> list[Path]:
    """Report files named by ``inputs``: folders (searched recursively by suffix), globs or plain files.

    Raises:
        ConfigError: when nothing matches (bad usage, exit 2).
    """
    found: dict[Path, None] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                    found.setdefault(child, None)
        elif path.exists():
            found.setdefault(path, None)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise ConfigError(f"no report matches {item!r}")
            for match in matches:
                if Path(match).is_file():
                    found.setdefault(Path(match), None)
    if not found:
        raise ConfigError("no report files found")
    return list(found)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--standard", "-s", "standards", multiple=True, help="Standard pack id or alias (repeatable).")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), help="results.csv|xlsx|parquet")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: CPUs).")
@click.option("--engine", type=click.Choice(["pool", "dask"]), default="pool", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address tcp://host:port (default: a local cluster).")
@click.option("--no-resume", is_flag=True, help="Audit every report again, even those already in the output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option(
    "--allow-errors",
    is_flag=True,
    help="Exit 0 even when some reports could not be audited (they are still error rows).",
)
@click.option("--rules-dir", type=click.Path(path_type=Path, file_okay=False), default=None)
@profile_options
@reading_options
def batch(
    inputs: tuple[str, ...],
    standards: tuple[str, ...],
    output: Path,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    no_resume: bool,
    quiet: bool,
    allow_errors: bool,
    rules_dir: Path | None,
    tier: str | None,
    year: int | None,
    reliefs: tuple[str, ...],
    **reading: object,
) -> int:
    """Audit every report in DIR / GLOB / FILE inputs into one table (one row per report x requirement).

    A report that cannot be read becomes an ``error`` row and the batch goes on; the batch then exits 2 (3 when a
    worker crashed or died twice), unless --allow-errors. Reports whose content hash and rules fingerprint are
    already in OUTPUT, or in the progress journal of a run that was killed, are skipped: an interrupted batch
    resumes where it stopped.
    """
    from checker.batch import output as out  # NOTE: pandas loads here, after the cheap usage checks below

    out.output_format(output)
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    import os

    workers = jobs or os.cpu_count() or 1
    config = BatchConfig(
        standards=tuple(standards) or ("hkex-esg",),
        rules_dir=str(rules_dir) if rules_dir else None,
        profile_json=build_profile(tier, year, reliefs).model_dump_json(),
        options_json=read_options(reading).model_dump_json(),
        use_cache=not reading.get("no_cache"),  # NOTE: --no-cache comes with the shared reading options
    )
    fingerprint = rules_fingerprint(load_packs(config))  # NOTE: also fails fast (exit 2) on a bad --standard
    files = collect(inputs)
    previous = None if no_resume else out.read_existing(output)
    done = out.done_keys(previous[0]) if previous is not None else set()
    resumed = [] if no_resume else [o for o in read_journal(output) if _finished(o, fingerprint)]
    done |= {(str(o[1]["sha256"]), fingerprint) for o in resumed}
    todo: list[tuple[str, str]] = []
    for file in files:
        sha = file_sha256(file)
        if not (sha and (sha, fingerprint) in done):
            todo.append((str(file), sha))
    skipped = len(files) - len(todo)

    rows: list[Row] = [row for found, _ in resumed for row in found]
    summaries: list[Row] = [summary for _, summary in resumed]
    redo = {display_path(path) for path, _ in todo} | {str(s["document"]) for s in summaries}
    errors: list[Row] = []
    with Journal(output, resumed) as journal:
        if todo:
            if engine == "dask":
                outcomes = run_dask(config, todo, workers, fingerprint, scheduler)
            else:
                outcomes = run_pool(config, todo, workers, fingerprint)
            outcomes = follow(outcomes, journal)
            show = not quiet and sys.stderr.isatty()
            if show:
                from tqdm import tqdm

                outcomes = tqdm(outcomes, total=len(todo), unit="report", file=sys.stderr)
            for found, summary in outcomes:
                rows.extend(found)
                summaries.append(summary)
                if summary["result"] == "error":
                    errors.append(summary)
        results, summary_table = out.combine(rows, summaries, previous, redo)
        out.write_tables(output, results, summary_table)
    journal.remove()
    if not quiet:
        click.echo(
            f"gapcheck: {len(todo)} audited ({len(errors)} error(s)), {skipped} already done; "
            f"wrote {display_path(output)}",
            err=True,
        )
    for summary in errors:
        document, message = str(summary["document"]), str(summary["error_message"])
        line = message if message.startswith(document) else f"{document}: {message}"
        click.echo(f"gapcheck: error: {line}", err=True)
    if errors and not allow_errors:
        internal = any(str(s["error_message"]).startswith(INTERNAL_PREFIXES) for s in errors)
        return EXIT_INTERNAL if internal else EXIT_ERROR
    return 0


def _finished(outcome: tuple[list[Row], Row], fingerprint: str) -> bool:
    """Whether a journal entry is a report audited (not failed) under the current rules."""
    summary = outcome[1]
    return (
        summary.get("result") == "ok"
        and summary.get("rules_fingerprint") == fingerprint
        and bool(summary.get("sha256"))
    )
