"""Omission reasons as reports word them: each draft gives a reason instead of the data, and must be `explained`.

The wordings (``data/explanation_wordings.yaml``) were written for this test, in English, Traditional and
Simplified Chinese, in the four kinds of reason real reports give: it does not apply to the business, it is not
material, the data is not there (not kept, not metered, not yet compiled, commercially sensitive), or it will come
in a later report. A reason the rules do not recognise leaves the requirement `missing` (it hides nothing, but a
reviewer then has to find the reason by hand).
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
    (case["requirement"], case["draft"])
    for case in yaml.safe_load(
        (Path(__file__).parent / "data" / "explanation_wordings.yaml").read_text(encoding="utf-8")
    )
]


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["hkex-esg-2025"]))


@pytest.mark.parametrize(("requirement", "text"), CASES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(CASES)])
def test_the_reason_explains_the_omission(auditor: Auditor, requirement: str, text: str) -> None:
    profile = Profile(tier="main_board", financial_year=2025)
    finding = auditor.judge(example_document(text, requirement), profile, {("hkex-esg-2025", requirement)})[0]
    assert finding.status.value == "explained", finding.message
