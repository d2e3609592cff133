"""The exit-3 contract for bugs, the cache that cannot be poisoned, own rule-string escapes, and safe outputs."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import checker.ingest.text as text_reader
from checker.cache import DocumentCache
from checker.cli import main
from checker.dsl import pack_cache
from checker.dsl.pack import load_pack
from checker.dsl.parser import _unquote, parse_rule_text
from checker.errors import RuleError
from checker.report.atomic import write_text_atomic

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "tests" / "fixtures" / "rules"


def _audit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


def test_a_bug_exits_3_with_one_line_naming_the_input_and_the_traceback_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")

    def broken(*args: object) -> None:
        raise ZeroDivisionError("a bug in a reader")

    monkeypatch.setattr(text_reader, "read", broken)
    monkeypatch.setenv("GAPCHECK_CRASH_DIR", str(tmp_path))
    code, _, err = _audit(["audit", str(draft), "--no-cache", "--rules-dir", str(RULES), "-s", "gapfix-2025"], capsys)
    assert code == 3
    (line,) = err.strip().splitlines()
    assert line.startswith(f"gapcheck: internal error while processing {draft}: ZeroDivisionError: a bug in a reader;")
    (saved,) = tmp_path.glob("gapcheck-crash-*.txt")
    assert f"full traceback in {saved}" in line
    assert "Traceback (most recent call last)" in saved.read_text(encoding="utf-8")
    assert "def broken" not in line


def test_stdout_on_a_full_disk_is_exit_2_not_a_traceback(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    argv = [sys.executable, "-m", "checker", "audit", str(draft), "--format", "json", "--exit-zero"]
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*argv, "--rules-dir", str(RULES), "-s", "gapfix-2025"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == "gapcheck: error: cannot write to standard output (No space left on device)"


# ---- rule strings ---------------------------------------------------------------------------------------------

UNQUOTE = [
    (r'"plain"', "plain"),
    (r'"a\nb"', "a\nb"),
    (r'"tab\there"', "tab\there"),
    (r'"say \"hi\""', 'say "hi"'),
    (r'"back\\slash"', "back\\slash"),
    (r'"C:\Users\x\U0001"', r"C:\Users\x\U0001"),
    (r'"\N{BULLET} \xZZ \u12 \x41"', r"\N{BULLET} \xZZ \u12 \x41"),
    (r'"ends with \\"', "ends with \\"),
]


@pytest.mark.parametrize(("literal", "value"), UNQUOTE, ids=[u[0] for u in UNQUOTE])
def test_rule_strings_know_only_our_escapes(literal: str, value: str) -> None:
    assert _unquote(literal) == value


def test_nul_in_a_rule_string_is_a_located_rule_error() -> None:
    text = 'requirement "X1" some-thing {\n  title "ok"\n  note "bad\0here"\n}\n'
    with pytest.raises(RuleError) as info:
        parse_rule_text(text, "x.rule")
    assert "x.rule" in info.value.one_line() and "3:12" in info.value.one_line()


# ---- caches ---------------------------------------------------------------------------------------------------


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch PWNED",))


def test_a_planted_pickle_in_the_cache_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(cache))
    monkeypatch.chdir(tmp_path)
    load_pack(RULES / "gapfix-2025")  # NOTE: creates the entries an attacker would overwrite
    entries = list((cache / "packs").iterdir())
    assert entries and all(e.suffix == ".json" for e in entries)
    payload = pickle.dumps(Boom())
    for entry in entries:
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    (cache / "packs" / "lark-1.2.2-py311.tables").write_bytes(payload)
    draft = tmp_path / "d.txt"
    draft.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    code, _, _ = _audit(["audit", str(draft), "--rules-dir", str(RULES), "-s", "gapfix-2025", "--exit-zero"], capsys)
    assert code == 0
    assert not (tmp_path / "PWNED").exists()


def test_pack_cache_round_trips_the_pack_as_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAPCHECK_CACHE_DIR", str(tmp_path / "cache"))
    first = load_pack(RULES / "gapfix-2025")
    assert pack_cache.decode(json.loads(json.dumps(pack_cache.encode(first)))) == first
    with pytest.raises(KeyError):
        pack_cache.decode({"$c": "Popen", "a": ["touch", "PWNED"]})  # NOTE: only AST classes and RulePack


def _doc_entry(cache: Path) -> Path:
    (entry,) = cache.glob("*.json")
    return entry


def test_a_swapped_cache_entry_changes_no_verdict_and_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir = tmp_path / "cache"
    good, other = tmp_path / "good.txt", tmp_path / "other.txt"
    good.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    other.write_text("Nothing about emissions at all here.\n", encoding="utf-8")
    DocumentCache(cache_dir).read(other)
    other_entry = _doc_entry(cache_dir)
    other_bytes = other_entry.read_bytes()
    other_entry.unlink()
    cache = DocumentCache(cache_dir)
    expected = cache.read(good)
    good_entry = _doc_entry(cache_dir)
    good_entry.write_bytes(other_bytes)  # NOTE: the attack: another file's entry under this file's key
    again = cache.read(good)
    assert again.text == expected.text and again.source.sha256 == expected.source.sha256
    assert any("cached copy of this file was discarded" in w for w in again.warnings)
    assert cache.discarded == 1


@pytest.mark.parametrize(
    "edit",
    [
        lambda p: {**p, "document": p["document"].replace("5 tCO2e", "9 tCO2e")},
        lambda p: {**p, "sha256": "0" * 64},
        lambda p: {**p, "options": "{}"},
        lambda p: "not json",
    ],
    ids=["edited-text", "wrong-sha", "other-options", "corrupt"],
)
def test_an_edited_or_corrupt_cache_entry_is_rebuilt(tmp_path: Path, edit: object) -> None:
    cache = DocumentCache(tmp_path / "cache")
    draft = tmp_path / "d.txt"
    draft.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    cache.read(draft)
    entry = _doc_entry(tmp_path / "cache")
    changed = edit(json.loads(entry.read_bytes()))  # type: ignore[operator]
    entry.write_text(changed if isinstance(changed, str) else json.dumps(changed), encoding="utf-8")
    again = cache.read(draft)
    assert "5 tCO2e" in again.text and cache.discarded == 1 and cache.hits == 0


def test_a_cache_folder_writable_by_others_is_not_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    draft = tmp_path / "d.txt"
    draft.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    cache = DocumentCache(folder)
    cache.read(draft)
    cache.read(draft)
    assert list(folder.iterdir()) == [] and cache.hits == 0
    assert "is writable by other users; the cache is not used" in capsys.readouterr().err


# ---- outputs --------------------------------------------------------------------------------------------------


def test_a_temp_file_left_by_a_killed_writer_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.json.gapcheck-{dead.pid}.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    live = tmp_path / f".out.json.gapcheck-{os.getppid()}.def456.tmp"
    live.write_text("someone else's", encoding="utf-8")
    write_text_atomic(tmp_path / "out.json", "{}")
    assert not stale.exists() and live.exists()
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "{}"


def test_a_failed_write_leaves_no_temp_file_and_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def fail(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    from checker.errors import OutputError
    from checker.report.atomic import write_atomic

    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, fail)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"] and target.read_text(encoding="utf-8") == "old"


def test_a_full_tmpfs_is_exit_2_and_keeps_the_old_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        (mount / "r.json").write_text("old", encoding="utf-8")
        with open(mount / "filler", "wb", buffering=0) as filler:  # NOTE: fill the disk to the last block
            try:
                while True:
                    filler.write(b"x" * 512)
            except OSError:
                pass
        draft = tmp_path / "d.txt"
        draft.write_text("Scope 1 emissions were 5 tCO2e.\n" * 200, encoding="utf-8")
        argv = ["audit", str(draft), "--rules-dir", str(RULES), "-s", "gapfix-2025", "--exit-zero", "-o"]
        code, _, err = _audit([*argv, str(mount / "r.json")], capsys)
        assert code == 2 and "No space left on device" in err
        assert sorted(p.name for p in mount.iterdir()) == ["filler", "r.json"]
        assert (mount / "r.json").read_text(encoding="utf-8") == "old"
    finally:
        subprocess.run(["umount", str(mount)], check=False)
