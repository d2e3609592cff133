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
    # a currency and its scale, as money columns state them
    ("Amount (HK$ million)", UnitKind.MONEY),
    ("(RMB'000)", UnitKind.MONEY),
    ("（港幣百萬元）", UnitKind.MONEY),
    ("（人民币万元）", UnitKind.MONEY),
    # the scale first, as Hong Kong and mainland tables write it
    ("（百萬港元）", UnitKind.MONEY),
    ("金額（千港元）", UnitKind.MONEY),
    ("金额（百万元人民币）", UnitKind.MONEY),
    ("（萬元）", UnitKind.MONEY),
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


def _quantities(markdown: str) -> dict[str, tuple[str, float]]:
    from checker.evaluate.engine import Auditor
    from checker.evaluate.examples import example_document
    from checker.evaluate.index import DocumentIndex
    from checker.pipeline import load_standards

    auditor = Auditor(load_standards(["issb-s2-2023"]))
    index = DocumentIndex(example_document(markdown, "columns"), auditor.matcher, auditor.wording)
    return {index.folded.text[q.start : q.end]: (q.kind, q.value) for q in index.quantities}


@pytest.mark.parametrize(
    ("markdown", "figure", "kind", "value"),
    [
        # the unit of one column, in its own header cell, types that column only
        (
            "| Effect | Amount (HK$ million) | Share (%) |\n|---|---|---|\n| Typhoon repairs | 14.2 | 37 |\n",
            "14.2",
            "money",
            14_200_000.0,
        ),
        (
            "| Effect | Amount (HK$ million) | Share (%) |\n|---|---|---|\n| Typhoon repairs | 14.2 | 37 |\n",
            "37",
            "percent",
            37.0,
        ),
        (
            "| 項目 | 金額（港幣百萬元） | 備註 |\n|---|---|---|\n| 颱風維修 | 8.5 | 營運開支 |\n",
            "8.5",
            "money",
            8_500_000.0,
        ),
        (
            "| 項目 | 金額（百萬港元） | 備註 |\n|---|---|---|\n| 颱風維修 | 3.2 | 營運開支 |\n",
            "3.2",
            "money",
            3_200_000.0,
        ),
        (
            "| 项目 | 金额（万元） | 备注 |\n|---|---|---|\n| 暴雨停产损失 | 860 | 营业成本 |\n",
            "860",
            "money",
            8_600_000.0,
        ),
        # a header cell that is a unit and nothing else types its column as brackets do
        ("| Category | tCO2e |\n|---|---|\n| 1 Purchased goods and services | 214,600 |\n", "214,600", "tco2e", None),
        ("| 類別 | 噸二氧化碳當量 |\n|---|---|\n| 1 外購商品及服務 | 96,400 |\n", "96,400", "tco2e", None),
        ("| 类别 | 吨二氧化碳当量 |\n|---|---|\n| 4 上游运输及配送 | 5,600 |\n", "5,600", "tco2e", None),
        # a corner cell that is a unit and nothing else speaks for every figure below the years
        ("| 噸二氧化碳當量 | 2025年 | 2024年 |\n|---|---|---|\n| 範圍1 | 3,240 | 2,980 |\n", "3,240", "tco2e", None),
        ("| tCO2e | 2025 | 2024 |\n|---|---|---|\n| Scope 3 | 96,300 | 88,100 |\n", "96,300", "tco2e", None),
        # a unit beside the row labels speaks for every figure of the table, as before
        ("| Energy (GWh) | 2025 | 2024 |\n|---|---|---|\n| Electricity | 12.5 | 13.0 |\n", "12.5", "energy", None),
    ],
)
def test_a_header_cell_types_its_own_column(markdown: str, figure: str, kind: str, value: float | None) -> None:
    found = _quantities(markdown)[figure]
    assert found[0] == kind
    if value is not None:
        assert found[1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("markdown", "figure", "kind"),
    [
        # each row of a mixed metrics table states its own unit in its label
        (
            "| 指标 | 2025年 |\n|---|---|\n| 易受转型风险影响的资产账面价值（亿元） | 14.8 |\n"
            "| 占总资产比例 | 6.3% |\n",
            "14.8",
            "money",
        ),
        (
            "| Metric | 2025 |\n|---|---|\n| Revenue from flood-prone shops (HK$ million) | 724 |\n"
            "| Shops (number) | 14 |\n",
            "724",
            "money",
        ),
        (
            "| 指標 | 2025 |\n|---|---|\n| 柴油（千升） | 61.5 |\n| 範疇一排放（噸二氧化碳當量） | 1,204 |\n",
            "1,204",
            "tco2e",
        ),
        # a row label without a bracketed unit leaves the figure bare
        ("| Metric | 2025 |\n|---|---|\n| Shops in flood zones | 14 |\n", "14", "number"),
    ],
)
def test_a_row_label_types_its_own_row(markdown: str, figure: str, kind: str) -> None:
    assert _quantities(markdown)[figure][0] == kind
