"""Fuzz targets: one per reader and one for the rule language, shared by the hypothesis tests and scripts/fuzz.

Each target takes bytes and must either return or raise the project's own user error (``InputError`` for drafts,
``RuleError`` for rule files). Anything else is a traceback the user would have seen as a crash.

DOCX inputs are interpreted three ways, so mutations reach past the zip CRC check: the bytes as a file; the seed
DOCX with one member's XML replaced by (mutated) bytes and the zip rebuilt with valid CRCs; and the seed with one
central-directory field (compression method, flags, versions, name bytes, offsets) overwritten.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from functools import cache, lru_cache
from pathlib import Path

from checker.errors import InputError, RuleError
from checker.ingest import ReadOptions
from checker.ingest.registry import document_from_bytes

SEEDS = Path(__file__).parent / "seeds"
CRASHES = Path(__file__).parent / "crashes"
READERS = {"pdf": "pdf", "docx": "docx", "html": "html", "markdown": "md", "text": "txt"}
# NOTE: small limits keep a fuzz iteration fast; the limit code paths are what matters, not their default sizes.
OPTIONS = ReadOptions(max_uncompressed_bytes=8 * 1024 * 1024, max_pages=50)


@cache
def seed(name: str) -> bytes:
    """The seed input of a target (``docx``, ``pdf``, ``html``, ``md``, ``txt``, ``rule``)."""
    return (SEEDS / f"seed.{name}").read_bytes()


def read_as(fmt: str, data: bytes) -> None:
    """Read ``data`` with the reader ``fmt``; only ``InputError`` may escape."""
    with contextlib.suppress(InputError):
        document_from_bytes(data, Path(f"fuzz.{READERS[fmt]}"), OPTIONS.model_copy(update={"format": fmt}))


def docx_variant(data: bytes) -> bytes:
    """Turn fuzz bytes into a DOCX candidate (see the module docstring); the first byte picks the way."""
    if not data:
        return data
    mode, rest = data[0] % 3, data[1:]
    if mode == 0:
        return rest
    members = _seed_members()
    names = sorted(members)
    if mode == 1:
        if not rest:
            return seed("docx")
        name = names[rest[0] % len(names)]
        members = {**members, name: rest[1:]}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        return buffer.getvalue()
    return _patch_directory(seed("docx"), rest)


@lru_cache(maxsize=1)
def _seed_members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(seed("docx"))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# Central-directory record fields: (offset in the record, struct format).
_FIELDS = ((4, "<H"), (6, "<H"), (8, "<H"), (10, "<H"), (20, "<I"), (24, "<I"), (42, "<I"), (46, "<B"))


def _patch_directory(docx: bytes, rest: bytes) -> bytes:
    records = [i for i in range(len(docx)) if docx.startswith(b"PK\x01\x02", i)]
    if len(rest) < 3 or not records:
        return docx
    start = records[rest[0] % len(records)]
    offset, fmt = _FIELDS[rest[1] % len(_FIELDS)]
    size = struct.calcsize(fmt)
    value = int.from_bytes(rest[2 : 2 + size].ljust(size, b"\0"), "little")
    patched = bytearray(docx)
    patched[start + offset : start + offset + size] = struct.pack(fmt, value)
    return bytes(patched)


def read_docx(data: bytes) -> None:
    """The DOCX target."""
    read_as("docx", docx_variant(data))


def parse_rule(data: bytes) -> None:
    """The rule-language target: parse the text; only ``RuleError`` may escape."""
    from checker.dsl.parser import parse_rule_text

    text = data.decode("utf-8", "replace")
    with contextlib.suppress(RuleError):
        parse_rule_text(text, "fuzz.rule")


TARGETS = {
    "pdf": lambda data: read_as("pdf", data),
    "docx": read_docx,
    "html": lambda data: read_as("html", data),
    "markdown": lambda data: read_as("markdown", data),
    "text": lambda data: read_as("text", data),
    "dsl": parse_rule,
}
SEED_OF = {"pdf": "pdf", "docx": "docx", "html": "html", "markdown": "md", "text": "txt", "dsl": "rule"}
