"""The policy gate: does this result pass? The outcome goes into ``AuditResult.gate`` and decides the exit code.

``fail_on`` entries are ``STATUS`` (any obligation) or ``STATUS:OBLIGATION``, e.g. ``missing:mandatory``,
``partial:comply_or_explain``, ``missing``, ``error``; ``index`` fails on any problem with the issuer's
content index, ``index:overclaim`` (``omitted``, ``page_out_of_range``, ``unknown_section``) on one kind.
``min_coverage`` fails a result whose coverage
(covered + explained + waived over applicable requirements) is below it.

With ``honour_reviews`` a reviewer's sign-off read from the gap-matrix workbook -- "accepted" or "not applicable",
with a note saying why, and not stale -- keeps its requirement from failing; the gate lists every review it used.
With a baseline (``audit --baseline OLD``) the gate judges change, not state: it fails only for requirements that
got worse than in the baseline (``gapcheck diff``'s ranking), so an unchanged draft passes whatever its gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.evaluate.waivers import WaiverReport
from checker.report.diff import Side, compare, side_of
from checker.report.matrix import row_key
from checker.report.model import AuditResult, Finding, IndexFinding
from checker.report.reviews import waives


@dataclass(frozen=True)
class Gate:
    """The effective gate after the policy file and the command line are merged."""

    fail_on: tuple[str, ...]
    min_coverage: float | None = None
    source: str | None = None  # the policy file, or None for defaults
    exit_zero: bool = False
    honour_reviews: bool = False
    baseline: Side | None = None  # gate on regressions against this audit instead of on ``fail_on``

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
    trips ``fail_on``, or regressed against the baseline), ``expired_waivers``, ``unused_waivers``, ``waived``,
    ``reviews_used`` (the sign-offs that kept a requirement from failing) and the effective ``policy``.
    """
    reasons: list[str] = []
    failing: list[str] = []
    used: list[str] = []
    regressions = _regressions(result, gate.baseline) if gate.baseline is not None else {}
    for finding in result.findings:
        if gate.baseline is not None:
            change = regressions.get(row_key(finding.standard, finding.id))
            why = (
                f"{finding.id} regressed {change[0]} -> {change[1]} against {gate.baseline.source}" if change else None
            )
        else:
            entry = gate.trips(finding)
            why = f"{finding.id} is {finding.status.value} ({finding.obligation}) [fail_on {entry}]" if entry else None
        if why is None:
            continue
        if gate.honour_reviews and waives(finding.review) and finding.review is not None:
            review = finding.review
            by = f" by {review.reviewer}" if review.reviewer else ""
            on = f" on {review.reviewed_on}" if review.reviewed_on else ""
            used.append(f"{finding.standard}:{finding.id} {review.status}{by}{on}: {review.note}")
            continue
        failing.append(f"{finding.standard}:{finding.id}")
        reasons.append(why)
    if gate.baseline is None:
        for item in result.index_findings:
            entry = gate.trips_index(item)
            if entry is not None:
                kind = item.kind.replace("_", " ")
                reasons.append(f"content index: {item.id} {kind}: {item.detail} [fail_on {entry}]")
        if gate.min_coverage is not None and result.summary.coverage < gate.min_coverage:
            reasons.append(f"coverage {result.summary.coverage:.1%} is below min_coverage {gate.min_coverage:.0%}")
    waivers = waivers or WaiverReport()
    outcome: dict[str, object] = {
        "passed": not reasons,
        "reasons": reasons,
        "failing": failing,
        "waived": list(waivers.applied),
        "reviews_used": used,
        "expired_waivers": list(waivers.expired),
        "unused_waivers": list(waivers.unused),
        "policy": {
            "source": gate.source,
            "fail_on": list(gate.fail_on),
            "min_coverage": gate.min_coverage,
            "exit_zero": gate.exit_zero,
            "honour_reviews": gate.honour_reviews,
            "baseline": gate.baseline.source if gate.baseline is not None else None,
        },
    }
    return result.model_copy(update={"gate": outcome})


def _regressions(result: AuditResult, baseline: Side) -> dict[str, tuple[str, str]]:
    """Row key -> (old, new) verdict of every requirement that got worse than in ``baseline``."""
    changes = compare(baseline, side_of(result, "audit"))
    return {row_key(c.standard, c.id): (c.old or "-", c.new or "-") for c in changes if c.change == "regressed"}


def failing_keys(result: AuditResult) -> set[str]:
    """The "standard:id" of findings the gate failed on (writers such as JUnit mark them as failures)."""
    if result.gate is not None:
        failing = result.gate.get("failing")
        if isinstance(failing, list):
            return {str(key) for key in failing}
    return {f"{f.standard}:{f.id}" for f in result.findings if f.status.value in ("missing", "error")}
