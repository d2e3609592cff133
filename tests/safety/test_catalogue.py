"""Run the bad-input catalogue (catalogue.toml): every case exits as the error contract says, in one line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import makers

from checker.cli import main

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]
CASES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "catalogue.toml").read_text("utf-8"))["case"]


def escaped_name_in_every_output(tmp: Path) -> None:
    for name in ("r.json", "r.csv", "r.md", "r.xml"):
        text = (tmp / name).read_text(encoding="utf-8-sig")  # NOTE: every output is valid UTF-8
        assert "xff" in text and "xfe.txt" in text, name  # NOTE: the escape itself is escaped again in JSON/Markdown
    from openpyxl import load_workbook

    run_info = load_workbook(tmp / "r.xlsx")["Run Info"]
    assert any("\\xff\\xfe.txt" in str(v) for row in run_info.iter_rows(values_only=True) for v in row)


def make_null_device(tmp: Path) -> None:
    """A null device node of our own: the test must not depend on, or risk, the machine's /dev/null."""
    try:
        os.mknod(tmp / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot create a device node here: {exc}")


def dev_null_is_still_a_device(tmp: Path) -> None:
    info = os.stat(tmp / "null")
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp.iterdir() if p.name.startswith(".null")] == []  # NOTE: no temp file left beside it


def symlink_kept_and_target_written(tmp: Path) -> None:
    link = tmp / "link.json"
    assert link.is_symlink() and (tmp / "target.json").read_text(encoding="utf-8").startswith("{")


SETUP: dict[str, Callable[[Path], None]] = {
    "dev_null_is_still_a_device": make_null_device,
    "symlink_kept_and_target_written": lambda tmp: (tmp / "link.json").symlink_to(tmp / "target.json"),
}
CHECKS: dict[str, Callable[[Path], None]] = {
    "escaped_name_in_every_output": escaped_name_in_every_output,
    "dev_null_is_still_a_device": dev_null_is_still_a_device,
    "symlink_kept_and_target_written": symlink_kept_and_target_written,
}


def _run(argv: list[str], in_process: bool, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    if in_process:
        with pytest.raises(SystemExit) as exited:
            main(argv)
        out, err = capsys.readouterr()
        return int(exited.value.code or 0), out, err
    done = subprocess.run(
        [sys.executable, "-m", "checker", *argv], cwd=ROOT, capture_output=True, timeout=60, stdin=subprocess.DEVNULL
    )
    decode = lambda data: data.decode("utf-8", "backslashreplace")  # noqa: E731
    return done.returncode, decode(done.stdout), decode(done.stderr)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_catalogue_case(
    case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GAPCHECK_CRASH_DIR", str(tmp_path))
    scratch = tmp_path / "work"
    scratch.mkdir()
    source = makers.MAKERS[case["make"]](scratch)
    if case.get("check") in SETUP:
        SETUP[case["check"]](scratch)
    fill = {"{input}": str(source), "{tmp}": str(scratch), "{out}": str(scratch / "out")}
    argv = [_fill(arg, fill) for arg in case["args"]]
    if argv[0] == "audit" and "--rules-dir" not in argv:
        argv += ["-s", "gapfix-2025", "--rules-dir", str(ROOT / "tests" / "fixtures" / "rules")]
    code, out, err = _run(argv, not case.get("subprocess"), capsys)
    assert code == case["exit"], err
    for text in case.get("stderr", []):
        assert text in err, err
    for text in case.get("stdout", []):
        assert text in out, out[:2000]
    if case["exit"] == 2:
        errors = [line for line in err.splitlines() if line.startswith("gapcheck: error:")]
        assert len(errors) == 1 and "Traceback" not in err, err
    assert "Traceback" not in err
    if "check" in case:
        CHECKS[case["check"]](scratch)


def _fill(arg: str, fill: dict[str, str]) -> str:
    for key, value in fill.items():
        arg = arg.replace(key, value)
    return arg
