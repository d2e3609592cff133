"""Read the issuer's content index into claims: requirement codes, cited pages and sections, explanations.

The index was already found block by block by the structure pass (role ``content_index``, and quoted KPI wording
as ``requirement_echo``). Here its blocks are joined into regions, cut into rows at each requirement code, and
each row is read:

- the code, in any of the ways indexes print it: "KPI A1.1", "A1.1", "Aspect A1 General Disclosure",
  "層面A1：一般披露", a "General Disclosure" row under an "Aspect B2" heading row, "Governance a)", "策略(b)";
- the printed page numbers ("04, 07", "85-89", "62-64,72-73");
- the section numbers and names ("5.4 Customer Service and Satisfaction", "8.2 應對氣候變化");
- an explanation instead of a disclosure ("Not applicable", "It is not material to our business", "不適用").

Rows that an index flattens into lines (PDF or text export) and rows kept as table rows read the same way, since
all of it works on the folded text of the region. Where the row's location is read lives in ``locations``; notes
below a table that rows point to, in ``notes``; tables an export printed column by column, in ``columns``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from checker.claims.columns import Row, columns_of, fill_columns, own_text
from checker.claims.locations import heading_names, named_sections, pages_in, sections_in
from checker.claims.model import Claim, ContentIndex
from checker.claims.notes import Note, is_note, markers, note_for, notes_of, plain, without_notes
from checker.claims.topic_rows import topic_rows
from checker.ingest.document import Block, BlockKind, BlockRole, Document
from checker.ingest.normalize import fold
from checker.structure.indexes import is_index_title, running_key_text

# NOTE: patterns run on folded text (lower case, Simplified Chinese).
_KPI = re.compile(r"(?:(?:kpi|关键绩效指标)\s*)?(?<![a-z0-9.])([ab][1-8])\.(\d{1,2})(?!\d|\.\d)")
_ASPECT = re.compile(r"(?:aspect|层面)\s*([ab][1-8])(?![.\d])")
_CODE_GD = re.compile(r"(?<![a-z0-9.])([ab][1-8])\s*[:：]?\s*(?:general disclosures?|一般披露)")
_GD = re.compile(r"general disclosures?|一般披露")
# NOTE: a table's header row names its columns ("Aspects, General Disclosures and KPIs | Pages"), not a row.
_HEADER_GD = re.compile(
    r"aspects?\s*[,，、]?\s*general disclosures?\s*(?:and|&|,)\s*kpis?|层面[、，]?\s*一般披露[及和、]\s*关键绩效指标"
)
# NOTE: in a reverse index ("Climate commitments ... A1, A1.2, A1.5; A4, A4.1"), a bare aspect code in a list of
# codes stands for the aspect's General Disclosure, and so does one alone in its table cell ("| B6 | 產品責任 | 10 |").
_BARE_ASPECT = re.compile(r"(?<![a-z0-9.\-])([ab][1-8])(?![.\d\-])(?=\s*(?:[,;，；、|]|and\b|$)|\s+[ab][1-8](?:\b|\.))")
# NOTE: codes of other frameworks end an HKEX or TCFD row ("GRI 102: General Disclosures" is not an aspect's GD).
_OTHER = re.compile(
    r"gri\s?\d{1,3}(?:-\d{1,2})?(?:\s*[:：])?|(?<![\d.-])[1-4]\d{2}-\d{1,2}(?![\d.])|[a-z]{2}-[a-z]{2}-\d{3}[a-z]\.\d"
)
# NOTE: a bare "General Disclosure" row belongs to the aspect named at most this many characters before it.
ASPECT_REACH = 800
_TCFD_EN = re.compile(r"(governance|strategy|risk management|metrics\s*(?:and|&)\s*targets)\s*[(（]?\s*([abc])\s*[)）]")
_TCFD_ZH = re.compile(r"(治理|策略|风险管理|指标与目标|指标和目标|指标及目标)\s*[(（]?\s*([abc一二三])\s*[)）]")
# NOTE: a regulator's correspondence table (Taiwan's climate-risk disclosure guideline table) answers by pillar: a
# row opens with the pillar's name in its own cell, then the guideline's wording, then the report's sections.
_PILLAR_ROW = re.compile(
    r"(?:^|\n)[ \t]*(governance|strategy|risk management|metrics\s*(?:and|&)\s*targets"
    r"|治理|策略|风险管理|指标与目标|指标和目标|指标及目标)[ \t]*\|"
)
_TCFD_PILLARS = {
    "governance": "Gov",
    "strategy": "Str",
    "risk management": "RM",
    "metrics and targets": "MT",
    "metrics & targets": "MT",
    "治理": "Gov",
    "策略": "Str",
    "风险管理": "RM",
    "指标与目标": "MT",
    "指标和目标": "MT",
    "指标及目标": "MT",
}
_ZH_LETTERS = {"一": "a", "二": "b", "三": "c"}
# NOTE: between codes that share one row ("A2 General Disclosure & KPI A2.5", "B6.1、B6.4").
_CONNECTOR = re.compile(r"^[\s&,，、/;；及和与and]*$")
# NOTE: an explanation instead of a disclosure, as indexes write it.
_EXPLANATION = re.compile(
    r"not applicable|\bn/?a\b|not material|immaterial|not relevant|not involve|does not involve|do not involve"
    r"|not disclosed|will be disclosed|to be disclosed|not yet (?:available|disclosed|collected)|no such"
    r"|not (?:significant|produced|generated|engaged)|不适用|并不重大|不重大|非重大|不涉及|未涉及|无涉及|不相关"
    r"|暂未|尚未|未有披露|暂不披露|未予披露|将于|将在.{0,8}披露|没有产生|不产生|不会产生"
    # NOTE: disclosure planned for a later report, in the words of a plan ("计划于2026年度报告中披露", "plan to
    # disclose them next year")
    r"|(?:计划|拟|预计|预期)(?:于|在).{0,16}披露|(?:plans?|intends?|expects?) to (?:disclose|report)"
    # NOTE: the short reasons an index cell gives ("Data not available", "Not reported this year", "无此程序",
    # "to be set in 2026", "尚在制定中", "no significant impact")
    r"|not available|unavailable|not reported|无此|没有此|并无此|to be (?:set|established|developed|reported)"
    r"|尚在制定|正在制定|制定中|no (?:significant|material) impact"
    # NOTE: the same four kinds of reason the body gives: it does not apply, it is not material, the data is not
    # there, it will come later.
    r"|does not apply|do not apply|nature of (?:our|the|its) (?:business|operations)|non-material|not a material"
    r"|(?:is|are|was|were|currently) (?:not|un)available|not (?:currently )?(?:tracked|collected|recorded|measured)"
    r"|关联度(?:较)?低|关联性(?:较)?低|相关性(?:较)?低|影响(?:轻微|甚微)|业务性质|未能提供|无法提供|不构成重大"
    # NOTE: the data not kept, in the issuer's own tense ("did not record the relevant percentage yet", "未作統計");
    # "did not record any violation" is a disclosure (none happened), so the object must be the data.
    r"|(?:did|does|do|has|have|had) not (?:yet )?(?:record|collect|track|measure|compile|calculate)"
    r" (?:the |any |such )?(?:relevant )?(?:data|statistics|figures?|percentages?|rates?|numbers?|information)\b"
    r"|未(?:作|予)?统计"
    # NOTE: withheld, with its reason ("considered confidential", "for competitive reasons, we do not report")
    r"|confidential|commercially sensitive|competitive reasons|(?:do|does|did) not (?:report|disclose|publish)"
    r"|商业(?:机密|秘密|敏感)|不予披露|不作披露"
    # NOTE: the data still being gathered, or reported from a later year ("資料收集中", "figures will be reported
    # from the 2025 report"), and the practice not adopted, which leaves nothing to disclose ("目前未採用內部碳定價")
    r"|(?:数据|资料|信息)?(?:收集|整理|统计|搜集)中|being (?:collected|compiled|developed)"
    # (not "will be provided in the CDP survey": that points to another document)
    r"|will be reported|reported (?:from|in) (?:the|our) \d{4}"
    r"|(?:目前|尚|并)?(?:未|无|未有)(?:采用|采纳|应用|引入)"
)
EXPLANATION_MAX_CHARS = 600  # a row's own reason and the notes it points to
GAP_BLOCKS = 25
GAP_BLOCK_MAX_CHARS = 200
MIN_CODES = 3


@dataclass(frozen=True)
class _Code:
    code: str
    start: int  # folded position in the document
    end: int


def read_content_index(document: Document) -> ContentIndex:
    """The claims of every content index in ``document`` (roles must already be assigned)."""
    blocks = document.blocks
    regions = _regions(blocks)
    if not regions:
        return ContentIndex()
    by_topic = topic_rows(blocks, _has_code, lambda folded: bool(_EXPLANATION.search(folded)))
    folded = document.folded()
    claims: list[Claim] = []
    pages: set[int] = set()
    for region in regions:
        segments = [
            (folded.to_folded(blocks[i].span[0]), folded.to_folded(blocks[i].span[1]), i)
            for i in region
            if not blocks[i].running
        ]
        codes = _codes(folded.text, segments)
        if len({c.code for c in codes if c.code != "OTHER"}) < MIN_CODES:
            continue
        notes = notes_of(document.text, blocks, region)
        found = _claims(document, folded.text, segments, codes, notes)
        claims.extend(_split_columns(folded.text, segments, found, notes, [folded.to_folded(c.span[0]) for c in found]))
        pages.update(blocks[i].page for i in region)
    # NOTE: a line of a coded row (an index flattened into lines puts a row's reason on the lines after its code)
    # belongs to that row's claim, not to a topic of its own. A table's row is its own row: a coded claim's span
    # runs on to the next code, which may be many uncoded rows (a Part D table) later.
    by_topic = [
        row for row in by_topic if row.table_row or not any(_overlaps(row.span, claim.span) for claim in claims)
    ]
    if not claims:
        return ContentIndex(topic_rows=by_topic)
    standards = sorted({claim.code.split(":", 1)[0] for claim in claims})
    return ContentIndex(found=True, pages=sorted(pages), standards=standards, claims=claims, topic_rows=by_topic)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _has_code(folded: str) -> bool:
    """Whether an index row carries a code the claims reader keys rows by (HKEX or TCFD)."""
    return any(p.search(folded) for p in (_KPI, _ASPECT, _CODE_GD, _TCFD_EN, _TCFD_ZH))


def _split_columns(
    text: str, segments: list[tuple[int, int, int]], claims: list[Claim], notes: list[Note], starts: list[int]
) -> list[Claim]:
    """The claims, with the citations of rows whose table an export printed column by column (see ``columns``)."""
    line_starts: list[int] = []
    lines: list[str] = []
    for start, end, _ in segments:
        at = start
        for line in text[start:end].split("\n"):
            line_starts.append(at)
            lines.append(line)
            at += len(line) + 1
    columns = columns_of(lines, line_starts)
    if not columns:
        return claims
    rows = []
    for index, (claim, start) in enumerate(zip(claims, starts, strict=True)):
        if not claim.code.startswith("HKEX:"):
            continue
        number = max(0, bisect_right(line_starts, start) - 1)
        after = lines[number][start - line_starts[number] :]
        rows.append(Row(index, claim.code, start, number, own_text(after)))
    return fill_columns(claims, rows, lines, columns, notes)


def _regions(blocks: list[Block]) -> list[list[int]]:
    """Runs of index blocks, with a few short blocks between them (an explanation printed as its own line)."""
    regions: list[list[int]] = []
    current: list[int] = []
    gap: list[int] = []
    for i, block in enumerate(blocks):
        coded = bool(current) and bool(_KPI.search(fold(block.text).text)) if len(block.text) <= 2000 else False
        if block.role in (BlockRole.CONTENT_INDEX, BlockRole.REQUIREMENT_ECHO) or coded:
            if current:
                current.extend(gap)
            current.append(i)
            gap = []
        elif block.role is BlockRole.RUNNING:
            continue
        elif (
            current
            and len(gap) < GAP_BLOCKS
            and (len(block.text) <= GAP_BLOCK_MAX_CHARS or _quoted(block.text) or is_note(block.text))
        ):
            gap.append(i)
        else:
            if current:
                regions.append(current)
            current, gap = [], []
    if current:
        regions.append(current)
    return regions


def _quoted(text: str) -> bool:
    """Requirement wording quoted in an index row ("Information on: (a) the policies; and (b) compliance ...")."""
    folded = fold(text[:600]).text
    return "the issuer" in folded or "发行人" in folded or "information on" in folded


def _codes(text: str, segments: list[tuple[int, int, int]]) -> list[_Code]:
    """Every requirement code in the region, in order; a bare "General Disclosure" takes the aspect above it.

    An index whose columns were split by the export lists several aspects, then their General Disclosures in the
    same order ("Aspect A1 ... Aspect A4", then four "General Disclosure" rows): consecutive aspect headings are
    queued, and each General Disclosure takes the next one.
    """
    found: list[_Code] = []
    pending: list[str] = []  # NOTE: aspects named and not yet given their General Disclosure, in order
    aspect: str | None = None
    aspect_at = 0
    last_was_aspect = False
    for start, end, _ in segments:
        spans = _spans(text[start:end])
        covered_until = -1
        for s, e, code in spans:
            if s < covered_until:
                continue  # NOTE: "A1 General Disclosure" is one code, not an aspect plus a bare "General Disclosure"
            covered_until = e
            if code.startswith("ASPECT:"):
                named = code.split(":", 1)[1]
                pending = [*pending, named] if last_was_aspect else [named]
                aspect, aspect_at, last_was_aspect = named, start + s, True
                continue
            last_was_aspect = False
            if code == "OTHER":
                aspect, pending = None, []
                found.append(_Code(code, start + s, start + e))
                continue
            if code == "GD":
                if len(pending) > 1:
                    code = f"HKEX:{pending.pop(0)}.GD"
                elif aspect is not None and start + s - aspect_at <= ASPECT_REACH:
                    code = f"HKEX:{aspect}.GD"
                else:
                    continue
            elif code.startswith("HKEX:"):
                aspect, aspect_at, pending = code.split(":", 1)[1].split(".", 1)[0], start + s, []
            found.append(_Code(code, start + s, start + e))
    return found


def _spans(piece: str) -> list[tuple[int, int, str]]:
    """Every code-like span of a piece of folded text, in order."""
    spans: list[tuple[int, int, str]] = []
    for m in _KPI.finditer(piece):
        spans.append((m.start(), m.end(), f"HKEX:{m.group(1).upper()}.{int(m.group(2))}"))
    for m in _CODE_GD.finditer(piece):
        spans.append((m.start(), m.end(), f"HKEX:{m.group(1).upper()}.GD"))
    for m in _BARE_ASPECT.finditer(piece):
        spans.append((m.start(), m.end(), f"HKEX:{m.group(1).upper()}.GD"))
    for m in _ASPECT.finditer(piece):
        spans.append((m.start(), m.end(), f"ASPECT:{m.group(1).upper()}"))
    headers = [m.span() for m in _HEADER_GD.finditer(piece)]
    for m in _GD.finditer(piece):
        if not any(s <= m.start() < e for s, e in headers):
            spans.append((m.start(), m.end(), "GD"))
    for m in _OTHER.finditer(piece):
        spans.append((m.start(), m.end(), "OTHER"))
    for m in _TCFD_EN.finditer(piece):
        pillar = _TCFD_PILLARS[" ".join(m.group(1).split())]
        spans.append((m.start(), m.end(), f"TCFD:{pillar}-{m.group(2)}"))
    for m in _TCFD_ZH.finditer(piece):
        letter = _ZH_LETTERS.get(m.group(2), m.group(2))
        spans.append((m.start(), m.end(), f"TCFD:{_TCFD_PILLARS[m.group(1)]}-{letter}"))
    for m in _PILLAR_ROW.finditer(piece):
        pillar = _TCFD_PILLARS[" ".join(m.group(1).split())]
        spans.append((m.start(1), m.end(1), f"TCFD:{pillar}"))
    spans.sort()
    return spans


def _claims(
    document: Document, text: str, segments: list[tuple[int, int, int]], codes: list[_Code], notes: list[Note]
) -> list[Claim]:
    """One claim per code: the row runs from its code to the next code that starts a new row."""
    folded = document.folded()
    blocks = document.blocks
    region_end = segments[-1][1]
    claims: list[Claim] = []
    groups = _groups(text, codes, [start for start, _, _ in segments])
    reverse = _is_reverse(text, groups, region_end)
    headings = heading_names(document)
    previous_end = segments[0][0]
    for number, group in enumerate(groups):
        code_end, following = _skip_other_codes(text, groups, number)
        row_end = groups[following][0].start if following < len(groups) else region_end
        row_start = group[0].start
        _, block_end, block = next(
            (segment for segment in segments if segment[0] <= row_start < segment[1]), segments[0]
        )
        if blocks[block].kind is BlockKind.TABLE:
            # NOTE: a table's line is its row: the next code may be many uncoded rows later (a Part D table that names
            # its items by topic), and their pages and reasons ("融資排放 | 不適用") are not this row's.
            line_end = text.find("\n", code_end, block_end)
            if 0 <= line_end < row_end:
                row_end = line_end
        o_start, _ = folded.to_original(row_start, row_start + 1)
        _, o_end = folded.to_original(max(row_start, row_end - 1), row_end)
        _, after_code = folded.to_original(code_end - 1, code_end)
        rest = _without_running(document, after_code, o_end)
        if following >= len(groups) and not reverse and block_end < row_end:
            rest, o_end = _last_row(document, segments, (row_start, block_end, row_end), after_code, headings)
        rest = without_notes(rest)
        explanation = _with_notes(_explanation(plain(rest)), rest, notes, o_start)
        rest = plain(rest)
        if reverse:
            # NOTE: a reverse index prints the section first, then the codes it answers.
            o_before, _ = folded.to_original(previous_end, previous_end + 1)
            before = _without_running(document, o_before, o_start)
            pages, sections = pages_in(fold(before).text)[-3:], _reverse_section(before)
        else:
            pages, sections = pages_in(fold(rest).text), sections_in(rest)
            if not pages and not sections:
                sections = named_sections(fold(rest).text, headings)
        previous_end = group[-1].end
        for code in group:
            if code.code == "OTHER":
                continue
            label_start, label_end = folded.to_original(code.start, code.end)
            claims.append(
                Claim(
                    code=code.code,
                    label=" ".join(document.text[label_start:label_end].split()),
                    pages=pages,
                    sections=sections,
                    explanation=explanation,
                    text=" ".join(document.text[o_start:o_end].split())[:600],
                    span=(o_start, o_end),
                    page=blocks[block].page,
                )
            )
    return claims


LAST_ROW_SHORT_LINE = 40  # a cell's wrapped words ("Targeted Poverty.") carry the last row on


def _last_row(
    document: Document,
    segments: list[tuple[int, int, int]],
    bounds: tuple[int, int, int],
    after_code: int,
    headings: dict[str, str],
) -> tuple[str, int]:
    """The last row of an index region: its text and where it ends (original offsets).

    NOTE: it ends with its own block when that block cites something, and goes on only through blocks that carry
    its citation on (a wrapped cell's words, a further numbered section); what follows the index (a back cover's
    address, "23rd Floor ... 38 Gloucester Road") is not its location.
    """
    folded = document.folded()
    row_start, block_end, row_end = bounds
    _, o_row_end = folded.to_original(max(row_start, row_end - 1), row_end)
    _, o_block_end = folded.to_original(max(row_start, block_end - 1), block_end)
    own = _without_running(document, after_code, min(o_row_end, o_block_end))
    by_section = bool(sections_in(own))
    if not (pages_in(fold(own).text) or by_section or named_sections(fold(own).text, headings)):
        return _without_running(document, after_code, o_row_end), o_row_end
    end = min(o_row_end, o_block_end)
    for start, stop, _ in segments:
        if start < block_end or start >= row_end:
            continue
        o_begin, _ = folded.to_original(start, start + 1)
        _, o_stop = folded.to_original(max(start, stop - 1), stop)
        piece = _without_running(document, max(end, o_begin), min(o_stop, o_row_end))
        if not piece.strip():
            continue  # NOTE: the index's title repeated at the top of the next page is no part of the row
        short = len(piece.strip()) <= LAST_ROW_SHORT_LINE and not re.search(r"\d", piece)
        if not (short or (by_section and sections_in(piece))):
            break
        end = min(o_stop, o_row_end)
    return _without_running(document, after_code, end), end


def _skip_other_codes(text: str, groups: list[list[_Code]], number: int) -> tuple[int, int]:
    """Where a row's location starts, and the group that ends the row.

    An index combined with GRI or SASB prints the other frameworks' codes in their own columns between a row's HKEX
    code and its location ("A3 General Disclosure & KPI A3.1 | IF-RE-410a.3 | Environmental Management"): codes
    that follow the row's codes with nothing said between them are the same row's, and its location comes after.
    """
    end = groups[number][-1].end
    following = number + 1
    if groups[number][0].code == "OTHER":
        return end, following
    while (
        following < len(groups)
        and groups[following][0].code == "OTHER"
        and not _substantive(text[end : groups[following][0].start])
        and not pages_in(text[end : groups[following][0].start])
    ):
        end = groups[following][-1].end
        following += 1
    return end, following


def _block(block_starts: list[int], position: int) -> int:
    return bisect_right(block_starts, position)


def _groups(text: str, codes: list[_Code], block_starts: list[int]) -> list[list[_Code]]:
    """Codes that share one row: consecutive codes with only connectors between them."""
    groups: list[list[_Code]] = []
    for code in codes:
        same_kind = bool(groups) and (groups[-1][-1].code == "OTHER") == (code.code == "OTHER")
        between = text[groups[-1][-1].end : code.start] if groups else ""
        # NOTE: codes in blocks of their own with nothing between them (a column of codes printed apart from its
        # table) are rows of their own; a list of codes wrapped onto the next line goes on after a comma.
        apart = (
            bool(groups)
            and not between.strip()
            and _block(block_starts, groups[-1][-1].start) != _block(block_starts, code.start)
        )
        if groups and same_kind and _CONNECTOR.match(between) and not apart:
            groups[-1].append(code)
        else:
            groups.append([code])
    return groups


def _is_reverse(text: str, groups: list[list[_Code]], region_end: int) -> bool:
    """Whether the index prints section -> codes rather than code -> description and location.

    Each row votes on its own line (a table row, or a line of an index flattened by a PDF export): a forward row
    goes on after its codes (the description, the pages); a reverse row has said everything before them, and only
    other frameworks' codes (GRI 305-1) follow.
    """
    forward = reverse = 0
    for number, group in enumerate(groups):
        if group[0].code == "OTHER":
            continue
        previous_end = groups[number - 1][-1].end if number else 0
        next_start = groups[number + 1][0].start if number + 1 < len(groups) else region_end
        line_start = max(text.rfind("\n", 0, group[0].start) + 1, previous_end)
        line_end = text.find("\n", group[-1].end)
        after = text[group[-1].end : min(line_end if line_end >= 0 else region_end, next_start)]
        before = text[line_start : group[0].start]
        if _substantive(after):
            forward += 1
        elif _substantive(before):
            reverse += 1
    return reverse > forward


_OTHER_CODES = re.compile(r"(?:gri\s?)?\d{3}-\d{1,2}|[a-z]{2}-[a-z]{2}-\d{3}[a-z]?\.?\d*")


def _substantive(piece: str) -> bool:
    """Whether a piece of an index row says something (words), beyond codes, numbers and punctuation."""
    rest = _OTHER_CODES.sub(" ", piece)
    letters = sum(2 if "\u3400" <= ch <= "\u9fff" else 1 for ch in rest if ch.isalpha())
    return letters >= 4


def _reverse_section(before: str) -> list[str]:
    lines = [line.strip(" .;；,，") for line in re.split(r"[\n;；]", before) if line.strip(" .;；,，")]
    if not lines:
        return []
    name = re.sub(r"(?:(?:gri\s*)?\d{3}-\d{1,2}|[a-z]{2}-[a-z]{2}-\d{3}[a-z.\d]*)[,;\s]*", "", lines[-1], flags=re.I)
    return [" ".join(name.split())[-80:]] if name.strip() else []


def _without_running(document: Document, start: int, end: int) -> str:
    """The original text between two offsets, without the running headers and footers that fall inside it."""
    parts = []
    for block in document.blocks:
        if block.span[1] <= start or block.span[0] >= end or block.running:
            continue
        if len(block.text) <= 160 and is_index_title(running_key_text(fold(block.text).text)):
            continue  # NOTE: the index's own title repeated as a page header carries that page's folio
        parts.append(document.text[max(start, block.span[0]) : min(end, block.span[1])])
    return "\n".join(part for part in parts if part.strip())


def _explanation(row: str) -> str | None:
    """The clause of the row that gives a reason instead of a disclosure, as printed."""
    folded = fold(row)
    match = _EXPLANATION.search(folded.text)
    if match is None:
        return None
    start, end = folded.to_original(match.start(), match.end())
    left = max(row.rfind(mark, 0, start) for mark in (".", "。", "\n", ";", "；"))
    rights = [p for p in (row.find(mark, end) for mark in (".", "。", "\n", ";", "；")) if p >= 0]
    right = min(rights) + 1 if rights else len(row)
    return " ".join(row[left + 1 : right].split())[:300] or None


def _with_notes(explanation: str | None, row: str, notes: list[Note], row_start: int) -> str | None:
    """The row's explanation with the notes its markers point to ("N/A Note1" and "Note 1: ... not applicable ...").

    A note that gives no reason (a definition, a data boundary) explains nothing unless the row itself does.
    """
    texts = []
    for number in markers(row):
        note = note_for(notes, number, row_start)
        if note is not None and (explanation or _EXPLANATION.search(fold(note.text).text)):
            texts.append(note.text)
    if not texts:
        return explanation
    return " ".join([explanation or "", *texts]).strip()[:EXPLANATION_MAX_CHARS]
