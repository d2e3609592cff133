"""Broken rule files: each gets a compiler-style message (file:line:col, the line, a caret, help), snapshotted.

Rewrite the snapshots with ``pytest --update-golden`` after an intended wording change, then review the diff.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.dsl.pack import load_pack
from checker.errors import RuleError

BAD = Path(__file__).parent / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.rule"))
HEADER = 'standard "broken-pack" "Broken pack" edition "1" { default_year 2025 }\n'


def _pack_with(tmp_path: Path, name: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.rule").write_text(HEADER, encoding="utf-8")
    shutil.copy(BAD / f"{name}.rule", pack / f"{name}.rule")
    return pack


def _render(error: RuleError, pack: Path) -> str:
    return (error.detail or "").replace(str(pack), "bad") + "\n"


@pytest.mark.parametrize("name", CASES)
def test_broken_rule_file_message_matches_snapshot(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pack = _pack_with(tmp_path, name)
    with pytest.raises(RuleError) as caught:
        load_pack(pack)
    rendered = _render(caught.value, pack)
    assert f"bad/{name}.rule:" in rendered, "the message must name file:line:col"
    assert "^" in rendered, "the message must point at the problem with a caret"
    snapshot = BAD / f"{name}.expected.txt"
    if request.config.getoption("--update-golden", default=False) or not snapshot.exists():
        snapshot.write_text(rendered, encoding="utf-8")
    assert rendered == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name", ["unclosed-quote", "stray-closing-brace", "file-cut-off-mid-rule", "duplicate-requirement"]
)
def test_cli_exits_2_with_location(name: str, tmp_path: Path) -> None:
    pack = _pack_with(tmp_path, name)
    run = subprocess.run(
        [sys.executable, "-m", "checker", "rules", "validate", str(pack)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("gapcheck: error: ") and f"{name}.rule" in last
    assert f"{pack / name}.rule:" in run.stderr and "^" in run.stderr


def test_every_snapshot_has_its_rule_file() -> None:
    orphans = {p.name.removesuffix(".expected.txt") for p in BAD.glob("*.expected.txt")} - set(CASES)
    assert not orphans
