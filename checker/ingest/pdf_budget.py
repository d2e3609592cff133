"""A decompression budget for PDFs, checked on the raw bytes before PDFium loads a page.

PDFium inflates a page's content streams (and the fonts and forms it uses) completely when it loads the page: a
1 MB file holding one 1 GiB Flate stream peaked at 2.1 GB, a 4 GiB stream at 5.3 GB or died under a memory limit
with no message. Here every Flate stream that *could* exceed the per-stream limit is inflated incrementally, its
output counted and thrown away, and the count stops one byte past the limit, so the check itself needs a few
hundred kilobytes and a bounded time. Deflate cannot expand data more than 1032:1, so a stream whose compressed
size times 1032 is under the limit is never inflated here: a normal report costs one regular-expression pass.

Streams over the limit (or past the document's total budget) are mapped to the pages that use them, as their
content or as a form or font in their resources, and those pages are reported unreadable rather than loaded. A
stream that no page can be blamed for (an object stream, a cross-reference stream, or one the page tree does not
reach directly) makes the whole file refused with a clear message.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from io import BytesIO

from checker.errors import InputError

_MAX_DEFLATE_RATIO = 1032
_CHUNK = 64 * 1024
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_STRUCTURAL = re.compile(rb"/Type\s*/(?:ObjStm|XRef)\b")
_MB = 1024 * 1024


@dataclass
class Budget:
    """What the check found: object numbers of the streams over budget, with their inflated size (at least)."""

    oversized: dict[int, int] = field(default_factory=dict)
    skip_pages: dict[int, int] = field(default_factory=dict)  # 0-based page index -> size of its worst stream


def check_streams(data: bytes, per_stream: int, total: int) -> Budget:
    """Find Flate streams that inflate past ``per_stream`` bytes, or past ``total`` bytes all together.

    Raises:
        InputError: a structural stream (object or cross-reference stream) is over budget, or an oversized stream
            cannot be tied to the pages that use it.
    """
    budget = Budget()
    spent = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        # NOTE: plain byte searches first: this loop runs for every stream of every PDF audited
        obj_at = data.rfind(b"obj", max(0, match.start() - 4096), match.start())
        if obj_at < 0:
            continue
        header = data[obj_at : match.start()]
        flates = header.count(b"/FlateDecode") or len(_FLATE.findall(header))
        if not flates or _IMAGE.search(header):
            continue  # NOTE: images are decoded only to render, never for text; other filters expand little
        end = data.find(b"endstream", start)
        compressed = (end if end >= 0 else len(data)) - start
        if compressed * _MAX_DEFLATE_RATIO**flates <= min(per_stream, max(total - spent, 0)):
            continue
        size = _inflated_size(data, start, start + compressed, flates, per_stream)
        spent += size
        if size > per_stream or spent > total:
            numbers = list(_OBJECT.finditer(data, max(0, obj_at - 40), obj_at + 3))
            if not numbers:
                continue
            number = int(numbers[-1].group(1))
            if _STRUCTURAL.search(header):
                raise InputError(
                    f"a compressed object stream inflates to over {per_stream / _MB:.0f} MB; refused (decompression "
                    "budget)"
                )
            budget.oversized[number] = size
    if budget.oversized:
        budget.skip_pages = _pages_using(data, budget.oversized)
    return budget


def _inflated_size(data: bytes, start: int, end: int, layers: int, limit: int) -> int:
    """Bytes that ``layers`` chained Flate decoders produce from ``data[start:end]``, counted up to ``limit + 1``."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    produced = 0

    def feed(level: int, piece: bytes) -> None:
        nonlocal produced
        decoder = decoders[level]
        while piece and produced <= limit and not decoder.eof:
            # NOTE: max_length bounds memory: at most _CHUNK bytes out per call, whatever the ratio
            out = decoder.decompress(piece, _CHUNK)
            piece = decoder.unconsumed_tail
            if level + 1 < layers:
                feed(level + 1, out)
            else:
                produced += len(out)

    position = start
    try:
        while position < end and produced <= limit and not decoders[0].eof:
            feed(0, data[position : min(end, position + _CHUNK)])
            position += _CHUNK
    except zlib.error:
        pass  # NOTE: damaged data: PDFium stops at the same place, so what was produced is what it would hold
    return produced


def _pages_using(data: bytes, oversized: dict[int, int]) -> dict[int, int]:
    """0-based indexes of the pages whose content or resources (forms, fonts) are oversized streams.

    Raises:
        InputError: some oversized stream is used by no page that the page tree reaches directly.
    """
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        document = PDFDocument(PDFParser(BytesIO(data)))
        pages: dict[int, int] = {}
        blamed: set[int] = set()
        for index, page in enumerate(PDFPage.create_pages(document)):
            used = _references(page.attrs.get("Contents")) | _resource_references(page.resources)
            hits = used & oversized.keys()
            if hits:
                pages[index] = max(oversized[number] for number in hits)
                blamed |= hits
    except InputError:
        raise
    except Exception as exc:  # NOTE: pdfminer cannot walk the file: no page can be read safely
        raise InputError(
            f"a stream inflates to over the decompression budget and the page tree cannot be read "
            f"({type(exc).__name__}); refused"
        ) from exc
    if blamed != oversized.keys():
        raise InputError("a stream used outside the pages' own content inflates past the decompression budget; refused")
    return pages


def _references(value: object) -> set[int]:
    """Object numbers of the indirect references in ``value`` (a reference or a list of them)."""
    numbers: set[int] = set()
    items = value if isinstance(value, list) else [value]
    for item in items:
        objid = getattr(item, "objid", None)
        if isinstance(objid, int):
            numbers.add(objid)
    return numbers


_MAX_RESOURCE_DEPTH = 6


def _resource_references(resources: object) -> set[int]:
    """Object numbers of every object a page's resources reach: forms, images, fonts and their font files.

    Walked a few levels deep (a font file hangs off the font's descriptor, a CID font off its descendant font),
    never up through ``/Parent``.
    """
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    numbers: set[int] = set()

    def walk(value: object, depth: int) -> None:
        if depth > _MAX_RESOURCE_DEPTH:
            return
        if isinstance(value, PDFObjRef):
            if value.objid in numbers:
                return
            numbers.add(value.objid)
            value = value.resolve()
        if isinstance(value, PDFStream):
            value = value.attrs
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("Parent", "P"):
                    walk(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1)

    walk(resources, 0)
    return numbers
