"""Mark running headers and footers: text repeated at the top or bottom of many pages is never evidence.

A report's running header ("ACME 2024 ESG Report") would otherwise "disclose" every keyword it contains on every
page, and page numbers ("第 12 頁", "Page 12", "- 12 -") are noise. A block is running when, with its digits
stripped, the same text sits among the first or last blocks of at least half the pages (and at least 3 pages).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from checker.ingest.document import Block, BlockKind, Document, Page

EDGE_BLOCKS = 2  # NOTE: header + page number may both come before the body in content-stream order
MIN_PAGES = 3
MIN_SHARE = 0.5
# NOTE: a running header is a line, not a paragraph; long blocks are never running. A header fused with the report's
# navigation bar is one line of some 200 characters.
MAX_RUNNING_CHARS = 300
_DIGITS_AND_SPACE = re.compile(r"[\d\s]+")
_TOKENS = re.compile(r"[^\W\d_]+|[^\w\s]")


def running_key(text: str) -> str:
    """The text a running header/footer keeps from page to page: lowercased, without digits or whitespace.

    Its words are taken in sorted order: facing pages mirror the header, folio first on the left page and last on
    the right ("26 Prudential plc ESG Report 2019 prudentialplc.com" / "prudentialplc.com Prudential plc ESG Report
    2019 27"). Read in order, each half was a different header on half the pages, and neither counted.

    Args:
        text: a block's text.

    Returns:
        The comparison key, e.g. "第頁" for "第 12 頁" and "" for a bare page number "12".
    """
    return "".join(sorted(_TOKENS.findall(_DIGITS_AND_SPACE.sub(" ", text).casefold())))


def mark_running(document: Document) -> Document:
    """Return a copy of ``document`` whose running headers/footers have ``running=True``.

    Only the ``running`` flag changes: texts, pages and spans stay identical, so evidence offsets stay valid.

    Args:
        document: a reader's result.

    Returns:
        The same object when nothing is running (or there are too few pages to tell), else a new Document.
    """
    pages = [page for page in document.pages if page.readable and page.blocks]
    threshold = max(MIN_PAGES, math.ceil(MIN_SHARE * len(pages)))
    if len(pages) < threshold:
        return document
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for page in pages:
        top.update({running_key(block.text) for block in _candidates(page.blocks[:EDGE_BLOCKS])})
        bottom.update({running_key(block.text) for block in _candidates(page.blocks[-EDGE_BLOCKS:])})
    running_top = {key for key, count in top.items() if count >= threshold}
    running_bottom = {key for key, count in bottom.items() if count >= threshold}
    if not running_top and not running_bottom:
        return document
    new_pages = [_mark_page(page, running_top, running_bottom) for page in document.pages]
    return document.model_copy(update={"pages": new_pages})


def _candidates(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.kind != BlockKind.TABLE and len(block.text) <= MAX_RUNNING_CHARS]


def _mark_page(page: Page, running_top: set[str], running_bottom: set[str]) -> Page:
    edge_top = {id(block) for block in _candidates(page.blocks[:EDGE_BLOCKS])}
    edge_bottom = {id(block) for block in _candidates(page.blocks[-EDGE_BLOCKS:])}
    changed = False
    blocks: list[Block] = []
    for block in page.blocks:
        key = running_key(block.text) if id(block) in edge_top or id(block) in edge_bottom else None
        is_running = key is not None and (
            (id(block) in edge_top and key in running_top) or (id(block) in edge_bottom and key in running_bottom)
        )
        if is_running and not block.running:
            blocks.append(block.model_copy(update={"running": True}))
            changed = True
        else:
            blocks.append(block)
    return page.model_copy(update={"blocks": blocks}) if changed else page
