"""Run the ``gapcheck`` command in-process and collect its exit code and output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from checker.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def gapcheck(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        else:  # pragma: no cover - main always exits
            code = 0
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
