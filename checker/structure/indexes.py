"""Content indexes and correspondence tables of every framework, found per block.

An index (HKEX ESG Reporting Guide content index, GRI content index, SASB or TCFD index, an exchange's guideline
table, a regulator's correspondence table such as Taiwan's climate-risk disclosure guideline table) lists
requirement codes or restates requirements, with pages. It shows what the issuer *claims*, not what it discloses.

Three signals, all on folded text (lower case, Simplified Chinese):
- a block dense with requirement codes (an index kept as one table or paragraph);
- a run of blocks that carry codes every row or two (an index flattened into lines by a PDF or text export);
- a title ("GRI Content Index", "內容索引", "對照表") followed by tables, coded rows, short rows and restated
  requirements, up to the first ordinary paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# NOTE: the code families. HKEX KPIs and aspects (A1.1, KPI B5.2, 層面A1, A1 一般披露); GRI with its prefix
# (GRI 2-7, GRI 302-3) and without it for topic disclosures (302-3, 103-1); SASB (TC-SI-220a.1); TCFD
# recommendations as indexes cite them (Governance a), 策略 b)); IFRS S1/S2 paragraphs (IFRS S2 para 29);
# mainland exchange guideline articles (第二十一条).
_CODE = re.compile(
    r"(?<![a-z0-9])(?:"
    r"[ab][1-8]\.(?:\d{1,2}|gd)(?![0-9])"
    r"|[ab][1-8](?=\s*(?:一般披露|general disclosure))"
    r"|(?:kpi|关键绩效指标)\s?[ab][1-8](?:\.\d{1,2})?(?![0-9])"
    r"|(?:aspect|层面)\s?[ab][1-8](?![0-9])"
    r"|gri\s?\d{1,3}(?:-\d{1,2})?(?![0-9])"
    r"|[1-4]\d{2}-\d{1,2}(?![\d/-]|\.\d|,\d\d)"
    r"|[a-z]{2}-[a-z]{2}-\d{3}[a-z]\.\d"
    r"|(?:governance|strategy|risk management|metrics and targets|metrics & targets)\s?[(（]?[a-c][)）]"
    r"|ifrs\s?s[12]\s?(?:para(?:graph)?s?\.?\s?)?\d{1,3}"
    r")"
    r"|(?:治理|策略|风险管理|指标与目标|指标和目标)\s?[(（]?[a-c一二三][)）]"
    r"|第[一二三四五六七八九十百零\d]{1,5}条"
)
# NOTE: an index title starts or ends with its name ("Content Index - HKEX ESG Reporting Guide", "GRI Content
# Index (continued)", "TCFD 索引表", "本國銀行氣候風險財務揭露指引對照表"); prose that mentions an index does not.
_INDEX_NAME = (
    r"(?:(?:content|contents|gri|sasb|tcfd|hkex|esg|issb|ifrs|kpi|indicator|reporting guide|disclosure|standards?)"
    r"\s?){0,2}"
    r"(?:index|index table|cross[- ]?reference(?: table| index)?|correspondence table|reference table)"
    r"|references? to (?:the )?[\w ,]{0,40}(?:guide|code|standards?|recommendations|framework)"
    r"|(?:guide|code|standards?|recommendations) references?"
    r"|[\u4e00-\u9fff]{0,24}(?:索引|索引表|对照表|对应表|对照索引)"
)
# NOTE: a stock-market index is not a content index: "constituent of the Hang Seng ESG 50 Index", "included in the
# FTSE4Good Index", "MSCI ESG index". (Chinese writes a market index 指數/指数, never 索引.)
_MARKET_INDEX = re.compile(
    r"\b(?:constituents?|member|included|inclusion|selected)\b.{0,60}\bindex"
    r"|\b(?:hang seng|msci|ftse|ftse4good|s&p|dow jones|djsi|stoxx|nasdaq|nikkei|csi|benchmark|\d{2,4})\s+"
    r"(?:[\w&-]+\s+){0,4}index\b"
)
# ... nor is a measure named an index ("Climate Risk Index", "Country Index", "Water Stress Index"): the word before
# "index" names what a content index indexes (a framework, the report, its data), or the title is "Index" alone.
_OTHER_INDEX = re.compile(
    r"(?<![\w&])(?!(?:content|contents|gri|sasb|tcfd|hkex|esg|issb|ifrs|kpi|indicators?|guide|guidelines|code|"
    r"standards?|disclosures?|reporting|reference|cross|data|performance|report|recommendations|framework|"
    r"ungc|compact|sdgs?|cdp|wef|tnfd|sse|szse)\b)"
    r"[a-z][\w'’-]*\s+index\b"
)
_CONTENT_QUALIFIER = re.compile(r"content|gri|sasb|tcfd|issb|reporting|disclosure|reference|kpi")
_CONTINUED = r"(?:\s*[(（]?(?:continued|cont'?d|续)[)）]?)?"
# NOTE: an index placed in an appendix is titled with its label first ("附录：内容索引（续）——D部分",
# "Appendix 2: Content Index - Part D"); the label is a word and a number or letter, then a colon or a dash.
_APPENDIX = r"(?:appendix|annex|附录|附件)\s?[\w一二三四五六七八九十]{0,3}\s?[:：.、\-—–]\s?"
_INDEX_TITLE = re.compile(rf"^(?:{_APPENDIX})?(?:{_INDEX_NAME}){_CONTINUED}\b|(?:{_INDEX_NAME}){_CONTINUED}$")
# NOTE: every alternative of _INDEX_NAME holds one of these words, so a text without any cannot match it. The
# pattern's unanchored half tries every position of the text (~5 us a block); the test for the words costs ~0.3.
_INDEX_WORDS = ("index", "reference", "correspondence table", "索引", "对照表", "对应表")
INDEX_TITLE_MAX = 120
# A block is an index block when codes are dense: at least this many distinct codes ...
BLOCK_MIN_CODES = 3
# ... with at most this many characters of text per code (prose that cites three KPIs is not an index).
BLOCK_CHARS_PER_CODE = 160
# A run of consecutive blocks (an index flattened into lines) is an index when it lists this many codes ...
RUN_MIN_CODES = 6
# ... with at most this many characters per code; coded rows at most this many code-less blocks apart.
RUN_CHARS_PER_CODE = 300
RUN_MAX_GAP = 4
RUN_GAP_MAX_CHARS = 450
# NOTE: inside a titled index, a row that restates a requirement can be long; ordinary prose is longer.
TITLED_ROW_MAX_CHARS = 260
_PAGE_REF = re.compile(r"(?<![\d.,])\d{1,3}(?:\s*[-–~至]\s*\d{1,3})?(?![\d.,%])")


# NOTE: a figure a report discloses: a percentage, a number with separators or decimals, or a number with a unit.
# An index cites page numbers (small bare integers); a KPI data table labelled with codes reports figures.
_FIGURE = re.compile(
    r"\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?(?:%|％|tco2e|t\b|吨|kwh|mwh|gj|m3|m³|立方米|人|小时|hours)"
)


def _reports_figures(text: str, code_count: int) -> bool:
    """Whether a coded block reports figures (a KPI data table with codes), rather than citing pages."""
    return len(_FIGURE.findall(text)) >= max(2, code_count)


# NOTE: what every alternative of ``_CODE`` must hold, found by a pattern that opens with a character class (so the
# regex engine skips from digit to digit in C) and three substring tests: "[ab][1-8]" (HKEX codes, KPIs, aspects),
# "[1-4]dd-" (GRI topic disclosures), "d[a-z].d" (SASB), "[a-c一二三])" (TCFD pillars), "gri", "ifrs" and "条".
# ``_CODE`` itself opens with a look-behind, so the engine tries all its alternatives at every position: ~50 ns a
# character, ~24 ms a 200-page report, of which almost every block holds no code at all.
_CODE_HINT = re.compile(r"[\d)）](?:(?<=[ab][1-8])|(?<=[1-4])(?=\d\d-)|(?<=\d)(?=[a-z]\.\d)|(?<=[a-c一二三][)）]))")


def codes_in(folded: str) -> set[str]:
    """Distinct requirement codes (HKEX, GRI, SASB, TCFD, ISSB, exchange articles) in folded text."""
    if _CODE_HINT.search(folded) is None and "gri" not in folded and "ifrs" not in folded and "条" not in folded:
        return set()  # NOTE: none of what a code needs (``_CODE_HINT``): ``_CODE`` would find nothing
    return {" ".join(m.group().split()) for m in _CODE.finditer(folded)}


# NOTE: a GRI index row as a text export flattens it: the disclosure's code first ("102-9 Supply chain."), or the
# topic standard and its year before it ("Anti-corruption (2016) 205-1 Operations assessed for risks ..."). Report
# prose never opens that way.
_GRI_ROW = re.compile(
    r"\s*(?:[a-z][\w/ ,&'’-]{1,60}\(\d{4}\)\s?)?(?:gri\s?)?[1-4]\d{2}-\d{1,2}(?:,\d)*(?![\d/-]|\.\d)"
    # ... and a SASB row: the topic, then its code ("Water Management TC-SC-140a.1 (1) Total water withdrawn")
    r"|\s*[a-z][\w/ &'’-]{1,60}\s[a-z]{2}-[a-z]{2}-\d{3}[a-z]\.\d"
)


def _is_framework_row(folded: str) -> bool:
    """A row that opens with a GRI or SASB code, or a topic's name and its code; the issuer's voice is prose."""
    row = _GRI_ROW.match(folded)
    return row is not None and not _PROSE.search(folded, 0, row.end())


# NOTE: an index's column headings as a text export prints them on their own line ("GRI Standard GRI Standard
# Description Location Comments", "SASB Topic SASB Code SASB Accounting Metric Location"): a framework's name and
# at least two of the words an index heads its columns with. A data table's header names no framework.
_FRAMEWORK_WORDS = ("gri", "sasb", "tcfd", "hkex", "issb", "kpi", "指引", "准则")
_HEADER_FRAMEWORK = re.compile(r"\b(?:gri|sasb|tcfd|hkex|issb|kpi)\b|指引|准则")
_HEADER_WORDS = (
    "disclosure",
    "description",
    "location",
    "comments",
    "page",
    "reference",
    "omission",
    "code",
    "metric",
    "索引",
    "页码",
    "页次",
    "章节",
    "说明",
    "备注",
    "披露位置",
)
INDEX_HEADER_MAX = 120
HEADER_BLOCK_MAX = 400


def _is_index_header(folded: str) -> bool:
    """Whether a block is, or opens with, an index's column headings (a row may follow them in the same block)."""
    head = folded[: INDEX_HEADER_MAX + 8]
    # NOTE: substring tests first: almost no block names a framework, and the pattern tries every position
    if not any(word in head for word in _FRAMEWORK_WORDS):
        return False
    text = folded.strip()
    head = text[:INDEX_HEADER_MAX]
    if len(text) > INDEX_HEADER_MAX and not _HEADER_FRAMEWORK.match(text.removeprefix("material topic ")):
        return False
    if not _HEADER_FRAMEWORK.search(head):
        return False
    return sum(word in head for word in _HEADER_WORDS) >= 2


