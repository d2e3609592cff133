"""Blocks that mention topics without disclosing them: highlights pages, reader questionnaires, materiality lists.

A highlights page ("2024 Highlights", "ESG at a glance", "年度亮點") repeats figures whose disclosure sits in the
chapters; a reader-feedback questionnaire lists every topic of the report beside a checkbox. Counting either would
keep a requirement covered after its chapter is cut out of the report, so both are marked and never evidence. So is
a materiality list: the material topics a report names after its assessment ("Material issues and the sections
responding to them are as follows:", a matrix's legend, 重要性議題), each a topic's name and nothing about it.

Correspondence tables that answer a standard row by row are found here too: a table whose rows mostly restate a
requirement ("a) Describe the board's oversight ...", "銀行應...") beside a summary is an index of the report, not
its disclosure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_HIGHLIGHTS_TITLE = re.compile(
    r"^(?:(?:\d{4}|annual|esg|sustainability|key|performance|year(?:ly)?)\s+)*"
    r"(?:highlights?|at a glance|in numbers|key figures|by the numbers)\b"
    r"|^(?:\d{4}\s*年?度?)?(?:esg|可持续发展|永续|社会责任)?\s*(?:亮点|一览|概览|数说)"
)
_QUESTIONNAIRE_TITLE = re.compile(
    r"feedback form|reader(?:s'?|'s)? feedback|questionnaire|readers? survey|意见反馈|读者意见|读者反馈|意见调查|反馈表"
)
_CONTENTS = re.compile(r"\b(?:table of )?contents\b|目录|目錄")
_MATERIALITY_TITLE = re.compile(
    r"\bmaterial (?:issues|topics|esg issues|esg topics|matters)\b|\bmateriality (?:matrix|assessment results|topics)"
    r"|(?:重要性|实质性|重大性|重大)(?:议题|事项)(?:矩阵|清单|列表|排序)?|议题矩阵|(?:重要性|实质性)(?:评估|分析)结果"
)
# A table whose header pairs an importance level with the topics ("重要程度 | 议题", "Priority | Material topics"):
# each row is a level and a list of names, the materiality result itself.
_MATERIALITY_HEADER = re.compile(
    r"^(?=[^\n]*(?:重要程度|重要性|重要级别|优先级|materiality|importance|priority"
    r"|level of (?:significance|importance)"
    # a ranking of the material topics ("排序 | 高度重要議題", "Rank | Material topic")
    r"|排序|排名|\brank(?:ing)?\b|高度重要|重要议题|重大议题|material (?:topics?|issues?)))"
    r"(?=[^\n]*(?:议题|事项|issues?\b|topics?\b))[^\n]* \| "
)
_LIST_INTRO = re.compile(r"(?:as follows|below|following)\s*[:：.]?$|[:：]$|如下[:：。]?$")
_NARRATIVE = re.compile(r"\b(?:we|our|the group|the company)\b|本集团|本公司|我们|本行|本银行")
_CHECKBOX = re.compile(r"[□☐▢◻❑]")
_SENTENCE_END = re.compile(r"[。！？]$|[a-z)][.!?]$")
_PROMPT = re.compile(r"please (?:tick|choose|select|rate|indicate)|请(?:选择|勾选|在)|(?:choose|tick) (?:\d|one|up to)")
TITLE_MAX = 60
SECTION_MAX_PAGES = 1
FRONT_SHARE = 0.15
FRONT_MIN_PAGES = 3
MIN_CHECKBOXES = 3
ECHO_ROW_SHARE = 0.5
PROSE_MIN_CHARS = 250
INTRO_MAX = 160  # a sentence introducing a list of material topics
SENTENCE_ITEM_MAX = 30  # a Chinese list item may end with 。; a longer line that does is a sentence
CONTINUATION_GAP_CHARS = 2500
CONTINUATION_PAGES = 3
CONTINUATION_MIN_ECHOES = 2


def mention_blocks(
    folded_blocks: Sequence[str], headings: Sequence[bool], pages: Sequence[int]
) -> dict[int, tuple[str, str]]:
    """Highlights and questionnaire blocks: index -> (role name, reason).

    A highlights or questionnaire section runs from its title to the next heading, and never past the page after
    the title's (a text export may mark no headings at all). Only a highlights page in the front matter counts: a
    chapter that opens with its own highlights box is cut together with that chapter, and is its summary.
    """
    found: dict[int, tuple[str, str]] = {}
    front = max(FRONT_MIN_PAGES, int(FRONT_SHARE * (max(pages, default=0))))
    section: tuple[str, str] | None = None
    section_page = 0
    for i, text in enumerate(folded_blocks):
        if section is not None and pages[i] > section_page + SECTION_MAX_PAGES:
            section = None
        stripped = text.strip(" :：.。-—_|*#")
        # NOTE: the length first: the patterns would search every block of the report, however long (searched for
        # every block, the two unanchored ``_LIST_INTRO`` searches alone cost ~20 ms on a 200-page report). Then
        # the materiality title, the rarer of the two, whose answer the title tests below reuse (same ``stripped``).
        material = bool(_MATERIALITY_TITLE.search(stripped)) if len(stripped) <= INTRO_MAX else None
        # NOTE: the colon that introduces the list is stripped from ``stripped``; look for it on the text itself.
        if material and (_LIST_INTRO.search(stripped) or _LIST_INTRO.search(text.rstrip())):
            section, section_page = ("materiality", f"materiality list (after '{stripped[:40]}')"), pages[i]
            continue
        # NOTE: a line that ends a sentence says something ("重要性：議題經實質性議題評估確定。" is how the report
        # applies a principle); a title names a section.
        titled = len(stripped) <= TITLE_MAX and "\n" not in stripped and not _SENTENCE_END.search(text.rstrip())
        if headings[i] or (titled and _is_title(stripped, material)):
            if _HIGHLIGHTS_TITLE.search(stripped) and pages[i] <= front:
                section, section_page = ("highlights", f"highlights (under '{stripped[:40]}')"), pages[i]
                found[i] = section
                continue
            if _QUESTIONNAIRE_TITLE.search(stripped):
                section, section_page = ("questionnaire", f"reader questionnaire (under '{stripped[:40]}')"), pages[i]
                found[i] = section
                continue
            if material if material is not None else _MATERIALITY_TITLE.search(stripped):
                # NOTE: the title line itself is body: "We identified 12 material topics" says what was done.
                section, section_page = ("materiality", f"materiality list (under '{stripped[:40]}')"), pages[i]
                continue
            # NOTE: a list's short items read as headings to a text export; the list ends with its page.
            listing = section is not None and section[0] == "materiality" and pages[i] == section_page
            if headings[i] and not listing:
                section = None
        if section is not None and section[0] == "questionnaire" and _prose(text):
            section = None  # NOTE: a form is questions and boxes; a paragraph of prose is the report again
        # NOTE: a list is names; a sentence about what the issuer does, or any full sentence after the list ("the
        # topics are much as last year's"), is the report again.
        # (English list items often end with a full stop however long they are; Chinese ones seldom do.)
        ends_sentence = len(text) > SENTENCE_ITEM_MAX and text.rstrip().endswith("。") and "\n" not in text
        if (
            section is not None
            and section[0] == "materiality"
            and (_prose(text) or _NARRATIVE.search(text) or ends_sentence or _describes(text))
        ):
            section = None
        if section is not None:
            found[i] = section
        elif len(text) <= INLINE_LIST_MAX and _is_inline_materiality_list(text):
            found[i] = ("materiality", "materiality list (a sentence that names the material topics after a colon)")
        elif " | " in text and _MATERIALITY_HEADER.match(text) and _names_only(text):
            found[i] = ("materiality", f"materiality table (headed '{text.split(chr(10))[0][:40]}')")
        else:
            # NOTE: the prompt's pattern only where a checkbox is: most blocks have none
            boxes = len(_CHECKBOX.findall(text))
            if boxes >= MIN_CHECKBOXES or (boxes and _PROMPT.search(text)):
                found[i] = ("questionnaire", "reader questionnaire (topics beside checkboxes)")
    return found


# NOTE: the material topics listed in the sentence that introduces them ("本年度共識別出10項重大議題：食物安全、顧客
# 服務、…及反貪污。", "We identified 12 material topics: food safety; customer service; ...") are names, as a list
# under a materiality title is: the intro names material topics and a colon, and the rest is short items.
INLINE_LIST_MAX = 400
INLINE_LIST_MIN_ITEMS = 4
INLINE_ITEM_MAX = 40
_INLINE_INTRO = re.compile(
    r"^[^:：。.]{0,80}?(?:material (?:issues|topics|matters)|materiality topics"
    r"|(?:重要性|实质性|重大性|重大)(?:议题|事项)|重要议题"
    # the topics first, then the judgement ("Twelve topics were rated material:", "以下议题被评为高度重要：")
    r"|\b(?:topics|issues|matters)\b[^:：。.]{0,30}\bmaterial\b|(?:议题|事项)[^:：。.]{0,15}(?:重要|重大|实质))"
    r"[^:：。.]{0,30}[:：]"
)
_INLINE_ITEM_SPLIT = re.compile(r"[、,，;；]|\band\b|及|和|与")


def _is_inline_materiality_list(text: str) -> bool:
    intro = _INLINE_INTRO.match(text)
    if intro is None:
        return False
    rest = text[intro.end() :].strip().rstrip("。.")
    items = [item.strip() for item in _INLINE_ITEM_SPLIT.split(rest) if item.strip()]
    return len(items) >= INLINE_LIST_MIN_ITEMS and all(len(item) <= INLINE_ITEM_MAX for item in items)


# NOTE: a table of material risks that says what each does ("碳費開徵 | 中期 | 高碳排產業獲利下降，評價減損 | 16") is
# the risk assessment itself; a materiality table lists names ("高度重要 | 食品安全、员工健康与安全").
DESCRIPTION_MIN_CHARS = 20
_CLAUSE = re.compile(r"[，,；;]")


def _describes(text: str) -> bool:
    """Whether a table's cells describe (a clause of some length in a cell) rather than name."""
    if " | " not in text:
        return False
    return any(len(cell) >= DESCRIPTION_MIN_CHARS and _CLAUSE.search(cell) for cell in re.split(r" \| |\n", text))


