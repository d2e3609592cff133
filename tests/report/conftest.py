"""Fixtures for the writer tests: audit results from the small, fixed writer-test pack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.dsl.pack import load_pack
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.report.model import AuditResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PACK = FIXTURES / "rules" / "gapfix-2025"
DRAFT = FIXTURES / "drafts" / "small-draft.txt"


@pytest.fixture(scope="session")
def auditor() -> Auditor:
    return Auditor([load_pack(PACK)])


@pytest.fixture(scope="session")
def audit_text(auditor: Auditor, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], AuditResult]:
    """Audit a draft given as text (form feeds separate pages)."""
    folder = tmp_path_factory.mktemp("drafts")
    counter = iter(range(10_000))

    def run(text: str) -> AuditResult:
        path = folder / f"draft-{next(counter)}.txt"
        path.write_text(text, encoding="utf-8")
        return auditor.audit(read_document(path))

    return run


@pytest.fixture(scope="session")
def small_result(auditor: Auditor) -> AuditResult:
    return auditor.audit(read_document(DRAFT))
