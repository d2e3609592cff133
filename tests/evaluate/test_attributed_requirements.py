"""A sentence that names the standard as the one asking restates a requirement, inside the issuer's own paragraph.

"Part D asks whether and how climate-related considerations are factored into executive remuneration" and
"守則第D部要求發行人披露……行政人員薪酬如何考慮氣候因素" are no disclosure of remuneration; the issuer's own
sentence beside them still is. The drafts are written for these tests.
"""

from __future__ import annotations

import pytest

from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.ingest.normalize import fold_term
from checker.pipeline import load_standards
from checker.report.model import Profile
from checker.structure.echo import attributed_requirements

CASES = [
    (
        "quoted-en",
        "## Remuneration\n\nThis chapter follows Part D of the Code. Part D asks whether and how climate-related "
        "considerations are factored into executive remuneration.",
        "missing",
    ),
    (
        "quoted-zh-hant",
        "## 薪酬\n\n本章按守則第D部編製。守則第D部要求發行人披露行政人員薪酬如何考慮氣候因素。",
        "missing",
    ),
    (
        "quoted-zh-hans",
        "## 薪酬\n\n本章按守则第D部编制。守则第D部要求发行人披露行政人员薪酬如何考虑气候因素。",
        "missing",
    ),
    # the issuer's own answer beside the quotation is still read
    (
        "answered-en",
        "## Remuneration\n\nPart D asks whether and how climate-related considerations are factored into executive "
        "remuneration. Our executive directors' annual bonus includes a 10% weighting on the climate targets.",
        "covered",
    ),
]


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["hkex-esg-2025"]))


@pytest.mark.parametrize(("name", "draft", "status"), CASES, ids=[c[0] for c in CASES])
def test_a_quoted_requirement_is_no_disclosure(auditor: Auditor, name: str, draft: str, status: str) -> None:
    result = auditor.audit(example_document(draft, "draft.md"), Profile(tier="main_board", financial_year=2025))
    finding = next(f for f in result.findings if f.id == "D.mt.ci.6")
    assert finding.status.value == status, finding.message
    for passage in finding.evidence:
        assert "asks whether" not in passage.text and "要求發行人" not in passage.text


@pytest.mark.parametrize(
    ("sentence", "attributed"),
    [
        ("The TCFD recommendations require companies to include a 2°C scenario.", True),
        ("The Exchange's Guide asks issuers to describe significant climate-related issues.", True),
        ("聯交所建議發行人披露範圍三排放。", True),
        # the issuer's framework asks its teams: not the standard asking
        ("Our framework is informed by the TCFD recommendations and requires teams to assess climate risk.", False),
        ("We report in line with the Code.", False),
    ],
)
def test_the_standard_as_the_one_asking(sentence: str, attributed: bool) -> None:
    assert bool(attributed_requirements(fold_term(sentence))) is attributed
