"""gapcheck batch: error rows, resume, Excel/Parquet outputs, formula safety and the Dask engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from checker.cli import main


@pytest.fixture(autouse=True)
def _snapshot(rules: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "RULES", rules)


RULES = ""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["batch", *args, "--rules-dir", RULES])
    return int(exited.value.code or 0), capsys.readouterr().err


def test_batch_with_a_corrupt_file_ends_with_an_error_row(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.csv"
    code, err = run([str(corpus), "-o", str(out), "-j", "2", "--no-cache"], capsys)
    assert code == 2, err  # NOTE: an unreadable report is an input error: the batch says so in its exit code
    assert "broken.pdf: corrupt or truncated PDF" in err
    results = pd.read_csv(out, dtype=str, keep_default_na=False)
    summary = pd.read_csv(tmp_path / "results.summary.csv", dtype=str, keep_default_na=False)
    assert len(summary) == 24
    assert results["document"].nunique() == 24
    broken = results[results["document"].str.endswith("broken.pdf")]
    assert list(broken["status"]) == ["error"]
    assert "corrupt" in broken["message"].iloc[0]
    ok = results[~results["document"].str.endswith("broken.pdf")]
    assert (ok["status"] != "error").all()
    assert ok.groupby("document").size().nunique() == 1  # every report has a row per requirement


def test_resume_skips_done_reports_and_redoes_errors(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.xlsx"
    assert run([str(corpus), "-o", str(out), "-j", "2", "--allow-errors"], capsys)[0] == 0
    first = pd.read_excel(out, sheet_name=None, dtype=str, keep_default_na=False)
    code, err = run([str(corpus), "-o", str(out), "-j", "2"], capsys)
    assert code == 2
    assert "1 audited (1 error(s)), 23 already done" in err
    second = pd.read_excel(out, sheet_name=None, dtype=str, keep_default_na=False)
    assert set(second) == {"results", "summary"}
    assert len(second["results"]) == len(first["results"])
    assert "24 audited" in run([str(corpus), "-o", str(out), "-j", "2", "--no-resume"], capsys)[1]


def test_parquet_and_globs_and_formula_safety(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text('=HYPERLINK("http://x")\n\nScope 1 emissions were 5 tCO2e.\n', encoding="utf-8")
    out = tmp_path / "out.parquet"
    code, err = run([str(tmp_path / "*.md"), "-o", str(out), "-j", "1", "-q"], capsys)
    assert code == 0, err
    table = pd.read_parquet(out)
    assert (tmp_path / "out.summary.parquet").exists()
    for column in ("evidence", "message", "title", "missing_elements"):
        assert not table[column].str.startswith(("=", "+", "-", "@")).any()


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(tmp_path), "-o", str(tmp_path / "r.doc")], capsys)[0] == 2
    assert run([str(tmp_path / "nothing-*.md"), "-o", str(tmp_path / "r.csv")], capsys)[0] == 2


@pytest.mark.slow
def test_dask_local_cluster_gives_the_pool_table(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pool, dask = tmp_path / "pool.csv", tmp_path / "dask.csv"
    assert run([str(corpus), "-o", str(pool), "-j", "2", "--no-cache", "--allow-errors"], capsys)[0] == 0
    assert (
        run([str(corpus), "-o", str(dask), "-j", "2", "--no-cache", "--engine", "dask", "--allow-errors"], capsys)[0]
        == 0
    )
    a, b = (pd.read_csv(p, dtype=str, keep_default_na=False) for p in (pool, dask))
    key = ["document", "standard", "id"]
    assert a.sort_values(key, ignore_index=True).equals(b.sort_values(key, ignore_index=True))
    sa, sb = (pd.read_csv(p.with_name(p.stem + ".summary.csv"), dtype=str) for p in (pool, dask))
    cols = [c for c in sa.columns if c != "seconds"]
    assert (
        sa[cols].sort_values("document", ignore_index=True).equals(sb[cols].sort_values("document", ignore_index=True))
    )
