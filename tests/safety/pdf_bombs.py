"""PDFs whose small files hold huge Flate streams: page 1 is ordinary text, page 2's content inflates to SIZE bytes."""

from __future__ import annotations

import zlib
from pathlib import Path

_TEXT = b"BT /F1 12 Tf 72 720 Td (Scope 1 emissions were 1,234 tCO2e in 2024.) Tj ET"


_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 7 0 R >> >> >>"
)


def _bomb_stream(size: int, layers: int = 1) -> bytes:
    """A Flate stream of ``size`` spaces (valid content: whitespace), then a text operator; compressed ``layers`` x."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    parts = []
    for _ in range(size // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(b" " * (size % len(block)) + _TEXT))
    parts.append(compressor.flush())
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


def write_bomb_pdf(path: Path, size: int, *, layers: int = 1, where: str = "content") -> Path:
    """Write a two-page PDF; on page 2 a stream inflates to ``size`` bytes through ``layers`` Flate filters.

    ``where``: ``content`` (page 2's content stream) or ``font`` (the font file of the font page 2 uses).
    """
    bomb = _bomb_stream(size, layers)
    filters = b"[" + b" ".join([b"/FlateDecode"] * layers) + b"]"
    bomb_stream = b"<< /Length " + str(len(bomb)).encode() + b" /Filter " + filters + b" >>\nstream\n" + bomb
    text = b"<< /Length " + str(len(_TEXT)).encode() + b" >>\nstream\n" + _TEXT + b"\nendstream"
    page2 = _PAGE % 6 if where == "content" else (_PAGE % 6).replace(b"/F1 7 0 R", b"/F1 8 0 R")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        _PAGE % 5,
        page2,
        text,
        bomb_stream + b"\nendstream" if where == "content" else text,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Bomb /FontDescriptor 9 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontFile3 10 0 R >>",
        bomb_stream + b"\nendstream" if where == "font" else text,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
