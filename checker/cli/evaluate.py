"""``gapcheck eval``: measure verdict accuracy against labelled cases, per set, and run the ablations."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import click

from checker.errors import EXIT_GATE_FAILED, InputError
from checker.evaluate.ablation import CutResult, load_cuts, run_cut
from checker.evaluate.accuracy import CaseScore, Disagreement, EvalReport, compare, summarise
from checker.evaluate.cases import case_name, load_case
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.ingest.document import Document
from checker.pipeline import load_standards
from checker.report.model import AuditResult, Profile


def run_eval(
    cases: list[Path], rules_dir: Path | None = None, ablations: bool = True, sets: set[str] | None = None
) -> EvalReport:
    """Audit every case's draft with its standards and profile, compare with its labels, and run its cuts.

    Cases whose document is not on this machine (real reports live in the shared corpus) are skipped and listed.
    """
    scores: list[CaseScore] = []
    pairs: list[list[tuple[str, str]]] = []
    disagreements: list[Disagreement] = []
    unlabelled: list[str] = []
    skipped: list[str] = []
    auditors: dict[tuple[str, ...], Auditor] = {}
    audited: dict[str, tuple[Path, Auditor, AuditResult]] = {}
    for folder in cases:
        case, draft = load_case(folder)
        name = case_name(folder)
        if sets is not None and case.set not in sets:
            continue
        if not draft.is_file():
            skipped.append(f"{name} ({case.draft} not found)")
            continue
        key = tuple(case.standards)
        if key not in auditors:
            auditors[key] = Auditor(load_standards(case.standards, rules_dir))
        document = read_document(draft)
        result = auditors[key].audit(document, case.profile)
        score, case_pairs, case_disagreements, case_unlabelled = compare(name, case, result, document)
        scores.append(score)
        pairs.append(case_pairs)
        disagreements.extend(case_disagreements)
        unlabelled.extend(case_unlabelled)
        audited[name] = (draft, auditors[key], result)
    report = summarise(scores, pairs, disagreements, unlabelled, skipped)
    if ablations:
        _run_ablations(report, cases, audited)
    return report


def _run_ablations(
    report: EvalReport, cases: list[Path], audited: dict[str, tuple[Path, Auditor, AuditResult]]
) -> None:
    folders = dict.fromkeys((c if c.is_dir() else c.parent).parent for c in cases)
    results: list[CutResult] = []
    for folder in folders:
        for cut in load_cuts(folder):
            if cut.case not in audited:
                continue
            draft, auditor, before = audited[cut.case]
            results.append(run_cut(cut, draft, partial(_audit_with, auditor, before.profile), before))
    removed = sum(len(r.removes) for r in results)
    report.ablations = results
    report.ablation_missing_recall = round(sum(r.missing_hits for r in results) / removed, 4) if removed else None


def _audit_with(auditor: Auditor, profile: Profile, document: Document) -> AuditResult:
    return auditor.audit(document, profile)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def render_text(report: EvalReport) -> str:
    """The report as a terminal table."""
    lines = [f"{'case':<30} {'set':<12} {'labelled':>8} {'agreed':>7} {'strict':>7} {'tolerant':>8} {'pages':>9}"]
    for s in report.cases:
        pages = f"{s.page_hits}/{s.page_checks}" if s.page_checks else "-"
        lines.append(
            f"{s.case:<30} {s.set:<12} {s.labelled:>8} {s.agreed:>7} {s.agreed / max(1, s.labelled):>7.1%} "
            f"{s.tolerant / max(1, s.labelled):>8.1%} {pages:>9}"
        )
    lines += [
        "",
        f"{'set':<14} {'cases':>5} {'labelled':>8} {'strict':>7} {'tolerant':>8} {'pages':>7} {'not body':>13}",
    ]
    for st in report.sets:
        lines.append(
            f"{st.name:<14} {st.cases:>5} {st.labelled:>8} {st.agreement:>7.1%} {st.tolerant_agreement:>8.1%} "
            f"{st.evidence_page_hit_rate:>7.1%} {st.evidence_outside_body:>6.1%} of {st.evidence_items}"
        )
    for st in report.sets:
        if st.index_rows_read is not None:
            lines.append(
                f"{st.name:<14} content index: rows read {st.index_rows_read:.1%}, explanations read "
                f"{_share(st.index_explanations_read)}, citations read {_share(st.index_citations_read)}"
            )
    lines += [
        "",
        f"all: agreement {report.agreement:.1%} strict, {report.tolerant_agreement:.1%} tolerant (covered~partial) "
        f"over {report.labelled} labelled requirements; evidence pages right in {report.evidence_page_hit_rate:.1%} "
        f"of {report.page_checks} disclosed cases",
    ]
    for st in report.sets:
        lines += ["", f"[{st.name}] {'verdict':<15} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}"]
        for verdict, m in st.per_verdict.items():
            lines.append(
                f"{'':<{len(st.name) + 3}}{verdict:<15} {m['precision']:>9.1%} {m['recall']:>7.1%} {m['f1']:>6.2f} "
                f"{int(m['support']):>8}"
            )
    verdicts = list(report.confusion)
    lines += ["", "confusion, all sets (rows: expected, columns: gapcheck)"]
    lines.append(" " * 15 + "".join(f"{v[:9]:>10}" for v in verdicts))
    for expected in verdicts:
        lines.append(f"{expected:<15}" + "".join(f"{report.confusion[expected][a]:>10}" for a in verdicts))
    if report.ablations:
        removed = sum(len(a.removes) for a in report.ablations)
        recall = f"{report.ablation_missing_recall:.1%}" if report.ablation_missing_recall is not None else "-"
        lines += [
            "",
            f"ablations: {len(report.ablations)} cuts, {removed} requirements removed; 'missing' recall {recall}",
        ]
        for a in report.ablations:
            kept = {k: v for k, v in a.removes.items() if v != "missing"}
            lines.append(
                f"  {a.case} / {a.name}: {a.missing_hits}/{len(a.removes)} missing"
                + (f"; still found: {', '.join(f'{k} {v}' for k, v in kept.items())}" if kept else "")
                + (f"; gained: {', '.join(a.gained)}" if a.gained else "")
            )
    if report.disagreements:
        lines += ["", "disagreements:"]
        for d in report.disagreements:
            lines.append(f"  {d.case} {d.standard} {d.id}: expected {d.expected}, got {d.actual} — {d.message}")
    if report.unlabelled:
        lines += ["", f"unlabelled requirements ({len(report.unlabelled)}): " + ", ".join(report.unlabelled[:20])]
    if report.skipped:
        lines += ["", f"skipped ({len(report.skipped)}): " + "; ".join(report.skipped)]
    return "\n".join(lines)


# NOTE: a held-out case whose misses a rule author has read is no longer held out, so they are not printed unless
# asked for.
HELD_OUT_SETS = frozenset({"heldout", "real-heldout"})


@click.command("eval")
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--min-agreement",
    type=click.FloatRange(0, 1),
    default=None,
    help="Exit 1 when strict agreement is below this (e.g. 0.95).",
)
@click.option(
    "--set", "sets", multiple=True, help="Only cases of this set (tuning, heldout, real-tuning, real-heldout)."
)
@click.option("--no-ablations", is_flag=True, help="Skip the cuts in ablations*.yaml beside the cases.")
@click.option(
    "--show-heldout",
    is_flag=True,
    help="Also list the held-out sets' disagreements (by default only their counts: read them and the cases "
    "are no longer held out).",
)
@click.option("--rules-dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def eval_command(
    cases: tuple[Path, ...],
    output_format: str,
    min_agreement: float | None,
    sets: tuple[str, ...],
    no_ablations: bool,
    show_heldout: bool,
    rules_dir: Path | None,
) -> int:
    """Measure agreement with labelled cases (folders holding expected.yaml), per set, and run the ablations."""
    # NOTE: `gapcheck eval samples/*` also expands to README.md and build.py; only labelled cases count.
    folders = [c for c in cases if (c.is_dir() and (c / "expected.yaml").is_file()) or c.suffix in (".yaml", ".yml")]
    folders = [f for f in folders if not f.name.startswith("ablations")]
    if not folders:
        raise InputError("no labelled cases (folders with expected.yaml) among the arguments", cases[0])
    report = run_eval(folders, rules_dir, ablations=not no_ablations, sets=set(sets) or None)
    withheld = 0
    if not show_heldout:
        shown = [d for d in report.disagreements if d.set not in HELD_OUT_SETS]
        withheld = len(report.disagreements) - len(shown)
        report = report.model_copy(update={"disagreements": shown})
    if output_format == "json":
        click.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(report))
        if withheld:
            click.echo(f"\n{withheld} held-out disagreements withheld (--show-heldout lists them)")
    if min_agreement is not None and report.agreement < min_agreement:
        click.echo(f"gapcheck: agreement {report.agreement:.1%} is below {min_agreement:.1%}", err=True)
        return EXIT_GATE_FAILED
    return 0
