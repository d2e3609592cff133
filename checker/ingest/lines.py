"""Re-join the hard line breaks that PDF layout (and text copied out of PDFs) puts inside sentences."""

from __future__ import annotations

import re

from checker.ingest.normalize import is_cjk

_HYPHENATED = re.compile(r"[A-Za-z]-$")
_BULLETS = ("・", "•", "●", "○", "■", "□", "◆", "▪", "‧", "※", "- ", "* ", "– ")


def join_wrapped_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph into one string.

    - between two CJK characters: nothing (a line wrap never means a space in Chinese);
    - after an English word broken with a hyphen (``sustain-`` / ``ability``): drop the hyphen;
    - otherwise: one space.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if is_cjk(out[-1]) and is_cjk(line[0]):
            out += line
        elif _HYPHENATED.search(out[-2:]) and line[0].islower():  # NOTE: the tail only, not the whole paragraph
            out = out[:-1] + line
        elif is_cjk(out[-1]) or is_cjk(line[0]):
            # NOTE: "2024 年" / "AI+ 安全": mixed CJK and Latin across a wrap; a space would be invented, but dropping
            # it would glue words ("Group集團"); keep no space only when one side is CJK punctuation.
            out += line if is_cjk_punct(out[-1]) or is_cjk_punct(line[0]) else " " + line
        else:
            out += " " + line
    return out


def is_cjk_punct(ch: str) -> bool:
    """Whether ``ch`` is CJK punctuation (full-width stops, commas, brackets and quotes)."""
    return 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFF0F or ch in "，。；：、！？（）「」『』《》【】"


def starts_list_item(line: str) -> bool:
    """True when a line starts with a bullet or a list number such as ``1.`` / ``(a)`` / ``一、``."""
    stripped = line.lstrip()
    if stripped.startswith(_BULLETS):
        return True
    # NOTE: "1. Text" is a list item but "51.93%" is not, so a "." or ")" marker needs a space after it.
    return bool(re.match(r"^(?:\(?\d{1,2}[.)]\s+|\d{1,2}、\s*|\([a-z]\)\s*|[一二三四五六七八九十]+、\s*)\S", stripped))
