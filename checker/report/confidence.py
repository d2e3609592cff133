"""What "confidence" means: how directly the evidence shows the verdict.

An evidence passage is

* **high** when it carries a figure (a number with its unit) or is a table row: the engine keeps only passages
  about the requirement's subject, so a figure there is the disclosure itself;
* **medium** when it is wording only but either matches two or more distinct terms of the requirement, or sits in a
  section whose heading names one of them;
* **low** when it is a lone term hit outside a section about it (a passing mention that happens to satisfy an
  element), or a reason taken from the issuer's content index rather than the body.

A covered or partial finding is as confident as its weakest met element (each element counted by its best
passage); an explained finding is high when the body explains the omission and low when only the index does. A
finding the engine already marked low (pages without a text layer, manual, error) stays low; missing,
not-applicable and waived findings keep the engine's value (an absence has no passage to grade).
"""

from __future__ import annotations

from checker.report.model import AuditResult, Evidence, Finding

LEVELS = ("low", "medium", "high")


def evidence_level(evidence: Evidence) -> str:
    """The confidence of one passage (see the module docstring)."""
    if evidence.from_index:
        return "low"
    if evidence.quantities or evidence.block_kind == "table":
        return "high"
    terms = {t.casefold() for t in evidence.terms if t.strip()}
    heading = (evidence.section or "").casefold()
    if len(terms) >= 2 or any(term in heading for term in terms):
        return "medium"
    return "low"


def finding_confidence(finding: Finding) -> str:
    """The confidence of a verdict, from its evidence."""
    if finding.confidence == "low":
        return "low"
    status = finding.status.value
    if status == "explained" and finding.explanation is not None:
        return "low" if finding.explanation.from_index else "high"
    if status not in ("covered", "partial"):
        return finding.confidence
    levels = [
        max((LEVELS.index(evidence_level(e)) for e in element.evidence), default=0)
        for element in finding.elements
        if element.met and not element.optional
    ]
    return LEVELS[min(levels)] if levels else finding.confidence


def with_confidence(result: AuditResult) -> AuditResult:
    """``result`` with every finding's confidence graded from its evidence, so JSON and the matrix agree."""
    findings = [f.model_copy(update={"confidence": finding_confidence(f)}) for f in result.findings]
    return result.model_copy(update={"findings": findings})
