"""The catalogue of unreadable inputs: each raises InputError naming the problem, and the CLI says so in one line."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures as fx

from checker.cli import main
from checker.errors import InputError
from checker.ingest import ReadOptions, read_document

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_members(tmp_path: Path) -> dict[str, bytes]:
    path = fx.render_docx(tmp_path / "base.docx")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def make_missing(tmp_path: Path) -> Path:
    return tmp_path / "nope.pdf"


def make_directory(tmp_path: Path) -> Path:
    (tmp_path / "folder.docx").mkdir()
    return tmp_path / "folder.docx"


def make_empty(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path / "empty.txt"


def make_png(tmp_path: Path) -> Path:
    (tmp_path / "report.txt").write_bytes(PNG)
    return tmp_path / "report.txt"


def make_plain_zip(tmp_path: Path) -> Path:
    (tmp_path / "report.docx").write_bytes(zip_bytes({"readme.txt": b"hello"}))
    return tmp_path / "report.docx"


def make_xlsx(tmp_path: Path) -> Path:
    (tmp_path / "data.docx").write_bytes(zip_bytes({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b""}))
    return tmp_path / "data.docx"


def make_doc(tmp_path: Path) -> Path:
    (tmp_path / "legacy.doc").write_bytes(OLE)
    return tmp_path / "legacy.doc"


def make_garbage(tmp_path: Path) -> Path:
    data = random.Random(7).randbytes(20_000)
    (tmp_path / "garbage.txt").write_bytes(b"ab" + data)  # NOTE: prefix so no magic number matches by chance
    return tmp_path / "garbage.txt"


def make_undecodable(tmp_path: Path) -> Path:
    (tmp_path / "odd.txt").write_bytes(b"report text " + b"\x80\xff" * 300)
    return tmp_path / "odd.txt"


def make_zip_bomb(tmp_path: Path) -> Path:
    members = docx_members(tmp_path)
    xml = members["word/document.xml"]
    cut = xml.rindex(b"</w:body>")
    members["word/document.xml"] = xml[:cut] + b" " * (50 * 1024 * 1024) + xml[cut:]
    (tmp_path / "bomb.docx").write_bytes(zip_bytes(members))
    return tmp_path / "bomb.docx"


def make_doctype(tmp_path: Path) -> Path:
    members = docx_members(tmp_path)
    xml = members["word/document.xml"]
    body = xml[xml.index(b"?>") + 2 :]
    members["word/document.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY boom "boom boom boom">]>' + body
    )
    (tmp_path / "entity.docx").write_bytes(zip_bytes(members))
    return tmp_path / "entity.docx"


def make_truncated(tmp_path: Path) -> Path:
    data = fx.render_docx(tmp_path / "whole.docx").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(data[: len(data) // 2])
    return tmp_path / "truncated.docx"


def make_corrupt_member(tmp_path: Path) -> Path:
    # NOTE: the central directory is intact (so it sniffs as DOCX) but document.xml's compressed bytes are not.
    members = docx_members(tmp_path)
    data = bytearray(zip_bytes(members))
    name = b"word/document.xml"
    start = data.index(name) + len(name)  # NOTE: the first occurrence is the local header, before the data
    for offset in range(start + 40, start + 240):
        data[offset] ^= 0x5A
    (tmp_path / "corrupt.docx").write_bytes(bytes(data))
    return tmp_path / "corrupt.docx"


CATALOGUE: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", make_missing, "no such file"),
    ("directory", make_directory, "is a directory"),
    ("empty", make_empty, "file is empty"),
    ("png", make_png, "unsupported file type: PNG image"),
    ("plain zip", make_plain_zip, "zip archive that is not a DOCX"),
    ("xlsx", make_xlsx, "Excel workbook"),
    ("doc", make_doc, "legacy binary Word"),
    ("garbage", make_garbage, "unsupported file type: binary data"),
    ("undecodable", make_undecodable, "cannot detect the text encoding (tried UTF-8, UTF-16, Big5-HKSCS, GB18030)"),
    ("zip bomb", make_zip_bomb, "zip bomb guard"),
    ("doctype", make_doctype, "DOCTYPE/ENTITY"),
    ("truncated", make_truncated, "truncated"),
    ("corrupt member", make_corrupt_member, "corrupt DOCX file"),
]


@pytest.mark.parametrize(("case", "make", "message"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_bad_input_raises_input_error_naming_the_problem(
    tmp_path: Path, case: str, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert message in info.value.message
    assert info.value.path == str(path)
    assert "\n" not in info.value.one_line()


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("text " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match=r"over the .* limit"):
        read_document(path, ReadOptions(max_bytes=1000))


def test_uncompressed_limit_is_configurable(tmp_path: Path) -> None:
    path = fx.render_docx(tmp_path / "ok.docx")
    assert read_document(path).pages  # the normal limits accept it
    with pytest.raises(InputError, match="zip bomb guard: the DOCX inflates to"):
        read_document(path, ReadOptions(max_uncompressed_bytes=10_000))


@pytest.mark.parametrize(("case", "make", "message"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_cli_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["extract", str(path)])
    assert info.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert str(path) in lines[0] and message in lines[0]
    assert captured.out == ""


def test_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path = make_zip_bomb(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "checker", "extract", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"gapcheck: error: {path}: zip bomb guard")
    assert result.stdout == ""
