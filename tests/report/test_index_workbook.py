"""The workbook shows the issuer's content-index claims: an Index check per requirement and an Index Findings sheet.

The draft is the content-index test draft of ``tests/claims`` (its index claims B1.2 and B3.1, which the body never
discloses, leaves A1.1 out, explains A2.5 and cites a page the report does not have).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards
from checker.report.formats import WriteOptions
from checker.report.model import AuditResult, Profile
from checker.report.xlsx import write

_CLAIMS_TEST = Path(__file__).resolve().parents[1] / "claims" / "test_content_index.py"


def _claims_draft() -> str:
    """The draft text of the content-index tests (one fixture for both suites, never two copies)."""
    spec = importlib.util.spec_from_file_location("content_index_draft", _CLAIMS_TEST)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.PAGE).join(module.BODY)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("index")
    draft = folder / "draft.md"
    draft.write_text(_claims_draft(), encoding="utf-8")
    auditor = Auditor(load_standards(["hkex-esg-2020"]))
    result: AuditResult = auditor.audit(read_document(draft), Profile(tier="main_board", financial_year=2025))
    write([result], folder / "gaps.xlsx", WriteOptions())
    write([result], folder / "gaps.xlsx", WriteOptions())  # NOTE: re-audited: the sheet is regenerated, not copied
    return load_workbook(folder / "gaps.xlsx")


@pytest.mark.parametrize(
    ("requirement", "expected"),
    [
        ("B1.1", "Confirmed p. 3; 2.1"),
        ("B2.1", "Confirmed p. 4; 2.2"),
        ("B1.2", "Not found — index cites p. 3; 2.1"),
        ("B3.1", "Not found — index cites p. 7; 5.9"),
        ("A2.5", "Explained in index: Packaging material — Not applicable: we make no products"),
        ("A1.1", "Not listed in the index"),
        ("B4.1", "Not listed in the index"),
    ],
)
def test_index_check_column(workbook, requirement: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Gap Matrix"]
    header = [c.value for c in ws[1]]
    rows = {r[1]: r[header.index("Index check")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[requirement] == expected


def test_index_findings_sheet(workbook) -> None:  # type: ignore[no-untyped-def]
    assert [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"] == [
        *("Summary", "Gap Matrix", "Evidence", "Content Index", "Index Findings", "Run Info")
    ]
    ws = workbook["Index Findings"]
    assert [c.value for c in ws[1]] == [
        "Index finding",
        "Standard",
        "ID",
        "Cited in index",
        "Index finding detail",
        "Page",
    ]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    kinds = {(r[0], r[2]) for r in rows}
    assert {("Overclaim", "B1.2"), ("Overclaim", "B3.1"), ("Omitted from index", "A1.1")} <= kinds
    b12 = next(r for r in rows if r[2] == "B1.2" and r[0] == "Overclaim")
    assert b12[3] == "p. 3; 2.1" and "does not disclose" in b12[4]
    assert b12[5] == 4  # the physical page of the index row (it prints "Page 6")
    assert ws.print_title_rows == "$1:$1"
