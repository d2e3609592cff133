"""``gapcheck audit``: judge drafts against standards, apply the policy's waivers and gate, write the result.

The command stays thin: the policy comes from ``checker.config``, waivers and the gate from
``checker.evaluate.waivers`` / ``checker.report.gate``, and the output format is a row of
``checker.report.formats.FORMATS`` -- no per-format branches here.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from checker.cli import keep_until_exit
from checker.cli.options import read_settings, reading_options
from checker.errors import EXIT_GATE_FAILED, EXIT_OK, ConfigError, OutputError, working_on
from checker.ingest.collector import freeze_on_resume, gc_paused
from checker.ingest.read_ahead import cancel_read_ahead, read_ahead
from checker.report.formats import FORMATS, format_for
from checker.report.labels import DEFAULT_LANG, LANGS

if TYPE_CHECKING:
    from checker.config.model import Policy
    from checker.evaluate.engine import Auditor
    from checker.report.carry_over import PreviousWorkbook
    from checker.report.gate import Gate
    from checker.report.model import AuditResult, Profile

# NOTE: the engine, the packs, the Document and result models and the writers are imported inside the command,
# after ``read_ahead`` has started a PDF's extraction workers: those ~0.15 s of imports then overlap the extraction.


def _prepare_for_pages(auditor: Auditor) -> None:
    """Do now, while the extraction workers read the draft, the work that would otherwise wait for its last page.

    NOTE: once the last page is in, structure, index and judging run in this process (and in helpers when a core
    is free); the structure pass's and the claims reader's imports (~50 ms), the term automaton (~20 ms) and the
    quantity scan's patterns (~18 ms) are needed there whatever the draft says, so they are made while the workers
    still hold the other core busy. A helper that matches the terms and scans the quantities after the last page
    (``checker.evaluate.index_ahead``) inherits them: built in the helper, they were on the path the audit waits
    on (its index waited for the helper). The release plans (~30 ms) only when no helper may run: with one, they
    are made while the index waits for it (``Auditor.judge``), and the workers get that time. Only when workers
    run: for a cached Document none of it is needed.
    """
    import checker.claims.parse
    import checker.ingest.pdf
    import checker.report.confidence
    import checker.structure  # noqa: F401
    from checker.evaluate import text_facts
    from checker.evaluate.forked import helpers_possible

    auditor.matcher.prepare()
    text_facts.prepare()
    if not helpers_possible():
        auditor.plan_ahead()


def profile_options(func: click.decorators.FC) -> click.decorators.FC:
    """Add --tier, --year and --relief (the issuer profile)."""
    func = click.option("--relief", "reliefs", multiple=True, help="A relief the issuer claims (repeatable).")(func)
    func = click.option(
        "--year",
        type=click.IntRange(2000, 2100),
        default=None,
        help="Financial year of the report (default: the policy's, else the pack's).",
    )(func)
    func = click.option(
        "--tier",
        type=click.Choice(["largecap", "main_board", "gem"]),
        default=None,
        help="Issuer tier (default: the policy's, else main_board).",
    )(func)
    return func


def gate_options(func: click.decorators.FC) -> click.decorators.FC:
    """Add --config, --fail-on, --min-coverage and --exit-zero (the policy gate)."""
    func = click.option("--exit-zero", is_flag=True, help="Exit 0 even when the gate fails (report only).")(func)
    func = click.option(
        "--min-coverage",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        help="Fail when coverage is below this ratio (overrides the policy).",
    )(func)
    func = click.option(
        "--fail-on",
        multiple=True,
        metavar="STATUS[:OBLIGATION]",
        help="Fail on these verdicts, e.g. missing:mandatory,partial:comply_or_explain,error "
        "(repeatable or comma-separated; replaces the policy's list).",
    )(func)
    func = click.option(
        "--config",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="Policy file (default: nearest gapcheck.toml or pyproject.toml [tool.gapcheck]).",
    )(func)
    return func


def build_profile(
    tier: str | None, year: int | None, reliefs: tuple[str, ...], policy: Policy | None = None
) -> Profile:
    """The issuer profile: command-line options over the policy file over defaults."""
    from checker.config.model import Policy
    from checker.report.model import Profile

    base = (policy or Policy()).profile
    return Profile(
        tier=tier or base.tier or "main_board",
        financial_year=year if year is not None else base.financial_year,
        reliefs=list(reliefs) if reliefs else list(base.reliefs),
    )


def build_gate(
    policy: Policy, source: Path | None, fail_on: tuple[str, ...], min_coverage: float | None, exit_zero: bool
) -> Gate:
    """The effective gate: ``--fail-on`` / ``--min-coverage`` replace the policy's values."""
    from checker.config.model import check_fail_on
    from checker.report.gate import Gate

    if fail_on:
        try:
            entries = tuple(check_fail_on(e) for value in fail_on for e in value.split(",") if e.strip())
        except ValueError as exc:
            raise ConfigError(f"--fail-on: {exc}") from exc
    else:
        entries = tuple(policy.gate.fail_on)
    return Gate(
        fail_on=entries,
        min_coverage=min_coverage if min_coverage is not None else policy.gate.min_coverage,
        source=str(source) if source else None,
        exit_zero=exit_zero,
        honour_reviews=policy.gate.honour_reviews,
    )


