"""``gapcheck audit`` of one PDF starts its extraction before the packs load, with the same result."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))

import pdf_fixtures as fx

from checker.ingest import pdf_parallel as par

Gapcheck = Callable[..., Any]  # the `gapcheck` fixture: run(*args) -> Run(code, out, err)


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "draft.pdf"
    fx.build_report(path)
    return path


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[bool]:
    """Two workers for the six-page fixture whatever the machine's load; records each prefetch's outcome."""
    monkeypatch.setattr(par, "MIN_PAGES", 1)
    monkeypatch.setattr(par, "CHUNK", 2)
    monkeypatch.setattr(par, "workers", lambda: 2 if os.environ.get("GAPCHECK_PDF_WORKERS") != "1" else 1)
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GAPCHECK_NO_CACHE", raising=False)
    outcomes: list[bool] = []
    prefetch = par.prefetch

    def spy(*args: object, **kwargs: object) -> bool:
        outcomes.append(prefetch(*args, **kwargs))  # type: ignore[arg-type]
        return outcomes[-1]

    monkeypatch.setattr(par, "prefetch", spy)
    return outcomes


def _findings(run: Any) -> object:
    assert run.code in (0, 1), run.err
    result = json.loads(run.out)
    result.pop("generated_at", None)
    return result


def test_read_ahead_gives_the_serial_audit(
    gapcheck: Gapcheck, draft: Path, started: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("audit", str(draft), "-s", "hkex-esg", "--format", "json", "--no-cache")
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", "1")
    serial = _findings(gapcheck(*args))
    assert started == [], "GAPCHECK_PDF_WORKERS=1: not even tried"
    monkeypatch.setenv("GAPCHECK_PDF_WORKERS", "2")
    assert _findings(gapcheck(*args)) == serial
    assert started == [True]
    assert par._prefetched is None, "the read took the workers over"


def test_no_read_ahead_for_a_cached_document(gapcheck: Gapcheck, draft: Path, started: list[bool]) -> None:
    args = ("audit", str(draft), "-s", "hkex-esg", "--format", "json")
    first = _findings(gapcheck(*args))
    assert started == [True]
    assert _findings(gapcheck(*args)) == first
    assert started == [True], "the cache serves the Document: nothing to extract"


def test_an_error_before_the_read_stops_the_workers(
    gapcheck: Gapcheck, draft: Path, started: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    cancelled: list[bool] = []
    cancel = par.cancel_prefetch
    monkeypatch.setattr("checker.cli.audit.cancel_read_ahead", lambda: (cancelled.append(True), cancel()))
    run = gapcheck("audit", str(draft), "-s", "no-such-standard", "--format", "json", "--no-cache")
    assert run.code == 2
    assert started == [True]
    assert cancelled == [True]
    assert par._prefetched is None


FORK_BEFORE_MODELS = """
import sys
from checker.ingest import pdf_parallel as par

par.MIN_PAGES, par.CHUNK = 1, 2
par.workers = lambda: 2
seen = []
prefetch = par.prefetch


def spy(*args, **kwargs):
    seen.append(sorted(m for m in ("pydantic", "checker.ingest.document") if m in sys.modules))
    return prefetch(*args, **kwargs)


par.prefetch = spy
from checker.cli import main

try:
    main(["audit", sys.argv[1], "-s", "hkex-esg", "--format", "json", "--no-cache"])
except SystemExit:
    pass
print(seen, file=sys.stderr)
"""


def test_the_workers_start_before_pydantic_is_imported(draft: Path, tmp_path: Path) -> None:
    # NOTE: the command line becomes ReadSettings (plain values) for read_ahead; ReadOptions, the first pydantic
    # model of the run, is made after the workers forked, so its ~80 ms import overlaps the extraction
    import subprocess

    env = {**os.environ, "GAPCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GAPCHECK_PDF_WORKERS", None)
    run = subprocess.run(
        [sys.executable, "-c", FORK_BEFORE_MODELS, str(draft)], capture_output=True, text=True, env=env, check=False
    )
    assert json.loads(run.stdout)["findings"], run.stderr
    assert run.stderr.strip().splitlines()[-1] == "[[]]", run.stderr