# NOTE: a contents line that names the index ("7. 對照表 ........ 37") is not the index's title.
_TOC_LINE = re.compile(r"\.{4,}|…{2,}|·{4,}|\s\d{1,3}$")
# NOTE: the issuer's own voice, or a full sentence, ends an index region: index rows are fragments and codes.
_PROSE = re.compile(r"\b(?:we|our)\b|本集团|本公司|本行|我们|我行|本银行|本金控")
_REFERRAL = re.compile(r"\b(?:see|refer|referred|please|details)\b|参阅|参见|详见|请参|见第")


def is_index_title(folded: str) -> bool:
    """Whether a short block names a content index or correspondence table.

    A sentence that points to the index ("see the GRI Content Index on page 80", "詳見內容索引") is not its title.
    """
    text = folded.strip(" :：.。-—_|*#<>《》〈〉【】[]")
    if len(text) > INDEX_TITLE_MAX or not any(word in text for word in _INDEX_WORDS):
        return False
    if not _INDEX_TITLE.search(text) or _TOC_LINE.search(text):
        return False
    if (_MARKET_INDEX.search(text) or _OTHER_INDEX.search(text)) and not _CONTENT_QUALIFIER.search(text):
        return False
    return not _REFERRAL.search(text) and len(text.split()) <= 14


