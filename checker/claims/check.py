"""Check the issuer's index claims against what the body discloses.

For every requirement the index lists, the finding gets an ``index_claim``: what the index cites, any explanation
it gives, and the check:

- ``confirmed``: the body discloses it on a cited page or in a cited section (or the index cites no location);
- ``found_elsewhere``: the body discloses it, but not where the index says;
- ``not_found``: the index claims it and the body does not disclose it (an overclaim);
- ``explained``: the index gives a reason instead of a disclosure.

Then the index itself is reviewed as a reviewer walks down it: overclaims, requirements the index leaves out
(comply-or-explain needs every KPI addressed), citations beyond the report's pages, and cited section numbers that
no heading carries.
"""

from __future__ import annotations

import re

from checker.claims.mapping import claim_codes
from checker.claims.model import Claim, ContentIndex
from checker.ingest.document import BlockKind, Document
from checker.ingest.normalize import fold_term
from checker.report.model import Finding, IndexClaim, IndexFinding, Status

# NOTE: the requirements an index lists by code; Part B and Part D rows are named by topic, not code.
_CLAIMABLE = re.compile(r"^(?:[AB]\d\.(?:\d{1,2}|GD)|TCFD-[A-Za-z]+-[abc])$")
_SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\b")
_NOT_DISCLOSED = (Status.MISSING, Status.ERROR)


def attach_claims(findings: list[Finding], document: Document) -> list[Finding]:
    """Each finding with its ``index_claim`` (None when the index does not list the requirement)."""
    index = document.content_index
    if index is None:
        return findings
    labels = [page.label for page in document.pages]
    return [_with_claim(finding, index, labels) for finding in findings]


def _with_claim(finding: Finding, index: ContentIndex, labels: list[str | None]) -> Finding:
    claims = [claim for code in claim_codes(finding.standard, finding.id) for claim in index.for_code(code)]
    if not claims:
        return finding
    cited = list(dict.fromkeys([*(p for c in claims for p in c.pages), *(s for c in claims for s in c.sections)]))
    explanation = next((c.explanation for c in claims if c.explanation), None)
    check = _check(finding, claims, explanation, labels)
    claim = IndexClaim(cited=cited, explanation=explanation, check=check, page=claims[0].page, text=claims[0].text)
    return finding.model_copy(update={"index_claim": claim})


def _check(finding: Finding, claims: list[Claim], explanation: str | None, labels: list[str | None]) -> str:
    from_index = finding.explanation is not None and finding.explanation.from_index
    if from_index or (explanation and finding.status in (*_NOT_DISCLOSED, Status.EXPLAINED)):
        return "explained"
    if finding.status in _NOT_DISCLOSED:
        return "not_found"
    if finding.status not in (Status.COVERED, Status.PARTIAL, Status.EXPLAINED):
        return "not_found"
    pages = {n for claim in claims for p in claim.pages for n in _expand(p)}
    sections = [s for claim in claims for s in claim.sections]
    if not pages and not sections:
        return "confirmed"
    evidence = [*finding.evidence, *([finding.explanation] if finding.explanation else [])]
    for item in evidence:
        printed = item.page_label if item.page_label is not None else (str(item.page) if not any(labels) else None)
        if printed is not None and printed.isdigit() and int(printed) in pages:
            return "confirmed"
        path = item.section.split(" > ") if item.section else []
        if any(_same_section(found, cited) for found in path for cited in sections):
            return "confirmed"
    return "found_elsewhere"


def _expand(page: str) -> range:
    first, _, last = page.partition("-")
    start = int(first)
    end = int(last) if last.isdigit() else start
    return range(start, min(end, start + 60) + 1) if end >= start else range(start, start + 1)


def _same_section(found: str, cited: str) -> bool:
    number_found = _SECTION_NUMBER.match(found.strip())
    number_cited = _SECTION_NUMBER.match(cited.strip())
    if number_found and number_cited:
        return number_found.group(1) == number_cited.group(1)
    a, b = fold_term(found), fold_term(cited)
    return bool(a) and bool(b) and (a in b or b in a)


def index_findings(findings: list[Finding], document: Document) -> list[IndexFinding]:
    """The problems a reviewer would raise walking down the issuer's index."""
    index = document.content_index
    if index is None or not index.found:
        return []
    out: list[IndexFinding] = []
    listed_frameworks = set(index.standards)
    for finding in findings:
        claim = finding.index_claim
        if claim is not None and claim.check == "not_found":
            out.append(
                IndexFinding(
                    kind="overclaim",
                    standard=finding.standard,
                    id=finding.id,
                    detail=f"the index cites {', '.join(claim.cited) or 'it'}, but the body does not disclose it",
                    page=claim.page,
                )
            )
        elif claim is None and _expected_in_index(finding, listed_frameworks):
            out.append(
                IndexFinding(
                    kind="omitted",
                    standard=finding.standard,
                    id=finding.id,
                    detail="the index does not list this requirement (comply-or-explain needs every KPI addressed)",
                )
            )
    out += _bad_citations(index, document)
    return out


def _expected_in_index(finding: Finding, frameworks: set[str]) -> bool:
    if finding.status in (Status.NOT_APPLICABLE, Status.MANUAL, Status.WAIVED) or not _CLAIMABLE.match(finding.id):
        return False
    framework = "TCFD" if finding.id.startswith("TCFD-") else "HKEX"
    return framework in frameworks and finding.obligation in ("mandatory", "comply_or_explain")


def _bad_citations(index: ContentIndex, document: Document) -> list[IndexFinding]:
    numbered = [int(p.label) for p in document.pages if p.label and p.label.isdigit()]
    last_page = max(numbered) if numbered else len(document.pages)
    # NOTE: where only a few pages carry a printed number (a text export whose pages were only partly found), the
    # report's last printed page is unknown, and a citation beyond the highest one seen is no error.
    judge_pages = not numbered or len(numbered) * 2 >= len(document.pages)
    # NOTE: a numbered title a format did not mark as a heading still names its section ("• 2.4 Diversity ...")
    headings = {
        match.group(1)
        for block in document.blocks
        if (block.kind is BlockKind.HEADING or len(block.text) <= 120)
        and (match := _SECTION_NUMBER.match(block.text.strip(" •·-*")))
    }
    out: list[IndexFinding] = []
    seen: set[tuple[str, str]] = set()
    for claim in index.claims:
        code = claim.code.split(":", 1)[1]
        for page in claim.pages:
            if judge_pages and max(_expand(page)) > last_page and (code, page) not in seen:
                seen.add((code, page))
                detail = f"cites page {page}, beyond the report's last page ({last_page})"
                out.append(IndexFinding(kind="page_out_of_range", id=code, detail=detail, page=claim.page))
        for section in claim.sections:
            number = _SECTION_NUMBER.match(section)
            if headings and number and number.group(1) not in headings and (code, section) not in seen:
                seen.add((code, section))
                detail = f"cites section '{section}', which no heading of the report carries"
                out.append(IndexFinding(kind="unknown_section", id=code, detail=detail, page=claim.page))
    return out
