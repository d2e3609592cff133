"""Accuracy against labelled samples: agreement, precision/recall/F1 per verdict, evidence pages, confusion.

A sample is a folder with ``expected.yaml`` (see samples/README.md): the draft, the standards and profile it is
judged against, and a reviewer's verdict (and pages) for every requirement.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from checker.errors import InputError
from checker.report.model import AuditResult, Profile

LABELS = ("covered", "partial", "missing", "explained", "not_applicable", "manual")
DISCLOSED = ("covered", "partial", "explained")


class Label(BaseModel):
    """A reviewer's verdict for one requirement."""

    model_config = ConfigDict(extra="forbid")

    status: str
    pages: list[int] = Field(default_factory=list)

    @field_validator("status")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in LABELS:
            raise ValueError(f"unknown verdict {value!r} (use one of {', '.join(LABELS)})")
        return value


class Case(BaseModel):
    """One labelled sample (``expected.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    title: str
    draft: str
    language: str | None = None
    standards: list[str]
    profile: Profile = Field(default_factory=Profile)
    expected: dict[str, dict[str, Label]]
    notes: dict[str, str] = Field(default_factory=dict)

    @field_validator("expected", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # NOTE: `B1.2: missing` is shorthand for `B1.2: {status: missing}`.
        if isinstance(value, dict):
            return {
                std: {rid: ({"status": lab} if isinstance(lab, str) else lab) for rid, lab in (labels or {}).items()}
                for std, labels in value.items()
            }
        return value


def load_case(path: Path) -> tuple[Case, Path]:
    """Load ``<folder>/expected.yaml`` (or the yaml path itself); returns the case and the draft path.

    Raises:
        InputError: unreadable or invalid expected.yaml, with the field that is wrong.
    """
    import yaml

    file = path / "expected.yaml" if path.is_dir() else path
    if not file.is_file():
        raise InputError("no expected.yaml here", path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        case = Case.model_validate(data)
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}: {first['msg']}", file) from exc
    return case, file.parent / case.draft


class Disagreement(BaseModel):
    """One requirement where the tool and the reviewer differ."""

    case: str
    standard: str
    id: str
    expected: str
    actual: str
    message: str


class CaseScore(BaseModel):
    """Agreement on one sample."""

    case: str
    labelled: int
    agreed: int
    page_checks: int
    page_hits: int


class EvalReport(BaseModel):
    """The figures ``gapcheck eval`` prints."""

    cases: list[CaseScore]
    labelled: int
    agreement: float
    per_verdict: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    evidence_page_hit_rate: float
    page_checks: int
    disagreements: list[Disagreement]
    unlabelled: list[str]


def compare(
    case_name: str, case: Case, result: AuditResult
) -> tuple[CaseScore, list[tuple[str, str]], list[Disagreement], list[str]]:
    """Compare one audit with its labels.

    Raises:
        InputError: a label names a requirement the pack does not have.
    """
    findings = {(f.standard, f.id): f for f in result.findings}
    pairs: list[tuple[str, str]] = []
    disagreements: list[Disagreement] = []
    page_checks = page_hits = 0
    for standard, labels in case.expected.items():
        known = {fid for (std, fid) in findings if std == standard}
        if not known:
            raise InputError(f"expected.yaml labels standard {standard!r}, which was not audited")
        for requirement_id, label in labels.items():
            finding = findings.get((standard, requirement_id))
            if finding is None:
                raise InputError(f"unknown requirement id {requirement_id!r} for {standard} in expected.yaml")
            actual = finding.status.value
            pairs.append((label.status, actual))
            if label.status != actual:
                disagreements.append(
                    Disagreement(
                        case=case_name,
                        standard=standard,
                        id=requirement_id,
                        expected=label.status,
                        actual=actual,
                        message=finding.message,
                    )
                )
            if label.status in DISCLOSED and label.pages:
                page_checks += 1
                found = set(finding.pages) | ({finding.explanation.page} if finding.explanation else set())
                page_hits += bool(found & set(label.pages))
    unlabelled = [
        f"{case_name}: {std}:{fid}" for (std, fid) in findings if std in case.expected and fid not in case.expected[std]
    ]
    score = CaseScore(
        case=case_name,
        labelled=len(pairs),
        agreed=sum(e == a for e, a in pairs),
        page_checks=page_checks,
        page_hits=page_hits,
    )
    return score, pairs, disagreements, unlabelled


def summarise(
    scores: list[CaseScore], pairs: list[tuple[str, str]], disagreements: list[Disagreement], unlabelled: list[str]
) -> EvalReport:
    """Aggregate per-case comparisons into the report."""
    verdicts = sorted(
        {v for pair in pairs for v in pair}, key=lambda v: (v not in LABELS, LABELS.index(v) if v in LABELS else 0, v)
    )
    confusion = {e: {a: 0 for a in verdicts} for e in verdicts}
    for expected, actual in pairs:
        confusion[expected][actual] += 1
    per_verdict: dict[str, dict[str, float]] = {}
    counts_expected = Counter(e for e, _ in pairs)
    counts_actual = Counter(a for _, a in pairs)
    for verdict in verdicts:
        true_positive = confusion[verdict][verdict]
        precision = true_positive / counts_actual[verdict] if counts_actual[verdict] else 0.0
        recall = true_positive / counts_expected[verdict] if counts_expected[verdict] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_verdict[verdict] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": counts_expected[verdict],
        }
    page_checks = sum(s.page_checks for s in scores)
    return EvalReport(
        cases=scores,
        labelled=len(pairs),
        agreement=round(sum(e == a for e, a in pairs) / len(pairs), 4) if pairs else 0.0,
        per_verdict=per_verdict,
        confusion=confusion,
        evidence_page_hit_rate=round(sum(s.page_hits for s in scores) / page_checks, 4) if page_checks else 0.0,
        page_checks=page_checks,
        disagreements=disagreements,
        unlabelled=unlabelled,
    )
