"""Claimed reliefs: in the profile or stated in the draft, a relief explains what it leaves out.

The drafts (``data/relief_statements.yaml``) were written for this test, in English, Traditional and Simplified
Chinese: first-year reports that state a relief, second-year reports that only recall one, a relief declined, a
relief named only in a content index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.pipeline import load_standards
from checker.report.model import Profile, Status

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "relief_statements.yaml").read_text(encoding="utf-8")
)
PACK = "issb-s2-2023"


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards([PACK]))


def _judge(auditor: Auditor, text: str, profile: Profile, ids: list[str]) -> dict[str, Any]:
    document = example_document(text, "relief")
    findings = auditor.judge(document, profile, {(PACK, rid) for rid in ids})
    return {f.id: f for f in findings}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_relief_statement(auditor: Auditor, case: dict[str, Any]) -> None:
    profile = Profile(tier="main_board", financial_year=case["year"], reliefs=case.get("reliefs", []))
    findings = _judge(auditor, case["draft"], profile, list(case["expected"]))
    got = {rid: findings[rid].status.value for rid in case["expected"]}
    assert got == case["expected"], {rid: findings[rid].message for rid in case["expected"]}
    if "stated_page" in case:
        for rid, status in case["expected"].items():
            if status == "explained":
                assert f"stated in the draft on page {case['stated_page']}" in findings[rid].message
                assert findings[rid].explanation is not None


def test_a_relief_claimed_only_in_the_profile_explains_with_no_passage(auditor: Auditor) -> None:
    profile = Profile(tier="main_board", financial_year=2025, reliefs=["scope3-first-year"])
    findings = _judge(auditor, "Scope 1 emissions were 12,000 tCO2e.", profile, ["S2.29(a)(i)(3)", "S2.C4(b)"])
    scope3 = findings["S2.29(a)(i)(3)"]
    assert scope3.status is Status.EXPLAINED and scope3.explanation is None
    assert scope3.message.startswith("Relief 'scope3-first-year' claimed in the issuer profile: ")
    # the paragraph that grants it asks the draft to say so
    assert findings["S2.C4(b)"].status is Status.MISSING


def test_a_claimed_relief_explains_even_a_mandatory_requirement(auditor: Auditor) -> None:
    profile = Profile(tier="main_board", financial_year=2025, reliefs=["ghg-method-first-year"])
    finding = _judge(auditor, "Scope 1 emissions were 12,000 tCO2e.", profile, ["S2.29(a)(ii)"])["S2.29(a)(ii)"]
    assert finding.obligation == "mandatory" and finding.status is Status.EXPLAINED


def test_a_disclosure_under_a_claimed_relief_is_covered(auditor: Auditor) -> None:
    profile = Profile(tier="main_board", financial_year=2025, reliefs=["scope3-first-year"])
    text = "## GHG emissions\n\nScope 3 emissions were 410,000 tCO2e."
    assert _judge(auditor, text, profile, ["S2.29(a)(i)(3)"])["S2.29(a)(i)(3)"].status is Status.COVERED


def test_a_condition_claimed_in_the_profile_is_still_not_applicable(auditor: Auditor) -> None:
    profile = Profile(tier="main_board", financial_year=2025, reliefs=["no-financed-activities"])
    finding = _judge(auditor, "Scope 1 emissions were 12,000 tCO2e.", profile, ["S2.29(a)(vi)(2)"])
    assert finding["S2.29(a)(vi)(2)"].status is Status.NOT_APPLICABLE
