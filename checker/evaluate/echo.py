"""Requirement echo against the loaded rule packs: short blocks that restate a requirement's own wording.

The structure pass finds requirement wording by its voice ("Describe ...", "銀行應...", "KPI B2.1 ...", "the
issuer"). A restated requirement can also come without any of those: an index cell "Number and rate of
work-related fatalities in each of the past three years", a section title that is the recommendation itself. Such a
block shares most of its word sequences with one requirement's title and adds little of its own. Only near-verbatim
restatements count: a block at most ``MAX_LENGTH_RATIO`` times the title's length, covering ``MIN_CONTAINMENT``
of the title's word trigrams, with no figure and no first person. A sentence that answers the requirement
("The Board oversees climate-related risks and opportunities through its Risk Committee, which meets quarterly")
carries its own content and stays evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from checker.ingest.normalize import fold_term

SHINGLE = 3
MIN_CONTAINMENT = 0.7
MAX_LENGTH_RATIO = 1.5
MAX_BLOCK_CHARS = 320
MIN_TITLE_SHINGLES = 4
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b|本集团|本公司|本行|我们|我行")
# NOTE: codes and section numbers are part of a restated requirement; any other digit is a figure or a year, which
# a restatement does not carry ("Lost days due to work injuries (day) 336 6,773").
_CODES = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?|(?:kpi\s*)?[ab][1-8]\.\d{1,2}|\b[ab][1-8]\b")
_DIGIT = re.compile(r"\d")
# A title's clauses: a KPI asking for several things lists them between commas or semicolons.
_CLAUSE = re.compile(r"[,;，；、]")
_CLAUSE_MARK = "#clause"


def _tokens(folded: str) -> list[str]:
    return _WORD.findall(folded)


def shingles(folded: str) -> set[tuple[str, ...]]:
    """Word trigrams (English) and character trigrams (Chinese) of folded text."""
    tokens = _tokens(folded)
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


class RequirementWording:
    """The titles of the loaded requirements, indexed by trigram for fast comparison with short blocks."""

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        """Index ``(requirement id, title)`` pairs; titles shorter than a few trigrams are left out."""
        self.sizes: dict[str, int] = {}
        self.lengths: dict[str, int] = {}
        self.postings: dict[tuple[str, ...], set[str]] = {}
        for requirement_id, title in titles:
            folded = fold_term(title)
            # NOTE: a heading often quotes one clause of a KPI that asks for several ("Description of whether there
            # is any issue in sourcing water that is fit for purpose" of A2.4's three), so each clause is a wording
            # of its own, under a key that names its requirement.
            clauses = [folded, *(c for c in _CLAUSE.split(folded) if c.strip() != folded.strip())]
            for number, clause in enumerate(clauses):
                grams = shingles(clause)
                if len(grams) < MIN_TITLE_SHINGLES:
                    continue
                key = requirement_id if number == 0 else f"{requirement_id}{_CLAUSE_MARK}{number}"
                self.sizes[key] = len(grams)
                self.lengths[key] = len(_tokens(clause))
                for gram in grams:
                    self.postings.setdefault(gram, set()).add(key)

    def echoed(self, folded_block: str) -> str | None:
        """The requirement whose title the block restates near-verbatim, or None."""
        if not self.postings or len(folded_block) > MAX_BLOCK_CHARS:
            return None
        # NOTE: removing the codes adds no digit, so only a block with a digit needs them removed (~half of them)
        if _FIRST_PERSON.search(folded_block) or (
            _DIGIT.search(folded_block) and _DIGIT.search(_CODES.sub(" ", folded_block))
        ):
            return None
        tokens = _tokens(folded_block)  # NOTE: once: the trigrams and the length are both read from them
        grams = {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
        if not grams:
            return None
        counts: Counter[str] = Counter()
        for gram in grams:
            for key in self.postings.get(gram, ()):
                counts[key] += 1
        length = len(tokens)
        for key, shared in counts.most_common(3):
            if shared >= MIN_CONTAINMENT * self.sizes[key] and length <= MAX_LENGTH_RATIO * self.lengths[key] + 2:
                return key.split(_CLAUSE_MARK, 1)[0]
        return None
