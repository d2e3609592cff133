"""Figures that measure a change (checker.evaluate.index._changes): the word test before the full pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.evaluate import index
from checker.evaluate.text_facts import QuantityHit

WORDS = [
    *["saved ", "reduction of ", "by ", "by about ", "cut ", "fell ", "up ", "nearby ", "节省", "较上年", "同比"],
    *["occupied ", "group ", "executive ", "unless ", "lessons "],
]
FILLER = ["the ", "energy ", "water use ", ", ", ". ", "; ", "\n", "in total ", "for a total of ", "约", "吨", " "]


def _reference(text: str, quantities: list[QuantityHit]) -> frozenset[int]:
    # NOTE: the rule as written before the word test: the full pattern before every figure
    found: set[int] = set()
    for i, quantity in enumerate(quantities):
        lead = max(0, quantity.start - 32)
        after = text[quantity.end : quantity.end + 24]
        if (
            index._CHANGE_BEFORE.search(text, lead, quantity.start)
            or index._CHANGE_AFTER.match(after)
            or (
                i - 1 in found
                and index._RUNNING_TOTAL.search(text, lead, quantity.start)
                and not index._SENTENCE_END.search(text, quantities[i - 1].end, quantity.start)
            )
        ):
            found.add(i)
    return frozenset(found)


def _figures(text: str) -> list[QuantityHit]:
    return [QuantityHit("number", 0.0, m.start(), m.end(), False) for m in re.finditer(r"\d+", text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, *FILLER, "12", "950 t", "12% ", "4,000 kwh "]), max_size=30))
def test_changes_are_those_of_the_full_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    quantities = _figures(text)
    assert index._changes(text, quantities) == _reference(text, quantities)


def test_a_change_and_its_running_total() -> None:
    text = "we reduced water use by 1000 t a store, for a total of 490000 t. the plant used 12 t."
    quantities = _figures(text)
    assert index._changes(text, quantities) == frozenset({0, 1})


def test_change_words_inside_other_words_are_no_change() -> None:
    # "up" in "occupied" and "group", "cut" in "executive", "less" in "unless" and "lessons": levels, not changes
    text = (
        "energy use across our occupied estate was 91921 mwh. the group used 5200 mwh. the executive team held 12"
        " meetings. staff took 30 lessons 4 times. energy use was cut by 300 mwh."
    )
    quantities = _figures(text)
    assert index._changes(text, quantities) == frozenset({5})


def test_a_figure_below_or_above_its_base_is_a_change() -> None:
    # "12% below the 2019 baseline" says how far the metric moved, not its level; a level stays a level
    text = (
        "in 2025 the intensity was 507 kg per m2, 27% below the 2019 baseline. emissions were 12 t above the cap."
        " the plant used 4000 kwh."
    )
    # NOTE: a figure with its unit, as the quantity scan gives it ("27%", "12 t")
    quantities = [QuantityHit("number", 0.0, m.start(), m.end(), False) for m in re.finditer(r"\d+(?:%| t)?", text)]
    changed = {text[q.start : q.end] for n, q in enumerate(quantities) if n in index._changes(text, quantities)}
    assert changed == {"27%", "12 t"}
