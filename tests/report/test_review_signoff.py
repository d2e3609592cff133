"""Sign-offs follow verdicts: a review given on one draft is kept on the next, and marked stale when the verdict
changed; the gate may honour reviews; the diff shows review changes.

The drafts are the writer-test draft and variants of it: without its business-ethics section (X2.1 goes from
covered to missing) and without its scope 1 figure (X1.1 goes from partial to missing).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.report import json_writer
from checker.report.diff import compare, load_side, render_text
from checker.report.formats import WriteOptions
from checker.report.gate import Gate, evaluate_gate
from checker.report.model import AuditResult, Review
from checker.report.reviews import attach_reviews, read_reviews
from checker.report.xlsx import write
from checker.report.xlsx_style import STALE_FILL

DRAFT = Path(__file__).resolve().parents[1] / "fixtures" / "drafts" / "small-draft.txt"
ORIGINAL = DRAFT.read_text(encoding="utf-8")
WITHOUT_ETHICS = ORIGINAL.split("Business ethics")[0]


def _write(result: AuditResult, path: Path) -> None:
    write([result], path, WriteOptions())


def _sign(path: Path, requirement: str, **cells: object) -> None:
    """Act as a reviewer: fill the named columns of one requirement's row (by header, as Excel users do)."""
    wb = load_workbook(path)
    ws = wb["Gap Matrix"]
    header = [c.value for c in ws[1]]
    column = header.index("ID")
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[column].value == requirement)
    for name, value in cells.items():
        ws.cell(row=row, column=header.index(name) + 1).value = value
    wb.save(path)


def _rows(path: Path) -> dict[str, dict[str, object]]:
    ws = load_workbook(path)["Gap Matrix"]
    header = [c.value for c in ws[1]]
    return {
        str(r[header.index("ID")]): dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }


def _summary(path: Path) -> dict[object, object]:
    return {r[0]: r[1] for r in load_workbook(path)["Summary"].iter_rows(values_only=True) if r[0]}


def _json_review(result: AuditResult, path: Path, requirement: str) -> dict[str, object] | None:
    """The ``review`` the JSON result carries when the audit reads the workbook it is about to rewrite."""
    payload = json.loads(json_writer.render([attach_reviews(result, read_reviews(path))]))
    finding = next(f for f in payload["findings"] if f["id"] == requirement)
    review: dict[str, object] | None = finding["review"]
    return review


SIGNED = {
    "Reviewer status": "Agree",
    "Reviewer note": "policy and hotline confirmed with Legal",
    "Reviewer": "M. Chan",
    "Review date": datetime.datetime(2026, 3, 2),
}


