"""JUnit XML: one test case per requirement, so CI systems list gaps the way they list failing tests.

``classname`` is the standard; a requirement the gate failed on is a ``failure`` whose message names the missing
elements and whose body quotes the evidence; ``not_applicable``, ``manual`` and ``waived`` are ``skipped`` with
their reason. Built with ElementTree, which escapes text; XML-illegal control characters are removed first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.report.formats import WriteOptions
from checker.report.gate import failing_keys
from checker.report.matrix import best_evidence, snippet
from checker.report.model import AuditResult, Finding
from checker.report.safe import clean_text

SKIPPED = ("not_applicable", "manual", "waived")


def _failure_text(finding: Finding) -> tuple[str, str]:
    missing = "; ".join(finding.missing_elements) or "-"
    message = f"{finding.id} is {finding.status.value} ({finding.obligation}); missing: {missing}"
    lines = [finding.message]
    for element in finding.elements:
        mark = "met" if element.met else "MISSING"
        lines.append(f"- {element.name}: {mark}")
        lines += [f"    p. {e.page}: {snippet(e, 200)}" for e in element.evidence[:2]]
    best = best_evidence(finding)
    if not finding.elements and best is not None:
        lines.append(f"p. {best.page}: {snippet(best, 200)}")
    return clean_text(message), clean_text("\n".join(lines))


def _case(suite: ET.Element, finding: Finding, failing: set[str]) -> tuple[bool, bool]:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=clean_text(finding.standard),
        name=clean_text(f"{finding.id} {finding.title}"),
        time="0",
    )
    status = finding.status.value
    if status in SKIPPED:
        ET.SubElement(case, "skipped", message=clean_text(f"{status}: {finding.reason or ''}".strip()))
        return False, True
    if f"{finding.standard}:{finding.id}" in failing:
        message, body = _failure_text(finding)
        failure = ET.SubElement(case, "failure", message=message, type=status)
        failure.text = body
        return True, False
    out = ET.SubElement(case, "system-out")
    out.text = clean_text(f"{status}: {finding.message}")
    return False, False


def _index_suite(root: ET.Element, result: AuditResult, totals: dict[str, int]) -> None:
    """One test case per problem with the issuer's content index; a failure when the gate failed on it."""
    if not result.index_findings:
        return
    reasons = result.gate.get("reasons") if result.gate is not None else None
    gated = [str(r) for r in reasons] if isinstance(reasons, list) else []
    suite = ET.SubElement(root, "testsuite", name=clean_text(f"content index: {result.document.path}"))
    failures = 0
    for item in result.index_findings:
        case = ET.SubElement(
            suite, "testcase", classname="content-index", name=clean_text(f"{item.id} {item.kind}"), time="0"
        )
        if any(r.startswith(f"content index: {item.id} ") for r in gated):
            failure = ET.SubElement(case, "failure", message=clean_text(item.detail), type=item.kind)
            failure.text = clean_text(f"{item.id}: {item.detail}")
            failures += 1
        else:
            out = ET.SubElement(case, "system-out")
            out.text = clean_text(f"{item.kind}: {item.detail}")
    suite.set("tests", str(len(result.index_findings)))
    suite.set("failures", str(failures))
    suite.set("skipped", "0")
    suite.set("errors", "0")
    totals["tests"] += len(result.index_findings)
    totals["failures"] += failures


def render(results: list[AuditResult], options: WriteOptions | None = None) -> str:
    """One ``testsuite`` per (draft, standard)."""
    root = ET.Element("testsuites", name="gapcheck")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for result in results:
        failing = failing_keys(result)
        for standard in result.standards:
            findings = [f for f in result.findings if f.standard == standard.id]
            suite = ET.SubElement(
                root,
                "testsuite",
                name=clean_text(f"{standard.id}: {result.document.path}"),
                timestamp=result.generated_at,
            )
            counts = {"tests": len(findings), "failures": 0, "skipped": 0, "errors": 0}
            for finding in findings:
                failed, skipped = _case(suite, finding, failing)
                counts["failures"] += failed
                counts["skipped"] += skipped
            for key, value in counts.items():
                suite.set(key, str(value))
            for key in totals:
                totals[key] += counts[key]
        _index_suite(root, result, totals)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