def index_blocks(
    folded_blocks: Sequence[str],
    tables: Sequence[bool],
    headings: Sequence[bool],
    echoes: Sequence[bool],
    index_pages: Sequence[str | None] = (),
    pages: Sequence[int] = (),
) -> dict[int, str]:
    """Blocks that belong to a content index or correspondence table, with the reason for each.

    Args:
        folded_blocks: every block's folded text, in reading order (running headers already left out by the
            caller, as empty strings).
        tables: whether each block is a table.
        headings: whether each block is a heading.
        echoes: whether each block restates a requirement (see ``checker.structure.echo``).
        index_pages: for each block, the index title its page carries as a running header, if any ("References
            to HKEX ESG Reporting Guide" at the top of every index page).
        pages: each block's page number (for the comments between an index's rows on one page).

    Returns:
        Block index -> reason.
    """
    codes = [codes_in(text) for text in folded_blocks]
    found: dict[int, str] = {}
    for i, text in enumerate(folded_blocks):
        if not codes[i] or _reports_figures(text, len(codes[i])):
            continue
        if len(codes[i]) >= BLOCK_MIN_CODES and len(text) <= BLOCK_CHARS_PER_CODE * len(codes[i]):
            found[i] = f"content index ({len(codes[i])} requirement codes in one block)"
        elif tables[i] and len(codes[i]) >= 2:
            found[i] = "content index (a table of requirement codes)"
        elif len(text) <= TITLED_ROW_MAX_CHARS and _is_framework_row(text):
            found[i] = "content index (a GRI or SASB disclosure row)"
    # NOTE: column headings only where rows were found (a report without an index skips the pass), and only on
    # blocks short enough to be a heading line with at most a row after it
    for i, text in enumerate(folded_blocks if found else ()):
        if len(text) <= HEADER_BLOCK_MAX and i not in found and not tables[i] and _is_index_header(text):
            found[i] = "content index (its column headings)"
    for i in _code_runs(folded_blocks, codes):
        found.setdefault(i, "content index (rows of requirement codes)")
    for i in _referral_runs(folded_blocks, headings):
        found.setdefault(i, "correspondence table (rows that point to the report's sections and pages)")
    for i, title in enumerate(index_pages):
        text = folded_blocks[i]
        if title is None or not text or i in found:
            continue
        prose = bool(_PROSE.search(text)) or text.count("。") + text.count(". ") >= 2
        if tables[i] or codes[i] or echoes[i] or (not prose and len(text) <= TITLED_ROW_MAX_CHARS):
            found[i] = f"content index (on a page headed '{title[:50]}')"
    for i, reason in _titled(folded_blocks, codes, tables, headings, echoes).items():
        found.setdefault(i, reason)
    if pages:
        for i in _between_rows(folded_blocks, found, pages):
            found[i] = "content index (its comments column, between its rows on one page)"
    return found