def test_a_review_goes_stale_when_the_verdict_changes(audit_text: Callable[[str], AuditResult], tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    first, second = audit_text(ORIGINAL), audit_text(WITHOUT_ETHICS)
    _write(first, path)
    _sign(path, "X2.1", **SIGNED)
    _sign(path, "X1.1", **{"Reviewer status": "Follow up", "Reviewer note": "scope 2 due from Finance"})
    assert _json_review(second, path, "X2.1") == {
        "status": "agree",
        "note": "policy and hotline confirmed with Legal",
        "reviewer": "M. Chan",
        "reviewed_on": "2026-03-02",
        "reviewed_verdict": "covered",
        "stale": True,
    }
    _write(second, path)
    rows = _rows(path)
    x21 = rows["X2.1"]
    assert (x21["Status"], x21["Reviewer status"], x21["Reviewer note"]) == (
        "Missing",
        "Agree",
        SIGNED["Reviewer note"],
    )
    assert (x21["Reviewer"], x21["Review date"]) == ("M. Chan", datetime.datetime(2026, 3, 2))
    assert x21["Review check"] == "Verdict changed since review: Covered → Missing"
    assert x21["Verdict when reviewed"] == "Covered"
    assert rows["X1.1"]["Review check"] is None  # X1.1 is partial on both drafts: its review still holds
    ws = load_workbook(path)["Gap Matrix"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[1].value == "X2.1")
    assert ws.cell(row=row, column=3).fill.start_color.rgb[-6:] == STALE_FILL
    assert _summary(path)["Reviews to redo (verdict changed)"] == 1

    # NOTE: audited again unchanged, the review is still stale: it was given against "covered", not "missing"
    _write(second, path)
    assert _rows(path)["X2.1"]["Review check"] == "Verdict changed since review: Covered → Missing"

    # the reviewer looks again and changes the note: the review now stands against the verdict they saw
    _sign(path, "X2.1", **{"Reviewer note": "ethics section dropped in v2; Legal to restore"})
    _write(second, path)
    assert _rows(path)["X2.1"]["Review check"] is None
    review = _json_review(second, path, "X2.1")
    assert review is not None and (review["stale"], review["reviewed_verdict"]) == (False, "missing")
    assert _summary(path)["Reviews to redo (verdict changed)"] == 0


def test_a_verdict_that_comes_back_un_stales_the_review(
    audit_text: Callable[[str], AuditResult], tmp_path: Path
) -> None:
    path = tmp_path / "gaps.xlsx"
    _write(audit_text(ORIGINAL), path)
    _sign(path, "X2.1", **SIGNED)
    _write(audit_text(WITHOUT_ETHICS), path)
    assert _rows(path)["X2.1"]["Review check"]
    _write(audit_text(ORIGINAL), path)
    assert _rows(path)["X2.1"]["Review check"] is None
    assert _rows(path)["X2.1"]["Reviewer note"] == SIGNED["Reviewer note"]


def test_reviews_in_an_older_column_order_are_carried_by_header(small_result: AuditResult, tmp_path: Path) -> None:
    """A workbook whose columns are in another order (an older release, or a reviewer's drag) loses nothing."""
    path = tmp_path / "gaps.xlsx"
    _write(small_result, path)
    wb = load_workbook(path)
    ws = wb["Gap Matrix"]
    table = [[c.value for c in row] for row in ws.iter_rows()]
    moved = [2, 3, 0, 1, *range(5, len(table[0])), 4]  # NOTE: Status last, Standard third ...
    for r, values in enumerate(table, start=1):
        for c, source in enumerate(moved, start=1):
            ws.cell(row=r, column=c).value = values[source]
    wb.save(path)
    _sign(path, "X2.2", **{"Reviewer status": "Disagree - covered", "Reviewer note": "see p. 9", "Reviewer": "A. Lee"})
    _write(small_result, path)
    x22 = _rows(path)["X2.2"]
    assert (x22["Reviewer status"], x22["Reviewer note"], x22["Reviewer"]) == (
        "Disagree - covered",
        "see p. 9",
        "A. Lee",
    )
    assert x22["Review check"] is None


def test_the_diff_shows_review_changes(audit_text: Callable[[str], AuditResult], tmp_path: Path) -> None:
    before, after = tmp_path / "v1.xlsx", tmp_path / "v2.xlsx"
    _write(audit_text(ORIGINAL), before)
    _sign(before, "X2.1", **SIGNED)
    after.write_bytes(before.read_bytes())
    _write(audit_text(WITHOUT_ETHICS), after)
    changes = {c.id: c for c in compare(load_side(before), load_side(after))}
    assert changes["X2.1"].change == "regressed"
    assert changes["X2.1"].old_review == "agree by M. Chan on 2026-03-02: policy and hotline confirmed with Legal"
    assert changes["X2.1"].new_review == f"{changes['X2.1'].old_review} [stale: given against covered]"
    assert not changes["X1.1"].review_changed
    text = render_text(load_side(before), load_side(after), list(changes.values()))
    assert "review: agree by M. Chan" in text and "1 review(s) changed" in text


@pytest.mark.parametrize(
    ("review", "honour", "passed"),
    [
        (None, True, False),
        (
            Review(status="accepted", note="Board accepted: no charity budget in FY2025", reviewed_verdict="missing"),
            True,
            True,
        ),
        (Review(status="not_applicable", note="no community programme", reviewed_verdict="missing"), True, True),
        (Review(status="accepted", note="Board accepted", reviewed_verdict="missing"), False, False),  # policy off
        (Review(status="accepted", note="", reviewed_verdict="missing"), True, False),  # no reason given
        (Review(status="agree", note="agree it is missing", reviewed_verdict="missing"), True, False),
        (Review(status="accepted", note="ok", reviewed_verdict="covered", stale=True), True, False),  # verdict moved
    ],
    ids=["no review", "accepted", "not applicable", "policy off", "no note", "agree", "stale"],
)
def test_the_gate_honours_reviews_only_when_asked(
    small_result: AuditResult, review: Review | None, honour: bool, passed: bool
) -> None:
    findings = [f.model_copy(update={"review": review}) if f.id == "X2.2" else f for f in small_result.findings]
    result = small_result.model_copy(update={"findings": findings})
    gate = evaluate_gate(result, Gate(fail_on=("missing",), honour_reviews=honour)).gate
    assert gate is not None and gate["passed"] is passed
    used = gate["reviews_used"]
    assert used == ([f"gapfix-2025:X2.2 {review.status}: {review.note}"] if passed and review else [])


PREVIOUS_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks" / "previous-release.xlsx"


def test_a_workbook_of_the_previous_release_keeps_its_reviews(
    audit_text: Callable[[str], AuditResult], tmp_path: Path
) -> None:
    """Written by the release before this one (reviewer columns last, no review state); X2.1 agreed, X1.1 open."""
    path = tmp_path / "gaps.xlsx"
    path.write_bytes(PREVIOUS_RELEASE.read_bytes())
    _write(audit_text(WITHOUT_ETHICS), path)
    rows = _rows(path)
    assert (rows["X2.1"]["Reviewer status"], rows["X2.1"]["Reviewer note"]) == ("Agree", "policy seen, p. 3")
    assert rows["X2.1"]["Review check"] == "Verdict changed since review: Covered → Missing"
    assert (rows["X1.1"]["Reviewer status"], rows["X1.1"]["Review check"]) == ("Follow up", None)
    assert not list(tmp_path.glob("gaps.before-*.xlsx"))  # NOTE: nothing was lost, so no copy was kept
