"""``gapcheck audit DRAFT --baseline OLD``: gate on what got worse, in one command; reviews reach the JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFT = FIXTURES / "drafts" / "small-draft.txt"
FIXTURE_PACK = ("--rules-dir", str(FIXTURES / "rules"), "--standard", "gapfix")

Gapcheck = Callable[..., Any]


@pytest.fixture(autouse=True)
def _no_policy_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _draft(tmp_path: Path, name: str, drop: str | None = None) -> Path:
    text = DRAFT.read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text.split(drop)[0] if drop else text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("baseline_format", "drop", "code", "regressed"),
    [
        ("json", None, 0, []),  # unchanged draft: passes although X2.2 is missing in both
        ("xlsx", None, 0, []),
        ("json", "Business ethics", 1, ["gapfix-2025:X2.1"]),  # X2.1 covered -> missing
        ("xlsx", "Business ethics", 1, ["gapfix-2025:X2.1"]),
    ],
    ids=["json unchanged", "xlsx unchanged", "json regressed", "xlsx regressed"],
)
def test_baseline_gates_on_regressions_only(
    gapcheck: Gapcheck, tmp_path: Path, baseline_format: str, drop: str | None, code: int, regressed: list[str]
) -> None:
    baseline = tmp_path / f"v1.{baseline_format}"
    assert gapcheck("audit", str(_draft(tmp_path, "v1.txt")), *FIXTURE_PACK, "-o", str(baseline)).code == 0
    new = _draft(tmp_path, "v2.txt", drop)
    run = gapcheck("audit", str(new), *FIXTURE_PACK, "--fail-on", "missing", "--baseline", str(baseline), "-o", "-")
    assert run.code == code, run.err
    payload = gapcheck("audit", str(new), *FIXTURE_PACK, "--baseline", str(baseline), "--format", "json").out
    gate = json.loads(payload)["gate"]
    assert gate["failing"] == regressed
    assert gate["policy"]["baseline"] == str(baseline)
    if regressed:
        assert gate["reasons"] == [f"X2.1 regressed covered -> missing against {baseline}"]


def test_baseline_with_several_drafts_is_a_usage_error(gapcheck: Gapcheck, tmp_path: Path) -> None:
    baseline = tmp_path / "v1.json"
    draft = _draft(tmp_path, "v1.txt")
    gapcheck("audit", str(draft), *FIXTURE_PACK, "-o", str(baseline))
    run = gapcheck("audit", str(draft), str(draft), *FIXTURE_PACK, "--baseline", str(baseline))
    assert run.code == 2 and "--baseline" in run.err


def test_reviews_reach_the_json_and_an_honouring_gate(gapcheck: Gapcheck, tmp_path: Path) -> None:
    draft, workbook, result = _draft(tmp_path, "v1.txt"), tmp_path / "gaps.xlsx", tmp_path / "gaps.json"
    assert gapcheck("audit", str(draft), *FIXTURE_PACK, "-o", str(workbook)).code == 0
    wb = load_workbook(workbook)
    ws = wb["Gap Matrix"]
    header = [c.value for c in ws[1]]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[1].value == "X2.2")
    ws.cell(row=row, column=header.index("Reviewer status") + 1).value = "Accepted"
    ws.cell(row=row, column=header.index("Reviewer note") + 1).value = "no donations this year; board minute 12"
    wb.save(workbook)
    args = ("audit", str(draft), *FIXTURE_PACK, "--fail-on", "missing", "-o", str(workbook))
    assert gapcheck(*args, "--report", f"json={result}").code == 1  # policy does not honour it
    finding = next(f for f in json.loads(result.read_text(encoding="utf-8"))["findings"] if f["id"] == "X2.2")
    assert finding["review"]["status"] == "accepted" and finding["review"]["stale"] is False
    (tmp_path / "gapcheck.toml").write_text("[gate]\nhonour_reviews = true\n", encoding="utf-8")
    assert gapcheck(*args, "--report", f"json={result}").code == 0
    gate = json.loads(result.read_text(encoding="utf-8"))["gate"]
    assert gate["reviews_used"] == ["gapfix-2025:X2.2 accepted: no donations this year; board minute 12"]
    summary = tmp_path / "summary.txt"
    assert gapcheck(*args, "--report", f"text={summary}").code == 0
    assert "waived by review: gapfix-2025:X2.2 accepted" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(("paper", "code"), [("a4", 9), ("a3", 8)])
def test_paper_size(gapcheck: Gapcheck, tmp_path: Path, paper: str, code: int) -> None:
    workbook = tmp_path / "gaps.xlsx"
    run = gapcheck("audit", str(_draft(tmp_path, "v1.txt")), *FIXTURE_PACK, "--paper", paper, "-o", str(workbook))
    assert run.code == 0, run.err
    for ws in load_workbook(workbook).worksheets[:5]:
        assert int(ws.page_setup.paperSize) == code and ws.page_setup.orientation == "landscape"
