"""The rules and eval commands, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINI = FIXTURES / "mini-rules"


def gapcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, check=False)


def test_rules_list_json_lists_every_id() -> None:
    run = gapcheck("rules", "list", "--standard", "mini", "--rules-dir", str(MINI), "--format", "json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    assert [r["id"] for r in rows] == ["B1.1", "B6.5", "D.ghg"]
    assert rows[0]["symbol"] == "workforce-composition" and rows[0]["obligation"] == "comply_or_explain"


def test_rules_show_prints_elements_and_examples() -> None:
    run = gapcheck("rules", "show", "B6.5", "--rules-dir", str(MINI))
    assert run.returncode == 0, run.stderr
    assert "near(privacy, policy, within=block)" in run.stdout
    assert "example covered" in run.stdout


def test_rules_show_unknown_id_exits_2_with_suggestion() -> None:
    run = gapcheck("rules", "show", "B6.50", "--rules-dir", str(MINI))
    assert run.returncode == 2
    assert "did you mean" in run.stderr and "Traceback" not in run.stderr


def test_rules_test_runs_every_example() -> None:
    run = gapcheck("rules", "test", str(MINI))
    assert run.returncode == 0, run.stdout
    assert run.stdout.strip().endswith("11 passed, 0 failed")


def test_unknown_standard_exits_2_with_one_line(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text("# x\n\nhello", encoding="utf-8")
    run = gapcheck("audit", str(draft), "--standard", "hkex-esgg")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "did you mean 'hkex-esg'" in run.stderr


def test_eval_reports_agreement_and_pages() -> None:
    run = gapcheck("eval", str(FIXTURES / "eval_case"), "--rules-dir", str(MINI), "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["labelled"] == 3 and report["agreement"] == 1.0
    assert report["evidence_page_hit_rate"] == 1.0
    assert report["per_verdict"]["partial"]["recall"] == 1.0


def test_eval_unknown_requirement_id_is_bad_input(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "draft.md").write_text("Nothing.", encoding="utf-8")
    (case / "expected.yaml").write_text(
        "title: t\ndraft: draft.md\nstandards: [mini]\nexpected:\n  mini-2025:\n    B9.9: missing\n", encoding="utf-8"
    )
    run = gapcheck("eval", str(case), "--rules-dir", str(MINI))
    assert run.returncode == 2
    assert "unknown requirement id 'B9.9'" in run.stderr


def test_eval_withholds_held_out_disagreements(tmp_path: Path) -> None:
    case = tmp_path / "blind_case"
    case.mkdir()
    (case / "draft.md").write_text((FIXTURES / "eval_case" / "draft.md").read_text(encoding="utf-8"), encoding="utf-8")
    labels = (FIXTURES / "eval_case" / "expected.yaml").read_text(encoding="utf-8")
    # NOTE: every label flipped, so every verdict disagrees.
    labels = labels.replace("status: partial", "status: missing").replace("status: covered", "status: missing")
    (case / "expected.yaml").write_text(labels.replace("language: en", "language: en\nset: heldout"), "utf-8")
    hidden = gapcheck("eval", str(case), "--rules-dir", str(MINI), "--format", "json")
    assert json.loads(hidden.stdout)["disagreements"] == []
    text = gapcheck("eval", str(case), "--rules-dir", str(MINI))
    assert "expected missing" not in text.stdout and "held-out disagreements withheld" in text.stdout
    shown = gapcheck("eval", str(case), "--rules-dir", str(MINI), "--format", "json", "--show-heldout")
    assert len(json.loads(shown.stdout)["disagreements"]) == 2
