"""``gapcheck diff``: improved / regressed / unchanged / added / removed, from JSON results and workbooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.report.formats import WriteOptions
from checker.report.json_writer import render as render_json
from checker.report.model import AuditResult, Status, summarise
from checker.report.xlsx import write


def _with(result: AuditResult, statuses: dict[str, str], drop: tuple[str, ...] = ()) -> AuditResult:
    findings = [
        f.model_copy(update={"status": Status(statuses[f.id])}) if f.id in statuses else f
        for f in result.findings
        if f.id not in drop
    ]
    return result.model_copy(update={"findings": findings, "summary": summarise(findings)})


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 2), captured.out, captured.err


@pytest.fixture
def pair(small_result: AuditResult, tmp_path: Path) -> tuple[Path, Path]:
    """Old: X1.1 partial, X2.1 covered, X2.2 missing. New: X1.1 covered, X2.1 missing, X2.2 gone, X1.2 same."""
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    old.write_text(render_json([small_result]), encoding="utf-8")
    changed = _with(small_result, {"X1.1": "covered", "X2.1": "missing"}, drop=("X2.2",))
    new.write_text(render_json([changed]), encoding="utf-8")
    return old, new


def test_json_to_json(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "diff", str(pair[0]), str(pair[1]), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"] == {
        **{"regressed": 1, "improved": 1, "added": 0, "removed": 1, "unchanged": 1},
        "reviews_changed": 0,
    }
    changes = {c["id"]: (c["old"], c["new"], c["change"]) for c in data["changes"]}
    assert changes == {
        "X2.1": ("covered", "missing", "regressed"),
        "X1.1": ("partial", "covered", "improved"),
        "X2.2": ("missing", None, "removed"),
        "X1.2": ("explained", "explained", "unchanged"),
    }


def test_reversed_pair_shows_added(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "diff", str(pair[1]), str(pair[0]), "--format", "json")
    assert json.loads(out)["counts"]["added"] == 1


@pytest.mark.parametrize(("flag", "code"), [((), 0), (("--fail-on-regression",), 1)])
def test_fail_on_regression(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str], flag: tuple[str, ...], code: int
) -> None:
    assert _run(capsys, "diff", str(pair[0]), str(pair[1]), *flag)[0] == code


def test_no_regression_passes_the_ci_gate(
    small_result: AuditResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = tmp_path / "same.json"
    same.write_text(render_json([small_result]), encoding="utf-8")
    code, out, _ = _run(capsys, "diff", str(same), str(same), "--fail-on-regression")
    assert code == 0
    assert "0 regressed" in out and "4 unchanged" in out


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_workbook_against_json(
    pair: tuple[Path, Path], small_result: AuditResult, tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    workbook = tmp_path / "old.xlsx"
    write([small_result], workbook, WriteOptions(lang=lang))
    code, out, _ = _run(capsys, "diff", str(workbook), str(pair[1]), "--format", "md", "--fail-on-regression")
    assert code == 1
    assert (
        "| 🔻 regressed | `gapfix-2025:X2.1` | covered | missing | Anti-corruption policy and whistleblowing"
        " procedures |" in out
    )
    assert "🔺 1 improved" in out


def test_text_format_lists_changes(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "diff", str(pair[0]), str(pair[1]))
    lines = out.splitlines()
    assert lines[0].endswith("1 regressed, 1 improved, 0 added, 1 removed, 1 unchanged")
    assert lines[1].split()[:2] == ["regressed", "gapfix-2025:X2.1"]
    assert len(lines) == 4  # unchanged rows only with --all
    _, everything, _ = _run(capsys, "diff", str(pair[0]), str(pair[1]), "--all")
    assert len(everything.splitlines()) == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not a gapcheck JSON result"),
        (b'{"a": 1}', "not a gapcheck JSON result"),
        (b"[]", "holds 0 results"),
    ],
    ids=["broken-json", "other-json", "empty-list"],
)
def test_bad_inputs_exit_2(
    pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _, err = _run(capsys, "diff", str(bad), str(pair[1]))
    assert code == 2
    assert message in err and err.count("\n") == 1
