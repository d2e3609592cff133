"""Where an index row says its disclosure is: printed pages, numbered sections, sections named by their heading.

Read on a row's text after its code: "48-49", "04,07", "85-89" are pages, but not "Scope 1", "305-1", a chapter's
number before its title ("3. Our Environment") or a thousands figure; "5.4 Customer Service" and a bare "5.4" are
sections; a cell or line that is one or more of the report's own headings names sections ("Performance Data
Summary", "Products and Services; Employment Management").
"""

from __future__ import annotations

import re

from checker.ingest.document import BlockKind, BlockRole, Document
from checker.ingest.normalize import fold

_PAGE = re.compile(
    r"(?<![\d.,%’'/a-z])(\d{1,3})(?:\s*[-–~至]\s*(\d{1,3}))?(?![\d%°℃]|\.\d|,\d{3}(?!\d)|\s*(?:年|%|tco2|kwh)|\s*[,，]\s*(?:page|p\.|页))"
)
# NOTE: "3. Our Environment" is a chapter, not page 3: a number that opens a segment and is followed by a title.
_CHAPTER_AFTER = re.compile(r"\.\s*[a-z\u4e00-\u9fff]")
_PAGE_LIST_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d))")
_ENUMERATION_AFTER = re.compile(r"\.\s*[\u4e00-\u9fff]")
_SEGMENT_START = re.compile(r"(?:^|[\n;；|•·]|\s{2,})\s*$")
_NOT_PAGE_BEFORE = re.compile(r"(?:scope|category|categories|范围|范畴|类别|part|aspect|层面|kpi|gri|notes?|注)\s*$")
_SECTION = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+([^\d•\n|]{2,50}?)(?=\s*(?:•|\n|\||$|\d|[.。;；]))")


def pages_in(row: str) -> list[str]:
    """The printed pages a row cites, as printed ("48-49", "04", "07")."""
    # NOTE: "04,07" lists two pages; a comma before three digits ("1,234") is a thousands separator.
    row = _PAGE_LIST_COMMA.sub(", ", row)
    pages: list[str] = []
    for match in _PAGE.finditer(row):
        before = row[max(0, match.start() - 12) : match.start()]
        if _NOT_PAGE_BEFORE.search(before):
            continue
        if _CHAPTER_AFTER.match(row, match.end()) and _SEGMENT_START.search(row[: match.start()]):
            continue
        if _ENUMERATION_AFTER.match(row, match.end()):
            continue  # NOTE: "1. 第一道防線…", "5. 氣候風險情境分析": a Chinese item or chapter number, never a page
        first, last = match.group(1), match.group(2)
        if int(first) == 0 or (last and int(last) < int(first)):
            continue  # NOTE: "305-1" is a GRI disclosure, not pages 305 to 1
        pages.append(f"{first}-{last}" if last else first)
    return pages


# A section cited by name only ("... KPI A1.1 Environmental Management", "Performance Data Summary") is one of
# the report's own headings; a name this short would match inside any description.
SECTION_NAME_MIN_CHARS = 8
SECTION_NAME_MAX_CHARS = 80
SECTION_NAME_LINES = 3  # the row's own line(s): a flattened row's location may sit on the line after its description
_NAME_SEPARATORS = re.compile(r"\s*[;；、/]\s*")
_NAME_EDGES = re.compile(r"^[\s.。:：,，\-–—•·]+|[\s.。:：,，\-–—•·\d]+$")
_WORD = re.compile(r"[^\W_]")
_CAPITALS_TITLE = re.compile(r"^[A-Z][A-Z&,'’ -]{5,58}[A-Z]\.?$")


def heading_names(document: Document) -> dict[str, str]:
    """The report's body headings, folded -> as printed (the names an index may cite a section by)."""
    names: dict[str, str] = {}
    for block in document.blocks:
        # NOTE: a chapter's title printed as its pages' header names a section too, whether or not it heads one.
        chapter_header = block.role is BlockRole.RUNNING and (block.role_reason or "").startswith("the chapter's title")
        # NOTE: a line in capitals standing alone ("PERFORMANCE DATA SUMMARY") is a title a text export left unstyled.
        capitals = block.role is BlockRole.BODY and _CAPITALS_TITLE.match(block.text.strip()) is not None
        if not (chapter_header or capitals) and (
            block.kind is not BlockKind.HEADING or block.role is not BlockRole.BODY
        ):
            continue
        printed = " ".join(block.text.split()).strip(" .。:：")
        key = fold(printed).text.strip(" .。:：")
        width = sum(2 if "\u3400" <= ch <= "\u9fff" else 1 for ch in key)
        if SECTION_NAME_MIN_CHARS <= width <= SECTION_NAME_MAX_CHARS and not key.isdigit():
            names.setdefault(key, printed)
    return names


def named_sections(folded_row: str, headings: dict[str, str]) -> list[str]:
    """The headings a row cites by name: cells (or lines of a flattened row) that are one or more heading names.

    NOTE: a cited location fills its cell or line ("Employment Management.", "Products and Services; Employment
    Management", "Performance Data Summary 59"); a heading's name inside a description ("the types of emissions")
    or in the next row's text does not.
    """
    found: list[str] = []
    # NOTE: a line of punctuation only (the "." a flattened cell leaves behind) is no line of the row's.
    lines = [line for line in folded_row.strip().split("\n") if _WORD.search(line)][:SECTION_NAME_LINES]
    cells = [c for line in lines for c in line.split("|")]
    # NOTE: a row flattened onto one line ends with its location: "Types of emissions data. Performance Data Summary".
    cells += [c.rsplit(". ", 1)[1] for c in cells if ". " in c.strip(" .")]
    for cell in cells:
        names = [_NAME_EDGES.sub("", part) for part in _NAME_SEPARATORS.split(cell)]
        if names and all(name in headings for name in names if name) and any(names):
            found += [headings[name] for name in names if name and headings[name] not in found]
    if not found and lines:
        # NOTE: an index combined with GRI, flattened with no breaks, runs the location straight after the code and
        # the next row's description after it ("KPI B5.1 Supply Chain Management Significant changes to ...").
        opening = lines[0].strip(" .。:：,，;；|-–—•·")
        for key in sorted(headings, key=len, reverse=True):
            if opening.startswith(key) and not opening[len(key) : len(key) + 1].isalnum():
                found.append(headings[key])
                break
    return found[:6]


_BARE_SECTION = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2}){0,2})(?=\s*(?:[,;，；|]|page\b|p\.|$))", re.I)


def sections_in(original_row: str) -> list[str]:
    """The numbered sections a row cites ("5.4 Customer Service", "5.4")."""
    named = [f"{m.group(1)} {m.group(2).strip()}" for m in _SECTION.finditer(original_row)]
    numbers = {name.split(" ", 1)[0] for name in named}
    bare = [m.group(1) for m in _BARE_SECTION.finditer(original_row) if m.group(1) not in numbers]
    return [*named, *bare][:6]
