"""Small counts that reports spell out: "two customer complaints", "one case was concluded".

The quantity scan (``quantities.scan_folded``) searches the zones around digits; English number words have none, so
they are found here, from the nouns that KPIs count. Chinese numerals before a classifier (两宗, 三起) are digits to the
zone scan and are read there.
"""

from __future__ import annotations

import re

_WORD_VALUES = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], start=1
    )
}
# NOTE: a small count spelled out before what it counts ("two complaints", "one case was concluded"): reports write
# counts under thirteen in words. Only nouns that are counted in KPIs, so "one of our suppliers" stays a phrase.
_WORD_COUNT = re.compile(
    rf"(?<![a-z-])(?P<w>{'|'.join(_WORD_VALUES)}) (?:(?:new|further|more|minor|major|serious|legal|reportable|"
    r"work-related|lost-time|product|customer|corruption|bribery|quality|assay|concluded|closed|pending|confirmed|"
    r"substantiated)[ -]){0,2}"
    r"(?:cases?|complaints?|incidents?|accidents?|fatalit(?:y|ies)|injur(?:y|ies)|lawsuits?|recalls?|prosecutions?|"
    r"convictions?|grievances?|disputes?|claims?)(?![a-z])"
)


_COUNTED_STEMS = (
    " case",
    " complaint",
    " incident",
    " accident",
    " fatalit",
    " injur",
    " lawsuit",
    " recall",
    " prosecution",
    " conviction",
    " grievance",
    " dispute",
    " claim",
)
_LONGEST_LEAD = len("twelve reportable work-related ")


def word_counts(folded: str) -> list[tuple[float, int, int]]:
    """(value, start, end) of each small count spelled out in folded English text, in text order."""
    # NOTE: the counted nouns are rarer than the number words ("one", "ten" in "often"), so find each noun with
    # str.find and try the pattern in the few characters before it: a regex scan of every position cost 7.5 ms on a
    # 450,000-character report, this about half of that
    starts: set[int] = set()
    for stem in _COUNTED_STEMS:
        at = folded.find(stem)
        while at >= 0:
            lead = max(0, at - _LONGEST_LEAD)
            for m in _WORD_COUNT.finditer(folded, lead, at + len(stem) + 12):
                starts.add(m.start())
            at = folded.find(stem, at + 1)
    # NOTE: each start is matched again without the window's end: cut at the window, "incidents" can end as "incident"
    hits = []
    for start in sorted(starts):
        found = _WORD_COUNT.match(folded, start)
        if found is not None:
            hits.append((float(_WORD_VALUES[found["w"]]), found.start(), found.end()))
    return hits
