"""A table's unit printed once above it types the table's bare figures (checker.evaluate.unit_captions)."""

from __future__ import annotations

import pytest

from checker.evaluate.unit_captions import caption_unit
from checker.ingest.normalize import fold
from checker.ingest.units import UnitKind

CAPTIONS = [
    ("TONNES Example Group", UnitKind.TONNES),
    ("Unit: tonnes", UnitKind.TONNES),
    ("Unit: tCO2e", UnitKind.TCO2E),
    ("單位：噸", UnitKind.TONNES),
    ("单位：吨二氧化碳当量", UnitKind.TCO2E),
    ("Scope 1 emissions (tCO2e)", UnitKind.TCO2E),
    ("Energy consumed (GJ)", UnitKind.ENERGY),
    ("Hours 2024 2023 2022", UnitKind.HOURS),
    ("(in MWh)", UnitKind.ENERGY),
]
NOT_CAPTIONS = [
    # a sentence with a figure is prose, not a caption
    "Total waste in 2024 was 1,204 tonnes",
    # a column header: one unit per column
    "Average hours (%) (h)",
    # no unit at all
    "Waste by destination",
    "Scope 1 and 2 emissions",
    # a one-letter unit in running words says nothing
    "Part t of the table",
    # longer than a caption
    "The table below sets out the tonnes of waste we sent to landfill and recycling in each of our regions",
]


@pytest.mark.parametrize(("line", "kind"), CAPTIONS)
def test_caption_names_the_unit(line: str, kind: UnitKind) -> None:
    spec = caption_unit(fold(line).text)
    assert spec is not None and spec.kind is kind


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_not_a_caption(line: str) -> None:
    assert caption_unit(fold(line).text) is None


def test_a_header_row_gives_only_a_bracketed_or_labelled_unit() -> None:
    bracketed = caption_unit(fold("Energy type (GWh)   2025   2024").text, explicit_only=True)
    assert bracketed is not None and bracketed.kind is UnitKind.ENERGY
    # a bare word in a header row names the rows' subject, not a unit
    assert caption_unit(fold("Employees   2025   2024").text, explicit_only=True) is None
