"""Accuracy against labelled cases: agreement, precision/recall/F1 per verdict, evidence pages, confusion.

Two agreements are reported. *Strict*: gapcheck gives the labelled verdict. *Tolerant*: ``covered`` and
``partial`` count as agreeing with each other, because where "all data points" ends is a reviewer's judgement
(the fictional samples' notes flag many such close calls); every other pair must match exactly, so a gap reported
as disclosed, or a disclosure reported as missing, is always a disagreement.

Every figure is kept per set (tuning samples, held-out samples, real reports tuned on, real reports held out), so
that an in-sample figure is never quoted as accuracy on unseen reports.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel

from checker.claims.model import Claim
from checker.errors import InputError
from checker.evaluate.ablation import CutResult
from checker.evaluate.cases import DISCLOSED, LABELS, Case
from checker.ingest.document import BlockRole, Document
from checker.report.model import AuditResult

_TOLERANT = {frozenset(("covered", "partial"))}


def agrees(expected: str, actual: str, *, tolerant: bool = False) -> bool:
    """Whether a verdict agrees with its label (strictly, or counting covered and partial as one)."""
    return expected == actual or (tolerant and frozenset((expected, actual)) in _TOLERANT)


class Disagreement(BaseModel):
    """One requirement where the tool and the reviewer differ."""

    case: str
    set: str
    standard: str
    id: str
    expected: str
    actual: str
    message: str


class CaseScore(BaseModel):
    """Agreement on one case."""

    case: str
    set: str
    labelled: int
    agreed: int
    tolerant: int
    page_checks: int
    page_hits: int
    evidence_items: int = 0
    evidence_not_body: int = 0
    index_listed: int = 0  # codes a person read in the report's content index
    index_read: int = 0  # ... of which gapcheck read as claims
    index_explained: int = 0  # explanations a person read in the index
    index_explained_read: int = 0
    index_cited: int = 0  # rows whose citation a person noted
    index_cited_read: int = 0  # ... whose cited pages or sections gapcheck read


class SetScore(BaseModel):
    """The figures of one set of cases."""

    name: str
    cases: int
    labelled: int
    agreement: float
    tolerant_agreement: float
    per_verdict: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    evidence_page_hit_rate: float
    page_checks: int
    evidence_items: int
    evidence_outside_body: float
    index_rows_read: float | None = None
    index_explanations_read: float | None = None
    index_citations_read: float | None = None


class EvalReport(BaseModel):
    """The figures ``gapcheck eval`` prints: all cases together, and each set on its own."""

    cases: list[CaseScore]
    labelled: int
    agreement: float
    tolerant_agreement: float
    per_verdict: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    evidence_page_hit_rate: float
    page_checks: int
    sets: list[SetScore] = []
    disagreements: list[Disagreement]
    unlabelled: list[str]
    skipped: list[str] = []
    ablations: list[CutResult] = []
    ablation_missing_recall: float | None = None


def compare(
    case_name: str, case: Case, result: AuditResult, document: Document | None = None
) -> tuple[CaseScore, list[tuple[str, str]], list[Disagreement], list[str]]:
    """Compare one audit with its labels.

    Args:
        case_name: the case's name.
        case: its labels.
        result: the audit of its draft.
        document: the audited Document, to count evidence items that do not lie in body text (contents, indexes,
            restated requirements, running headers), which must be none.

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
                        set=case.set,
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
    items, outside = _evidence_outside_body(result, document) if document is not None else (0, 0)
    index = _index_scores(case, document) if document is not None else {}
    score = CaseScore(
        **index,
        case=case_name,
        set=case.set,
        labelled=len(pairs),
        agreed=sum(agrees(e, a) for e, a in pairs),
        tolerant=sum(agrees(e, a, tolerant=True) for e, a in pairs),
        page_checks=page_checks,
        page_hits=page_hits,
        evidence_items=items,
        evidence_not_body=outside,
    )
    return score, pairs, disagreements, unlabelled


_CHAPTER = re.compile(r"(?:^|;\s*)\d{1,2}\.\s+(?=[A-Za-z\u4e00-\u9fff])")


def _index_scores(case: Case, document: Document) -> dict[str, int]:
    """How much of the report's content index (as a person read it) gapcheck read as claims."""
    truth = case.index
    if truth is None:
        return {}
    claims = document.content_index.claims if document.content_index is not None else []
    # NOTE: an index combined with GRI, or a reverse index, may list one KPI on several rows; the KPI's claims are
    # all of them, and what the index cites for it is what they cite together (as the finding's index_claim shows).
    read: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.code.startswith("HKEX:"):
            read.setdefault(claim.code.split(":", 1)[1], []).append(claim)
    explained = {code for code, found in read.items() if any(claim.explanation for claim in found)}
    cited_read = 0
    for code, cited in truth.cited.items():
        found = read.get(code, [])
        cited_read += bool(found) and _citation_read(cited, [item for c in found for item in (*c.pages, *c.sections)])
    return {
        "index_listed": len(truth.codes),
        "index_read": len(set(truth.codes) & set(read)),
        "index_explained": len(truth.explained),
        "index_explained_read": len(set(truth.explained) & explained),
        "index_cited": len(truth.cited),
        "index_cited_read": cited_read,
    }


