"""Index rows that name their item by topic instead of by code, and give a reason instead of a disclosure.

A Part D or climate index often lists its items by name ("內部碳價 | 不適用：本集團未採用", "Financed emissions |
Not applicable"): the Code's paragraph numbers are seldom printed, and a TCFD index names the topic beside its
letter. Such a row carries no code for the claims reader to key it by, yet its reason is an explanation the issuer
gave. It is kept here as text; the evaluator decides which requirement it explains from each requirement's topic
terms (``checker.evaluate.index_rows``), as it does for a reason in the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.claims.model import TopicRow
from checker.ingest.document import Block, BlockKind, BlockRole
from checker.ingest.normalize import fold

# NOTE: a row longer than this is a paragraph the index region swallowed, not a row.
ROW_MAX_CHARS = 400
# NOTE: a line set in columns (a wide gap between two cells, or a cell separator) is a row of its own; a line of
# running prose below a coded row is that row's text wrapped.
_COLUMNS = re.compile(r"\S {3,}\S|\S\t+\S| \| ")
# NOTE: a row that lists several items may give its reason for one of them
# ("资本配置、内部碳价、薪酬 | 8（内部碳价：与本集团主要业务关联度低）",
# "Capital deployment, internal carbon price | 12 (Internal carbon price: not applicable)"):
# the reason's label names the item it explains, and the other items are only listed.
_LABELLED_REASON = re.compile(r"[^\s（(|：:，,；;、][^（(|：:，,；;、]{0,40}?[：:][^）)|]+")


def topic_rows(blocks: list[Block], coded: Callable[[str], bool], explains: Callable[[str], bool]) -> list[TopicRow]:
    """The uncoded rows of index blocks whose folded text gives a reason (``explains``) and holds no code."""
    rows: list[TopicRow] = []
    for block in blocks:
        if block.role is not BlockRole.CONTENT_INDEX:
            continue
        # NOTE: an index a text export prints in aligned columns is one block of lines, one row a line
        lines = block.text.split("\n") if block.kind is BlockKind.TABLE or "\n" in block.text else [block.text]
        at = block.span[0]
        for line in lines:
            for offset, piece in _rows(line):
                text = piece.strip()
                if text and len(text) <= ROW_MAX_CHARS:
                    folded = fold(text).text
                    if explains(folded) and not coded(folded):
                        start = at + offset + piece.index(text)
                        rows.append(
                            TopicRow(
                                text=text,
                                span=(start, start + len(text)),
                                page=block.page,
                                table_row=block.kind is BlockKind.TABLE or bool(_COLUMNS.search(line)),
                                item=_labelled_reason(text, explains),
                            )
                        )
            at += len(line) + 1
    return rows


# NOTE: an index's comments cell, flattened into one long line, gives its reason in one of several sentences ("...
# would be misleading. The company considers the turnover information to be confidential, so we do not report it.")
_SENTENCE = re.compile(r"[^.。；;!?！？]*(?:[.。；;!?！？]+|$)")


def _rows(line: str) -> list[tuple[int, str]]:
    """(offset in the line, text) of the line, or of its sentences when it is too long to be one row."""
    if len(line.strip()) <= ROW_MAX_CHARS:
        return [(0, line)]
    return [(m.start(), m.group()) for m in _SENTENCE.finditer(line) if m.group().strip()]


def _labelled_reason(row: str, explains: Callable[[str], bool]) -> str | None:
    """The "item: reason" part of a row that gives its reason for one named item, if it does."""
    for match in _LABELLED_REASON.finditer(row):
        label, _, reason = match.group(0).partition("：" if "：" in match.group(0) else ":")
        if label.strip() and explains(fold(reason).text) and not explains(fold(label).text):
            return match.group(0).strip()
    return None
