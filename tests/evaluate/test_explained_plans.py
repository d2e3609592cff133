"""An omission explained with its plan: the plan is part of the explanation, a figure beside it is a disclosure.

The drafts (``data/explained_plans.yaml``, written for this test in English, Traditional and Simplified Chinese) open
an item's section with the omission and then set out the plan, which names everything the item would hold
(``checker.evaluate.plans``). They must be ``explained``; a section that also gives a figure, or that says only part
of the item is missing ("not yet a complete plan"), is judged on what it discloses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.pipeline import load_standards
from checker.report.model import Profile

CASES = [
    (case["requirement"], case["expect"], case["draft"])
    for case in yaml.safe_load((Path(__file__).parent / "data" / "explained_plans.yaml").read_text(encoding="utf-8"))
]


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["hkex-esg-2025"]))


@pytest.mark.parametrize(
    ("requirement", "expect", "text"), CASES, ids=[f"{r}-{e}-{i}" for i, (r, e, _) in enumerate(CASES)]
)
def test_a_plan_beside_an_explanation_is_no_disclosure(
    auditor: Auditor, requirement: str, expect: str, text: str
) -> None:
    profile = Profile(tier="main_board", financial_year=2025)
    finding = auditor.judge(example_document(text, requirement), profile, {("hkex-esg-2025", requirement)})[0]
    assert finding.status.value == expect, finding.message
