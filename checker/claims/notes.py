"""Notes under an index table, and the rows that point to them.

An index row may give its reason in a note rather than in its own cell: the row prints a marker ("N/A (Note 1)",
"不適用（註1）", "Note2", a superscript "N/A¹") and the note sits below the table ("Note 1: The indicator is not
applicable since ...", "註1：本集團不生產製成品", "¹ Our offices use no packaging"). A note is told by its marker
opening a line; a block that opens "Notes:" / "註：" numbers its notes "1." / "(1)" / "1)". The row's explanation is
its own words ("N/A") with the note it points to; a note that gives no reason is no explanation.

The notes of a region are its own blocks' and those of the few blocks right after it (a table's notes follow it).
When several tables of one region each number their notes from 1, a row takes the first such note after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.ingest.document import Block

# NOTE: matched on the original text: a superscript folds to a plain digit, which would read as a page. A text
# export may run a table's notes into one paragraph ("Notes: 1. ... 2. ..."), so a note also starts after a sentence.
_WORD = r"(?:notes?|註|注|附註|附注|備註|备注)"
_AFTER_SENTENCE = r"(?:^|(?<=[.。;；:：!?！？]\s)|(?<=[.。;；:：！？]))[ \t]*"
_DEFINITION = re.compile(
    rf"(?im){_AFTER_SENTENCE}(?:{_WORD}[ \t]*(\d{{1,2}})[ \t]*[:：.．、)）]|[(（]?(\d{{1,2}})[)）.．、](?=[ \t]*\S))"
    r"|^[ \t]*([¹²³⁴⁵⁶⁷⁸⁹]+)(?=[ \t]*\S)"
)
_NOTES_HEADING = re.compile(rf"(?im)^[ \t]*{_WORD}[ \t]*[:：]?[ \t]*$|^[ \t]*{_WORD}[ \t]*[:：][ \t]*(?=\S)")
_MARKER = re.compile(
    rf"(?i)[(（]?\b{_WORD}[ \t]*(\d{{1,2}})(?!\d)[)）]?|(?<=\w)([¹²³⁴⁵⁶⁷⁸⁹]+)|(?<=[\u4e00-\u9fff])({_WORD}\d{{1,2}})"
)
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")
NOTE_BLOCKS_AFTER = 8  # a table's notes follow it within this many blocks
NOTE_MAX_CHARS = 400


@dataclass(frozen=True)
class Note:
    """One note below an index table: its number, its text as printed, and where it starts."""

    number: str
    text: str
    start: int  # offset in Document.text
    end: int


def notes_of(text: str, blocks: list[Block], region: list[int]) -> list[Note]:
    """The notes in a region's blocks and in the blocks right after it, in document order."""
    last = region[-1]
    chosen = [*region, *range(last + 1, min(len(blocks), last + 1 + NOTE_BLOCKS_AFTER))]
    notes: list[Note] = []
    under_heading = False  # NOTE: "1. ..." numbers a note only under a "Notes:" heading, not in a list or chapter
    for i in chosen:
        block = blocks[i]
        if block.running:
            continue
        body = text[block.span[0] : block.span[1]]
        numbered = under_heading or bool(_NOTES_HEADING.search(body))
        starts = [m for m in _DEFINITION.finditer(body) if m.group(2) is None or numbered]
        under_heading = numbered and (bool(starts) or bool(_NOTES_HEADING.search(body)))
        for number, match in enumerate(starts):
            worded, bare, superscript = match.groups()
            stop = starts[number + 1].start() if number + 1 < len(starts) else len(body)
            line_end = body.find("\n", match.end())
            stop = min(stop, line_end) if line_end >= 0 and not numbered else stop
            printed = " ".join(body[match.start() : stop].split())[:NOTE_MAX_CHARS]
            label = worded or bare or (superscript or "").translate(_SUPERSCRIPTS)
            notes.append(Note(label, printed, block.span[0] + match.start(), block.span[0] + stop))
    return notes


def markers(row: str) -> list[str]:
    """The note numbers a row points to ("Note 1", "(註2)", "N/A¹")."""
    found = []
    for match in _MARKER.finditer(row):
        worded, superscript, glued = match.groups()
        number = worded or (superscript or "").translate(_SUPERSCRIPTS) or re.sub(r"\D", "", glued or "")
        if number and number not in found:
            found.append(number)
    return found


def note_for(notes: list[Note], number: str, row_start: int) -> Note | None:
    """The note a row's marker points to: the first with that number after the row, else the last before it."""
    same = [note for note in notes if note.number == number]
    after = [note for note in same if note.start >= row_start]
    return after[0] if after else (same[-1] if same else None)


def without_notes(row: str) -> str:
    """A row's text up to the first note it runs into (the last row of a table runs on into the table's notes)."""
    cuts = [m.start() for m in _DEFINITION.finditer(row) if m.group(2) is None]
    cuts += [m.start() for m in _NOTES_HEADING.finditer(row)]
    return row[: min(cuts)] if cuts else row


_SUPERSCRIPT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹]+")


def plain(row: str) -> str:
    """A row without its superscript markers, so that "48¹" is page 48 (and not 481 once folded)."""
    return _SUPERSCRIPT.sub(" ", row)


def is_note(block_text: str) -> bool:
    """Whether a block is a note below a table ("Note 2: ...", "註1：...", "¹ ..."), however long."""
    match = _DEFINITION.match(block_text.lstrip())
    return match is not None and match.group(2) is None and len(block_text) <= NOTE_MAX_CHARS * 2
