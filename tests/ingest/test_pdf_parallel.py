"""Reading a PDF's pages in worker processes gives the very same Document as reading them in order."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf_fixtures as fx

from checker.ingest import ReadOptions, pdf, read_document
from checker.ingest import pdf_parallel as par
from checker.ingest.pdf_budget import Budget

OPTIONS = {"default": ReadOptions(), "no-tables": ReadOptions(tables=False), "budget-skips-page-2": ReadOptions()}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    fx.build_report(path)
    return path


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # NOTE: the six-page fixture in chunks of two: several chunks per worker, results out of step with requests.
    # Two workers whatever the machine's load or the threads other tests left behind (the gate is tested below).
    monkeypatch.setattr(par, "MIN_PAGES", 1)
    monkeypatch.setattr(par, "CHUNK", 2)
    monkeypatch.setattr(par, "workers", lambda: 2 if os.environ.get("GAPCHECK_PDF_WORKERS") != "1" else 1)


def _read(path: Path, options: ReadOptions, workers: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", workers)
    return read_document(path, options).model_dump_json()


@pytest.mark.parametrize("name", list(OPTIONS))
def test_workers_give_the_serial_document(
    report: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    if name.startswith("budget"):
        # NOTE: as if a stream on page 2 inflated past the budget: that page is never loaded, in any process
        monkeypatch.setattr(pdf, "check_streams", lambda *args: Budget(skip_pages={1: 1 << 30}))
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", "2")
    assert par.workers() == 2, "this test must run the parallel path"
    assert _read(report, OPTIONS[name], "2", monkeypatch) == _read(report, OPTIONS[name], "1", monkeypatch)


def _die(pages: range) -> list[object]:
    os._exit(9)  # NOTE: what an out-of-memory kill looks like to the pool


def test_a_dead_worker_means_a_serial_read_not_a_failure(
    report: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _read(report, ReadOptions(), "1", monkeypatch)
    monkeypatch.setattr(par, "_work", _die)
    assert _read(report, ReadOptions(), "2", monkeypatch) == expected


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        ("GAPCHECK_PDF_WORKERS=1", 1),
        ("another thread runs", 1),
        ("the other core is busy", 1),
        ("the other core is busy, GAPCHECK_PDF_WORKERS=2", 2),
        ("plain", 2),
    ],
)
def test_workers_only_when_safe_and_worth_it(monkeypatch: pytest.MonkeyPatch, situation: str, expected: int) -> None:
    monkeypatch.delenv("GAPCHECK_PDF_WORKERS", raising=False)
    cores = os.cpu_count() or 1
    busy = situation.startswith("the other core is busy")
    monkeypatch.setattr(os, "getloadavg", lambda: (float(cores) if busy else 0.5, 0.0, 0.0))
    if "GAPCHECK_PDF_WORKERS=" in situation:
        monkeypatch.setenv("GAPCHECK_PDF_WORKERS", situation.rsplit("=", 1)[1])
    # NOTE: other tests may leave threads behind (pools, progress bars): the count is what this test says it is
    monkeypatch.setattr(threading, "active_count", lambda: 2 if situation == "another thread runs" else 1)
    assert par.workers() == (expected if (os.cpu_count() or 1) >= 2 else 1)


def test_short_documents_stay_serial() -> None:
    assert par.extract_in_parallel(b"", None, par.MIN_PAGES - 1, True, frozenset()) is None
