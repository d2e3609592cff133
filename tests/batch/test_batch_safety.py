"""Batch reliability: a killed worker's reports are retried, progress survives kill -9, workers die with the batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pandas as pd
import psutil
import pytest

import checker.cli.batch as batch_cli
from checker.batch.progress import journal_path
from checker.batch.rows import Row
from checker.batch.runner import BatchConfig, audit_one, run_pool
from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]


def kill_once_on_r05(config: BatchConfig, path: str, sha: str) -> tuple[list[Row], Row]:
    """Die like an OOM-killed worker the first time r05 is audited; fine on the retry."""
    marker = Path(os.environ["GAPCHECK_TEST_MARKERS"]) / "r05-killed"
    if path.endswith("r05.txt") and not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return audit_one(config, path, sha)


def always_kill_on_r05(config: BatchConfig, path: str, sha: str) -> tuple[list[Row], Row]:
    """Die every time r05 is audited."""
    if path.endswith("r05.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return audit_one(config, path, sha)


def _jobs(corpus: Path) -> list[tuple[str, str]]:
    return [(str(p), "") for p in sorted(corpus.iterdir()) if p.suffix in (".md", ".txt")]


def test_a_killed_worker_is_retried_and_no_report_is_lost(
    corpus: Path, rules: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GAPCHECK_TEST_MARKERS", str(tmp_path))
    config = BatchConfig(standards=("hkex-esg",), rules_dir=rules, use_cache=False)
    outcomes = list(run_pool(config, _jobs(corpus), 2, "fp", task=kill_once_on_r05))
    assert (tmp_path / "r05-killed").exists(), "the worker was never killed: the test proves nothing"
    results = {summary["document"]: summary["result"] for _, summary in outcomes}
    assert len(results) == len(_jobs(corpus))
    assert set(results.values()) == {"ok"}


def test_a_report_that_kills_its_worker_twice_is_an_error_row_and_the_batch_exits_3(
    corpus: Path, rules: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(batch_cli, "run_pool", partial(run_pool, task=always_kill_on_r05))
    folder = tmp_path / "in"
    folder.mkdir()
    for job, _ in _jobs(corpus)[:6]:
        (folder / Path(job).name).write_bytes(Path(job).read_bytes())
    out = tmp_path / "r.csv"
    with pytest.raises(SystemExit) as exited:
        main(["batch", str(folder), "-o", str(out), "-j", "2", "--no-cache", "--rules-dir", rules])
    err = capsys.readouterr().err
    assert exited.value.code == 3, err
    assert "r05.txt" in err and "worker died twice" in err
    summary = pd.read_csv(tmp_path / "r.summary.csv", dtype=str, keep_default_na=False)
    assert dict(zip(summary["document"].map(lambda d: Path(d).name), summary["result"], strict=True)) == {
        Path(job).name: ("error" if job.endswith("r05.txt") else "ok") for job, _ in _jobs(corpus)[:6]
    }
    with pytest.raises(SystemExit) as again:
        main(["batch", str(folder), "-o", str(out), "-j", "2", "--no-cache", "--rules-dir", rules, "--allow-errors"])
    assert again.value.code == 0


def test_kill_9_keeps_progress_and_leaves_no_orphan_workers(corpus: Path, rules: str, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    argv = [sys.executable, "-m", "checker", "batch", str(corpus), "-o", str(out), "-j", "2", "--no-cache", "-q"]
    env = {**os.environ, "GAPCHECK_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen([*argv, "--rules-dir", rules], env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    journal = journal_path(out)
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        workers = psutil.Process(process.pid).children(recursive=True) or workers
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 3:
            break
        time.sleep(0.02)
    assert process.poll() is None, "the batch finished before it could be killed"
    assert workers, "no worker process was seen"
    process.send_signal(signal.SIGKILL)
    process.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"orphan workers left running: {[p.pid for p in alive]}"
    done_before = journal.read_text(encoding="utf-8").count("\n")
    assert done_before >= 3 and not out.exists()
    finished = subprocess.run(
        [*argv, "--rules-dir", rules, "--allow-errors"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert finished.returncode == 0, finished.stderr
    summary = pd.read_csv(tmp_path / "r.summary.csv", dtype=str, keep_default_na=False)
    assert len(summary) == 24 and summary["document"].is_unique
    assert not journal.exists()


def test_a_fifo_among_the_inputs_is_an_error_row_not_a_hang(
    rules: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text("# A\n\nScope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(SystemExit) as exited:
        main(
            ["batch", str(tmp_path / "a.md"), str(fifo), "-o", str(tmp_path / "r.csv"), "-j", "1", "--rules-dir", rules]
        )
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert "pipe.md: is a FIFO (named pipe), not a regular file" in err
