"""Audit time on real reports as a ratio to bare pypdfium2 text extraction, from paired, interleaved runs.

The machine is shared (2 cores, several engineers), so a single timing means little: every round runs bare
pypdfium2 and each audit variant back to back, in one process tree, and the tables give the median over rounds of
each run's ratio to the bare run of its own round (and median seconds for scale). Every run is a fresh process
and includes interpreter start and imports, as a user sees it. The same is given for CPU time (user + system of
the process and the extraction workers it reaped), which another engineer's job changes far less than wall time.

Variants (all ``audit FILE -s hkex-esg --format json``, rules copied to a temporary folder so that compiled packs
live in a temporary ``GAPCHECK_CACHE_DIR`` the benchmark controls):
  first run  nothing compiled yet (a fresh install that skipped ``gapcheck rules compile``), no cached Document
  cold       the run after a rule edit (a comment appended to one rule file each round), no cached Document
  new draft  compiled packs, Document not cached (``--no-cache``): the everyday case; two extraction workers when
             a core is free at that moment, else one process (``pdf_parallel._core_free``); after the last page,
             the helpers (index terms and quantities, half of judging) when a core is free then
  re-audit   compiled packs and the Document cached
  new draft, GAPCHECK_PDF_WORKERS=1|2   the same with the workers forced off / on, so the rounds show what the
             second core gives when free and what it costs when another job holds it (=1 is one process: no
             helpers either; =2 leaves the helpers to the core-free test)
  new draft, GAPCHECK_PDF_WORKERS=2 GAPCHECK_HELPERS=1   workers and helpers forced on (a checkout without helpers
             ignores GAPCHECK_HELPERS: its row is its forced-workers run)
Run it from a checkout that is not being edited (a ``git worktree``): the children import ``checker`` from it.
``--before CHECKOUT`` adds the same variants run from another checkout's ``checker`` (PYTHONPATH), e.g. main.
``--wait-idle SECONDS`` starts each round only once the CPUs have been idle for two seconds (or after SECONDS),
for the quiet-machine target on the shared machine; the output says how many rounds started idle.

Other sections: per-stage seconds in one process (``audit_bench.py --child-stages``), one pack vs all five,
400 vs 800 generated pages (embedded CJK font), serial vs two-process extraction by page count, and peak RSS
(largest process of the tree) at 2,000 pages.

usage: python benchmarks/real_bench.py [--rounds 7] [--before /path/to/main] [--sections ratios,stages,...]
       [--variants "new draft"] [--wait-idle 60]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
OUT = HERE / "out"
# NOTE: ../shared/corpus beside the checkout; GAPCHECK_BENCH_CORPUS when the checkout lives elsewhere (a worktree)
CORPUS = Path(os.environ.get("GAPCHECK_BENCH_CORPUS", ROOT.parent / "shared" / "corpus"))
REPORTS = {
    "BMW CDP 2023 (359 p.)": CORPUS / "chatreport_fork_reports" / "BMW_Group_CDP_Climate_Change_Questionnaire_2023.pdf",
    "Moncler NFS 2023 (212 p.)": CORPUS
    / "chatreport_fork_reports"
    / "Moncler_2023-Consolidated-non-Financial-Statement.pdf",
    "Kaohsiung Bank TCFD 2022 (zh)": CORPUS
    / "tw_bank_tcfd_labelled"
    / "TW2836_BankOfKaohsiung_2022_TCFD_report_zh.pdf",
}
PACKS = ["hkex-esg-2025", "hkex-esg-2020", "issb-s1-2023", "issb-s2-2023", "tcfd-2017"]
BARE = """
import sys, pypdfium2 as pdfium
doc = pdfium.PdfDocument(sys.argv[1])
for i in range(len(doc)):
    page = doc[i]; text = page.get_textpage(); text.get_text_range(); text.close(); page.close()
