"""Makers of the bad inputs and hostile outputs named in catalogue.toml: each takes a folder, returns a path."""

from __future__ import annotations

import io
import os
import shutil
import socket
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ingest"))
sys.path.insert(0, str(HERE))

import fixtures as fx  # noqa: E402
import pdf_bombs  # noqa: E402

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_members(tmp: Path) -> dict[str, bytes]:
    path = fx.render_docx(tmp / "base.docx")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _patch_central(data: bytes, member: str | bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of ``member``'s central-directory record (and its local header where it exists)."""
    out = bytearray(data)
    start = 0
    name = member.encode() if isinstance(member, str) else member
    while True:
        start = out.index(b"PK\x01\x02", start)
        length = struct.unpack_from("<H", out, start + 28)[0]
        if bytes(out[start + 46 : start + 46 + length]) == name:
            break
        start += 4
    struct.pack_into(fmt, out, start + offset, value)
    local = struct.unpack_from("<I", out, start + 42)[0]
    local_offset = {8: 6, 10: 8, 6: 4}.get(offset)  # flags, method, version-needed in the local header
    if local_offset is not None:
        struct.pack_into(fmt, out, local + local_offset, value)
    return bytes(out)


def _docx(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def unix_socket(tmp: Path) -> Path:
    path = tmp / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    return path  # NOTE: the socket object is garbage; the file stays, which is what is audited


def dev_zero(tmp: Path) -> Path:
    return Path("/dev/zero")


def directory(tmp: Path) -> Path:
    (tmp / "folder.pdf").mkdir()
    return tmp / "folder.pdf"


def missing(tmp: Path) -> Path:
    return tmp / "nope.txt"


def empty(tmp: Path) -> Path:
    (tmp / "empty.txt").write_bytes(b"")
    return tmp / "empty.txt"


def two_megabytes(tmp: Path) -> Path:
    path = tmp / "big.txt"
    path.write_bytes(b"Scope 1 emissions were 5 tCO2e.\n" * 70_000)
    return path


def docx_deflate64(tmp: Path) -> Path:
    data = _zip(_docx_members(tmp))
    return _docx(tmp, "deflate64.docx", _patch_central(data, "word/document.xml", 10, "<H", 9))


def docx_encrypted(tmp: Path) -> Path:
    data = _zip(_docx_members(tmp))
    return _docx(tmp, "encrypted.docx", _patch_central(data, "word/document.xml", 8, "<H", 0x1))


def docx_strong_encryption(tmp: Path) -> Path:
    data = _zip(_docx_members(tmp))
    return _docx(tmp, "strong.docx", _patch_central(data, "word/document.xml", 8, "<H", 0x41))


def docx_zip_version_23_9(tmp: Path) -> Path:
    data = _zip(_docx_members(tmp))
    return _docx(tmp, "version.docx", _patch_central(data, "word/document.xml", 6, "<H", 239))


def docx_non_utf8_name(tmp: Path) -> Path:
    members = _docx_members(tmp)
    members["word/media/ab.png"] = b"\x89PNG"
    # NOTE: the UTF-8 flag is set, but the name's bytes are not UTF-8
    data = _zip(members).replace(b"word/media/ab.png", b"word/media/\xff\xfe.png")
    return _docx(tmp, "names.docx", _patch_central(data, b"word/media/\xff\xfe.png", 8, "<H", 0x800))


def docx_negative_seek(tmp: Path) -> Path:
    data = _zip(_docx_members(tmp))
    return _docx(tmp, "seek.docx", _patch_central(data, "word/document.xml", 42, "<I", 0xFFFFFFF0))


def docx_foreign_root(tmp: Path) -> Path:
    members = _docx_members(tmp)
    members["word/document.xml"] = b'<?xml version="1.0"?><w:settings ' + W + b"><w:body/></w:settings>"
    return _docx(tmp, "root.docx", _zip(members))


def docx_pstyle_without_val(tmp: Path) -> Path:
    members = _docx_members(tmp)
    xml = members["word/document.xml"]
    members["word/document.xml"] = xml.replace(b"<w:p>", b"<w:p><w:pPr><w:pStyle/></w:pPr>", 1).replace(
        b"<w:p ", b"<w:p><w:pPr><w:pStyle/></w:pPr></w:p><w:p ", 1
    )
    return _docx(tmp, "pstyle.docx", _zip(members))


def html_nested_200k(tmp: Path) -> Path:
    path = tmp / "nested.html"
    path.write_text("<html><body>" + "<div>" * 200_000 + "text" + "</div>" * 200_000 + "</body></html>")
    return path


def html_script_only(tmp: Path) -> Path:
    path = tmp / "script.html"
    path.write_text("<html><body><script>document.write('Scope 1 emissions were 5 tCO2e.')</script></body></html>")
    return path


def markdown_one_line_200k(tmp: Path) -> Path:
    path = tmp / "one-line.md"
    path.write_text("Scope 1 **emissions** were 5 tCO2e and _the_ board [met](http://x). " * 3_000)
    return path


def utf16_without_bom(tmp: Path) -> Path:
    path = tmp / "utf16.txt"
    path.write_bytes(fx.HANT_GHG.encode("utf-16-le") + "\n".encode("utf-16-le"))
    return path


def shift_jis(tmp: Path) -> Path:
    path = tmp / "sjis.txt"
    text = "当社は温室効果ガスの排出量を削減するため、再生可能エネルギーの導入を進めています。\n"
    path.write_bytes(text.encode("shift_jis") * 20)
    return path


def pdf_140mb_stream(tmp: Path) -> Path:
    return pdf_bombs.write_bomb_pdf(tmp / "bomb.pdf", 140 << 20)


def non_utf8_name(tmp: Path) -> Path:
    path = Path(os.fsdecode(os.fsencode(str(tmp)) + b"/r\xff\xfe.txt"))
    path.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    return path


def small_draft(tmp: Path) -> Path:
    path = tmp / "draft.txt"
    path.write_text("Scope 1 emissions were 5 tCO2e.\n", encoding="utf-8")
    return path


def _rule_pack(tmp: Path, note: str) -> Path:
    pack = tmp / "pack"
    shutil.copytree(HERE.parent / "fixtures" / "mini-rules" / "mini", pack)
    rule = pack / "B1.1.rule"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace('  part "C"', f'  part "C"\n  note "{note}"', 1), encoding="utf-8")
    return pack


def rule_with_backslashes(tmp: Path) -> Path:
    return _rule_pack(tmp, r"see C:\Users\x\U0001 \N{x} \xZZ \u12 in the share")


def rule_with_nul(tmp: Path) -> Path:
    return _rule_pack(tmp, "a NUL \0 here")


MAKERS: dict[str, Callable[[Path], Path]] = {
    name: value for name, value in globals().items() if callable(value) and not name.startswith("_") and name != "Path"
}


def pdf_font_file_bomb(tmp: Path) -> Path:
    return pdf_bombs.write_bomb_pdf(tmp / "font-bomb.pdf", 140 << 20, where="font")


def pdf_two_flate_layers(tmp: Path) -> Path:
    return pdf_bombs.write_bomb_pdf(tmp / "layers.pdf", 140 << 20, layers=2)


MAKERS.update(pdf_font_file_bomb=pdf_font_file_bomb, pdf_two_flate_layers=pdf_two_flate_layers)