NAME_MAX_CHARS = 40
_NAME_SEPARATORS = re.compile(r" \| |\n|[；;、,，]")


def _names_only(table: str) -> bool:
    """Whether every cell of a table is a list of short names ("安全生产；职业健康", "Data privacy, product safety").

    A PDF export may run the rows together on one line, so cells are split on the list separators as well.
    """
    items = [item.strip() for item in _NAME_SEPARATORS.split(table) if item.strip()]
    return bool(items) and all(len(item) <= NAME_MAX_CHARS and "。" not in item for item in items)


def _prose(text: str) -> bool:
    sentences = text.count(". ") + text.count("。") + text.count(".\n")
    return len(text) > PROSE_MIN_CHARS and sentences >= 2 and not _CHECKBOX.search(text) and "?" not in text


def _is_title(text: str, material: bool | None = None) -> bool:
    """Whether a short block titles a highlights, questionnaire or materiality section (``material``: known already)."""
    if material if material is not None else _MATERIALITY_TITLE.search(text):
        return True
    # NOTE: a contents line lists the feedback form among the report's parts ("Reader Feedback Form ... Table of
    # Contents"); it names the form without being it.
    if _CONTENTS.search(text):
        return False
    return bool(_HIGHLIGHTS_TITLE.search(text) or _QUESTIONNAIRE_TITLE.search(text))


