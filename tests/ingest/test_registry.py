"""Reader choice by content sniffing, not by extension alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.ingest import read_document, sniff_format

HTML = "<!DOCTYPE html><html><body><h1>員工</h1><p>員工總數 1,200 人</p></body></html>"


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"%PDF-1.7\n", ".txt", "pdf"),
        (HTML.encode("utf-8"), ".txt", "html"),
        (HTML.encode("utf-16"), ".htm", "html"),
        (b"# Title\n\ntext", ".md", "markdown"),
        (b"# Title\n\ntext", ".txt", "text"),
        ("純文字報告".encode("big5"), ".dat", "text"),
    ],
    ids=["pdf-named-txt", "html-named-txt", "utf16-html", "markdown", "markdown-named-txt", "big5-text"],
)
def test_sniffing(data: bytes, suffix: str, expected: str) -> None:
    assert sniff_format(data, suffix) == expected


def test_utf16_html_reads_its_chinese(tmp_path: Path) -> None:
    path = tmp_path / "export.htm"
    path.write_bytes(HTML.encode("utf-16"))
    document = read_document(path)
    assert document.source.format == "html"
    assert "員工總數 1,200 人" in document.text


def test_password_protected_office_file_gets_its_own_message(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(InputError, match="encrypted Office document"):
        read_document(path)


def test_atomic_write_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    import os
    import stat

    from checker.report.atomic import write_text_atomic

    target = tmp_path / "matrix.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o664)
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    fresh = tmp_path / "fresh.json"
    write_text_atomic(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) & 0o044  # readable by others under a usual umask
