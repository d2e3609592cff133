"""The policy gate: does this result pass? The outcome goes into ``AuditResult.gate`` and decides the exit code.

``fail_on`` entries are ``STATUS`` (any obligation) or ``STATUS:OBLIGATION``, e.g. ``missing:mandatory``,
``partial:comply_or_explain``, ``missing``, ``error``; ``index`` fails on any problem with the issuer's
content index, ``index:overclaim`` (``omitted``, ``page_out_of_range``, ``unknown_section``) on one kind.
``min_coverage`` fails a result whose coverage
(covered + explained + waived over applicable requirements) is below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.evaluate.waivers import WaiverReport
from checker.report.model import AuditResult, Finding, IndexFinding


@dataclass(frozen=True)
class Gate:
    """The effective gate after the policy file and the command line are merged."""

    fail_on: tuple[str, ...]
    min_coverage: float | None = None
    source: str | None = None  # the policy file, or None for defaults
    exit_zero: bool = False

    def trips(self, finding: Finding) -> str | None:
        """The ``fail_on`` entry this finding trips, if any."""
        for entry in self.fail_on:
            status, _, obligation = entry.partition(":")
            if finding.status.value == status and obligation in ("", finding.obligation):
                return entry
        return None

    def trips_index(self, item: IndexFinding) -> str | None:
        """The ``fail_on`` entry an index finding trips, if any."""
        for entry in self.fail_on:
            kind, _, which = entry.partition(":")
            if kind == "index" and which in ("", item.kind):
                return entry
        return None


def evaluate_gate(result: AuditResult, gate: Gate, waivers: WaiverReport | None = None) -> AuditResult:
    """Judge ``result`` against ``gate``; return it with ``gate`` filled in.

    The gate dict holds ``passed``, ``reasons`` (one line each), ``failing`` ("standard:id" of each finding that
    trips ``fail_on``), ``expired_waivers``, ``unused_waivers``, ``waived`` and the effective ``policy``.
    """
    reasons: list[str] = []
    failing: list[str] = []
    for finding in result.findings:
        entry = gate.trips(finding)
        if entry is not None:
            failing.append(f"{finding.standard}:{finding.id}")
            reasons.append(f"{finding.id} is {finding.status.value} ({finding.obligation}) [fail_on {entry}]")
    for item in result.index_findings:
        entry = gate.trips_index(item)
        if entry is not None:
            reasons.append(f"content index: {item.id} {item.kind.replace('_', ' ')}: {item.detail} [fail_on {entry}]")
    if gate.min_coverage is not None and result.summary.coverage < gate.min_coverage:
        reasons.append(f"coverage {result.summary.coverage:.1%} is below min_coverage {gate.min_coverage:.0%}")
    waivers = waivers or WaiverReport()
    outcome: dict[str, object] = {
        "passed": not reasons,
        "reasons": reasons,
        "failing": failing,
        "waived": list(waivers.applied),
        "expired_waivers": list(waivers.expired),
        "unused_waivers": list(waivers.unused),
        "policy": {
            "source": gate.source,
            "fail_on": list(gate.fail_on),
            "min_coverage": gate.min_coverage,
            "exit_zero": gate.exit_zero,
        },
    }
    return result.model_copy(update={"gate": outcome})


def failing_keys(result: AuditResult) -> set[str]:
    """The "standard:id" of findings the gate failed on (writers such as JUnit mark them as failures)."""
    if result.gate is not None:
        failing = result.gate.get("failing")
        if isinstance(failing, list):
            return {str(key) for key in failing}
    return {f"{f.standard}:{f.id}" for f in result.findings if f.status.value in ("missing", "error")}