"""
SECTIONS = ("ratios", "stages", "packs", "scaling", "threshold", "memory")


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB (largest process of the tree) of one child process."""
    seconds, mb, _ = measure(cmd, env)
    return seconds, mb


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MB and CPU seconds (user + system, with the workers it reaped) of one child."""
    # NOTE: ``python -m`` puts the working folder first on sys.path, ahead of PYTHONPATH: run in the checkout
    cwd = (env or {}).get("PYTHONPATH", str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{cmd} failed")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


class Setup:
    """Private rules copies and cache folders, so that cold and warm runs are what they say."""

    def __init__(self, tmp: Path) -> None:
        self.rules = tmp / "rules"
        self.edited_rules = tmp / "rules-edited"
        shutil.copytree(ROOT / "rules", self.rules)
        shutil.copytree(ROOT / "rules", self.edited_rules)
        self.edits = 0
        self.tmp = tmp
        self.warm = tmp / "warm"

    def env(self, cache: Path, checkout: Path | None) -> dict[str, str]:
        env = {**os.environ, "GAPCHECK_CACHE_DIR": str(cache), "PYTHONPATH": str(checkout or ROOT)}
        env.pop("GAPCHECK_NO_CACHE", None)
        env.pop("GAPCHECK_PDF_WORKERS", None)
        env.pop("GAPCHECK_HELPERS", None)
        return env

    def audit(
        self, pdf: Path, standards: list[str], extra: list[str] | None = None, rules: Path | None = None
    ) -> list[str]:
        cmd = [PY, "-m", "checker", "audit", str(pdf), "--format", "json", "--rules-dir", str(rules or self.rules)]
        for standard in standards:
            cmd += ["-s", standard]
        return cmd + (extra or [])

    def edit_a_rule(self) -> None:
        """Append a comment to one rule file of the edited copy: what a rule author's next run sees."""
        self.edits += 1
        rule = sorted((self.edited_rules / "hkex-common" / "environmental").glob("*.rule"))[0]
        with open(rule, "a", encoding="utf-8") as handle:
            handle.write(f"\n# benchmark edit {self.edits}\n")

    def variants(self, pdf: Path, checkout: Path | None, label: str) -> dict[str, tuple[list[str], dict[str, str]]]:
        first = self.tmp / f"first-{label}"
        warm = self.tmp / f"warm-{label}"
        edit = self.tmp / f"edit-{label}"
        if not warm.exists():
            run(self.audit(pdf, ["hkex-esg"]), self.env(warm, checkout))  # NOTE: compiles the packs
        run(self.audit(pdf, ["hkex-esg"]), self.env(warm, checkout))  # NOTE: caches this Document
        run(self.audit(pdf, ["hkex-esg"], ["--no-cache"], self.edited_rules), self.env(edit, checkout))
        shutil.rmtree(first, ignore_errors=True)
        return {
            f"first run, nothing compiled{label}": (
                self.audit(pdf, ["hkex-esg"], ["--no-cache"]),
                self.env(first, checkout),
            ),
            f"cold: after a rule edit{label}": (
                self.audit(pdf, ["hkex-esg"], ["--no-cache"], self.edited_rules),
                self.env(edit, checkout),
            ),
            f"new draft{label}": (self.audit(pdf, ["hkex-esg"], ["--no-cache"]), self.env(warm, checkout)),
            f"re-audit{label}": (self.audit(pdf, ["hkex-esg"]), self.env(warm, checkout)),
            **self.worker_variants(pdf, warm, checkout, label),
        }

    def worker_variants(
        self, pdf: Path, warm: Path, checkout: Path | None, label: str
    ) -> dict[str, tuple[list[str], dict[str, str]]]:
        """The new draft with the extraction workers forced off and on: what the second core gives, or costs.

        NOTE: for both checkouts: the default new draft starts the workers only when a core is free at that
        instant, so on a busy machine two checkouts' default runs can take different paths in the same round.
        """
        cmd = self.audit(pdf, ["hkex-esg"], ["--no-cache"])
        forced = {
            f"new draft, GAPCHECK_PDF_WORKERS={n}{label}": (
                cmd,
                {**self.env(warm, checkout), "GAPCHECK_PDF_WORKERS": n},
            )
            for n in ("1", "2")
        }
        everything = {**self.env(warm, checkout), "GAPCHECK_PDF_WORKERS": "2", "GAPCHECK_HELPERS": "1"}
        return {**forced, f"new draft, GAPCHECK_PDF_WORKERS=2 GAPCHECK_HELPERS=1{label}": (cmd, everything)}


