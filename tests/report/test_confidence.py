"""What confidence means (README: Output formats): graded from the evidence, the same in JSON and the workbook."""

from __future__ import annotations

import pytest

from checker.report.confidence import evidence_level, finding_confidence
from checker.report.model import ElementResult, Evidence, Finding, Status


def _evidence(**fields: object) -> Evidence:
    base: dict[str, object] = {"page": 1, "text": "passage", "span": (0, 7), "terms": ["emissions"]}
    return Evidence.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "level"),
    [
        ({"quantities": ["1,250 tCO2e"]}, "high"),  # a figure
        ({"block_kind": "table"}, "high"),  # a table row
        ({"terms": ["scope 1", "emissions"]}, "medium"),  # wording that names the subject twice
        ({"section": "Environment > Emissions"}, "medium"),  # a lone term under a heading about it
        ({"section": "Chairman's statement"}, "low"),  # a lone term in passing
        ({}, "low"),
        ({"from_index": True, "quantities": ["3"]}, "low"),  # the issuer's own index is a claim, not evidence
    ],
)
def test_evidence_level(fields: dict[str, object], level: str) -> None:
    assert evidence_level(_evidence(**fields)) == level


def _finding(status: str, elements: list[list[Evidence]], engine: str = "medium", **extra: object) -> Finding:
    return Finding(
        id="X1.1",
        symbol="X1.1",
        standard="gapfix-2025",
        title="t",
        obligation="mandatory",
        status=Status(status),
        confidence=engine,
        message="m",
        elements=[ElementResult(name=f"e{i}", met=bool(ev), evidence=ev) for i, ev in enumerate(elements)],
        **extra,  # type: ignore[arg-type]
    )


FIGURE = _evidence(quantities=["12 persons"])
WORDING = _evidence(terms=["policy", "bribery"])
MENTION = _evidence()


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (_finding("covered", [[FIGURE], [FIGURE, MENTION]]), "high"),
        (_finding("covered", [[FIGURE], [WORDING]]), "medium"),  # as confident as the weakest element
        (_finding("partial", [[FIGURE], [MENTION], []]), "low"),
        (_finding("covered", [[FIGURE]], engine="low"), "low"),  # pages without text: the engine's doubt stays
        (_finding("explained", [[]], explanation=_evidence()), "high"),
        (_finding("explained", [[]], explanation=_evidence(from_index=True)), "low"),
        (_finding("missing", [[]]), "medium"),
    ],
    ids=[
        "figures",
        "weakest element",
        "lone mention",
        "engine low",
        "explained in body",
        "explained in index",
        "missing",
    ],
)
def test_finding_confidence(finding: Finding, expected: str) -> None:
    assert finding_confidence(finding) == expected