def echo_table(folded_table: str, is_echo: Callable[[str], str | None]) -> bool:
    """Whether most rows of a table restate a requirement in one of their cells (a correspondence table)."""
    rows = [row for row in folded_table.split("\n")[1:] if row.strip(" |")]
    if len(rows) < 2:
        return False
    echoing = sum(1 for row in rows if any(is_echo(cell) for cell in row.split(" | ")))
    return echoing >= ECHO_ROW_SHARE * len(rows)


def correspondence_continuation(
    folded_blocks: Sequence[str],
    anchors: Sequence[int],
    echoes: Sequence[bool],
    pages: Sequence[int],
    numbered: Sequence[bool],
) -> set[int]:
    """Blocks that carry on a correspondence table past the block it was recognised in.

    A PDF export often keeps only the table's first rows as one table; the rest of it arrives as lines: a restated
    requirement ("b) Describe the impact ..."), the issuer's summary answer, the next requirement. The table goes on
    while restated requirements keep coming (answers of at most ``CONTINUATION_GAP_CHARS``, two of them at least) and
    ends at a numbered heading or ``CONTINUATION_PAGES`` pages on.
    """
    found: set[int] = set()
    for anchor in anchors:
        run: list[int] = []
        echo_count = 0
        for i in range(anchor + 1, len(folded_blocks)):
            if pages[i] > pages[anchor] + CONTINUATION_PAGES or (numbered[i] and not echoes[i]):
                break
            if not folded_blocks[i].strip():
                continue
            if echoes[i]:
                echo_count += 1
                found.update(run)
                run = []
                continue
            if sum(len(folded_blocks[k]) for k in run) + len(folded_blocks[i]) > CONTINUATION_GAP_CHARS:
                break
            run.append(i)
        if echo_count < CONTINUATION_MIN_ECHOES:
            continue
        # NOTE: the answer after the last restated requirement belongs to it, up to the gap.
        found.update(run)
    return found
