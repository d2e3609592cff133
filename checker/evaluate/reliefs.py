"""Claimed reliefs: in the issuer profile, or stated in the draft; an omission a claimed relief covers is explained.

A relief is declared once per pack (``relief "name" "reason" stated: expr``). The issuer claims it in its profile
(``--relief``), or the draft claims it itself: where the declaration's ``stated:`` expression holds ("As permitted in
the first year of application, Scope 3 emissions are not disclosed", "依首年過渡性豁免，本年度暫不揭露範疇三"), the
relief is claimed for that audit exactly as if the profile named it.

A requirement with a claimed ``relief`` is still judged: disclosed in full it is ``covered``; otherwise the relief is
the reason for the omission, and the verdict is ``explained`` with the draft's statement of the relief as its
evidence, or none when only the profile claims it (the message says so). The paragraph that grants a relief
(``grants``: IFRS S2 C3, C4(a), C4(b), C5, B24) is ``explained`` where the draft states the relief, since the
relief is the reason for what it leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.evaluate.compile import CompiledRequirement
from checker.evaluate.evidence import EvidenceBuilder
from checker.evaluate.index import DocumentIndex
from checker.evaluate.predicates import Match
from checker.report.model import Evidence, Profile

MAX_STATEMENTS = 3


@dataclass(frozen=True)
class Statement:
    """Where the draft states a relief: the passages, and the (folded) extents of the paragraphs that hold them."""

    passages: tuple[Evidence, ...]
    extents: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ReliefClaim:
    """A relief claimed for one requirement: its name and reason, and where the draft states it (if it does)."""

    name: str
    reason: str
    statements: tuple[Evidence, ...]
    extents: tuple[tuple[int, int], ...] = ()

    def outside_statement(self, match: Match) -> Match:
        """``match`` less the hits that touch a paragraph stating the relief.

        NOTE: the paragraph that invokes a relief names the item it leaves out, and often the plan for it ("we are
        building a Scope 3 inventory and expect it to include category 1 ...", "我們正收集類別1 ... 的數據"): that is
        the explanation, not a disclosure, so no element is met by it (not even by a figure of another scope within
        reach of its "Scope 3").
        """
        if not self.extents or not match.ok:
            return match
        kept = tuple(
            hit
            for hit in match.hits
            if not any(start < end_ and start_ < end for start, end in hit.parts for start_, end_ in self.extents)
        )
        return match if len(kept) == len(match.hits) else Match(bool(kept), kept)

    def message(self, missing: list[str]) -> str:
        """The finding's message: the relief, where it was found claimed, its reason and what it leaves out.

        NOTE: read back by its shape in ``checker.report.localize``; change both together.
        """
        if self.statements:
            head = f"Relief '{self.name}' stated in the draft on page {self.statements[0].page}: {self.reason}"
        else:
            head = f"Relief '{self.name}' claimed in the issuer profile: {self.reason}"
        return head + (f"; not disclosed: {'; '.join(missing)}." if missing else ".")


def stated_reliefs(
    req: CompiledRequirement, index: DocumentIndex, cache: dict[int, Match], evidence: EvidenceBuilder
) -> dict[str, Statement]:
    """The reliefs the requirement depends on that the draft states, each with the passages that state it.

    NOTE: read in the whole body (a relief is stated once, often in the basis of preparation, for every item it
    covers); contents, content indexes and restated requirements are no statement, as they are no evidence.
    """
    found: dict[str, Statement] = {}
    for name, predicate in req.stated:
        match = predicate.evaluate(index, cache)
        if match.ok:
            blocks = sorted({hit.block for hit in match.hits})
            extents = tuple((index.blocks[b].start, index.blocks[b].end) for b in blocks)
            found[name] = Statement(tuple(evidence.passages(match.hits, None, MAX_STATEMENTS)), extents)
    return found


def claimed_relief(req: CompiledRequirement, profile: Profile, stated: dict[str, Statement]) -> ReliefClaim | None:
    """The first of the requirement's reliefs that is claimed (in the profile or stated in the draft), or None."""
    for relief in req.spec.reliefs:
        if relief.name in stated or relief.name in profile.reliefs:
            reason = relief.reason or req.pack.reliefs[relief.name].reason
            statement = stated.get(relief.name)
            if statement is None:
                return ReliefClaim(relief.name, reason, ())
            return ReliefClaim(relief.name, reason, statement.passages, statement.extents)
    return None


def granted_relief(req: CompiledRequirement, passages: list[Evidence]) -> ReliefClaim | None:
    """For the paragraph that grants a relief (``grants``): the relief, stated where its elements were found."""
    name = req.spec.grants
    if name is None:
        return None
    return ReliefClaim(name, req.pack.reliefs[name].reason, tuple(passages))