def paired(
    variants: dict[str, tuple[list[str], dict[str, str]]], pdf: Path, rounds: int, setup: Setup
) -> dict[str, tuple[float, float, float, float, float, float]]:
    """Per variant over ``rounds`` interleaved rounds: median ratio to bare (wall), median seconds, max RSS,
    median ratio to bare in CPU time, median CPU seconds, and the best (smallest) wall ratio of the rounds.

    NOTE: CPU time barely depends on what else the shared machine runs, so its ratio compares code where the wall
    ratio is noisy (the best round is the nearest to a quiet machine); it also shows what the second core costs
    (the workers' CPU time is counted).
    """
    ratios: dict[str, list[float]] = {name: [] for name in variants}
    cpu_ratios: dict[str, list[float]] = {name: [] for name in variants}
    seconds: dict[str, list[float]] = {name: [] for name in ["bare", *variants]}
    cpu: dict[str, list[float]] = {name: [] for name in ["bare", *variants]}
    rss: dict[str, float] = {}
    for _ in range(rounds):
        if WAIT_IDLE:
            wait_idle(WAIT_IDLE[0])
        LOADS.append(os.getloadavg()[0])
        bare, bare_mb, bare_cpu = measure([PY, "-c", BARE, str(pdf)])
        seconds["bare"].append(bare)
        cpu["bare"].append(bare_cpu)
        rss["bare"] = max(rss.get("bare", 0.0), bare_mb)
        for name, (cmd, env) in variants.items():
            if name.startswith("first run"):
                shutil.rmtree(env["GAPCHECK_CACHE_DIR"], ignore_errors=True)
            if name.startswith("cold"):
                setup.edit_a_rule()
            took, mb, used = measure(cmd, env)
            ratios[name].append(took / bare)
            cpu_ratios[name].append(used / bare_cpu)
            seconds[name].append(took)
            cpu[name].append(used)
            rss[name] = max(rss.get(name, 0.0), mb)
    median = statistics.median
    out = {"bare": (1.0, median(seconds["bare"]), rss["bare"], 1.0, median(cpu["bare"]), 1.0)}
    for name in variants:
        out[name] = (
            median(ratios[name]),
            median(seconds[name]),
            rss[name],
            median(cpu_ratios[name]),
            median(cpu[name]),
            min(ratios[name]),
        )
    return out


# NOTE: the 1-minute load average at the start of every paired round: how busy the shared machine was
LOADS: list[float] = []
# NOTE: ``--variants``: run only the variants whose name holds one of these (e.g. "new draft"), to save rounds
ONLY: list[str] = []
# NOTE: ``--wait-idle``: the longest wait, in seconds, for an idle machine before each round (see ``wait_idle``)
WAIT_IDLE: list[float] = []
# NOTE: per round, whether it started idle (``wait_idle`` found the machine so before the wait ran out)
IDLE_STARTS: list[bool] = []


