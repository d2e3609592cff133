"""The per-document index every predicate reads: folded text, blocks, sentences, term hits and quantities.

Built once per document for all packs being applied, so the text is folded once, every term of every rule is
found in one automaton pass, and quantities are parsed once.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

from checker.evaluate import index_ahead
from checker.evaluate.alias_hits import add_alias_hits
from checker.evaluate.echo import RequirementWording
from checker.evaluate.matcher import Term, TermMatcher
from checker.evaluate.shares import composition_quantities
from checker.evaluate.text_facts import SENTENCE_END, TextFacts, compute
from checker.evaluate.text_facts import QuantityHit as QuantityHit
from checker.evaluate.unit_captions import apply_unit_captions
from checker.ingest.collector import gc_paused as gc_paused
from checker.ingest.document import Block, BlockKind, Document
from checker.ingest.normalize import FoldedText, fold
from checker.structure.echo import attributed_requirements, speaks_as_issuer
from checker.structure.response_tables import RESPONSE_TABLE_REASON, echo_cell_spans

_SENTENCE_END = SENTENCE_END


@dataclass(frozen=True, slots=True)
class BlockInfo:
    """A block's place in the folded text and whether it may serve as evidence.

    NOTE: slotted: one per block, ~25,000 on 2,000 pages, and a per-instance ``__dict__`` tripled their size.
    """

    index: int
    page: int
    kind: BlockKind
    start: int
    end: int
    eligible: bool
    level: int | None
    headings: tuple[int, ...]


class DocumentIndex:
    """Everything the predicates need, computed once per document."""

    def __init__(self, document: Document, matcher: TermMatcher, wording: RequirementWording | None = None) -> None:
        """Fold, segment and match ``document`` with every term registered in ``matcher``.

        ``wording`` (the loaded requirements' titles) marks short blocks that restate a requirement near-verbatim
        as ineligible, beside the roles the structure pass gave.
        """
        with gc_paused():
            self._build(document, matcher, wording)

    def _build(self, document: Document, matcher: TermMatcher, wording: RequirementWording | None) -> None:
        self.document = document
        # NOTE: the audited report's financial year, from the profile, set by the judge (quantity(year, of=reporting))
        self.reporting_year: int | None = None
        self.matcher = matcher  # NOTE: kept to read the index's uncoded rows with the same terms (index_rows)
        self.folded: FoldedText = document.folded()
        text = self.folded.text
        blocks = document.blocks
        starts = [self.folded.to_folded(b.span[0]) for b in blocks]
        ends = [self.folded.to_folded(b.span[1]) for b in blocks]
        # NOTE: what may serve as evidence is decided per block by the structure pass (checker.structure), for
        # every format: contents, content indexes, restated requirements and running headers never disclose.
        excluded = {i for i, block in enumerate(blocks) if not block.evidence}
        self.echo_blocks: dict[int, str] = {}
        if wording is not None:
            for i, block in enumerate(blocks):
                if i not in excluded and block.kind is not BlockKind.TABLE:
                    echoed = wording.echoed(text[starts[i] : ends[i]])
                    if echoed is not None:
                        self.echo_blocks[i] = echoed
            excluded |= set(self.echo_blocks)
        self.blocks: list[BlockInfo] = []
        stack: list[tuple[int, int]] = []  # (level, block index) of the headings above the current block
        for i, block in enumerate(blocks):
            if block.kind is BlockKind.HEADING:
                level = block.level or 2
                while stack and stack[-1][0] >= level:
                    stack.pop()
            self.blocks.append(
                BlockInfo(
                    index=i,
                    page=block.page,
                    kind=block.kind,
                    start=starts[i],
                    end=ends[i],
                    eligible=i not in excluded,
                    level=block.level,
                    headings=tuple(h for _, h in stack),
                )
            )
            if block.kind is BlockKind.HEADING:
                stack.append((block.level or 2, i))
        self.captions = _table_captions(blocks, excluded)
        self.run_in_labels = _run_in_labels(text, blocks, starts, ends, excluded)
        self._masked = _restated_cells(blocks, text, starts, ends, excluded)
        self._masked_starts = [start for start, _ in self._masked]
        self.block_starts = starts
        # NOTE: per-document memo for predicate evaluation shared by every predicate (keys name their kind)
        self.memo: dict[Hashable, Any] = {}
        self.excluded_blocks = sorted(excluded)
        # NOTE: claimed only now: a helper computing the facts (index_ahead) had the echo checks above to finish in
        facts = self._text_facts(text, starts, matcher)
        # NOTE: a run-in title's full stop ends no sentence: "Hazardous waste. We produced 12.5 tonnes" states the
        # amount of the waste its title names, as "Hazardous waste: we produced 12.5 tonnes" does.
        title_ends = set(self.run_in_labels.values())
        self.sentence_starts = (
            [s for s in facts.sentence_starts if s not in title_ends] if title_ends else facts.sentence_starts
        )
        # NOTE: a sentence naming the standard as the one asking ("Part D asks whether ...") restates a requirement
        # inside the issuer's own paragraph: masked on its own, as a response table's restating cell is
        attributed = _attributed_sentences(text, self.sentence_starts, self.blocks)
        if attributed:
            self._masked = sorted([*self._masked, *attributed])
            self._masked_starts = [start for start, _ in self._masked]
        # NOTE: an ineligible block "ends" at -1, so no span (end >= 1) fits in it.
        self._usable_ends = [b.end if b.eligible else -1 for b in self.blocks]
        raw_hits = dict(facts.hits)
        # NOTE: the uses of a short name the report defines ("the Board Risk Committee (BRC)") hit the terms of
        # its full name; those hits are as long as the short name, kept here (every other hit is as long as its term)
        self.alias_lengths = add_alias_hits(document.text, self.folded, raw_hits, matcher)
        # NOTE: hits are kept as machine integers (4 bytes each), not tuples: a 2,000-page report has ~10^6 of
        # them. A term's hit at ``start`` spans [start, start + len(term.folded)); the block of every hit is found
        # once here (predicates used to bisect again for every hit). ``block_numbers`` gives each block's number as
        # one shared int object, so hits built from these arrays do not each carry their own.
        self.term_starts: dict[Term, array[int]] = {}  # NOTE: only terms with eligible hits
        self.term_blocks: dict[Term, array[int]] = {}
        self.block_numbers = list(range(len(self.blocks)))
        for term, at in raw_hits.items():
            if not at:
                continue
            size = len(term.folded)
            aliased = self.alias_lengths.get(term)
            if aliased:
                in_block = self._eligible_blocks(at, [start + aliased.get(start, size) for start in at])
            else:
                in_block = self._eligible_blocks(at, [start + size for start in at])
            if -1 in in_block:
                at = array(at.typecode, compress(at, [b >= 0 for b in in_block]))
                in_block = [b for b in in_block if b >= 0]
            if at:
                self.term_starts[term] = at
                self.term_blocks[term] = array("i", in_block)
        self.quantities: list[QuantityHit] = []
        self.quantity_blocks: list[int] = []
        # NOTE: a table's unit printed once above it ("TONNES", "單位：噸") types its bare figures.
        scanned = apply_unit_captions(text, self.blocks, facts.quantities)
        eligible = self._eligible_blocks([q.start for q in scanned], [q.end for q in scanned])
        # NOTE: a figure typed by its table's unit is still printed bare: quantity(number) keeps matching it
        bare: list[int] = []
        for quantity, printed, found in zip(scanned, facts.quantities, eligible, strict=True):
            if found >= 0:
                if quantity.kind != printed.kind and printed.kind == "number":
                    bare.append(len(self.quantities))
                self.quantities.append(quantity)
                self.quantity_blocks.append(found)
        self.typed_bare_quantities = bare
        self.change_quantities = _changes(text, self.quantities)
        self.rate_quantities = _rates(text, self.quantities)
        self.composition_quantities = composition_quantities(
            text, self.blocks, self.quantities, self.quantity_blocks, self.sentence_starts
        )

    def _eligible_blocks(self, starts: Sequence[int], ends: Sequence[int]) -> list[int]:
        """``_eligible_block`` for many spans at once (-1 for None), with one C-level bisect per span."""
        if not self.blocks:
            return [-1] * len(starts)
        usable = self._usable_ends
        found = [f - 1 if f else 0 for f in map(bisect_right, repeat(self.block_starts), starts)]
        blocks = [i if e <= usable[i] else -1 for i, e in zip(found, ends, strict=True)]
        if self._masked:
            blocks = [-1 if b >= 0 and self._masked_at(s) else b for b, s in zip(blocks, starts, strict=True)]
        return blocks

    def _masked_at(self, position: int) -> bool:
        """Whether ``position`` lies in a response table's cell that restates a requirement."""
        k = bisect_right(self._masked_starts, position) - 1
        return k >= 0 and position < self._masked[k][1]

    @staticmethod
    def _text_facts(text: str, starts: list[int], matcher: TermMatcher) -> TextFacts:
        """The sentences, term hits and quantities of ``text``, the same wherever they were computed.

        From the helper that computed them while the structure pass ran (``index_ahead``), else computed here.
        """
        facts = index_ahead.claim(text, matcher)
        if facts is None or facts.block_starts != starts:
            facts = compute(text, starts, matcher)
        return facts

    def block_at(self, position: int) -> int:
        """Index of the block containing folded ``position``."""
        return max(0, bisect_right(self.block_starts, position) - 1)

    def sentence_at(self, position: int) -> int:
        """Ordinal of the sentence containing folded ``position``."""
        return bisect_right(self.sentence_starts, position) - 1

    def sentence_bounds(self, position: int) -> tuple[int, int]:
        """Folded [start, end) of the sentence containing ``position``, clipped to its block."""
        ordinal = self.sentence_at(position)
        block = self.blocks[self.block_at(position)]
        start = max(self.sentence_starts[ordinal], block.start)
        end = self.sentence_starts[ordinal + 1] if ordinal + 1 < len(self.sentence_starts) else block.end
        return start, min(end, block.end)

    def _eligible_block(self, start: int, end: int) -> int | None:
        """The block of an evidence-eligible span, or None when the span may not serve as evidence."""
        if not self.blocks:
            return None
        index = self.block_at(start)
        block = self.blocks[index]
        if self._masked and self._masked_at(start):
            return None
        return index if block.eligible and end <= block.end else None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span back to offsets in ``document.text``."""
        return self.folded.to_original(start, end)


# NOTE: a figure is a change, not a level, when a verb or noun of change binds to it: "saved 170,000 kWh",
# "reduced by 12%", "a reduction of 950 t", "節省用電17萬千瓦時", "減少 12%", "10% lower than". The English words
# must stand whole: "up" inside "occupied" or "Group", "cut" inside "executive", "less" inside "unless" are no change
# ("energy use across our occupied estate was 91,921 MWh" is a level).
_CHANGE_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:sav(?:e|ed|es|ing|ings)|reduc(?:e|ed|es|ing|tion|tions)|cut(?:s|ting)?|avoid(?:ed|s|ing)?"
    r"|decreas(?:e|ed|es)|increas(?:e|ed|es)|lower(?:ed)?|declin(?:e|ed)|drop(?:ped)?|fell|grew|rose|down|up|less|more"
    r"|abated)(?![A-Za-z])"
    r"|节省|节约|减少|降低|下降|减排|减碳|增加|提升|上升|增长|节能|节水|较上年|同比)"
    r"[^.;。；\n\d]{0,24}$"
    r"|\bby\s+(?:about\s+|approximately\s+|around\s+|nearly\s+|over\s+|some\s+|roughly\s+|almost\s+)?$"
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:reduction|reductions|savings?|saved|less(?![A-Za-z])|lower|fewer|more(?![A-Za-z])|higher|below|above"
    r"|decrease|increase|drop|year[- ]on[- ]year|yoy|compared)"
    r"|^\s*[^.,，;。；\n\d]{0,6}(?:减少|下降|降低|节省|增加|提升|减排)"
)


# NOTE: "reducing water use by 1,000 t a store, for a total of 490,000 t": a total that sums up the change just
# before it in the same sentence is a change too.
_RUNNING_TOTAL = re.compile(
    r"(?:for a total of|totall?ing|amounting to|adding up to|in total|累计|合计|共计|总计)\s*(?:about\s+|约)?$"
)


# NOTE: a unit over another unit is a rate, not an amount: a grid factor "0.5703 tCO2/MWh" (吨二氧化碳/兆瓦时), an
# intensity "0.28 tCO2e/萬元", "12 kWh per m2". Per year (/yr, 每年) still states an annual amount.
_RATE_AFTER = re.compile(r"\s*(?:/|／|per\s+|每)(?!\s*(?:year\b|yr\b|annum\b|a\b|年|\d))")


def _rates(text: str, quantities: list[QuantityHit]) -> frozenset[int]:
    """Numbers of the quantities whose unit is divided by another: rates and intensities, never a level."""
    return frozenset(
        i
        for i, quantity in enumerate(quantities)
        if quantity.kind != "number" and _RATE_AFTER.match(text, quantity.end)
    )


# NOTE: every match of ``_CHANGE_BEFORE`` holds one of these words whole (its verbs and nouns of change by their
# stems, and "by"). ``_CHANGE_BEFORE`` opens with no fixed character, so the engine tries its ~30 alternatives at
# each of the 32 positions before a figure (~4 us a figure, ~20 ms for the 5,000 figures of a 200-page report);
# this pattern's alternatives all open with a literal, which the engine skips to in C, and nine figures in ten
# have none of its words before them.
_CHANGE_WORDS = re.compile(
    r"sav|reduc|cut|avoid|decreas|increas|lower|declin|drop|fell|grew|rose|down|up|less|more|abated"
    r"|节省|节约|减少|降低|下降|减排|减碳|增加|提升|上升|增长|节能|节水|较上年|同比|by"
)


def _changes(text: str, quantities: list[QuantityHit]) -> frozenset[int]:
    """Numbers of the quantities that measure a change rather than a level."""
    found = set()
    for i, quantity in enumerate(quantities):
        lead = max(0, quantity.start - 32)
        after = text[quantity.end : quantity.end + 24]
        if (
            # NOTE: searched in place, not in a slice, so that a word cut by the window's start ("occ|upied") is
            # seen whole by the pattern's look-behind
            (
                _CHANGE_WORDS.search(text, lead, quantity.start) is not None
                and _CHANGE_BEFORE.search(text, lead, quantity.start)
            )
            or _CHANGE_AFTER.match(after)
            or (
                i - 1 in found
                and _RUNNING_TOTAL.search(text, lead, quantity.start)
                and not _SENTENCE_END.search(text, quantities[i - 1].end, quantity.start)
            )
        ):
            found.add(i)
    return frozenset(found)


# NOTE: a caption is a short line that introduces the table: a title, or a line ending in a colon ("Workforce at 31
# December 2025 (shore staff and seafarers):", "按地區劃分的僱員人數"). A sentence before a table ("At year end we
# employed 12,486 people (excluding dispatched workers).") says something of its own, not what the table counts.
CAPTION_MAX_CHARS = 200
_CAPTION_STOPS = (".", "。", "!", "！", "?", "？", ";", "；")
# NOTE: a list's intro may close a paragraph ("... Two members completed climate training. In 2025 the Committee:");
# the paragraph is about what the list continues.
LIST_INTRO_MAX_CHARS = 600


def _table_captions(blocks: Sequence[Block], excluded: set[int]) -> dict[int, int]:
    """Table or list-item block -> the line printed above it that says what the table counts or the list is about.

    A table often names its subject only in the line above it ("Workforce at 31 December 2025 (...):" over rows of
    "Male | 3,612"); ``under()`` reads that line as the table's own heading, as it reads a section's heading for
    the section. Only a body paragraph (or a numbered title, read as a list item) on the same page, directly before
    the table, short and not a sentence; for a list, the short paragraph ending in a colon that introduces it.
    """
    found: dict[int, int] = {}
    intro: int | None = None  # NOTE: the line ending in a colon that introduces the current run of list items
    for i in range(1, len(blocks)):
        block, above = blocks[i], blocks[i - 1]
        if block.kind is BlockKind.LIST_ITEM:
            # NOTE: "In 2025 the Committee:" then "- approved ...", "- reviewed ...": each item finishes the intro's
            # sentence, so the intro heads every item of the list, as a caption heads a table.
            if above.kind is not BlockKind.LIST_ITEM:
                text = above.text.rstrip()
                fits = above.kind is BlockKind.PARAGRAPH and i - 1 not in excluded and len(text) <= LIST_INTRO_MAX_CHARS
                intro = i - 1 if fits and text.endswith((":", "：")) else None
            if intro is not None:
                found[i] = intro
            continue
        intro = None
        if (
            block.kind is BlockKind.TABLE
            # NOTE: a numbered table title ("2. 雇员数据（截至…）", "3. Workforce at 31 December") reads as a list item
            and above.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
            and above.page == block.page
            and i - 1 not in excluded
            and _caption_length(above.text) <= CAPTION_MAX_CHARS
            and not above.text.rstrip().endswith(_CAPTION_STOPS)
        ):
            found[i] = i - 1
    return found


def _caption_length(text: str) -> int:
    """A caption's length without the definition it may close with in brackets.

    NOTE: "Employee turnover rate 2025 (leavers divided by average headcount; staff who moved with the sold subsidiary
    are not counted)" is a table's title and the definition of its figures: the title is what heads the table.
    """
    stripped = text.rstrip()
    if stripped.endswith((")", "）")):
        opening = min((at for at in (stripped.find("("), stripped.find("（")) if at > 0), default=-1)
        if opening > 0:
            return opening
    return len(stripped)


# NOTE: a paragraph may open with its own title, run in before a colon ("Intellectual property: our marks are
# registered ...", "內部碳價：本集團目前未設定內部碳價。", "平衡：本報告..."): ``under()`` reads the label as that
# paragraph's heading. A label is short, is not a sentence or a clause, and the paragraph goes on after it.
RUN_IN_MAX_CJK = 16
RUN_IN_MAX_LATIN = 40
RUN_IN_MAX_WORDS = 5
_RUN_IN = re.compile(r"[\s\-•·*]*([^:：。.!?！？;；,，\n]{1,40})[:：]\s*\S")
_CJK = re.compile(r"[\u4e00-\u9fff]")


# NOTE: an English paragraph may also open with a title that ends in a full stop, set in bold in the source
# ("Finding risks. We screen suppliers ...", "Remuneration. The short-term incentive ..."): a few capitalised words
# with no subject or verb of a sentence, then a new sentence.
# Five words, as a colon-ended label may have: "What it means for strategy." is a title, as "Capacity to adapt." is.
TITLED_LEAD_MAX_WORDS = 5
_TITLED_LEAD = re.compile(r"[\s\-•·*]*([A-Z][A-Za-z'&/ -]{1,40})\.\s+[A-Z(\"“]")
# NOTE: a title's first word is none of these: a sentence's subject or preposition, a verb, an honorific's abbreviation
_NOT_A_TITLE = frozenset(
    "we our the this that these those it its they their there in on at for no all a an each as by with from to "  # noqa: SIM905
    "is are was were has have had will may can prof messrs dept corp".split()
)


# NOTE: and a Chinese one ends in 。("處理方式。醬油粕全部出售予飼料廠", "產品回收。2025年3月，我們主動回收"):
# a short phrase with no clause in it, no subject of a sentence (本集團, 我們) and no negation that would make it an
# answer ("不適用。").
_CJK_TITLED_LEAD = re.compile(r"[\s\-•·*]*([\u4e00-\u9fff][\u4e00-\u9fff、及與与和/（）()A-Za-z0-9]{1,13})。\s*\S")
_CJK_NOT_A_TITLE = re.compile(r"^[不無无未沒没非]|本集團|本集团|我們|我们|本公司|公司|本行|本報告|本报告")


def _titled_lead(original: str) -> int:
    """Length of a full-stop run-in title opening ``original`` (with its full stop), or 0."""
    cjk = _CJK_TITLED_LEAD.match(original)
    if cjk is not None:
        return 0 if _CJK_NOT_A_TITLE.search(cjk.group(1)) else cjk.end(1) + 1
    match = _TITLED_LEAD.match(original)
    if match is None:
        return 0
    words = match.group(1).split()
    if not words or len(words) > TITLED_LEAD_MAX_WORDS or len(match.group(1)) < 4 or words[0].lower() in _NOT_A_TITLE:
        return 0
    if any(w.lower() in ("is", "are", "was", "were", "has", "have", "had", "will") for w in words):
        return 0
    return match.end(1) + 1


def _run_in_labels(
    text: str, blocks: Sequence[Block], starts: list[int], ends: list[int], excluded: set[int]
) -> dict[int, int]:
    """Paragraph or list-item block -> folded offset where its run-in title (up to and with the colon) ends."""
    found: dict[int, int] = {}
    for i, block in enumerate(blocks):
        if i in excluded or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        match = _RUN_IN.match(text, starts[i], min(ends[i], starts[i] + 60))
        if match is None:
            titled = _titled_lead(block.text)
            label = fold(block.text[:titled]).text if titled else ""
            if label and text.startswith(label, starts[i]):
                found[i] = starts[i] + len(label)
            continue
        label = match.group(1).strip()
        cjk = bool(_CJK.search(label))
        fits = (
            len(label) <= RUN_IN_MAX_CJK
            if cjk
            else (len(label) <= RUN_IN_MAX_LATIN and len(label.split()) <= RUN_IN_MAX_WORDS and not label[:1].isdigit())
        )
        if label and fits:
            found[i] = match.end(1) + 1
    return found


def _attributed_sentences(text: str, sentence_starts: list[int], blocks: Sequence[BlockInfo]) -> list[tuple[int, int]]:
    """Folded spans of the sentences that name a standard as asking for a disclosure and do not speak as the issuer."""
    spans: list[tuple[int, int]] = []
    block_starts = [b.start for b in blocks]
    for at in attributed_requirements(text):
        if not blocks:
            break
        block = blocks[max(0, bisect_right(block_starts, at) - 1)]
        ordinal = bisect_right(sentence_starts, at) - 1
        start = max(sentence_starts[ordinal] if ordinal >= 0 else 0, block.start)
        end = min(sentence_starts[ordinal + 1] if ordinal + 1 < len(sentence_starts) else block.end, block.end)
        if (not spans or spans[-1] != (start, end)) and not speaks_as_issuer(text[start:end]):
            spans.append((start, end))
    return spans


def _restated_cells(
    blocks: Sequence[Block], text: str, starts: list[int], ends: list[int], excluded: set[int]
) -> list[tuple[int, int]]:
    """Folded spans of the cells of response tables that restate a requirement: never evidence, sorted."""
    spans: list[tuple[int, int]] = []
    for i, block in enumerate(blocks):
        if i not in excluded and block.role_reason == RESPONSE_TABLE_REASON:
            spans.extend((starts[i] + a, starts[i] + b) for a, b in echo_cell_spans(text[starts[i] : ends[i]]))
    return spans