def _citation_read(cited: str, got: list[str]) -> bool:
    """Whether a claim carries what a person noted the index row cites.

    That is its page and section numbers, or, for a row citing by name only ("Performance Data Summary"), one of
    the names.
    """
    # NOTE: a chapter number printed before its title ("3. Our Environment") is a heading, not a citation
    wanted = set(re.findall(r"\d+(?:\.\d+)*", _CHAPTER.sub(" ", cited)))
    if wanted:
        numbers = {n for item in got for n in re.findall(r"\d+(?:\.\d+)*", item)}
        return {n.lstrip("0") or "0" for n in wanted} <= {n.lstrip("0") or "0" for n in numbers}
    names = [_name_key(part) for part in cited.split(";") if _name_key(part)]
    sections = [_name_key(item) for item in got]
    return any(name in section or (section and section in name) for name in names for section in sections)


def _name_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _evidence_outside_body(result: AuditResult, document: Document) -> tuple[int, int]:
    """Evidence items of disclosed verdicts, and how many of them start in a block that is not body text.

    An explanation taken from the issuer's content index is the one exception the design allows; it is marked
    ``from_index`` on the evidence and not counted here.
    """
    blocks = document.blocks
    starts = [b.span[0] for b in blocks]
    from bisect import bisect_right

    items = outside = 0
    for finding in result.findings:
        for evidence in [*finding.evidence, *([finding.explanation] if finding.explanation else [])]:
            if getattr(evidence, "from_index", False):
                continue
            items += 1
            block = blocks[max(0, bisect_right(starts, evidence.span[0]) - 1)]
            outside += block.role is not BlockRole.BODY
    return items, outside


def score_pairs(pairs: list[tuple[str, str]]) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, int]]]:
    """Precision, recall, F1 and support per verdict, and the confusion matrix (rows: expected)."""
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
    return per_verdict, confusion


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def _set_score(name: str, scores: list[CaseScore], pairs: list[tuple[str, str]]) -> SetScore:
    per_verdict, confusion = score_pairs(pairs)
    items = sum(s.evidence_items for s in scores)
    return SetScore(
        name=name,
        cases=len(scores),
        labelled=len(pairs),
        agreement=_ratio(sum(agrees(e, a) for e, a in pairs), len(pairs)),
        tolerant_agreement=_ratio(sum(agrees(e, a, tolerant=True) for e, a in pairs), len(pairs)),
        per_verdict=per_verdict,
        confusion=confusion,
        evidence_page_hit_rate=_ratio(sum(s.page_hits for s in scores), sum(s.page_checks for s in scores)),
        page_checks=sum(s.page_checks for s in scores),
        evidence_items=items,
        evidence_outside_body=_ratio(sum(s.evidence_not_body for s in scores), items),
        index_rows_read=_maybe(sum(s.index_read for s in scores), sum(s.index_listed for s in scores)),
        index_explanations_read=_maybe(
            sum(s.index_explained_read for s in scores), sum(s.index_explained for s in scores)
        ),
        index_citations_read=_maybe(sum(s.index_cited_read for s in scores), sum(s.index_cited for s in scores)),
    )


def _maybe(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def summarise(
    scores: list[CaseScore],
    pairs_by_case: list[list[tuple[str, str]]],
    disagreements: list[Disagreement],
    unlabelled: list[str],
    skipped: Iterable[str] = (),
) -> EvalReport:
    """Aggregate per-case comparisons into the report, overall and per set."""
    pairs = [pair for case_pairs in pairs_by_case for pair in case_pairs]
    overall = _set_score("all", scores, pairs)
    sets = []
    for name in dict.fromkeys(s.set for s in scores):
        chosen = [i for i, s in enumerate(scores) if s.set == name]
        sets.append(_set_score(name, [scores[i] for i in chosen], [p for i in chosen for p in pairs_by_case[i]]))
    return EvalReport(
        cases=scores,
        labelled=overall.labelled,
        agreement=overall.agreement,
        tolerant_agreement=overall.tolerant_agreement,
        per_verdict=overall.per_verdict,
        confusion=overall.confusion,
        evidence_page_hit_rate=overall.evidence_page_hit_rate,
        page_checks=overall.page_checks,
        sets=sets,
        disagreements=disagreements,
        unlabelled=unlabelled,
        skipped=list(skipped),
    )
