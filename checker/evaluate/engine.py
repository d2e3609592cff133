"""Judge every requirement of every pack against one document: verdicts with evidence, never stopping early."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime, timezone

from checker import __version__
from checker.claims.check import attach_claims, index_findings
from checker.claims.mapping import claim_codes
from checker.dsl.pack import RulePack
from checker.evaluate import index_ahead
from checker.evaluate.applicability import holds, not_applicable_reason, obligation_for
from checker.evaluate.compile import CompiledRequirement, compile_pack
from checker.evaluate.echo import RequirementWording
from checker.evaluate.evidence import EvidenceBuilder
from checker.evaluate.explanations import explained_under_heading
from checker.evaluate.index import DocumentIndex, gc_paused
from checker.evaluate.index_rows import topic_row_explanation
from checker.evaluate.judge_split import judge_in_two, plan_parts
from checker.evaluate.matcher import TermMatcher
from checker.evaluate.plans import keep_disclosed, opening_absence, planned_sentences
from checker.evaluate.predicates import Match, Predicate
from checker.evaluate.release import ReleasePlan
from checker.evaluate.reliefs import claimed_relief, granted_relief, stated_reliefs
from checker.evaluate.scope import evidence_scope, scoped_match
from checker.ingest.document import Document
from checker.report.model import (
    AuditResult,
    DocumentInfo,
    ElementResult,
    Evidence,
    Finding,
    Profile,
    StandardInfo,
    Status,
    summarise,
)

MAX_EVIDENCE_PER_ELEMENT = 3


class Auditor:
    """Compiled packs, reusable across documents (batch runs compile once)."""

    def __init__(self, packs: Sequence[RulePack]) -> None:
        """Compile ``packs``; every term of every rule goes into one matcher."""
        self.packs = list(packs)
        self.matcher = TermMatcher()
        interned: dict[Hashable, Predicate] = {}  # NOTE: equal predicates of all packs are one object, judged once
        self.requirements: list[CompiledRequirement] = [
            compiled for pack in self.packs for compiled in compile_pack(pack, self.matcher, interned)
        ]
        self.wording = RequirementWording((r.spec.id, r.spec.title) for r in self.requirements if r.spec.title)
        self._plans: dict[tuple[int, ...], ReleasePlan] = {}

    def judge(
        self, document: Document, profile: Profile | None = None, only: set[tuple[str, str]] | None = None
    ) -> list[Finding]:
        """Judge the requirements (all, or ``only`` those (pack id, requirement id)) against ``document``."""
        profile = profile or Profile()
        with gc_paused():
            judged = self.judged(only)
            if index_ahead.running():
                # NOTE: a helper matching the terms (index_ahead) takes longer than this process's index work before
                # the index needs its answer, so the release plans are made in that wait instead of while the
                # extraction workers needed the cores (``plan_ahead``); made here or there, they are the same plans
                for order in plan_parts(judged):
                    self._release_plan(order)
            index = DocumentIndex(document, self.matcher, self.wording)
            index.reporting_year = profile.financial_year

            # NOTE: a long draft is judged from both ends, by a helper process too, when a core is free (judge_split)
            part = functools.partial(self._judge_part, index=index, profile=profile)
            findings = judge_in_two(judged, part, len(index.folded.text))
            # NOTE: freed by refcount while the collector is still paused, so its first run afterwards does not scan
            # the ~10^5-10^6 hits and memo entries just to find them dead.
            del index, part
        return findings

    def _judge_part(
        self,
        part: Sequence[CompiledRequirement],
        take: Callable[[int], bool] | None,
        *,
        index: DocumentIndex,
        profile: Profile,
    ) -> list[Finding]:
        """Judge ``part`` in its order, with a memo and release plan of its own, while ``take`` allows (None: all)."""
        cache: dict[int, Match] = {}
        evidence = EvidenceBuilder(index)
        plan = self._release_plan(part)
        findings = []
        for number, req in enumerate(part):
            if take is not None and not take(number):
                break
            # NOTE: what no later element or requirement can use is freed as soon as it is judged, so the hits of
            # all rules never live at once (checker.evaluate.release)
            release = plan.for_requirement(number, index, cache)
            findings.append(_judge(req, index, cache, evidence, profile, release))
            release.finish()
        del cache, evidence
        return findings

    def judged(self, only: set[tuple[str, str]] | None = None) -> list[CompiledRequirement]:
        """The requirements ``judge`` judges, in order: all but removed ones, or ``only`` those."""
        return [
            req
            for req in self.requirements
            if req.spec.lifecycle != "removed" and (only is None or (req.pack.id, req.spec.id) in only)
        ]

    def plan_ahead(self) -> None:
        """Make the release plan judging all requirements in order will use (~15 ms), e.g. while a draft is read.

        NOTE: only for an audit without helpers: with one, the plans for judging from both ends are made while the
        index helper runs (``judge``), when this process has time to spare.
        """
        self._release_plan(self.judged())

    def _release_plan(self, judged: Sequence[CompiledRequirement]) -> ReleasePlan:
        """The plan for judging ``judged`` in order, made once per list (batch runs judge many documents)."""
        key = tuple(id(req) for req in judged)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= 4:
                self._plans.clear()  # NOTE: batch with ``only`` lists: keep a few, never grow without bound
            plan = self._plans[key] = ReleasePlan(judged)
        return plan

    def audit(self, document: Document, profile: Profile | None = None) -> AuditResult:
        """Judge every requirement against ``document``."""
        profile = profile or Profile()
        findings = attach_claims(self.judge(document, profile), document)
        infos = [StandardInfo(id=p.id, name=p.name, edition=p.edition, fingerprint=p.fingerprint) for p in self.packs]
        return AuditResult(
            tool_version=__version__,
            generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            document=DocumentInfo(
                path=document.source.path,
                sha256=document.source.sha256,
                format=document.source.format,
                pages=len(document.pages),
                paged=len(document.pages) > 1 or any(page.label for page in document.pages),
                unreadable_pages=document.unreadable_pages,
                warnings=list(document.warnings),
                content_index=document.content_index,
            ),
            standard=infos[0],
            standards=infos,
            profile=profile,
            summary=summarise(findings),
            findings=findings,
            index_findings=index_findings(findings, document),
        )


def audit_document(document: Document, packs: Sequence[RulePack], profile: Profile | None = None) -> AuditResult:
    """Convenience: compile ``packs`` and audit one document."""
    return Auditor(packs).audit(document, profile)


def _judge(
    req: CompiledRequirement,
    index: DocumentIndex,
    cache: dict[int, Match],
    evidence: EvidenceBuilder,
    profile: Profile,
    done: Callable[[int], None] | None = None,
) -> Finding:
    spec = req.spec
    year = profile.financial_year or req.pack.default_year
    # NOTE: a relief the draft states is claimed for this audit as if the profile claimed it (checker.evaluate.reliefs)
    stated = stated_reliefs(req, index, cache, evidence)
    obligation = obligation_for(spec, profile, year, stated)
    base = {
        "id": spec.id,
        "symbol": spec.symbol,
        "standard": req.pack.id,
        "title": spec.title or spec.id,
        "part": spec.part,
        "aspect": spec.aspect,
        "cite": spec.cite,
        "obligation": obligation,
        "maps_to": list(spec.maps_to),
    }
    reason = not_applicable_reason(spec, profile, year, stated)
    if reason is not None:
        return Finding(**base, status=Status.NOT_APPLICABLE, confidence="high", message=reason, reason=reason)
    if spec.uncheckable is not None:
        message = f"Needs a reviewer: {spec.uncheckable}"
        return Finding(**base, status=Status.MANUAL, confidence="low", message=message, reason=spec.uncheckable)

    scope = evidence_scope(index, cache, req.subject, req.ignore_under) if req.scoped and req.subject else None
    claim = claimed_relief(req, profile, stated)
    planned = planned_sentences(req, index, cache, year)
    elements: list[ElementResult] = []
    for number, element in enumerate(req.elements):
        if scope is not None:
            match = scoped_match(element.predicate, index, cache, scope)
        else:
            match = element.predicate.evaluate(index, cache)
        if claim is not None:
            match = claim.outside_statement(match)
        match = keep_disclosed(match, index, planned)
        passages = evidence.passages(match.hits, element.name, MAX_EVIDENCE_PER_ELEMENT) if match.ok else []
        # NOTE: guidance that applies from a given year on is required only for reports of those years, and an element
        # whose relevance the report decides (conversion factors where there are fuels) only where the report shows it.
        optional = (
            element.optional
            or (element.required_when is not None and not holds(element.required_when, profile, year, stated))
            or (element.required_if is not None and not element.required_if.evaluate(index, cache).ok)
        )
        elements.append(ElementResult(name=element.name, met=match.ok, optional=optional, evidence=passages))
        if done is not None:
            done(number)
    required = [e for e in elements if not e.optional]
    missing = [e.name for e in required if not e.met]
    met = [e for e in required if e.met]
    all_evidence = evidence.merge([p for e in elements if e.met for p in e.evidence])
    pages = sorted({p.page for p in all_evidence})
    strong = all(any(p.quantities or p.block_kind == "table" for p in e.evidence) for e in met) and bool(met)
    confidence = "high" if strong else "medium"

    granted = granted_relief(req, all_evidence) if not missing else None
    if granted is not None and all_evidence:
        # NOTE: the paragraph that grants a relief, stated in the draft: the relief is the reason for what it
        # leaves out (comparatives, Scope 3), an explained omission, not a disclosure
        status, message, explanation = Status.EXPLAINED, granted.message([]), all_evidence[0]
    elif not missing:
        status, message = Status.COVERED, f"All {len(required)} element(s) disclosed{_on_pages(pages)}."
        explanation = None
    else:
        explanation = None
        reason_blocks: list[tuple[int, int]] = []
        if req.explain is not None:
            explained = req.explain.evaluate(index, cache)
            if explained.ok:
                explanation = evidence.passages(explained.hits, None, 1)[0]
                reason_blocks = [index.document.blocks[b].span for b in {h.block for h in explained.hits}]
        if explanation is None and not met and req.omission is not None and req.topic is not None:
            under = explained_under_heading(index, cache, req.topic, req.omission)
            if under is not None:
                explanation = evidence.passages((under,), None, 1)[0]
        if explanation is None and not met and (opened := opening_absence(req, index, cache)) is not None:
            explanation = evidence.passages((opened,), None, 1)[0]
        unreadable = _unjudgeable_pages(index.document)
        from_index = _index_explanation(req, index) if explanation is None and not met else None
        if (
            explanation is not None
            and not req.spec.reliefs
            and reason_blocks
            and _discloses_beside(met, reason_blocks, explanation.span)
        ):
            # NOTE: the draft discloses part of the item elsewhere: it is judged on what it discloses. A reason for
            # another item (financed emissions "not applicable" under Emissions) does not explain this one away. A
            # requirement with a relief is the exception: a report may disclose what it can and invoke the relief for
            # the rest (qualitative financial effects, quantities under the relief), and that is an explanation.
            explanation = None
        if explanation is not None and obligation != "mandatory":
            status = Status.EXPLAINED
            message = f"Omission explained on page {explanation.page}; not disclosed: {'; '.join(missing)}."
        elif from_index is not None and obligation != "mandatory":
            # NOTE: the one thing a content index may be evidence for: comply-or-explain is met by the reason it
            # gives. A requirement the body discloses in part is judged on the body, never on the index.
            explanation, status = from_index, Status.EXPLAINED
            message = (
                f"Omission explained in the content index (page {from_index.page}): {from_index.text[:160]}; "
                f"not disclosed: {'; '.join(missing)}."
            )
        elif unreadable:
            status, confidence = Status.ERROR, "low"
            message = (
                f"Cannot judge: page(s) {_page_list(unreadable)} have no text layer (scanned?); "
                f"not found in the readable pages: {'; '.join(missing)}."
            )
        elif met:
            status = Status.PARTIAL
            message = f"Missing: {'; '.join(missing)}. Found: {'; '.join(e.name for e in met)}{_on_pages(pages)}."
        elif (weak := _weak_disclosure(req, index, cache, evidence)) is not None:
            # NOTE: the catalogue's "partial looks like": a generic disclosure of the item ("the board oversees
            # ESG", a company-wide risk process that never names climate) is partial, not a gap
            name, passages = weak
            status, confidence = Status.PARTIAL, "low"
            all_evidence = evidence.merge(passages)
            pages = sorted({p.page for p in all_evidence})
            message = f"Missing: {'; '.join(missing)}. Found: {name}{_on_pages(pages)}."
        else:
            status = Status.MISSING
            mention = req.topic.evaluate(index, cache) if req.topic is not None else None
            if mention is not None and mention.ok:
                page = index.blocks[mention.hits[0].block].page
                message = f"Topic mentioned (e.g. page {page}) but not disclosed: {'; '.join(missing)}."
            else:
                message = f"Not disclosed: {'; '.join(missing)}."
        if claim is not None:
            # NOTE: a claimed relief is the reason for what the draft leaves out, whatever the obligation: the
            # draft's own statement of it is the evidence, else there is none (the profile is the source)
            status, message = Status.EXPLAINED, claim.message(missing)
            explanation, confidence = claim.statements[0] if claim.statements else explanation, "high"
            pages = sorted({*pages, *(p.page for p in claim.statements)})
        elif index.document.unreadable_pages and not unreadable:
            confidence = "low"
            message += f" Cover page(s) {_page_list(index.document.unreadable_pages)} have no text layer."
        message += _hints(req, index, cache)
    return Finding(
        **base,
        status=status,
        confidence=confidence,
        message=message,
        elements=elements,
        evidence=all_evidence,
        missing_elements=missing,
        explanation=explanation,
        reason=message if status is Status.ERROR else None,
        pages=pages,
    )


# A year or a span of years as a passage's figure list prints it ("2026年", "FY2026", "2026-2030")
_YEAR = r"(?:fy\s?)?(?:19|20)?\d\d(?:\s?年度?)?"
_YEARS = re.compile(rf"(?:fy\s?)?(?:19|20)\d\d(?:\s?年度?)?(?:\s?(?:[-–~至到]|to)\s?{_YEAR})?", re.I)


def _discloses_beside(met: list[ElementResult], reason_blocks: list[tuple[int, int]], reason: tuple[int, int]) -> bool:
    """Whether a met element has evidence outside every paragraph that gives the reason.

    NOTE: a reason's own paragraph often names what the item would hold ("financial effects are not quantified
    over the medium term", "a PCAF data system is being built"); that is part of the explanation, not a disclosure,
    and so is the heading above it ("Quality assurance and recall procedures").
    """

    # A figure is a disclosure in the reason's own paragraph too ("we recycled 68 t of paper. The rest is not
    # weighed, so its quantity is not available"), but not in the reason itself ("with only 12 staff, a breakdown
    # is not material").
    def beside(p: Evidence) -> bool:
        if p.block_kind == "heading":
            return False
        # NOTE: a year is no figure disclosed: "we plan to run a scenario analysis in 2026" beside the reason
        figures = [q for q in p.quantities if not _YEARS.fullmatch(q.strip())]
        if figures and not (p.span[0] < reason[1] and reason[0] < p.span[1]):
            return True
        return not any(p.span[0] < end and start < p.span[1] for start, end in reason_blocks)

    return any(beside(p) for e in met for p in e.evidence)


def _index_explanation(req: CompiledRequirement, index: DocumentIndex) -> Evidence | None:
    """The explanation the issuer's content index gives for this requirement, as index evidence.

    A row keyed by the requirement's code first; then a row that names the requirement's topic without a code.
    """
    claims = index.document.content_index
    if claims is None:
        return None
    for code in claim_codes(req.pack.id, req.spec.id):
        for claim in claims.for_code(code):
            if claim.explanation:
                return Evidence(
                    page=claim.page,
                    text=claim.explanation,
                    span=claim.span,
                    block_kind="content_index",
                    from_index=True,
                )
    return topic_row_explanation(req.topic, index) if req.topic is not None else None


def _weak_disclosure(
    req: CompiledRequirement, index: DocumentIndex, cache: dict[int, Match], evidence: EvidenceBuilder
) -> tuple[str, list[Evidence]] | None:
    """The first ``looks_partial`` pattern that holds, with its passages.

    NOTE: read in the whole body, not the rule's subject scope: a weak disclosure is one that does not name the
    topic ("the Board oversees ESG", a risk process for all risks), so scoping to the topic would rule it out.
    """
    for pattern in req.partials:
        match = pattern.predicate.evaluate(index, cache)
        if match.ok:
            return pattern.message, evidence.passages(match.hits, pattern.message, MAX_EVIDENCE_PER_ELEMENT)
    return None


def _hints(req: CompiledRequirement, index: DocumentIndex, cache: dict[int, Match]) -> str:
    """The rule's notes for a verdict short of covered ("a combined Scope 1+2 total is not Scope 1")."""
    notes = []
    for hint in req.hints:
        match = hint.predicate.evaluate(index, cache)
        if match.ok:
            where = f" (page {index.blocks[match.hits[0].block].page})" if match.hits else ""
            notes.append(f" Note: {hint.message}{where}.")
    return "".join(notes)


def _unjudgeable_pages(document: Document) -> list[int]:
    """Pages without text that could hide a disclosure.

    A front or back cover that is only a picture is normal in designed reports and carries no disclosure, so in a
    document of four or more pages an unreadable first or last page lowers confidence instead of turning every
    open verdict into ``error``. Any other page without text (a scanned chapter) makes the verdict unsafe.
    """
    pages = document.unreadable_pages
    total = len(document.pages)
    if total >= 4:
        return [p for p in pages if p not in (1, total)]
    return pages


def _page_list(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:10]) + (" ..." if len(pages) > 10 else "")


def _on_pages(pages: list[int]) -> str:
    if not pages:
        return ""
    return f" (page{'s' if len(pages) > 1 else ''} {_page_list(pages)})"
