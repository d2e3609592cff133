"""``gapcheck eval``: measure verdict accuracy against labelled sample drafts."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker.errors import EXIT_GATE_FAILED, InputError
from checker.evaluate.accuracy import EvalReport, compare, load_case, summarise
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards


def run_eval(cases: list[Path], rules_dir: Path | None = None) -> EvalReport:
    """Audit every case's draft with its standards and profile, and compare with its labels."""
    scores, pairs, disagreements, unlabelled = [], [], [], []
    auditors: dict[tuple[str, ...], Auditor] = {}
    for folder in cases:
        case, draft = load_case(folder)
        key = tuple(case.standards)
        if key not in auditors:
            auditors[key] = Auditor(load_standards(case.standards, rules_dir))
        result = auditors[key].audit(read_document(draft), case.profile)
        name = folder.name if folder.is_dir() else folder.parent.name
        score, case_pairs, case_disagreements, case_unlabelled = compare(name, case, result)
        scores.append(score)
        pairs.extend(case_pairs)
        disagreements.extend(case_disagreements)
        unlabelled.extend(case_unlabelled)
    return summarise(scores, pairs, disagreements, unlabelled)


def render_text(report: EvalReport) -> str:
    """The report as a terminal table."""
    lines = [f"{'case':<28} {'labelled':>8} {'agreed':>7} {'agreement':>9} {'pages':>9}"]
    for s in report.cases:
        pages = f"{s.page_hits}/{s.page_checks}" if s.page_checks else "-"
        lines.append(f"{s.case:<28} {s.labelled:>8} {s.agreed:>7} {s.agreed / max(1, s.labelled):>9.1%} {pages:>9}")
    lines += [
        "",
        f"agreement {report.agreement:.1%} over {report.labelled} labelled requirements; "
        f"evidence pages right in {report.evidence_page_hit_rate:.1%} of {report.page_checks} disclosed cases",
        "",
        f"{'verdict':<15} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}",
    ]
    for verdict, m in report.per_verdict.items():
        lines.append(f"{verdict:<15} {m['precision']:>9.1%} {m['recall']:>7.1%} {m['f1']:>6.2f} {int(m['support']):>8}")
    verdicts = list(report.confusion)
    lines += ["", "confusion (rows: expected, columns: gapcheck)", " " * 15 + "".join(f"{v[:9]:>10}" for v in verdicts)]
    for expected in verdicts:
        lines.append(f"{expected:<15}" + "".join(f"{report.confusion[expected][a]:>10}" for a in verdicts))
    if report.disagreements:
        lines += ["", "disagreements:"]
        for d in report.disagreements:
            lines.append(f"  {d.case} {d.standard} {d.id}: expected {d.expected}, got {d.actual} — {d.message}")
    if report.unlabelled:
        lines += ["", f"unlabelled requirements ({len(report.unlabelled)}): " + ", ".join(report.unlabelled[:20])]
    return "\n".join(lines)


@click.command("eval")
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--min-agreement",
    type=click.FloatRange(0, 1),
    default=None,
    help="Exit 1 when agreement is below this (e.g. 0.95).",
)
@click.option("--rules-dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def eval_command(
    cases: tuple[Path, ...], output_format: str, min_agreement: float | None, rules_dir: Path | None
) -> int:
    """Measure agreement with labelled samples (folders holding expected.yaml)."""
    # NOTE: `gapcheck eval samples/*` also expands to README.md and build.py; only labelled cases count.
    folders = [c for c in cases if (c.is_dir() and (c / "expected.yaml").is_file()) or c.suffix in (".yaml", ".yml")]
    if not folders:
        raise InputError("no labelled cases (folders with expected.yaml) among the arguments", cases[0])
    report = run_eval(folders, rules_dir)
    if output_format == "json":
        click.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(report))
    if min_agreement is not None and report.agreement < min_agreement:
        click.echo(f"gapcheck: agreement {report.agreement:.1%} is below {min_agreement:.1%}", err=True)
        return EXIT_GATE_FAILED
    return 0
