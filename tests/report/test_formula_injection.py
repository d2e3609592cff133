"""Report text is untrusted: no cell written from it may become a formula, in xlsx or csv (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from checker.report.csv_writer import render as render_csv
from checker.report.formats import WriteOptions
from checker.report.model import AuditResult
from checker.report.safe import FORMULA_STARTS, clean_text, csv_field
from checker.report.xlsx import write
from checker.report.xlsx_style import put

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1)",
    "+1",
    "-2+3",
    "\t=1",
    "\r=1",
    "=cmd|' /C calc'!A0",
]

# Each paragraph starts with a payload and also discloses an element, so it is quoted as evidence.
HOSTILE_DRAFT = "\n\n".join(
    [
        '=HYPERLINK("http://x","y") Scope 1 emissions were 1,250 tCO2e in 2025.',
        "@SUM(1) Scope 2 emissions were 2,000 tCO2e in 2025.",
        "+1 Our anti-corruption policy bans bribery.",
        "-2+3 Staff may use the whistleblowing hotline.",
        "\t=1 The Group had 300 employees, of whom 160 were female.",
        "=cmd|' /C calc'!A0 We donated HK$2 million to community projects.\x07\x1b",
    ]
)


@pytest.fixture(scope="module")
def hostile_result(audit_text) -> AuditResult:  # type: ignore[no-untyped-def]
    result: AuditResult = audit_text(HOSTILE_DRAFT)
    assert {f.id: f.status.value for f in result.findings} == {
        "X1.1": "covered",
        "X1.2": "covered",
        "X2.1": "covered",
        "X2.2": "covered",
    }
    return result


def _all_cells(path: Path):  # type: ignore[no-untyped-def]
    workbook = load_workbook(path)
    return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_no_workbook_cell_is_a_formula(hostile_result: AuditResult, tmp_path: Path, lang: str) -> None:
    path = tmp_path / "hostile.xlsx"
    write([hostile_result], path, WriteOptions(lang=lang))
    cells = _all_cells(path)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    # NOTE: proves the payloads reached the workbook (as text), so the assertion above is not vacuous.
    assert any(t.startswith('=HYPERLINK("http://x","y")') for t in texts)
    assert any(t.startswith("@SUM(1)") for t in texts)
    assert any(t.startswith(("+1", "-2+3")) for t in texts)
    assert not any("\x07" in t or "\x1b" in t for t in texts)


@pytest.mark.parametrize("payload", HOSTILE, ids=repr)
def test_put_keeps_each_payload_as_text(tmp_path: Path, payload: str) -> None:
    workbook = Workbook()
    put(workbook.active, 1, 1, payload)
    path = tmp_path / "one.xlsx"
    workbook.save(path)
    cell = load_workbook(path).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == payload


def test_no_csv_field_starts_with_a_formula_character(hostile_result: AuditResult) -> None:
    # NOTE: evidence fields start with "p. N:", so a hostile file name puts a payload at the start of a field too.
    document = hostile_result.document.model_copy(update={"path": '=HYPERLINK("http://x","y").txt'})
    rows = list(csv.reader(io.StringIO(render_csv([hostile_result.model_copy(update={"document": document})])[1:])))
    fields = [field for row in rows for field in row]
    assert [f for f in fields if f.startswith(FORMULA_STARTS)] == []
    assert fields.count('\'=HYPERLINK("http://x","y").txt') == 4
    assert any(f.startswith("p. 1: =HYPERLINK") for f in fields)
    assert not any("\x07" in f for f in fields)


@pytest.mark.parametrize("payload", HOSTILE, ids=repr)
def test_csv_field_prefixes_each_payload(payload: str) -> None:
    assert csv_field(payload) == "'" + payload


@pytest.mark.parametrize(("value", "expected"), [(3, "3"), (None, ""), ("plain", "plain"), ("a\x00b\x0bc", "abc")])
def test_csv_field_leaves_safe_values(value: object, expected: str) -> None:
    assert csv_field(value) == expected


def test_clean_text_cuts_to_one_cell() -> None:
    assert len(clean_text("x" * 40_000)) == 32_767
