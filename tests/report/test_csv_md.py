"""CSV (UTF-8 with BOM, one row per requirement) and Markdown (summary + table) writers."""

from __future__ import annotations

import csv
import io

import pytest

from checker.report.csv_writer import render as render_csv
from checker.report.formats import WriteOptions
from checker.report.gate import Gate, evaluate_gate
from checker.report.markdown import cell
from checker.report.markdown import render as render_md
from checker.report.model import AuditResult


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_has_a_row_per_requirement(small_result: AuditResult) -> None:
    rows = _csv_rows(render_csv([small_result]))
    assert rows[0][:8] == ["Document", "Standard", "ID", "Part", "Aspect", "Requirement", "Obligation", "Status"]
    assert [(r[2], r[7]) for r in rows[1:]] == [
        ("X1.1", "Partial"),
        ("X1.2", "Explained"),
        ("X2.1", "Covered"),
        ("X2.2", "Missing"),
    ]
    x11 = dict(zip(rows[0], rows[1], strict=True))
    assert x11["Elements missing"] == "scope 2 emissions"
    assert x11["Pages"] == "1"


def test_csv_in_traditional_chinese_encodes_with_bom(small_result: AuditResult) -> None:
    text = render_csv([small_result], WriteOptions(lang="zh-Hant"))
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(data.decode("utf-8"))
    assert rows[0][2] == "編號"
    assert rows[1][7] == "部分涵蓋"


def test_csv_several_drafts_in_one_table(small_result: AuditResult) -> None:
    other = small_result.model_copy(update={"document": small_result.document.model_copy(update={"path": "b.txt"})})
    rows = _csv_rows(render_csv([small_result, other]))
    assert len(rows) == 1 + 8
    assert rows[-1][0] == "b.txt"


def test_markdown_summary_and_table(small_result: AuditResult) -> None:
    text = render_md([evaluate_gate(small_result, Gate(fail_on=("missing",)))])
    lines = text.splitlines()
    assert lines[0] == f"## gapcheck: `{small_result.document.path}`"
    assert "**Gate: ❌ Failed**" in lines
    assert "- X2.2 is missing (recommended) [fail_on missing]" in lines
    assert "| 1 | 1 | 1 | 1 | 50% |" in lines
    table = [line for line in lines if line.startswith("| `X")]
    assert [line.split("|")[1].strip() for line in table] == ["`X1.1`", "`X1.2`", "`X2.1`", "`X2.2`"]
    assert (
        "| `X1.1` | 🟡 Partial | Mandatory | Scope 1 and scope 2 greenhouse gas emissions | scope 2 emissions | 1 |"
        in lines
    )


def test_markdown_gate_passed_in_simplified_chinese(small_result: AuditResult) -> None:
    text = render_md([evaluate_gate(small_result, Gate(fail_on=()))], WriteOptions(lang="zh-Hans"))
    assert "**闸门结果: ✅ 通过**" in text
    assert "| 编号 | 状态 |" in text


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("a | b", "a \\| b"),
        ("line\nbreak", "line break"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("x" * 300, "x" * 159 + "…"),
    ],
    ids=["pipe", "newline", "html", "long"],
)
def test_markdown_cells_cannot_break_the_table(raw: str, safe: str) -> None:
    assert cell(raw) == safe
