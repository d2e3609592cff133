"""``looks_partial``: the catalogue's "partial looks like" makes a weak disclosure partial, never a gap, and says so.

The drafts are written for this test. The TCFD pack's board-oversight rule is the example: a board that oversees
ESG without naming climate is partial; nothing at all is missing; an element met is judged on the elements alone.
"""

from __future__ import annotations

import pytest

from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.pipeline import load_standards
from checker.report.i18n_catalog import Words
from checker.report.localize import translate_message
from checker.report.model import Finding, Profile, Status

GOV_A = "TCFD-Gov-a"
WEAK = "the board's oversight of ESG or sustainability, climate not named"


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["tcfd-2017"]))


def _judge(auditor: Auditor, text: str, rid: str = GOV_A) -> Finding:
    document = example_document(text, rid)
    return auditor.judge(document, Profile(financial_year=2025), {("tcfd-2017", rid)})[0]


@pytest.mark.parametrize(
    "text",
    [
        "The Board oversees our ESG strategy and approves the sustainability report each year.",
        "董事會負責監督本集團的可持續發展策略，並每年審批本報告。",
        "董事会负责监督本集团的可持续发展策略，并每年审批本报告。",
    ],
)
def test_board_oversight_of_esg_alone_is_partial_with_low_confidence(auditor: Auditor, text: str) -> None:
    finding = _judge(auditor, text)
    assert finding.status is Status.PARTIAL
    assert finding.confidence == "low"
    assert f"Found: {WEAK}" in finding.message
    assert finding.evidence, "the weak disclosure is shown where it is"
    assert not any(e.met for e in finding.elements), "no element is claimed as met"


def test_no_oversight_at_all_stays_missing(auditor: Auditor) -> None:
    finding = _judge(auditor, "Climate change is one of the defining challenges of our time.")
    assert finding.status is Status.MISSING


def test_an_element_met_is_judged_on_the_elements(auditor: Auditor) -> None:
    text = (
        "The Board Risk Committee oversees climate-related risks and opportunities.\n\n"
        "The Board also oversees our ESG strategy."
    )
    finding = _judge(auditor, text)
    assert finding.status is Status.PARTIAL
    assert WEAK not in finding.message
    assert "Found: governance body overseeing climate-related risks and opportunities" in finding.message


def test_a_stated_absence_is_no_weak_disclosure(auditor: Auditor) -> None:
    finding = _judge(auditor, "The Board has not yet established oversight of ESG or sustainability matters.")
    assert finding.status is Status.MISSING


def test_the_weak_disclosure_is_translated_like_an_element() -> None:
    words = Words(partials={WEAK: "董事會對環境、社會及管治或可持續發展的監督（未提及氣候）"})
    message = f"Missing: how often the body is informed about climate matters. Found: {WEAK} (page 3)."
    translated = translate_message(message, words, "zh-Hant")
    assert "董事會對環境、社會及管治或可持續發展的監督（未提及氣候）" in translated
    assert WEAK not in translated
