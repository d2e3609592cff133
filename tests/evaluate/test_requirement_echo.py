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


MULTI_PART = RequirementWording(
    [
        (
            "A2.4",
            "Description of whether there is any issue in sourcing water that is fit for purpose, water efficiency "
            "target(s) set and steps taken to achieve them",
        )
    ]
)


@pytest.mark.parametrize(
    ("block", "echoed"),
    [
        # a heading that quotes one clause of a KPI asking for several is the KPI's echo
        ("Description of Whether There Is Any Issue in Sourcing Water That Is Fit for Purpose", "A2.4"),
        # the answer to that clause is not
        ("We did not encounter any issue in sourcing water that is fit for purpose in 2025.", None),
        ("Our plants draw municipal water and had no difficulty sourcing water fit for purpose.", None),
    ],
)
def test_a_heading_quoting_one_clause_is_an_echo(block: str, echoed: str | None) -> None:
    assert MULTI_PART.echoed(fold_term(block)) == echoed
