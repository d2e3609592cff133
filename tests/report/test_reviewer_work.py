"""No reviewer edit is lost without a message: each kind of edit is carried, or the old workbook is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment

import checker.report.xlsx as xlsx_module
from checker.errors import OutputError
from checker.report.formats import WriteOptions
from checker.report.model import AuditResult
from checker.report.output_lock import lock_path
from checker.report.xlsx import write

ROOT = Path(__file__).resolve().parents[2]


def _write(result: AuditResult, path: Path) -> None:
    write([result], path, WriteOptions())


def _matrix_row(ws: object, requirement: str) -> int:
    for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
        if row[1].value == requirement:
            return int(row[1].row)
    raise AssertionError(requirement)


def _column(ws: object, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1  # type: ignore[index]


def _find_matrix(wb: object) -> object:
    return next(ws for ws in wb.worksheets if ws.sheet_properties.codeName == "gapcheck_matrix")  # type: ignore[attr-defined]


# ---- each kind of reviewer edit, and where it must be found after the next audit --------------------------------


def rename_matrix_and_note(wb: object) -> None:
    ws = wb["Gap Matrix"]  # type: ignore[index]
    ws.title = "Our review"
    ws.cell(row=_matrix_row(ws, "X1.1"), column=_column(ws, "Reviewer note")).value = "see annex"


def override_status(wb: object) -> None:
    ws = wb["Gap Matrix"]  # type: ignore[index]
    ws.cell(row=_matrix_row(ws, "X2.2"), column=_column(ws, "Status")).value = "Covered"  # gapcheck said Missing


def add_column(wb: object) -> None:
    ws = wb["Gap Matrix"]  # type: ignore[index]
    column = ws.max_column + 1
    ws.cell(row=1, column=column).value = "Signed off by"
    ws.cell(row=_matrix_row(ws, "X1.2"), column=column).value = "M. Chan"


def comment_on_evidence(wb: object) -> None:
    ws = wb["Gap Matrix"]  # type: ignore[index]
    ws.cell(row=_matrix_row(ws, "X1.1"), column=_column(ws, "Evidence")).comment = Comment("quote is p. 4", "Reviewer")


def add_sheet(wb: object) -> None:
    ws = wb.create_sheet("Sign-off")  # type: ignore[attr-defined]
    ws["A1"] = "Approved by"
    ws["B1"] = "Finance director"
    ws["B1"].comment = Comment("pending", "CFO")
    ws["A2"] = "=B1"


def sign_on_summary(wb: object) -> None:
    wb["Summary"]["F30"] = "Signed: A. Lee, 3 March"  # type: ignore[index]


def _reviewer_note(wb: object, requirement: str) -> object:
    ws = _find_matrix(wb)
    return ws.cell(row=_matrix_row(ws, requirement), column=_column(ws, "Reviewer note")).value  # type: ignore[arg-type]


def _reviewer_status(wb: object, requirement: str) -> object:
    ws = _find_matrix(wb)
    return ws.cell(row=_matrix_row(ws, requirement), column=_column(ws, "Reviewer status")).value  # type: ignore[arg-type]


def _added_column(wb: object, requirement: str) -> object:
    ws = _find_matrix(wb)
    return ws.cell(row=_matrix_row(ws, requirement), column=_column(ws, "Signed off by")).value  # type: ignore[arg-type]


def _evidence_comment(wb: object, requirement: str) -> object:
    ws = _find_matrix(wb)
    return ws.cell(row=_matrix_row(ws, requirement), column=_column(ws, "Evidence")).comment.text  # type: ignore[arg-type]


def _added_sheet(wb: object, _: str) -> object:
    ws = wb["Sign-off"]  # type: ignore[index]
    return (ws["B1"].value, ws["B1"].comment.text, ws["A2"].value)


# (edit, what to read back in the new workbook, expected value, a message expected on stderr, old copy kept)
CASES: list[tuple[Callable[[object], None], Callable[[object, str], object], str, object, str, bool]] = [
    (rename_matrix_and_note, _reviewer_note, "X1.1", "see annex", "", False),
    (override_status, _reviewer_status, "X2.2", "Covered", "1 Status cell(s) changed by hand", False),
    (add_column, _added_column, "X1.2", "M. Chan", "", False),
    (comment_on_evidence, _evidence_comment, "X1.1", "quote is p. 4", "", False),
    (add_sheet, _added_sheet, "", ("Finance director", "pending", "=B1"), "", False),
    (sign_on_summary, lambda wb, _: None, "", None, "could not carry edits on the 'Summary' sheet", True),
]


@pytest.mark.parametrize(
    ("edit", "read", "requirement", "expected", "message", "copy_kept"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_reviewer_edit_is_carried_or_the_old_workbook_kept(
    small_result: AuditResult,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[object], None],
    read: Callable[[object, str], object],
    requirement: str,
    expected: object,
    message: str,
    copy_kept: bool,
) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    edited = path.read_bytes()
    capsys.readouterr()
    _write(small_result, path)
    err = capsys.readouterr().err
    assert read(load_workbook(path), requirement) == expected
    if message:
        assert message in err
    copies = list(tmp_path.glob("gaps.before-*.xlsx"))
    if copy_kept:
        assert len(copies) == 1 and copies[0].read_bytes() == edited
        assert f"kept as {copies[0]}" in err
    else:
        assert not copies and "could not carry" not in err
    # NOTE: a second audit with nothing new must be quiet and lose nothing more
    _write(small_result, path)
    assert read(load_workbook(path), requirement) == expected
    assert len(list(tmp_path.glob("gaps.before-*.xlsx"))) == len(copies)


def test_unedited_workbook_is_rewritten_without_messages(
    small_result: AuditResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    capsys.readouterr()
    _write(small_result, path)
    assert capsys.readouterr().err == ""
    assert not list(tmp_path.glob("*.before-*"))


def test_a_save_during_the_audit_is_merged_not_overwritten(
    small_result: AuditResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    real_build = xlsx_module.build_workbook
    saves = []

    def build_while_reviewer_saves(*args: object) -> object:
        workbook = real_build(*args)  # type: ignore[arg-type]
        if not saves:  # NOTE: the reviewer saves right after gapcheck read the workbook, before it renames
            wb = load_workbook(path)
            ws = wb["Gap Matrix"]
            ws.cell(row=_matrix_row(ws, "X2.2"), column=_column(ws, "Reviewer note")).value = "saved at the last second"
            wb.save(path)
            saves.append(True)
        return workbook

    monkeypatch.setattr(xlsx_module, "build_workbook", build_while_reviewer_saves)
    _write(small_result, path)
    assert saves
    assert _reviewer_note(load_workbook(path), "X2.2") == "saved at the last second"


def test_a_workbook_changed_on_every_attempt_is_left_as_the_reviewer_saved_it(
    small_result: AuditResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    real_build = xlsx_module.build_workbook
    counter = iter(range(100))

    def build_while_reviewer_keeps_saving(*args: object) -> object:
        workbook = real_build(*args)  # type: ignore[arg-type]
        wb = load_workbook(path)
        ws = wb["Gap Matrix"]
        ws.cell(row=_matrix_row(ws, "X2.2"), column=_column(ws, "Reviewer note")).value = f"save {next(counter)}"
        wb.save(path)
        return workbook

    monkeypatch.setattr(xlsx_module, "build_workbook", build_while_reviewer_keeps_saving)
    with pytest.raises(OutputError, match="changed by someone else"):
        _write(small_result, path)
    assert _reviewer_note(load_workbook(path), "X2.2") == "save 2"


def test_a_running_audit_holding_the_lock_makes_the_second_stop(
    small_result: AuditResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gaps.xlsx"
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(path).write_text(str(holder.pid), encoding="ascii")
        monkeypatch.setenv("GAPCHECK_LOCK_TIMEOUT", "0.5")
        with pytest.raises(OutputError, match=f"another gapcheck \\(pid {holder.pid}\\)"):
            _write(small_result, path)
        assert not path.exists()
    finally:
        holder.kill()
        holder.wait()
    _write(small_result, path)  # NOTE: the holder is gone: its lock is stale and taken over
    assert path.exists() and not lock_path(path).exists()


def test_two_concurrent_audits_of_one_workbook_both_finish_and_lose_no_review(tmp_path: Path) -> None:
    draft = ROOT / "tests" / "fixtures" / "drafts" / "small-draft.txt"
    rules = ROOT / "tests" / "fixtures" / "rules"
    path = tmp_path / "gaps.xlsx"
    argv = [sys.executable, "-m", "checker", "audit", str(draft), "-s", "gapfix-2025", "--rules-dir", str(rules)]
    argv += ["-o", str(path), "--exit-zero"]
    env = {**os.environ, "GAPCHECK_CACHE_DIR": str(tmp_path / "cache")}
    assert subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, timeout=120).returncode == 0
    wb = load_workbook(path)
    ws = wb["Gap Matrix"]
    ws.cell(row=_matrix_row(ws, "X1.1"), column=_column(ws, "Reviewer note")).value = "keep me"
    wb.save(path)
    runs = [subprocess.Popen(argv, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert _reviewer_note(load_workbook(path), "X1.1") == "keep me"
    assert not lock_path(path).exists()