def _busy_share(seconds: float) -> float | None:
    """The share of all CPUs' time spent busy over ``seconds`` (/proc/stat), or None where there is no such file."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            before = [int(x) for x in handle.readline().split()[1:9]]
        time.sleep(seconds)
        with open("/proc/stat", encoding="ascii") as handle:
            after = [int(x) for x in handle.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return 1 - spent[3] / (sum(spent) or 1)


def wait_idle(limit: float) -> None:
    """Wait until the CPUs have been idle (under 10% busy) for two seconds, or ``limit`` seconds have passed.

    NOTE: on the shared machine another engineer's job can hold a core for minutes, and jobs in other containers
    do not show among this one's processes, only in the CPUs' counters; the quiet-machine target is about rounds
    that start with both cores free. Every round is still counted, and ``IDLE_STARTS`` says which started idle.
    """
    deadline = time.monotonic() + limit
    idle = 0
    while time.monotonic() < deadline:
        share = _busy_share(0.5)
        if share is None:
            IDLE_STARTS.append(False)
            return
        idle = idle + 1 if share < 0.1 else 0
        if idle >= 4:
            IDLE_STARTS.append(True)
            return
    IDLE_STARTS.append(False)


def compile_bytecode(checkout: Path) -> None:
    """Write the bytecode of a checkout's ``checker`` before any timed run.

    NOTE: with PYTHONDONTWRITEBYTECODE set (as in the project's sessions) a module without current bytecode is
    compiled from source in every run (~70 ms for an audit's imports); an installed gapcheck has its bytecode, and
    a checkout whose changed files were never imported would pay for them in every one of its runs.
    """
    import compileall

    compileall.compile_dir(str(checkout / "checker"), quiet=1)


def section_ratios(setup: Setup, rounds: int, before: Path | None) -> list[str]:
    lines = [
        f"## Audit time / bare pypdfium2 (median of {rounds} paired rounds; wall time incl. interpreter start)",
        "",
        "| report | variant | × bare | median s | peak RSS MB | CPU × bare | CPU s | best × bare |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for title, pdf in REPORTS.items():
        if not pdf.exists():
            continue
        variants = setup.variants(pdf, None, "")
        if before is not None:
            variants.update(setup.variants(pdf, before, " (before)"))
        if ONLY:
            variants = {name: variant for name, variant in variants.items() if any(word in name for word in ONLY)}
        for name, (ratio, secs, mb, cpu_ratio, cpu, best) in paired(variants, pdf, rounds, setup).items():
            lines.append(
                f"| {title} | {name} | {ratio:.2f} | {secs:.2f} | {mb:.0f} | {cpu_ratio:.2f} | {cpu:.2f} | {best:.2f} |"
            )
    if LOADS:
        lines += [
            "",
            f"1-minute load average at the start of the {len(LOADS)} rounds: {min(LOADS):.2f}-{max(LOADS):.2f}, "
            f"median {statistics.median(LOADS):.2f}.",
        ]
    if IDLE_STARTS:
        lines.append(f"Rounds that started on an idle machine (--wait-idle): {sum(IDLE_STARTS)} of {len(IDLE_STARTS)}.")
    return [*lines, ""]


def stages(pdf: Path, env: dict[str, str], copies: int = 1) -> dict[str, float]:
    """Per-stage seconds in a child process: audit_bench.py's runner, with this checkout's environment."""
    sys.path.insert(0, str(HERE))
    from audit_bench import stages as child_stages

    return child_stages(pdf, copies, env)


NAMES = ["import", "load rules", "compile", "extract", "index", "evaluate", "write json"]


def section_stages(setup: Setup, rounds: int) -> list[str]:
    lines = [
        f"## Stages in one process, compiled packs (median seconds of {rounds} runs; share of their sum)",
        "",
        "| report | " + " | ".join(NAMES) + " |",
        "|---|" + "---|" * len(NAMES),
    ]
    env = setup.env(setup.warm, None)
    env["GAPCHECK_RULES"] = str(setup.rules)
    for title, pdf in REPORTS.items():
        if not pdf.exists():
            continue
        runs = [stages(pdf, env) for _ in range(rounds)]
        med = {n: statistics.median(r[n] for r in runs) for n in NAMES}
        total = sum(med.values())
        lines.append(f"| {title} | " + " | ".join(f"{med[n]:.2f} ({med[n] / total:.0%})" for n in NAMES) + " |")
    return [*lines, ""]


def section_packs(setup: Setup, rounds: int) -> list[str]:
    pdf = REPORTS["Moncler NFS 2023 (212 p.)"]
    warm = setup.tmp / "warm-packs"
    env = setup.env(warm, None)
    one = setup.audit(pdf, ["hkex-esg"], ["--no-cache"])
    five = setup.audit(pdf, PACKS, ["--no-cache"])
    run(five, env)
    ratios = []
    for _ in range(rounds):
        a, _ = run(one, env)
        b, _ = run(five, env)
        ratios.append(b / a)
    return [
        "## One pack vs five (Moncler, new draft, compiled packs)",
        "",
        f"All five packs ({', '.join(PACKS)}) / `-s hkex-esg` alone: **{statistics.median(ratios):.2f}×** "
        f"(median of {rounds} paired rounds).",
        "",
    ]


def generated(pages: int) -> Path:
    sys.path.insert(0, str(HERE))
    from make_big_pdf import EMBED_DEFAULT

    path = OUT / f"embedded-{pages}.pdf"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        cmd = [PY, str(HERE / "make_big_pdf.py"), "--pages", str(pages), "--out", str(path)]
        subprocess.run([*cmd, "--embed", str(EMBED_DEFAULT)], check=True, capture_output=True)
    return path


def section_scaling(setup: Setup, rounds: int) -> list[str]:
    env = setup.env(setup.warm, None)
    env["GAPCHECK_RULES"] = str(setup.rules)
    small, large = generated(400), generated(800)
    per: dict[str, list[float]] = {n: [] for n in ("extract", "index", "evaluate", "all three")}
    for _ in range(rounds):
        a, b = stages(small, env), stages(large, env)
        # NOTE: the target is on the document's whole time: evaluate alone is a difference of two
        # timings (audit minus a separate index build), the noisiest cell
        for side in (a, b):
            side["all three"] = side["extract"] + side["index"] + side["evaluate"]
        for n in per:
            per[n].append(b[n] / a[n])
    cells = " · ".join(f"{n} {statistics.median(v):.2f}×" for n, v in per.items())
    return [
        "## 400 vs 800 generated pages (embedded CJK font; stage time at 800 / at 400)",
        "",
        f"{cells} (median of {rounds} paired rounds; 2.00× is linear).",
        "",
    ]


def section_threshold(rounds: int) -> list[str]:
    lines = [
        "## Two extraction processes vs one, by page count (generated, embedded font; `pdf.read` only)",
        "",
        "| pages | two processes / one |",
        "|---|---|",
    ]
    for pages in (24, 48, 96, 200):
        pdf = generated(pages)
        out = subprocess.run(
            [PY, str(HERE / "real_bench.py"), "--child-threshold", str(pdf), "--rounds", str(rounds)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        lines.append(f"| {pages} | {float(out.strip().splitlines()[-1]):.2f}× |")
    return [*lines, ""]


def child_threshold(pdf: str, rounds: int) -> None:
    from checker.ingest import pdf as reader
    from checker.ingest import pdf_parallel
    from checker.ingest.document import SourceInfo
    from checker.ingest.options import ReadOptions

    data = Path(pdf).read_bytes()
    source = SourceInfo(path=pdf, format="pdf", sha256="-", size_bytes=len(data))
    pdf_parallel.MIN_PAGES = 1
    ratios = []
    for _ in range(rounds):
        took = {}
        for workers in ("1", "2"):
            os.environ["GAPCHECK_PDF_WORKERS"] = workers
            start = time.perf_counter()
            reader.read(data, source, ReadOptions())
            took[workers] = time.perf_counter() - start
        ratios.append(took["2"] / took["1"])
    print(statistics.median(ratios))


def section_memory(setup: Setup) -> list[str]:
    pdf = generated(2000)
    env = setup.env(setup.warm, None)
    seconds, mb = run(setup.audit(pdf, ["hkex-esg"], ["--no-cache"]), env)
    return [
        "## Peak memory at 2,000 generated pages (new draft; largest process of the tree)",
        "",
        f"{mb:.0f} MB peak RSS, {seconds:.1f} s.",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--before", type=Path, default=None, help="another checkout to compare (e.g. main)")
    parser.add_argument("--sections", default=",".join(SECTIONS))
    parser.add_argument("--variants", default="", help='comma-separated name parts, e.g. "new draft" (default: all)')
    parser.add_argument(
        "--wait-idle", type=float, default=0.0, help="before each round, wait up to this many seconds for idle CPUs"
    )
    parser.add_argument("--child-threshold", help=argparse.SUPPRESS)
    args = parser.parse_args()
    ONLY.extend(word for word in args.variants.split(",") if word)
    if args.wait_idle > 0:
        WAIT_IDLE.append(args.wait_idle)
    if args.child_threshold:
        child_threshold(args.child_threshold, args.rounds)
        return
    wanted = args.sections.split(",")
    lines: list[str] = []
    for checkout in (ROOT, args.before):
        if checkout is not None:
            compile_bytecode(checkout)
    with tempfile.TemporaryDirectory(prefix="gapcheck-real-bench-") as tmp:
        setup = Setup(Path(tmp))
        run(setup.audit(REPORTS["Moncler NFS 2023 (212 p.)"], PACKS, ["--no-cache"]), setup.env(setup.warm, None))
        if "ratios" in wanted:
            lines += section_ratios(setup, args.rounds, args.before)
        if "stages" in wanted:
            lines += section_stages(setup, args.rounds)
        if "packs" in wanted:
            lines += section_packs(setup, args.rounds)
        if "scaling" in wanted:
            lines += section_scaling(setup, max(3, args.rounds // 2))
        if "threshold" in wanted:
            lines += section_threshold(args.rounds)
        if "memory" in wanted:
            lines += section_memory(setup)
    print("\n".join(lines))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