def _workbook_reviews(outputs: list[tuple[str, str]], carry_over: bool, force: bool) -> PreviousWorkbook:
    """The reviews in the workbook this audit rewrites, so that the JSON and the gate see the same sign-offs."""
    from checker.report.carry_over import PreviousWorkbook
    from checker.report.reviews import read_reviews

    target = next((Path(t) for name, t in outputs if name == "xlsx"), None)
    if target is None or not carry_over:
        return PreviousWorkbook()
    try:
        return read_reviews(target)
    except OutputError:
        if force:
            return PreviousWorkbook()  # NOTE: --force replaces it; the writer says nothing of its reviews either
        raise


def _extra_report(value: str) -> tuple[str, str]:
    """Parse ``--report FORMAT=PATH``."""
    name, sep, target = value.partition("=")
    if not sep or name not in FORMATS or not target:
        raise ConfigError(f"--report {value!r}: expected FORMAT=PATH with FORMAT one of {', '.join(sorted(FORMATS))}")
    return format_for(target, name), target


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--standard",
    "-s",
    "standards",
    multiple=True,
    help="Standard pack id or alias (repeatable), e.g. hkex-esg, issb-s2, tcfd. Default: the policy's, else hkex-esg.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Output format (default: from the --output suffix, else text).",
)
@click.option("--output", "-o", default="-", show_default=True, help="Output file, or - for standard output.")
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write this format to PATH (repeatable), e.g. --report md=reports/gaps.md --report junit=junit.xml.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=DEFAULT_LANG,
    show_default=True,
    help="Language of every output: requirement titles, element names, messages, sheet names, headers and status "
    "words (ids and status codes stay English in JSON).",
)
@click.option(
    "--carry-over/--no-carry-over",
    default=True,
    show_default=True,
    help="Carry reviewer status and notes from an existing workbook into the new one.",
)
@click.option("--force", is_flag=True, help="Replace an output that cannot be carried over, or discard reviewer edits.")
@click.option(
    "--paper",
    type=click.Choice(["a4", "a3"]),
    default="a4",
    show_default=True,
    help="Paper the workbook prints on (landscape, one page wide).",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="An earlier audit of the draft (JSON or workbook): the gate fails only for requirements that got worse.",
)
@click.option(
    "--rules-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of rule packs (default: the project's rules/).",
)
@profile_options
@gate_options
@reading_options
def audit(
    files: tuple[Path, ...],
    standards: tuple[str, ...],
    output_format: str | None,
    output: str,
    reports: tuple[str, ...],
    lang: str,
    carry_over: bool,
    force: bool,
    paper: str,
    baseline: Path | None,
    rules_dir: Path | None,
    tier: str | None,
    year: int | None,
    reliefs: tuple[str, ...],
    config: Path | None,
    fail_on: tuple[str, ...],
    min_coverage: float | None,
    exit_zero: bool,
    **reading: object,
) -> int:
    """Audit FILE(s) against disclosure standards: a verdict with evidence for every requirement.

    Exit codes: 0 the gate passed, 1 the gate failed, 2 bad usage, input, rules, policy or output, 3 a bug.
    """
    settings = read_settings(reading)
    if len(files) == 1:
        freeze_on_resume()  # NOTE: one draft, then the process ends: see the function
        # NOTE: off again when the command ends, for a caller that goes on in the same process (tests, scripts)
        click.get_current_context().call_on_close(lambda: freeze_on_resume(False))
    reading_ahead = len(files) == 1 and read_ahead(files[0], settings, use_cache=not reading.get("no_cache"))
    if reading_ahead:
        # NOTE: the workers extract the draft while the imports below run and the packs load and compile; whatever
        # ends the command (an error included) stops workers that the read never took over
        click.get_current_context().call_on_close(cancel_read_ahead)
    # NOTE: what the imports make lives until the command ends; the collections they triggered (~5-8 ms each, two
    # or three a run) found no garbage
    with gc_paused():
        options = settings.options()  # NOTE: the first pydantic import of the run, after the workers forked
        from checker.cache import default_cache
        from checker.config.discovery import load_policy
        from checker.evaluate.engine import Auditor
        from checker.evaluate.waivers import apply_waivers
        from checker.pipeline import audit_path, load_standards
        from checker.report.diff import load_side
        from checker.report.formats import WriteOptions, emit
        from checker.report.gate import evaluate_gate
        from checker.report.i18n_catalog import load_catalog
        from checker.report.localize import localize
        from checker.report.reviews import attach_reviews

    cache = None if reading.get("no_cache") else default_cache()
    outputs = [(format_for(output, output_format), output), *(_extra_report(value) for value in reports)]
    policy, source = load_policy(config)
    gate = build_gate(policy, source, fail_on, min_coverage, exit_zero)
    if baseline is not None:
        if len(files) != 1:
            raise ConfigError("--baseline compares one draft with its earlier audit; audit one file")
        gate = dataclasses.replace(gate, baseline=load_side(baseline))
    reviews = _workbook_reviews(outputs, carry_over, force)
    with gc_paused():  # NOTE: loading and compiling the packs makes ~10^5 objects and no garbage to look for
        packs = load_standards(standards or tuple(policy.standards), rules_dir)
        catalog = load_catalog(packs, lang)  # NOTE: a broken i18n file stops the run before any draft is read
        auditor = Auditor(packs)
    if reading_ahead:
        with gc_paused():
            _prepare_for_pages(auditor)
    profile = build_profile(tier, year, reliefs, policy)
    results: list[AuditResult] = []
    warnings: dict[str, None] = {}
    for path in files:
        with working_on(path):  # NOTE: a crash while judging this draft names it in the exit-3 line
            result, waiver_report = apply_waivers(audit_path(path, auditor, profile, options, cache), policy.waivers)
            result = attach_reviews(result, reviews) if len(files) == 1 else result
            results.append(localize(evaluate_gate(result, gate, waiver_report), lang, catalog))
        warnings.update(dict.fromkeys(f"{result.document.path}: {w}" for w in result.document.warnings))
        warnings.update(dict.fromkeys(waiver_report.warnings()))
    write_options = WriteOptions(lang=lang, carry_over=carry_over, force=force, paper=paper)
    for name, target in outputs:
        emit(name, results, target, write_options)
    keep_until_exit(auditor, packs, catalog, results, policy, reviews)  # NOTE: not freed one by one (see there)
    for warning in warnings:
        click.echo(f"gapcheck: warning: {warning}", err=True)
    sys.stdout.flush()
    failed = [r for r in results if r.gate is not None and not r.gate.get("passed")]
    for result in failed:
        reasons = result.gate.get("reasons") if result.gate else []
        count = len(reasons) if isinstance(reasons, list) else 0
        click.echo(f"gapcheck: gate failed for {result.document.path}: {count} reason(s)", err=True)
    return EXIT_GATE_FAILED if failed and not gate.exit_zero else EXIT_OK
