"""The Excel gap matrix, read back with openpyxl: cell contents, never bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.report import labels
from checker.report.formats import WriteOptions
from checker.report.model import STATUS_ORDER, AuditResult
from checker.report.xlsx import write
from checker.report.xlsx_style import STATUS_FILLS

SHEETS = ["Summary", "Gap Matrix", "Evidence", "Content Index", "Run Info"]


def _write(result: AuditResult, path: Path, lang: str = "en") -> Path:
    write([result], path, WriteOptions(lang=lang))
    return path


@pytest.fixture
def workbook(small_result: AuditResult, tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_workbook(_write(small_result, tmp_path / "gaps.xlsx"))


def test_sheet_names(workbook) -> None:  # type: ignore[no-untyped-def]
    assert [ws.title for ws in workbook.worksheets if ws.sheet_state == "visible"] == SHEETS
    # NOTE: the state sheet (digests of what gapcheck wrote) is invisible to reviewers
    assert [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"] == ["gapcheck-state"]
    assert workbook["gapcheck-state"].sheet_state == "veryHidden"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                *("Standard", "ID", "Requirement", "Obligation", "Status", "Reviewer status", "Reviewer note"),
                *("Reviewer", "Review date", "Review check", "Elements missing", "Evidence", "Pages", "Index check"),
                "Elements met",
            ],
        ),
        ("zh-Hant", ["準則", "編號", "披露要求", "責任類別", "狀態", "審閱狀態", "審閱意見", "審閱人", "審閱日期"]),
        ("zh-Hans", ["准则", "编号", "披露要求", "责任类别", "状态", "审阅状态", "审阅意见", "审阅人", "审阅日期"]),
    ],
)
def test_matrix_header_by_language(small_result: AuditResult, tmp_path: Path, lang: str, expected: list[str]) -> None:
    ws = load_workbook(_write(small_result, tmp_path / f"{lang}.xlsx", lang))[labels.sheet_name("matrix", lang)]
    header = [c.value for c in ws[1]]
    assert header[: len(expected)] == expected
    assert header[-2:] == [labels.header("reviewed_verdict", lang), "key"]


def test_one_row_per_requirement(workbook, small_result: AuditResult) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Gap Matrix"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("gapfix-2025", "X1.1", "Partial"),
        ("gapfix-2025", "X1.2", "Explained"),
        ("gapfix-2025", "X2.1", "Covered"),
        ("gapfix-2025", "X2.2", "Missing"),
    ]
    x11 = rows[0]
    assert x11[3] == "Mandatory"
    assert x11[10] == "scope 2 emissions"
    assert x11[11].startswith("p. 1: Scope 1 emissions were 1,250 tCO2e")
    assert x11[12] == 1  # a page is a number, so the column sorts and filters as one
    assert x11[14] == "scope 1 emissions"
    assert x11[-1] == "gapfix-2025|X1.1"


def test_status_fill_colours(workbook) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Gap Matrix"]
    status_column = [c.value for c in ws[1]].index("Status") + 1
    colours = {
        ws.cell(row=r, column=2).value: ws.cell(row=r, column=status_column).fill.start_color.rgb[-6:]
        for r in range(2, ws.max_row + 1)
    }
    assert colours == {
        "X1.1": STATUS_FILLS["partial"],
        "X1.2": STATUS_FILLS["explained"],
        "X2.1": STATUS_FILLS["covered"],
        "X2.2": STATUS_FILLS["missing"],
    }


def test_reviewer_column_has_drop_down(workbook) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Gap Matrix"]
    header = [c.value for c in ws[1]]
    letter = ws.cell(row=1, column=header.index("Reviewer status") + 1).column_letter
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1
    validation = validations[0]
    assert validation.type == "list"
    assert f"{letter}2" in str(validation.sqref).split(":")[0]
    for choice in ("Agree", "Disagree - covered", "Disagree - partial", "Disagree - missing", "Follow up"):
        assert choice in validation.formula1


def test_frozen_header_filter_widths_and_print_setup(workbook) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Gap Matrix"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:U{ws.max_row}"
    assert ws.column_dimensions["C"].width == 30
    assert ws.column_dimensions["T"].hidden is True  # the verdict each review was given against
    assert ws.column_dimensions["U"].hidden is True  # the key
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$1:$1"
    assert ws.print_area == f"'Gap Matrix'!$A$1:$N${ws.max_row}"
    assert ws.cell(row=2, column=3).alignment.wrap_text is True
    for name in ("Evidence", "Content Index", "Run Info"):
        assert workbook[name].freeze_panes == "A2"
        assert workbook[name].auto_filter.ref


def test_evidence_sheet_has_a_row_per_element_hit(workbook, small_result: AuditResult) -> None:  # type: ignore[no-untyped-def]
    rows = list(workbook["Evidence"].iter_rows(min_row=2, values_only=True))
    hits = sum(len(e.evidence) for f in small_result.findings for e in f.elements)
    explanations = sum(1 for f in small_result.findings if f.explanation is not None)
    assert len(rows) == hits + explanations
    scope1 = [r for r in rows if r[1] == "X1.1"]
    assert scope1[0][2] == "scope 1 emissions"
    assert scope1[0][3] == 1
    assert "tCO2e" in scope1[0][6] or "1,250" in scope1[0][6]


def test_content_index_hkex_style(workbook) -> None:  # type: ignore[no-untyped-def]
    rows = {r[1]: r[3] for r in workbook["Content Index"].iter_rows(min_row=2, values_only=True)}
    assert rows == {"X1.1": "p. 1", "X1.2": "Explained (p. 1)", "X2.1": "p. 2", "X2.2": "Not disclosed"}


def test_content_index_in_chinese(small_result: AuditResult, tmp_path: Path) -> None:
    ws = load_workbook(_write(small_result, tmp_path / "zh.xlsx", "zh-Hant"))[labels.sheet_name("index", "zh-Hant")]
    rows = {r[1]: r[3] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["X1.1"] == "第1頁"
    assert rows["X2.2"] == "未披露"


def test_summary_counts_coverage_and_chart(workbook, small_result: AuditResult) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Summary"]
    values = {r[0]: r[1] for r in ws.iter_rows(min_row=4, max_col=2, values_only=True) if r[0]}
    assert values["Covered"] == 1
    assert values["Partial"] == 1
    assert values["Missing"] == 1
    assert values["Explained"] == 1
    assert values["Total"] == 4
    assert values["Coverage"] == pytest.approx(small_result.summary.coverage)
    parts = {r[0]: r[1:4] for r in ws.iter_rows(values_only=True) if r[0] in ("A", "B")}
    assert parts == {"A": (2, 1, 0.5), "B": (2, 1, 0.5)}
    assert "X3 Anti-corruption" in [r[0] for r in ws.iter_rows(values_only=True)]
    assert len(ws._charts) == 1


def test_run_info_identifies_the_workbook(workbook, small_result: AuditResult) -> None:  # type: ignore[no-untyped-def]
    info = {r[0]: r[1] for r in workbook["Run Info"].iter_rows(min_row=2, values_only=True)}
    assert info["Workbook"] == labels.WORKBOOK_MARKER
    assert info["Input SHA-256"] == small_result.document.sha256
    assert info["Rules fingerprints"] == f"gapfix-2025: {small_result.standard.fingerprint}"
    assert info["Standards (edition)"].startswith("gapfix-2025 (")
    assert info["Result schema version"] == small_result.schema_version
    assert info["gapcheck version"] == small_result.tool_version
    assert info["Generated at (UTC)"] == small_result.generated_at


def test_several_drafts_in_one_workbook_is_refused(small_result: AuditResult, tmp_path: Path) -> None:
    from checker.errors import ConfigError

    with pytest.raises(ConfigError, match="one draft"):
        write([small_result, small_result], tmp_path / "two.xlsx", WriteOptions())


def test_summary_title_chart_colours_and_footer(workbook, small_result: AuditResult) -> None:  # type: ignore[no-untyped-def]
    ws = workbook["Summary"]
    assert ws["A1"].value == "gapcheck — small-draft.txt"  # the file name, never the folder it was audited in
    points = ws._charts[0].series[0].dPt
    colours = [p.graphicalProperties.solidFill.srgbClr for p in points]
    assert colours == [STATUS_FILLS[status] for status in STATUS_ORDER]
    matrix = workbook["Gap Matrix"]
    assert matrix.oddHeader.left.text == "small-draft.txt"
    assert matrix.oddFooter.center.text == "Page &P of &N"


@pytest.mark.parametrize(
    ("pages", "labels_", "value"),
    [
        ([3], {}, 3),  # one page: a number
        ([3, 7], {}, "3, 7"),
        ([3, 7], {3: "ii", 7: "5"}, "ii, 5"),  # printed page numbers, as text
        ([3, 7], {3: "ii"}, "3, 7"),  # not every page has a printed number: the physical ones, all alike
        ([], {}, ""),
    ],
)
def test_pages_cell(small_result: AuditResult, pages: list[int], labels_: dict[int, str], value: object) -> None:
    from checker.report.model import Evidence
    from checker.report.xlsx_sheets import page_value

    evidence = [Evidence(page=p, page_label=labels_.get(p), text="t", span=(0, 1)) for p in pages]
    finding = small_result.findings[0].model_copy(update={"pages": pages, "evidence": evidence})
    assert page_value(finding) == value
