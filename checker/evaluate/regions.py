"""Find the parts of a draft that must never count as evidence: tables of contents and content indexes.

A content index ("HKEX ESG Reporting Guide Content Index", GRI index) lists requirement codes and KPI names with
page numbers. It shows what the issuer *claims*, not what it discloses, so a checker that counted it would mark
everything covered. Detection works on folded text, so it is the same for English and both Chinese scripts.
"""

from __future__ import annotations

import re

from checker.ingest.document import Block, BlockKind, Document

# NOTE: codes are matched on folded (lower-case, Simplified) text.
_CODE = re.compile(
    r"(?<![a-z0-9])(?:[ab][1-8]\.(?:\d{1,2}|gd)|[ab][1-8](?=\s*(?:一般披露|general disclosure))"
    r"|gri\s?\d{1,3}-\d{1,2}|(?:kpi|关键绩效指标)\s?[ab][1-8](?:\.\d{1,2})?|(?:aspect|层面)\s?[ab][1-8])(?![0-9])"
)
_TOC_TITLE = re.compile(
    r"^(?:table of )?contents?$|^目录$|^content index|索引$|^内容索引|content index$|reporting guide index|^index$"
)
_INDEX_TITLE = re.compile(r"content index|contents|索引|目录|reporting guide index|gri index|tcfd index")
_INDEX_TITLE_MAX = 80
_SMALL_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,%])")
# A block is an index block when codes are dense: at least this many distinct codes ...
_BLOCK_MIN_CODES = 3
# ... with at most this many characters of text per code (prose that cites three KPIs is not an index).
_BLOCK_CHARS_PER_CODE = 160
# A run of consecutive blocks (an index flattened into lines) is an index when it lists this many codes ...
_RUN_MIN_CODES = 6
# ... with at most this many characters per code; coded rows at most this many code-less blocks apart.
_RUN_CHARS_PER_CODE = 300
_RUN_MAX_GAP = 4
_RUN_GAP_MAX_CHARS = 450
_TOC_MIN_PAGE_NUMBERS = 5


def codes_in(folded: str) -> set[str]:
    """Distinct requirement codes (HKEX KPIs, GRI disclosures) in folded text."""
    return {" ".join(m.group().split()) for m in _CODE.finditer(folded)}


def index_blocks(document: Document, folded_blocks: list[str]) -> set[int]:
    """Indices (in ``document.blocks`` order) of blocks that belong to a TOC or a content index.

    Three signals: a single block dense with codes (an index table kept as one table block); a run of consecutive
    blocks that are short or carry codes and together list many codes (an index flattened into lines by a PDF or
    text export); and a page titled "Contents" / "目錄" full of page numbers (a table of contents).
    """
    flagged: set[int] = set()
    codes_per_block = [codes_in(text) for text in folded_blocks]
    for index, codes in enumerate(codes_per_block):
        text = folded_blocks[index]
        if len(codes) >= _BLOCK_MIN_CODES and len(text) <= _BLOCK_CHARS_PER_CODE * len(codes):
            flagged.add(index)
    flagged |= _code_runs(folded_blocks, codes_per_block)
    flagged |= _titled_index_sections(document, folded_blocks, codes_per_block)
    position = 0
    for page in document.pages:
        indices = range(position, position + len(page.blocks))
        position += len(page.blocks)
        for index in indices:
            if page.blocks[index - indices.start].kind is BlockKind.TABLE and len(codes_per_block[index]) >= 2:
                flagged.add(index)
        if _is_toc_page([folded_blocks[i] for i in indices], [codes_per_block[i] for i in indices]):
            flagged.update(indices)
    return flagged


def _code_runs(folded_blocks: list[str], codes_per_block: list[set[str]]) -> set[int]:
    """Runs of index rows: blocks carrying codes, at most a few short code-less blocks apart, listing many codes.

    A content index flattened into lines repeats a code every row or two (section names and general-disclosure
    rows sit between them); report prose cites a code now and then. Measuring the run from its first to its last
    coded block keeps a long report that ends with an index from being swallowed whole.
    """
    flagged: set[int] = set()
    run: list[int] = []
    pending: list[int] = []

    def close() -> None:
        codes = set().union(*(codes_per_block[i] for i in run)) if run else set()
        chars = sum(len(folded_blocks[i]) for i in run)
        if len(codes) >= _RUN_MIN_CODES and chars <= _RUN_CHARS_PER_CODE * len(codes):
            flagged.update(run)
        run.clear()
        pending.clear()

    for index, text in enumerate(folded_blocks):
        codes = codes_per_block[index]
        # NOTE: a long paragraph that cites one KPI is prose, not an index row.
        if codes and len(text) <= 2 * _RUN_CHARS_PER_CODE * len(codes):
            if run and len(pending) > _RUN_MAX_GAP:
                close()
            if run:
                run.extend(pending)
            pending.clear()
            run.append(index)
        elif len(text) <= _RUN_GAP_MAX_CHARS:
            pending.append(index)
        else:
            close()
    close()
    return flagged


def _titled_index_sections(document: Document, folded_blocks: list[str], codes_per_block: list[set[str]]) -> set[int]:
    """Tables and short rows that follow an index title ("Content Index (continued)", "內容索引", "目錄").

    An index of Part D or TCFD items names topics, not codes, so the code signals miss it; its title does not.
    The section ends at the first block that is neither a table nor a heading over a table.
    """
    flagged: set[int] = set()
    blocks = document.blocks
    inside = False
    for index, text in enumerate(folded_blocks):
        block = blocks[index]
        if block.running:
            continue
        if len(text) <= _INDEX_TITLE_MAX and _INDEX_TITLE.search(text):
            inside = True
            flagged.add(index)
            continue
        if not inside:
            continue
        if (
            block.kind is BlockKind.TABLE
            or codes_per_block[index]
            or (block.kind is BlockKind.HEADING and _next_is_table(blocks, index))
        ):
            flagged.add(index)
        else:
            inside = False
    return flagged


def _next_is_table(blocks: list[Block], index: int) -> bool:
    for block in blocks[index + 1 : index + 4]:
        if not block.running:
            return block.kind is BlockKind.TABLE
    return False


def _is_toc_page(texts: list[str], codes: list[set[str]]) -> bool:
    has_title = any(len(t) <= 60 and _TOC_TITLE.search(t.strip(" :：")) for t in texts)
    if not has_title:
        return False
    numbers = sum(len(_SMALL_NUMBER.findall(t)) for t in texts if len(t) <= 120)
    distinct_codes = set().union(*codes) if codes else set()
    return numbers >= _TOC_MIN_PAGE_NUMBERS or len(distinct_codes) >= _BLOCK_MIN_CODES