# NOTE: an index's "Comments" column, flattened by a text export, comes out as the issuer's own prose between the
# rows ("Our first EHS Policy was adopted in 2015 ..." between "102-12 External initiatives" and "102-13"): a few
# blocks with index rows on both sides, on the same page, are the index's, not the body's.
BETWEEN_MAX_BLOCKS = 6


def _between_rows(folded_blocks: Sequence[str], found: dict[int, str], pages: Sequence[int]) -> list[int]:
    marked: list[int] = []
    last_row: int | None = None
    gap: list[int] = []
    for i, text in enumerate(folded_blocks):
        if not text:
            continue
        if i not in found:
            if last_row is not None:
                gap.append(i)
            continue
        bounded = last_row is not None and 0 < len(gap) <= BETWEEN_MAX_BLOCKS
        if (
            bounded
            and all(pages[k] == pages[i] for k in (i, *gap))
            and last_row is not None
            and pages[last_row] == pages[i]
        ):
            marked.extend(gap)
        last_row, gap = i, []
    return marked


# NOTE: a correspondence table without codes (a WEF metrics table, a UN Global Compact table) answers each row with
# a pointer: "Section 6.2. Diversity and Inclusion, p. 126.", "See Chapter 3. Climate Change, p. 60",
# "詳見第3.2節，第45頁".
# A run of such pointers is a table of the report, not its disclosure; one pointer alone is the body's cross-reference.
_REFERRAL_ROW = re.compile(
    r"\s*(?:(?:for (?:more )?details,? )?see |refer to )?(?:section|chapter|appendix|part)\s?[\d.]+\b.{0,80}?"
    r"(?:,|\s)\s?(?:p|pp|page|pages)\.?\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?\.?\s*$"
    r"|\s*(?:详见|参见|请参阅|见)?第?[\d.一二三四五六七八九十]+(?:章|节)[^。]{0,40}?第?\d{1,3}(?:-\d{1,3})?页[。.]?\s*$"
)
REFERRAL_ROW_MAX = 160
REFERRAL_MIN_ROWS = 3
REFERRAL_MAX_GAP = 4


