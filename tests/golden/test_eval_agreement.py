"""Accuracy may not silently drop: `gapcheck eval samples/*` must reach the agreement the README states.

The README carries the figures in a machine-readable comment:
``<!-- eval: agreement=0.972 evidence_pages=0.988 -->``. A rule change that lowers agreement must update that
line (and say why in its commit), so the drop is a decision, not an accident.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.cli.evaluate import run_eval

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "samples").iterdir() if (p / "expected.yaml").is_file())
STATED = re.search(
    r"<!-- eval: agreement=([0-9.]+) evidence_pages=([0-9.]+) -->", (ROOT / "README.md").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return run_eval(CASES)


def test_readme_states_the_figures() -> None:
    assert STATED, "README.md must carry <!-- eval: agreement=... evidence_pages=... -->"


def test_agreement_is_not_below_the_readme(report) -> None:  # type: ignore[no-untyped-def]
    assert STATED
    assert report.agreement >= float(STATED.group(1)), [
        f"{d.case} {d.id}: expected {d.expected}, got {d.actual}" for d in report.disagreements
    ]


def test_evidence_pages_are_not_below_the_readme(report) -> None:  # type: ignore[no-untyped-def]
    assert STATED
    assert report.evidence_page_hit_rate >= float(STATED.group(2))


def test_every_standard_is_measured(report) -> None:  # type: ignore[no-untyped-def]
    assert report.labelled >= 500
    assert {c.case for c in report.cases} == {p.name for p in CASES}
