"""CPU seconds of a new-draft audit by stage, in one process with serial extraction, for one or two checkouts.

Each run is a child process that imports ``checker`` from the checkout given (PYTHONPATH), wraps the stage
functions with a ``time.process_time`` counter, and runs what ``gapcheck audit FILE -s hkex-esg --format json
--no-cache`` runs: load the compiled packs, compile the predicates, read the PDF (pages, then the running headers
and the structure pass), index, judge, write JSON. CPU time rather than wall time, so another engineer's job on
the shared machine changes the figures little; the median of ``--rounds`` runs, checkouts interleaved.

usage: python benchmarks/stage_cpu.py [--rounds 3] [--before /path/to/main] [PDF ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from real_bench import REPORTS, compile_bytecode  # noqa: E402

STAGES = ["import", "load packs", "compile", "pdf pages", "structure", "index", "evaluate", "json", "total"]

CHILD = r"""
import functools, importlib, json, os, sys, time
t0 = time.process_time()
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards
from checker.report.json_writer import render
spent = {"import": time.process_time() - t0}

def wrap(owner, name, label):
    original = getattr(owner, name)
    @functools.wraps(original)
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - start
    setattr(owner, name, timed)

wrap(importlib.import_module("checker.ingest.pdf"), "extract_page", "pdf pages")
wrap(importlib.import_module("checker.ingest.registry"), "finish_reading", "structure")
wrap(importlib.import_module("checker.evaluate.index").DocumentIndex, "_build", "index")
start = time.process_time(); packs = load_standards(["hkex-esg"]); spent["load packs"] = time.process_time() - start
start = time.process_time(); auditor = Auditor(packs); spent["compile"] = time.process_time() - start
start = time.process_time(); document = read_document(sys.argv[1]); read = time.process_time() - start
start = time.process_time(); result = auditor.audit(document); audit = time.process_time() - start
start = time.process_time(); render([result]); spent["json"] = time.process_time() - start
spent["read, other"] = read - spent["pdf pages"] - spent["structure"]
spent["evaluate"] = audit - spent["index"]
spent["total"] = time.process_time() - t0
print(json.dumps(spent))
"""


def child(checkout: Path, pdf: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "GAPCHECK_PDF_WORKERS": "1", "GAPCHECK_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(pdf)], capture_output=True, text=True, check=True, cwd=checkout, env=env
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", type=Path, default=None, help="another checkout to compare (e.g. main)")
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args()
    checkouts = [("this checkout", ROOT)] + ([("before", args.before)] if args.before else [])
    pdfs = {pdf.name: pdf for pdf in args.pdfs} or {title: pdf for title, pdf in REPORTS.items() if pdf.exists()}
    cache = Path(os.environ.get("TMPDIR", "/tmp")) / "gapcheck-stage-cpu"
    for _, checkout in checkouts:
        compile_bytecode(checkout)
        child(checkout, next(iter(pdfs.values())), cache / checkout.name)  # NOTE: compiles the packs
    print(f"## CPU seconds by stage, one process, serial extraction (median of {args.rounds})\n")
    print("| report | checkout | " + " | ".join(STAGES) + " |")
    print("|---|---|" + "---|" * len(STAGES))
    for title, pdf in pdfs.items():
        runs: dict[str, list[dict[str, float]]] = {label: [] for label, _ in checkouts}
        for _ in range(args.rounds):
            for label, checkout in checkouts:
                runs[label].append(child(checkout, pdf, cache / checkout.name))
        for label, _ in checkouts:
            med = [statistics.median(run.get(stage, 0.0) for run in runs[label]) for stage in STAGES]
            print(f"| {title} | {label} | " + " | ".join(f"{value:.3f}" for value in med) + " |")


if __name__ == "__main__":
    main()
