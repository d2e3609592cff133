"""Find the parts of a draft that must never count as evidence: tables of contents and content indexes.

A content index ("HKEX ESG Reporting Guide Content Index", GRI index) lists requirement codes and KPI names with
page numbers. It shows what the issuer *claims*, not what it discloses, so a checker that counted it would mark
everything covered. Detection works on folded text, so it is the same for English and both Chinese scripts.
"""

from __future__ import annotations

import re

from checker.ingest.document import BlockKind, Document

# NOTE: codes are matched on folded (lower-case, Simplified) text.
_CODE = re.compile(
    r"(?<![a-z0-9])(?:[ab][1-8]\.(?:\d{1,2}|gd)|[ab][1-8](?=\s*(?:一般披露|general disclosure))"
    r"|gri\s?\d{1,3}-\d{1,2}|(?:kpi|关键绩效指标)\s?[ab][1-8](?:\.\d{1,2})?)(?![0-9])"
)
_TOC_TITLE = re.compile(
    r"^(?:table of )?contents?$|^目录$|^content index|索引$|^内容索引|content index$|reporting guide index|^index$"
)
_SMALL_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,%])")
# A block is an index block when codes are dense: at least this many distinct codes ...
_BLOCK_MIN_CODES = 3
# ... with at most this many characters of text per code (prose that cites three KPIs is not an index).
_BLOCK_CHARS_PER_CODE = 160
# A page with this many distinct codes is an index page as a whole (PDF tables arrive as many small blocks).
_PAGE_MIN_CODES = 8
_TOC_MIN_PAGE_NUMBERS = 5


def codes_in(folded: str) -> set[str]:
    """Distinct requirement codes (HKEX KPIs, GRI disclosures) in folded text."""
    return {" ".join(m.group().split()) for m in _CODE.finditer(folded)}


def index_blocks(document: Document, folded_blocks: list[str]) -> set[int]:
    """Indices (in ``document.blocks`` order) of blocks that belong to a TOC or a content index."""
    flagged: set[int] = set()
    position = 0
    for page in document.pages:
        indices = list(range(position, position + len(page.blocks)))
        position += len(page.blocks)
        page_codes: set[str] = set()
        has_toc_title = False
        page_numbers = 0
        for index in indices:
            text = folded_blocks[index]
            codes = codes_in(text)
            page_codes |= codes
            dense = len(codes) >= _BLOCK_MIN_CODES and len(text) <= _BLOCK_CHARS_PER_CODE * len(codes)
            if dense or (page.blocks[index - indices[0]].kind is BlockKind.TABLE and len(codes) >= 2):
                flagged.add(index)
            if len(text) <= 60 and _TOC_TITLE.search(text.strip(" :：")):
                has_toc_title = True
            page_numbers += len(_SMALL_NUMBER.findall(text)) if len(text) <= 120 else 0
        if len(page_codes) >= _PAGE_MIN_CODES or (
            has_toc_title and (page_numbers >= _TOC_MIN_PAGE_NUMBERS or len(page_codes) >= _BLOCK_MIN_CODES)
        ):
            flagged.update(indices)
    return flagged
