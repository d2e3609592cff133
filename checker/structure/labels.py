"""Printed page numbers: what a reviewer and the issuer's index cite, not the PDF's page count.

A PDF may name its pages itself (/PageLabels, read by the PDF reader). Most reports do not: their folio is printed
in the running header or footer, usually at a fixed offset from the physical page (a cover and a contents spread
before page 1). Here each page's printed number is found among its running blocks (or the first and last blocks,
where a folio that changes every page was not marked running), and kept only when most pages agree on one offset
between printed and physical numbers: a stray figure in a footer never becomes a page label.
"""

from __future__ import annotations

import re
from collections import Counter

from checker.ingest.document import Block, Document, Page

_FOLIO = re.compile(r"^(?:p(?:age|\.)?\s*)?(?:[-–—|]\s*)?(\d{1,3})(?:\s*[-–—|])?$|^第\s*(\d{1,3})\s*[頁页]$", re.I)
_FOLIO_EDGE = re.compile(r"^(\d{1,3})\s*[|｜/]\s*\S|\S\s*[|｜/]\s*(\d{1,3})$")
EDGE_BLOCKS = 2
MIN_AGREEMENT = 0.6
MIN_PAGES = 3


def printed_labels(document: Document) -> list[str | None]:
    """The printed page number of every page, or None where it is not known.

    Labels the reader already has (PDF /PageLabels, text pages inferred from their running header) are kept.
    """
    existing = [page.label for page in document.pages]
    if sum(label is not None for label in existing) >= max(1, len(existing) // 2):
        return existing
    candidates = [_folio(page) for page in document.pages]
    offsets = Counter(number - page.number for page, number in zip(document.pages, candidates, strict=True) if number)
    found = sum(offsets.values())
    if len(document.pages) < MIN_PAGES or not offsets:
        return existing
    offset, agreeing = offsets.most_common(1)[0]
    if agreeing < MIN_AGREEMENT * found or agreeing < MIN_PAGES:
        return existing
    # NOTE: pages before the printed page 1 (covers) and pages without a folio of their own get none
    return [str(page.number + offset) if page.number + offset >= 1 else None for page in document.pages]


def _folio(page: Page) -> int | None:
    edges: list[Block] = [*page.blocks[:EDGE_BLOCKS], *page.blocks[-EDGE_BLOCKS:]]
    for block in sorted(edges, key=lambda b: not b.running):
        text = " ".join(block.text.split())
        match = _FOLIO.match(text) or (_FOLIO_EDGE.search(text) if len(text) <= 80 else None)
        if match:
            return int(next(g for g in match.groups() if g))
    return None
