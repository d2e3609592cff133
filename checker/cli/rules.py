"""``gapcheck rules``: list, show, validate, test and scaffold rules."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker.dsl import ast
from checker.dsl.pack import RulePack, default_rules_root, load_rule_path
from checker.errors import EXIT_GATE_FAILED, RuleError
from checker.evaluate.applicability import describe
from checker.pipeline import load_standards

_rules_dir_option = click.option(
    "--rules-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of rule packs (default: the project's rules/).",
)


@click.group()
def rules() -> None:
    """Inspect, validate and test rule packs."""


def _packs(standards: tuple[str, ...], rules_dir: Path | None) -> list[RulePack]:
    if standards:
        return load_standards(standards, rules_dir)
    return load_rule_path(rules_dir or default_rules_root())


def _default_obligation(requirement: ast.Requirement) -> str:
    return requirement.obligations[0].level if requirement.obligations else ""


def requirement_summary(pack: RulePack, requirement: ast.Requirement) -> dict[str, object]:
    """The machine-readable summary of one requirement (``rules list --format json``)."""
    return {
        "standard": pack.id,
        "id": requirement.id,
        "symbol": requirement.symbol,
        "title": requirement.title,
        "part": requirement.part,
        "aspect": requirement.aspect,
        "obligation": _default_obligation(requirement),
        "obligations": [
            {"level": c.level, "when": describe(c.when) if c.when else None} for c in requirement.obligations
        ],
        "applies_when": describe(requirement.applies) if requirement.applies else None,
        "checkable": requirement.uncheckable is None,
        "uncheckable_reason": requirement.uncheckable,
        "elements": [e.name for e in requirement.elements],
        "maps_to": list(requirement.maps_to),
        "status": requirement.lifecycle or "stable",
        "file": requirement.span.path,
    }


@rules.command("list")
@click.option("--standard", "-s", "standards", multiple=True, help="Only these packs (id or alias).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rules_dir_option
def list_rules(standards: tuple[str, ...], output_format: str, rules_dir: Path | None) -> int:
    """List the requirements of every pack (or of --standard)."""
    packs = _packs(standards, rules_dir)
    if output_format == "json":
        rows = [requirement_summary(p, r) for p in packs for r in p.requirements]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for pack in packs:
        click.echo(
            click.style(f"{pack.id}  {pack.name} ({pack.edition})  {len(pack.requirements)} requirements", bold=True)
        )
        for requirement in pack.requirements:
            flag = "" if requirement.uncheckable is None else "  [manual]"
            click.echo(f"  {requirement.id:<18} {_default_obligation(requirement):<18} {requirement.title}{flag}")
    return 0


def _source_lines(span: ast.Span) -> str:
    try:
        lines = Path(span.path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[span.line - 1 : span.end_line]).strip()


@rules.command("show")
@click.argument("requirement_id")
@click.option("--standard", "-s", "standards", multiple=True, help="Look only in these packs.")
@_rules_dir_option
def show(requirement_id: str, standards: tuple[str, ...], rules_dir: Path | None) -> int:
    """Show one requirement: citation, obligation, elements, examples and its cross-walk."""
    packs = _packs(standards, rules_dir)
    matches = [(p, p.by_id[requirement_id]) for p in packs if requirement_id in p.by_id]
    if not matches:
        import difflib

        known = [r.id for p in packs for r in p.requirements]
        close = difflib.get_close_matches(requirement_id, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise RuleError(f"unknown requirement id {requirement_id!r}{hint}")
    for pack, requirement in matches:
        click.echo(click.style(f"{requirement.id}  {requirement.symbol}  [{pack.id}]", bold=True))
        click.echo(f"  {requirement.title}")
        click.echo(f"  cite:        {requirement.cite}")
        for clause in requirement.obligations:
            when = f" when {describe(clause.when)}" if clause.when else ""
            click.echo(f"  obligation:  {clause.level}{when}")
        if requirement.applies:
            click.echo(f"  applies:     when {describe(requirement.applies)}")
        for name, reason in [(r.name, r.reason) for r in requirement.reliefs]:
            click.echo(f"  relief:      {name}: {reason}")
            _show_statement(pack.reliefs.get(name))
        if requirement.grants is not None:
            declared = pack.reliefs.get(requirement.grants)
            click.echo(f"  grants:      {requirement.grants}: {declared.reason if declared else ''}")
            _show_statement(declared)
        if requirement.uncheckable:
            click.echo(f"  manual:      {requirement.uncheckable}")
        for element in requirement.elements:
            click.echo(f"  element:     {_source_lines(element.span).removeprefix('element ').strip()}")
        mapped_from = [
            f"{p.id}:{r.id}"
            for p in load_rule_path(rules_dir or default_rules_root())
            for r in p.requirements
            if requirement.id in r.maps_to
        ]
        if requirement.maps_to or mapped_from:
            click.echo("  cross-walk:  " + ", ".join([*requirement.maps_to, *(f"<- {m}" for m in mapped_from)]))
        for example in requirement.examples:
            text = " ".join(example.text.split())
            click.echo(f"  example {example.status}: {text[:110]}{'...' if len(text) > 110 else ''}")
        click.echo(f"  file:        {requirement.span.path}:{requirement.span.line}")
    return 0


def _show_statement(declared: ast.ReliefDecl | None) -> None:
    """How a draft states the relief (its declaration's ``stated:``), where it declares one."""
    if declared is not None and declared.stated is not None:
        text = " ".join(_source_lines(declared.stated.span).split()).removeprefix("stated: ")
        click.echo(f"    stated by: {text}  ({declared.span.path}:{declared.span.line})")


_MISSING_SHOWN = 20  # missing translations listed before '... and N more'


@rules.command("validate")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def validate(path: Path | None) -> int:
    """Check rule packs for syntax and semantic errors (exit 2 on the first broken pack).

    Also reads every pack's Chinese words (``i18n/zh-Hant.toml``, ``zh-Hans.toml``): an unknown id or key is an
    error; a missing translation is listed as a warning (the English word is shown in its place).
    """
    from checker.report.i18n_catalog import CHINESE, load_catalog, missing_entries

    packs = load_rule_path(path or default_rules_root())
    for pack in packs:
        click.echo(
            f"ok  {pack.id}: {len(pack.requirements)} requirements, {len(pack.lexicons)} lexicons, "
            f"{len(pack.files)} files ({pack.fingerprint})"
        )
    for lang in CHINESE:
        catalog = load_catalog(packs, lang)
        missing = missing_entries(packs, catalog)
        translated = sum(1 for p in packs for r in p.requirements if catalog.words(p.id, r.id).title)
        total = sum(len(p.requirements) for p in packs)
        click.echo(f"ok  i18n {lang}: {translated}/{total} requirement titles, {len(missing)} missing entries")
        for entry in missing[:_MISSING_SHOWN]:
            click.echo(f"    warning: no {lang} words for {entry}", err=True)
        if len(missing) > _MISSING_SHOWN:
            click.echo(f"    warning: ... and {len(missing) - _MISSING_SHOWN} more", err=True)
    return 0


@rules.command("compile")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def compile_packs(path: Path | None) -> int:
    """Compile rule packs ahead of time (an image build), so no audit parses them; also checks them as validate."""
    from checker.dsl import pack_cache
    from checker.dsl.pack import discover_packs

    packs = load_rule_path(path or default_rules_root())
    discover_packs(path or default_rules_root())  # NOTE: the pack headers that resolve --standard, compiled too
    for pack in packs:
        click.echo(f"compiled  {pack.id}: {len(pack.requirements)} requirements ({pack.fingerprint})")
    where = pack_cache.location(path or default_rules_root())
    click.echo(f"into {where}" if where is not None else "not stored: no writable folder (each run parses)")
    return 0


@rules.command("test")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List passing examples too.")
def test(path: Path | None, verbose: bool) -> int:
    """Run every rule's examples; exit 1 when an example gets a different verdict."""
    from checker.evaluate.examples import run_examples

    failures = 0
    total = 0
    for pack in load_rule_path(path or default_rules_root()):
        for outcome in run_examples(pack):
            total += 1
            if outcome.passed:
                if verbose:
                    click.echo(f"{click.style('PASS', fg='green')} {outcome.test_id}")
                continue
            failures += 1
            click.echo(
                f"{click.style('FAIL', fg='red')} {outcome.test_id}: expected {outcome.expected}, "
                f"got {outcome.actual}\n     {outcome.location}\n     {outcome.message}"
            )
    click.echo(f"{total - failures} passed, {failures} failed")
    return EXIT_GATE_FAILED if failures else 0


_TEMPLATE = """requirement "{id}" {symbol} {{
  title  "{title}"
  cite   "{standard}, ..."
  part   ""
  aspect ""
  obligation comply_or_explain
  topic  ["topic term", "主題"]

  element "what a reviewer looks for" : near(["term"], quantity(number), within=150)

  example covered "..."
  example missing "..."
}}
"""


@rules.command("new")
@click.argument("requirement_id")
@click.option("--standard", "-s", required=True, help="Pack to add the rule to.")
@click.option("--folder", default="", help="Sub-folder of the pack, e.g. social.")
@click.option("--symbol", default=None, help="kebab-case name of the disclosure.")
@click.option("--title", default="TODO: the requirement, in the standard's words", help="Title.")
@_rules_dir_option
def new(requirement_id: str, standard: str, folder: str, symbol: str | None, title: str, rules_dir: Path | None) -> int:
    """Scaffold RULES_DIR/<pack>/<folder>/<ID>.rule from a template."""
    from checker.dsl.pack import resolve_standard

    pack_dir = resolve_standard(standard, rules_dir)
    target = pack_dir / folder / f"{requirement_id}.rule"
    if target.exists():
        raise RuleError("already exists; not overwriting", path=str(target))
    slug = symbol or "-".join(
        ["disclosure", *requirement_id.lower().replace(".", "-").replace("(", "").replace(")", "").split("-")]
    ).strip("-")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        _TEMPLATE.format(id=requirement_id, symbol=slug, title=title, standard=standard), encoding="utf-8"
    )
    click.echo(f"created {target}")
    return 0
