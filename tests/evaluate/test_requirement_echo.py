"""A short block that restates a loaded requirement's title near-verbatim is an echo; an answer to it is not."""

from __future__ import annotations

import pytest

from checker.evaluate.echo import RequirementWording
from checker.ingest.normalize import fold_term

WORDING = RequirementWording(
    [
        ("B2.1", "Number and rate of work-related fatalities occurred in each of the past three years"),
        ("A1.2", "Direct and energy indirect greenhouse gas emissions and intensity"),
        ("X", "Too short"),
    ]
)


@pytest.mark.parametrize(
    ("block", "echoed"),
    [
        ("Number and rate of work-related fatalities occurred in each of the past three years", "B2.1"),
        ("KPI B2.1 Number and rate of work-related fatalities occurred in each of the past three years", "B2.1"),
        ("Direct and energy indirect greenhouse gas emissions and intensity", "A1.2"),
        ("We had no work-related fatalities in each of the past three years", None),  # NOTE: first person
        ("Number and rate of work-related fatalities occurred in each of the past three years: 0 and 0%", None),
        ("Fatalities", None),
        ("Too short", None),
        ("Number and rate of work-related fatalities " * 12, None),  # NOTE: far longer than the title
    ],
)
def test_a_restated_title_is_an_echo_and_an_answer_is_not(block: str, echoed: str | None) -> None:
    assert WORDING.echoed(fold_term(block)) == echoed
