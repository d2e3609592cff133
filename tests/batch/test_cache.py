"""The Document cache: a hit skips extraction, corrupt entries are rewritten, passwords are never cached."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import checker.cache as cache_module
from checker.cache import DocumentCache
from checker.ingest import ReadOptions
from checker.ingest.document import Document


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    real = cache_module.document_from_bytes

    def reader(data: bytes, path: Path, options: ReadOptions) -> Document:
        calls.append(str(path))
        return real(data, path, options)

    monkeypatch.setattr(cache_module, "document_from_bytes", reader)
    return calls


def test_hit_skips_extraction_and_gives_the_same_document(tmp_path: Path, counted: list[str]) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("# A\n\nScope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    cache = DocumentCache(tmp_path / "c")
    first = cache.read(draft)
    copy = tmp_path / "b.md"
    copy.write_bytes(draft.read_bytes())
    second = cache.read(copy)
    assert counted == [str(draft)]
    assert (cache.hits, cache.misses) == (1, 1)
    assert second.source.path == str(copy)
    assert second.model_dump(exclude={"source"}) == first.model_dump(exclude={"source"})
    cache.read(draft, ReadOptions(tables=False))  # other reader options: another entry
    assert len(counted) == 2


def test_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, counted: list[str]) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("Scope 2 emissions were 7 tCO2e.\n", encoding="utf-8")
    cache = DocumentCache(tmp_path / "c")
    cache.read(draft)
    (entry,) = (tmp_path / "c").glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    cache.read(draft)
    cache.read(draft)
    assert len(counted) == 2
    payload = json.loads(entry.read_bytes())
    assert Document.model_validate_json(payload["document"]).source.sha256 == payload["sha256"]


def test_password_protected_reads_are_never_cached(tmp_path: Path, counted: list[str]) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("text\n", encoding="utf-8")
    cache = DocumentCache(tmp_path / "c")
    cache.read(draft, ReadOptions(password="x"))
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("args", [["--version"], ["audit", "{draft}", "--format", "json"]])
def test_json_path_never_imports_pandas_or_openpyxl(tmp_path: Path, args: list[str]) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("# A\n\nScope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    argv = [a.replace("{draft}", str(draft)) for a in args]
    code = (
        "import sys\nfrom checker.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pandas', 'openpyxl', 'pdfminer', 'dask') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in done.stderr, done.stderr[-2000:]
