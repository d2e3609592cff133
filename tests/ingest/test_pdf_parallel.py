"""Reading a PDF's pages in worker processes gives the very same Document as reading them in order."""

from __future__ import annotations

import os
import sys
import threading
import time
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
    # NOTE: tasks runnable right now, this one included: all cores taken, or one free
    monkeypatch.setattr(par, "_runnable", lambda: cores if busy else cores - 1)
    if "GAPCHECK_PDF_WORKERS=" in situation:
        monkeypatch.setenv("GAPCHECK_PDF_WORKERS", situation.rsplit("=", 1)[1])
    # NOTE: other tests may leave threads behind (pools, progress bars): the count is what this test says it is
    monkeypatch.setattr(threading, "active_count", lambda: 2 if situation == "another thread runs" else 1)
    assert par.workers() == (expected if (os.cpu_count() or 1) >= 2 else 1)


def test_short_documents_stay_serial() -> None:
    assert par.extract_in_parallel(b"", None, par.MIN_PAGES - 1, True, frozenset()) is None


def _prefetch(data: bytes, options: ReadOptions | None = None) -> bool:
    options = options or ReadOptions()
    return par.prefetch(
        data, options.password, options.tables, options.max_stream_bytes, options.max_inflated_bytes, options.max_pages
    )


def test_a_prefetch_is_taken_over_by_the_read_of_the_same_bytes(
    report: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _read(report, ReadOptions(), "1", monkeypatch)
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", "2")
    assert _prefetch(report.read_bytes())
    started = par._prefetched
    assert started is not None
    # NOTE: no new pool may start: the read must consume the prefetched one
    monkeypatch.setattr(par, "workers", lambda: pytest.fail("the read started its own workers"))
    assert read_document(report).model_dump_json() == expected
    assert par._prefetched is None


def test_a_prefetch_of_other_bytes_or_options_is_cancelled(
    report: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = _read(report, ReadOptions(tables=False), "1", monkeypatch)
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", "2")
    other = tmp_path / "other.pdf"
    fx.build_report(other, encrypt="secret")  # NOTE: another file of the same layout: other bytes
    assert _prefetch(other.read_bytes(), ReadOptions(password="secret"))
    cancelled: list[bool] = []
    started = par._prefetched
    assert started is not None
    monkeypatch.setattr(started[1], "cancel", lambda: cancelled.append(True))
    assert _read(report, ReadOptions(tables=False), "2", monkeypatch) == expected
    assert cancelled == [True]
    assert par._prefetched is None


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 broken", b"not a pdf at all"],
    ids=["corrupt", "not-a-pdf"],
)
def test_a_prefetch_of_a_file_the_reader_refuses_starts_nothing(small_chunks: None, data: bytes) -> None:
    assert not _prefetch(data)
    assert par._prefetched is None


def test_cancel_prefetch_stops_the_workers(report: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", "2")
    assert _prefetch(report.read_bytes())
    started = par._prefetched
    assert started is not None
    processes = list(started[1].pool._processes.values())
    par.cancel_prefetch()
    assert par._prefetched is None
    # NOTE: the executor's own thread reaps its workers; a second waitpid here races it (ECHILD makes the Process
    # object think the child still runs), so ask the OS whether each worker is gone or a zombie.
    for process in processes:
        assert _exits(process.pid, seconds=30), f"worker {process.pid} still running"


def _exits(pid: int | None, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_a_busy_core_is_seen_in_every_sample_not_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    cores = os.cpu_count() or 1
    readings = iter([f"0.50 0.40 0.30 {n}/120 999\n" for n in (cores + 1, cores - 1, cores + 2)])

    class Reading:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.text = next(readings)

        def __enter__(self) -> Reading:
            return self

        def __exit__(self, *args: object) -> None:
            return None

        def read(self) -> str:
            return self.text

    monkeypatch.setattr("builtins.open", Reading)
    assert par._runnable() == cores - 1, "a task that woke for one sample does not take the core"
    monkeypatch.setattr(par, "_runnable", lambda: None)
    monkeypatch.setattr(os, "getloadavg", lambda: (float(cores), 0.0, 0.0))
    assert not par._core_free(), "without /proc/loadavg, the load average decides"