def _referral_runs(folded_blocks: Sequence[str], headings: Sequence[bool]) -> set[int]:
    """Runs of at least three pointer rows, each at most a few blocks from the next (the rows between them too).

    A heading ends a run: the table starts under its own title, and a cross-reference above that title is the body's.
    """
    flagged: set[int] = set()
    run: list[int] = []
    last = -1
    for i, text in enumerate(folded_blocks):
        if not text:
            continue
        if headings[i]:
            if len(run) >= REFERRAL_MIN_ROWS:
                flagged.update(range(run[0], run[-1] + 1))
            run = []
            continue
        if len(text) <= REFERRAL_ROW_MAX and _REFERRAL_ROW.match(text):
            if run and i - last > REFERRAL_MAX_GAP + 1:
                if len(run) >= REFERRAL_MIN_ROWS:
                    flagged.update(range(run[0], run[-1] + 1))
                run = []
            run.append(i)
            last = i
    if len(run) >= REFERRAL_MIN_ROWS:
        flagged.update(range(run[0], run[-1] + 1))
    return {i for i in flagged if folded_blocks[i]}


def _code_runs(folded_blocks: Sequence[str], codes: list[set[str]]) -> set[int]:
    """Runs of index rows: blocks carrying codes, at most a few short code-less blocks apart, listing many codes.

    A content index flattened into lines repeats a code every row or two (section names and general-disclosure
    rows sit between them); report prose cites a code now and then. Measuring the run from its first to its last
    coded block keeps a long report that ends with an index from being swallowed whole.
    """
    flagged: set[int] = set()
    run: list[int] = []
    pending: list[int] = []

    def close() -> None:
        listed = set().union(*(codes[i] for i in run)) if run else set()
        chars = sum(len(folded_blocks[i]) for i in run)
        if len(listed) >= RUN_MIN_CODES and chars <= RUN_CHARS_PER_CODE * len(listed):
            flagged.update(run)
        run.clear()
        pending.clear()

    for index, text in enumerate(folded_blocks):
        found = codes[index]
        if found and _reports_figures(text, len(found)):
            # NOTE: a paragraph that reports its metrics under their codes (SASB "IF-WU-130a.1 ... GJ") is prose
            close()
            continue
        # NOTE: a long paragraph that cites one KPI is prose, not an index row.
        if found and len(text) <= 2 * RUN_CHARS_PER_CODE * len(found):
            if run and len(pending) > RUN_MAX_GAP:
                close()
            if run:
                run.extend(pending)
            pending.clear()
            run.append(index)
        elif len(text) <= RUN_GAP_MAX_CHARS:
            pending.append(index)
        else:
            close()
    close()
    return flagged


def _titled(
    folded_blocks: Sequence[str],
    codes: list[set[str]],
    tables: Sequence[bool],
    headings: Sequence[bool],
    echoes: Sequence[bool],
) -> dict[int, str]:
    """The blocks of an index that follow its title, up to the first ordinary paragraph.

    An index of Part D or TCFD items names topics, not codes, and a regulator's correspondence table restates
    the regulator's requirements; the code signals miss both, their title does not. An index flattened into lines
    is short fragments; once the index has come as a table, only more tables, coded rows and restated
    requirements continue it (a chart's labels printed after the table are the body's). A table on a later page
    that repeats the index table's header row continues it too.
    """
    found: dict[int, str] = {}
    inside = False
    seen_table = False
    title = ""
    headers: set[str] = set()
    for i, text in enumerate(folded_blocks):
        if not text:
            continue
        if tables[i] and headers and _header_row(text) in headers:
            found[i] = f"content index (continues the table under '{title}')"
            continue
        if is_index_title(text):
            inside, seen_table = True, False
            title = text.strip()[:60]
            found[i] = f"content index (title: {title})"
            continue
        if not inside:
            continue
        prose = bool(_PROSE.search(text)) or text.count("。") + text.count(". ") >= 2
        fragment = not prose and not seen_table
        row_like = (
            tables[i]
            or bool(codes[i])
            or echoes[i]
            or (fragment and len(text) <= 80)
            or (fragment and len(text) <= TITLED_ROW_MAX_CHARS and bool(_PAGE_REF.search(text[-12:])))
        )
        if row_like and not (headings[i] and len(text) > 80):
            found[i] = f"content index (under '{title}')"
            if tables[i]:
                seen_table = True
                headers.add(_header_row(text))
        else:
            inside = False
    return found


def _header_row(table_text: str) -> str:
    return table_text.split("\n", 1)[0].strip()


def running_key_text(text: str) -> str:
    """A running header without its page number ("References to HKEX ESG Reporting Guide 65")."""
    return text.strip().rstrip("0123456789 ").lstrip("0123456789 ")
