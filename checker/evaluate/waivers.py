"""Apply waivers: an accepted gap becomes ``waived`` with its reason; stale waivers are reported loudly.

A waiver that has expired does not apply (the gap shows again) and is reported; a waiver that names no requirement
of the audited standards is reported as unused, as is one whose requirement is already disclosed -- so a policy
file never collects silent, forgotten exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checker.config.model import Waiver
from checker.report.model import AuditResult, Finding, Status, summarise

# Only a gap can be waived; a covered or explained requirement needs no waiver.
WAIVABLE = frozenset({Status.MISSING, Status.PARTIAL, Status.ERROR, Status.MANUAL})


@dataclass
class WaiverReport:
    """What the waivers did."""

    applied: list[str] = field(default_factory=list)  # "standard:id"
    expired: list[dict[str, str]] = field(default_factory=list)
    unused: list[dict[str, str]] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """One line per stale waiver, for stderr."""
        lines = [
            f"waiver for {w['id']} expired on {w['expires']} (owner {w['owner']}): not applied" for w in self.expired
        ]
        lines += [f"waiver for {w['id']} is unused: {w['why']}" for w in self.unused]
        return lines


def _describe(waiver: Waiver, **extra: str) -> dict[str, str]:
    return {
        "id": waiver.id,
        "owner": waiver.owner,
        "expires": waiver.expires.isoformat(),
        "reason": waiver.reason,
        **extra,
    }


def apply_waivers(
    result: AuditResult, waivers: list[Waiver], today: date | None = None
) -> tuple[AuditResult, WaiverReport]:
    """Return ``result`` with waived findings, and the report on every waiver.

    Args:
        result: the audit result.
        waivers: from the policy.
        today: the date expiry is judged against (tests pin it).
    """
    today = today or date.today()
    report = WaiverReport()
    findings = list(result.findings)
    for waiver in waivers:
        targets = [i for i, f in enumerate(findings) if waiver.matches(f.standard, f.id)]
        if not targets:
            report.unused.append(_describe(waiver, why="no audited requirement has this id"))
            continue
        if waiver.expires < today:
            report.expired.append(_describe(waiver))
            continue
        waivable = [i for i in targets if findings[i].status in WAIVABLE]
        if not waivable:
            status = findings[targets[0]].status.value
            report.unused.append(_describe(waiver, why=f"the requirement is {status}; the waiver can be removed"))
            continue
        for i in waivable:
            findings[i] = _waive(findings[i], waiver)
            report.applied.append(f"{findings[i].standard}:{findings[i].id}")
    if not report.applied:
        return result, report
    return result.model_copy(update={"findings": findings, "summary": summarise(findings)}), report


def _waive(finding: Finding, waiver: Waiver) -> Finding:
    expires = waiver.expires.isoformat()
    reason = f"Waived ({finding.status.value}): {waiver.reason} -- owner {waiver.owner}, expires {expires}"
    return finding.model_copy(update={"status": Status.WAIVED, "reason": reason})
