"""Reviewers' work is never lost: status and notes move into the next workbook; bad targets are left untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.errors import OutputError
from checker.report.formats import WriteOptions
from checker.report.model import AuditResult
from checker.report.workbook_state import role_of
from checker.report.xlsx import write


def _matrix(path: Path) -> dict[str, dict[str, object]]:
    # NOTE: by role, not title: the matrix's sheet name follows --lang
    ws = next(ws for ws in load_workbook(path).worksheets if role_of(ws) == "matrix")
    header = [c.value for c in ws[1]]
    return {str(r[1]): dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}


def _review(
    path: Path, edits: dict[str, tuple[str, str]], *, reverse: bool = False, lang_header: str = "Reviewer status"
) -> None:
    """Act as a reviewer: pick statuses and write notes, optionally re-sorting the rows (and filtering)."""
    wb = load_workbook(path)
    ws = wb["Gap Matrix"]
    header = [c.value for c in ws[1]]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    if reverse:
        rows.reverse()
        ws.auto_filter.add_filter_column(6, ["Missing"])
    status_col = header.index(lang_header)
    for row in rows:
        if row[1] in edits:
            row[status_col], row[status_col + 1] = edits[str(row[1])]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value
    wb.save(path)


def _write(result: AuditResult, path: Path, **options: object) -> None:
    write([result], path, WriteOptions(**options))  # type: ignore[arg-type]


def test_reviewer_status_and_note_survive_a_re_audit(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _review(path, {"X1.1": ("Disagree - covered", "Scope 2 is in the annex, p. 40"), "X2.2": ("Follow up", "")})
    _write(small_result, path)
    matrix = _matrix(path)
    assert matrix["X1.1"]["Reviewer status"] == "Disagree - covered"
    assert matrix["X1.1"]["Reviewer note"] == "Scope 2 is in the annex, p. 40"
    assert matrix["X2.2"]["Reviewer status"] == "Follow up"
    assert matrix["X2.1"]["Reviewer status"] is None
    summary = {r[0]: r[1] for r in load_workbook(path)["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Reviewer entries carried over"] == 2


def test_carry_over_survives_re_sorted_and_filtered_rows(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _review(
        path,
        {"X1.2": ("Agree", "OK as explained"), "X2.1": ("Disagree - partial", "hotline not described")},
        reverse=True,
    )
    _write(small_result, path)
    matrix = _matrix(path)
    assert [matrix[i]["Reviewer note"] for i in ("X1.1", "X1.2", "X2.1", "X2.2")] == [
        None,
        "OK as explained",
        "hotline not described",
        None,
    ]


def test_carry_over_across_languages(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path, lang="en")
    _review(path, {"X2.2": ("Not applicable", "no community programme")})
    _write(small_result, path, lang="zh-Hant")
    assert _matrix(path)["X2.2"]["審閱狀態"] == "不適用"
    _write(small_result, path, lang="zh-Hans")
    _write(small_result, path, lang="en")
    assert _matrix(path)["X2.2"]["Reviewer status"] == "Not applicable"
    assert _matrix(path)["X2.2"]["Reviewer note"] == "no community programme"


def test_free_text_reviewer_status_is_kept(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _review(path, {"X1.1": ("Ask the CFO", "")})
    _write(small_result, path)
    assert _matrix(path)["X1.1"]["Reviewer status"] == "Ask the CFO"


def test_removed_requirements_go_to_their_own_sheet_and_come_back(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _review(path, {"X2.2": ("Disagree - covered", "see p. 9 donations table")})
    fewer = small_result.model_copy(update={"findings": [f for f in small_result.findings if f.id != "X2.2"]})
    _write(fewer, path)
    wb = load_workbook(path)
    assert "Carried Over" in wb.sheetnames
    rows = list(wb["Carried Over"].iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Standard",
        "ID",
        "Requirement",
        "Status when last reviewed",
        "Reviewer status",
        "Reviewer note",
    )
    assert rows[1][:6] == (
        "gapfix-2025",
        "X2.2",
        "Resources contributed to the community",
        "Missing",
        "Disagree - covered",
        "see p. 9 donations table",
    )
    assert "X2.2" not in _matrix(path)
    _write(fewer, path)  # a second run keeps the orphan
    orphan_rows = list(load_workbook(path)["Carried Over"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in orphan_rows] == ["X2.2"]
    _write(small_result, path)  # the requirement is back: so is the review
    assert _matrix(path)["X2.2"]["Reviewer note"] == "see p. 9 donations table"
    assert "Carried Over" not in load_workbook(path).sheetnames


def test_no_carry_over_refuses_to_discard_edits_without_force(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _review(path, {"X1.1": ("Agree", "")})
    before = path.read_bytes()
    with pytest.raises(OutputError, match="reviewer entries"):
        _write(small_result, path, carry_over=False)
    assert path.read_bytes() == before
    _write(small_result, path, carry_over=False, force=True)
    assert _matrix(path)["X1.1"]["Reviewer status"] is None


def test_no_carry_over_without_edits_just_rewrites(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _write(small_result, path, carry_over=False)
    assert set(_matrix(path)) == {"X1.1", "X1.2", "X2.1", "X2.2"}


def _foreign(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "budget 2026"
    wb.save(path)


def _corrupt(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 this is not really a zip")


def _text_file(path: Path) -> None:
    path.write_text("hello", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [(_foreign, "not a gapcheck workbook"), (_corrupt, "not a readable"), (_text_file, "not a readable")],
    ids=["foreign-workbook", "corrupt-zip", "plain-text"],
)
@pytest.mark.parametrize("carry_over", [True, False], ids=["carry-over", "no-carry-over"])
def test_foreign_or_corrupt_target_is_left_byte_identical(
    small_result: AuditResult,
    tmp_path: Path,
    make,
    message: str,
    carry_over: bool,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "gaps.xlsx"
    make(path)
    before = path.read_bytes()
    with pytest.raises(OutputError, match=message) as info:
        _write(small_result, path, carry_over=carry_over)
    assert "\n" not in info.value.one_line()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.xlsx"]  # no temporary file left behind


def test_force_replaces_a_foreign_workbook(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _foreign(path)
    _write(small_result, path, force=True)
    assert set(_matrix(path)) == {"X1.1", "X1.2", "X2.1", "X2.2"}


def test_workbook_open_in_excel_is_refused(small_result: AuditResult, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    (tmp_path / "~$gaps.xlsx").write_bytes(b"owner")
    before = path.read_bytes()
    with pytest.raises(OutputError, match="open in a spreadsheet"):
        _write(small_result, path)
    assert path.read_bytes() == before


def test_permission_error_on_replace_is_one_line_and_keeps_the_old_file(
    small_result: AuditResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    before = path.read_bytes()

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("checker.report.atomic.os.replace", locked)
    with pytest.raises(OutputError, match="locked or read-only"):
        _write(small_result, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.xlsx"]


def test_failure_mid_write_leaves_the_old_workbook_intact(
    small_result: AuditResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    _review(path, {"X1.1": ("Agree", "checked")})
    before = path.read_bytes()
    real_save = Workbook.save

    def half_then_crash(self: Workbook, filename: str) -> None:
        real_save(self, filename)
        Path(filename).write_bytes(Path(filename).read_bytes()[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", half_then_crash)
    with pytest.raises(OutputError, match="No space left"):
        _write(small_result, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.xlsx"]
    monkeypatch.undo()
    assert _matrix(path)["X1.1"]["Reviewer note"] == "checked"
