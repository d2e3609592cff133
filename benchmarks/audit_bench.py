"""End-to-end audit benchmark: stages, peak memory, scaling in pages and rules, start-up, cache and batch.

Every measurement runs in a fresh process, so interpreter start and imports count where the issue says they do.
Results go to benchmarks/RESULTS.md.

usage: python benchmarks/audit_bench.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
GAPCHECK = str(Path(PY).with_name("gapcheck"))
OUT = HERE / "out"
NOTES = "## Notes"

BARE = """
import sys, pypdfium2 as pdfium
doc = pdfium.PdfDocument(sys.argv[1])
for i in range(len(doc)):
    page = doc[i]; text = page.get_textpage(); text.get_text_range(); text.close(); page.close()
"""


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd} failed")
    return seconds, usage.ru_maxrss / 1024


def best(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    results = [timed(cmd, env) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def stages(pdf: Path, copies: int = 1, env: dict[str, str] | None = None) -> dict[str, float]:
    """Per-stage seconds in a child process (see ``child_stages``)."""
    out = subprocess.run(
        [PY, __file__, "--child-stages", str(pdf), "--copies", str(copies)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def child_stages(pdf: str, copies: int) -> None:
    import dataclasses
    import resource

    t0 = time.perf_counter()
    from checker.evaluate.engine import Auditor
    from checker.evaluate.index import DocumentIndex
    from checker.ingest import read_document
    from checker.pipeline import load_standards
    from checker.report.json_writer import render

    t1 = time.perf_counter()
    packs = load_standards(["hkex-esg"])
    # NOTE: xN rules = the same pack N times under different ids: N x the requirements and predicates to judge
    packs = [dataclasses.replace(p, id=f"{p.id}-x{k}") if k else p for k in range(copies) for p in packs]
    t2 = time.perf_counter()
    auditor = Auditor(packs)
    t3 = time.perf_counter()
    document = read_document(pdf)
    t4 = time.perf_counter()
    DocumentIndex(document, auditor.matcher)
    t5 = time.perf_counter()
    result = auditor.audit(document)  # NOTE: builds its own index, so evaluate = this - index
    t6 = time.perf_counter()
    render([result])
    t7 = time.perf_counter()
    print(
        json.dumps(
            {
                "import": t1 - t0,
                "load rules": t2 - t1,
                "compile": t3 - t2,
                "extract": t4 - t3,
                "index": t5 - t4,
                "evaluate": (t6 - t5) - (t5 - t4),
                "write json": t7 - t6,
                "requirements": len(auditor.requirements),
                "pages": len(document.pages),
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def make_pdf(pages: int) -> Path:
    path = OUT / ("big.pdf" if pages == 300 else f"big-{pages}.pdf")
    if not path.exists():
        subprocess.run([PY, str(HERE / "make_big_pdf.py"), "--pages", str(pages), "--out", str(path)], check=True)
    return path


def make_corpus(folder: Path, count: int = 24) -> None:
    """Small reports for the batch rows: Markdown samples and 20-page generated PDFs."""
    sys.path.insert(0, str(HERE))
    from make_big_pdf import build

    samples = sorted((ROOT / "samples").glob("*/draft.md"))
    for i in range(count):
        if i % 2 and samples:
            shutil.copy(samples[i % len(samples)], folder / f"r{i:02d}.md")
            (folder / f"r{i:02d}.md").write_text(
                (folder / f"r{i:02d}.md").read_text(encoding="utf-8") + f"\n\nCopy {i}.\n", encoding="utf-8"
            )
        else:
            build(folder / f"r{i:02d}.pdf", 20, seed=i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each, no 1,000-page PDF")
    parser.add_argument("--child-stages", help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_stages:
        child_stages(args.child_stages, args.copies)
        return
    runs = 1 if args.quick else 3
    OUT.mkdir(exist_ok=True)
    pdf = make_pdf(300)
    cache_dir = tempfile.mkdtemp(prefix="gapcheck-bench-cache-")
    cold = {**os.environ, "GAPCHECK_NO_CACHE": "1"}
    warm = {**os.environ, "GAPCHECK_CACHE_DIR": cache_dir}
    audit = [GAPCHECK, "audit", str(pdf), "--standard", "hkex-esg", "--format", "json"]
    lines: list[str] = []

    bare_s, bare_mb = best([PY, "-c", BARE, str(pdf)], runs)
    cold_s, cold_mb = best(audit, runs, cold)
    timed(audit, warm)  # NOTE: fills the cache
    warm_s, warm_mb = best(audit, runs, warm)
    # NOTE: the everyday case: a new draft (Document not cached: --no-cache) with unchanged rules (pack cache warm)
    packs_s, packs_mb = best([*audit, "--no-cache"], runs, warm)
    notables_s, _ = best([*audit, "--no-tables"], runs, cold)
    version_s, version_mb = best([GAPCHECK, "--version"], runs)
    lines += [
        f"## Whole audit vs bare pypdfium2 (300 pages, wall time incl. interpreter start, min of {runs}; peak RSS)",
        "",
        "| command | s | × bare | peak RSS MB |",
        "|---|---|---|---|",
        f"| bare pypdfium2 text extraction (own process) | {bare_s:.2f} | 1.00 | {bare_mb:.0f} |",
        f"| `gapcheck audit --format json`, cold (no cache) | {cold_s:.2f} | {cold_s / bare_s:.2f} | {cold_mb:.0f} |",
        f"| same, `--no-tables` | {notables_s:.2f} | {notables_s / bare_s:.2f} | - |",
        f"| new draft, rule-pack cache warm (`--no-cache`: Document not cached) | {packs_s:.2f} "
        f"| {packs_s / bare_s:.2f} | {packs_mb:.0f} |",
        f"| same, Document cache warm (re-audit after a rule edit) | {warm_s:.2f} | {warm_s / bare_s:.2f} "
        f"| {warm_mb:.0f} |",
        f"| `gapcheck --version` | {version_s:.2f} | - | {version_mb:.0f} |",
        "",
    ]
    s = stages(pdf, env=warm)  # NOTE: rule-pack cache warm, as in everyday use; cold load: the table above
    names = ["import", "load rules", "compile", "extract", "index", "evaluate", "write json"]
    lines += [
        f"## Stages (300 pages, {int(s['requirements'])} requirements, one process, rule-pack cache warm)",
        "",
        "| " + " | ".join(names) + " | peak RSS MB |",
        "|" + "---|" * (len(names) + 1),
        "| " + " | ".join(f"{s[n]:.2f}" for n in names) + f" | {s['rss_mb']:.0f} |",
        "",
    ]
    sizes = [10, 100, 300] + ([] if args.quick else [1000])
    lines += ["## Cost vs document size", "", "| pages | extract s | index s | evaluate s | ms/page (all three) |"]
    lines.append("|---|---|---|---|---|")
    for pages in sizes:
        r = stages(make_pdf(pages), env=warm)
        total = r["extract"] + r["index"] + r["evaluate"]
        lines.append(
            f"| {pages} | {r['extract']:.2f} | {r['index']:.2f} | {r['evaluate']:.2f} | {1000 * total / pages:.1f} |"
        )
    lines += ["", "## Cost vs number of rules (300 pages; the pack loaded N times under different ids)", ""]
    lines += ["| rules | requirements | compile s | index s | evaluate s |", "|---|---|---|---|---|"]
    for copies in (1, 2, 5, 10):
        r = stages(pdf, copies, warm)
        lines.append(
            f"| ×{copies} | {int(r['requirements'])} | {r['compile']:.2f} | {r['index']:.2f} | {r['evaluate']:.2f} |"
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_corpus(folder)
        batch = [GAPCHECK, "batch", str(folder), "--no-cache", "--no-resume", "-q", "-o", f"{tmp}/r.csv"]
        one, _ = timed([*batch, "--jobs", "1"])
        two, _ = timed([*batch, "--jobs", "2"])
    lines += [
        "",
        "## Batch: 24 reports (12 generated 20-page PDFs + 12 Markdown samples), no cache",
        "",
        "| jobs | s | speed-up |",
        "|---|---|---|",
        f"| 1 | {one:.2f} | 1.00 |",
        f"| 2 | {two:.2f} | {one / two:.2f} |",
    ]
    shutil.rmtree(cache_dir, ignore_errors=True)
    table = "\n".join(lines)
    print(table)
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
    )
    results = HERE / "RESULTS.md"
    # NOTE: the hand-written analysis below the tables (from "## Notes" on) survives a re-run
    previous = results.read_text(encoding="utf-8") if results.exists() else ""
    notes = previous[previous.index(NOTES) :] if NOTES in previous else ""
    results.write_text(
        "# Audit benchmark\n\n"
        f"`python benchmarks/audit_bench.py` on {machine}. The PDFs come from `make_big_pdf.py`: bilingual "
        "English / Traditional Chinese, two-column pages, a ruled table every 10 pages, non-embedded CJK font "
        "(PDFium's slow path). Packs: `--standard hkex-esg` (the packs in rules/ at the time of the run). "
        "Cold = `GAPCHECK_NO_CACHE=1` (no Document cache, no rule-pack cache: every rule file parsed with lark); "
        "the stage tables run with the rule-pack cache warm. "
        "Timings are wall-clock on a shared machine; compare ratios within one run.\n\n"
        f"{table}\n" + (f"\n{notes.rstrip()}\n" if notes else ""),
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
