"""Index layouts that text and PDF exports produce: notes below the table, columns printed apart, other codes.

Every case is a short index written for these tests (English, Traditional and Simplified Chinese), read through the
plain-text reader, with the claims it must give: a code's cited pages or sections, and its explanation (a fragment
that must appear in it, or None for none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker.claims.model import Claim
from checker.claims.parse import read_content_index
from checker.ingest import read_document


@dataclass(frozen=True)
class Case:
    """An index as a text export prints it, and what must be read from it."""

    name: str
    pages: list[str]
    pages_cited: dict[str, list[str]] = field(default_factory=dict)
    explained: dict[str, str | None] = field(default_factory=dict)


BODY = "Our depots used 8,420 MWh of electricity in 2025; we employed 1,204 staff.\n\n"

CASES = [
    Case(
        "en-note-below-the-table",
        [
            BODY,
            "HKEX ESG Reporting Guide Content Index\n\n"
            "| KPI | Description | Page |\n|---|---|---|\n"
            "| KPI A1.1 | Types of emissions | 12 |\n"
            "| KPI A2.1 | Energy consumption | 14 |\n"
            "| KPI A2.5 | Packaging material | N/A (Note 1) |\n"
            "| KPI B2.1 | Work-related fatalities | N/A (Note 2) |\n"
            "| KPI B2.2 | Lost days due to work injury | 21 |\n\n"
            "Note 1: Not applicable, as the Group sells services and makes no finished products.\n\n"
            "Note 2: The Group reports its fatality rate per 200,000 hours worked instead, on page 21.\n",
        ],
        pages_cited={"HKEX:A1.1": ["12"], "HKEX:A2.5": [], "HKEX:B2.2": ["21"]},
        explained={
            "HKEX:A2.5": "makes no finished products",
            "HKEX:B2.1": "fatality rate per 200,000 hours",
            "HKEX:B2.2": None,
            "HKEX:A1.1": None,
        },
    ),
    Case(
        "en-superscript-marker-and-notes-heading",
        [
            BODY,
            "HKEX ESG Reporting Guide Content Index\n\n"
            "KPI A1.1 Types of emissions 12\n"
            "KPI A1.3 Hazardous waste Not applicable¹\n"
            "KPI A2.2 Water consumption 15²\n"
            "KPI B1.1 Total workforce\n\n"
            "Notes:\n1. Not applicable: our offices produce no hazardous waste.\n"
            "2. Water is included in the building management fee and is not metered separately.\n",
        ],
        pages_cited={"HKEX:A1.1": ["12"], "HKEX:A2.2": ["15"], "HKEX:B1.1": []},
        explained={"HKEX:A1.3": "produce no hazardous waste", "HKEX:A2.2": None, "HKEX:B1.1": None},
    ),
    Case(
        "zh-hant-note-markers",
        [
            BODY,
            "香港聯交所《環境、社會及管治報告指引》內容索引\n\n"
            "| 指標 | 描述 | 頁碼 |\n|---|---|---|\n"
            "| 關鍵績效指標A1.1 | 排放物種類及相關排放數據 | 12 |\n"
            "| 關鍵績效指標A2.5 | 製成品所用包裝材料 | 不適用（註1） |\n"
            "| 關鍵績效指標B1.1 | 僱員總數 | 20 |\n"
            "| 關鍵績效指標B1.2 | 僱員流失比率 | 21 |\n\n"
            "註1：本集團提供物業管理服務，並不生產製成品。\n",
        ],
        pages_cited={"HKEX:A1.1": ["12"], "HKEX:B1.2": ["21"]},
        explained={"HKEX:A2.5": "並不生產製成品", "HKEX:B1.2": None},
    ),
    Case(
        "zh-hans-note-glued-to-the-cell",
        [
            BODY,
            "香港联交所《环境、社会及管治报告指引》内容索引\n\n"
            "关键绩效指标A1.1 排放物种类及相关排放数据 12\n"
            "关键绩效指标A1.3 所产生有害废弃物总量 不适用注1\n"
            "关键绩效指标B1.1 雇员总数 20\n"
            "关键绩效指标B2.1 因工亡故的人数及比率 22\n\n"
            "注1：本集团业务不产生有害废弃物。\n",
        ],
        pages_cited={"HKEX:A1.1": ["12"], "HKEX:B2.1": ["22"]},
        explained={"HKEX:A1.3": "不产生有害废弃物", "HKEX:B2.1": None},
    ),
    Case(
        "en-note-that-gives-no-reason",
        [
            BODY,
            "HKEX ESG Reporting Guide Content Index\n\n"
            "KPI A1.1 Types of emissions 12\n"
            "KPI A1.2 Greenhouse gas emissions 13 (Note 1)\n"
            "KPI A2.1 Energy consumption 14\n\n"
            "Note 1: Scope 2 emissions use the grid factors published by the local power company.\n",
        ],
        pages_cited={"HKEX:A1.2": ["13"], "HKEX:A2.1": ["14"]},
        explained={"HKEX:A1.2": None, "HKEX:A2.1": None},
    ),
    Case(
        "en-sasb-codes-between-the-code-and-its-location",
        [
            "ENVIRONMENTAL MANAGEMENT\n\nOur sites recycled 310 tonnes of scrap metal.",
            "HKEX, GRI AND SASB CONTENT INDEX\n\n"
            "Energy consumption 302-1 KPI A2.1 IF-RE-130a.1 IF-RE-130a.2.\n"
            "Environmental Management.\n"
            "Compliance 307-1 A3 General Disclosure & KPI A3.1.\n"
            "IF-RE-410a.3 Environmental Management.\n"
            "Employees 102-8 KPI B1.1 12\n",
        ],
        pages_cited={"HKEX:A2.1": [], "HKEX:B1.1": ["12"]},
        explained={"HKEX:A3.1": None},
    ),
]


def _split(title: str, lines: list[str]) -> str:
    """An index page as a column-by-column export prints it: every cell on its own line."""
    return "\n\n".join([title, *lines]) + "\n"


CASES += [
    Case(
        "en-column-split",
        [
            BODY,
            _split(
                "HKEX ESG Reporting Guide Content Index",
                [
                    "Aspect A1: Emissions.",
                    "Aspect A2: Use of Resources.",
                    "General Disclosure: Policies on air and greenhouse gas emissions.",
                    "General Disclosure: Policies on the efficient use of resources.",
                    "KPI A1.1.",
                    "KPI A1.2.",
                    "KPI A2.1.",
                    "The types of emissions and respective emissions data.",
                    "Greenhouse gas emissions in total and intensity.",
                    "Energy consumption by type in total and intensity.",
                    "Subject Areas, Aspects, General Disclosures and KPIs Pages.",
                    "12-13 14 15,40 16 17-18.",
                ],
            ),
        ],
        pages_cited={
            "HKEX:A1.GD": ["12-13"],
            "HKEX:A1.1": ["14"],
            "HKEX:A1.2": ["15", "40"],
            "HKEX:A2.GD": ["16"],
            "HKEX:A2.1": ["17-18"],
        },
    ),
    Case(
        "zh-hant-column-split",
        [
            BODY,
            _split(
                "環境、社會及管治報告指引內容索引",
                [
                    "層面B1：僱傭",
                    "層面B2：健康與安全",
                    "一般披露：有關薪酬及解僱的政策",
                    "一般披露：有關提供安全工作環境的政策",
                    "關鍵績效指標B1.1",
                    "關鍵績效指標B1.2",
                    "關鍵績效指標B2.1",
                    "按性別劃分的僱員總數",
                    "按性別劃分的僱員流失比率",
                    "因工亡故的人數及比率",
                    "20 21 22-23, 25 26 27",
                ],
            ),
        ],
        pages_cited={
            "HKEX:B1.GD": ["20"],
            "HKEX:B1.1": ["21"],
            "HKEX:B1.2": ["22-23", "25"],
            "HKEX:B2.GD": ["26"],
            "HKEX:B2.1": ["27"],
        },
    ),
    Case(
        "zh-hans-column-split-with-a-moved-na-cell-placed-by-its-note",
        [
            BODY,
            _split(
                "环境、社会及管治报告指引内容索引",
                [
                    "层面A2：资源使用",
                    "一般披露：有效使用资源的政策",
                    "关键绩效指标A2.1",
                    "关键绩效指标A2.2",
                    "关键绩效指标A2.5",
                    "按类型划分的直接及间接能源总耗量",
                    "总耗水量及密度",
                    "制成品所用包装材料的总量",
                    "30 31 32",
                    "不适用注1",
                    "注1：本集团提供物流服务，不生产制成品。",
                ],
            ),
        ],
        pages_cited={"HKEX:A2.GD": ["30"], "HKEX:A2.1": ["31"], "HKEX:A2.2": ["32"], "HKEX:A2.5": []},
        explained={"HKEX:A2.5": "不生产制成品", "HKEX:A2.2": None},
    ),
    Case(
        "en-column-split-two-moved-na-cells-each-placed-by-its-note",
        [
            BODY,
            _split(
                "HKEX ESG Reporting Guide Content Index",
                [
                    "Aspect B1: Employment.",
                    "Aspect B2: Health and Safety.",
                    "General Disclosure: Policies on compensation, recruitment and working hours.",
                    "General Disclosure: Policies on a safe working environment.",
                    "KPI B1.1.",
                    "KPI B1.2.",
                    "KPI B2.1.",
                    "KPI B2.2.",
                    "Total workforce by gender and age group.",
                    "Employee turnover rate by gender and age group.",
                    "Number and rate of work-related fatalities in each of the past three years.",
                    "Lost days due to work injury.",
                    "Note 1: Turnover is not tracked by age group at our franchised branches.",
                    "Note 2: The Group reports its fatal incident rate per million hours worked instead.",
                    "40 41 44 45",
                    "N/A Note1 N/A Note2.",
                ],
            ),
        ],
        pages_cited={"HKEX:B1.GD": ["40"], "HKEX:B1.1": ["41"], "HKEX:B2.GD": ["44"], "HKEX:B2.2": ["45"]},
        explained={"HKEX:B1.2": "Turnover is not tracked", "HKEX:B2.1": "fatal incident rate", "HKEX:B2.2": None},
    ),
    Case(
        "en-column-split-with-a-note-that-fits-no-row-is-not-guessed",
        [
            BODY,
            _split(
                "HKEX ESG Reporting Guide Content Index",
                [
                    "KPI A1.1.",
                    "KPI A1.2.",
                    "KPI A1.3.",
                    "Types of emissions.",
                    "Greenhouse gas emissions.",
                    "Hazardous waste produced.",
                    "12 13",
                    "N/A Note1",
                    "Note 1: Not applicable to the Group.",
                ],
            ),
        ],
        pages_cited={"HKEX:A1.1": [], "HKEX:A1.2": [], "HKEX:A1.3": []},
        explained={"HKEX:A1.1": None, "HKEX:A1.2": None, "HKEX:A1.3": None},
    ),
    Case(
        "en-a-column-serving-two-tables-is-not-guessed",
        [
            BODY,
            _split(
                "HKEX ESG Reporting Guide Content Index",
                [
                    "KPI B8.1.",
                    "KPI B8.2.",
                    "KPI B7.1.",
                    "Focus areas of contribution.",
                    "Resources contributed.",
                    "Concluded legal cases regarding corrupt practices.",
                    "70-71 70 14-16 80 80-83",
                ],
            ),
        ],
        pages_cited={"HKEX:B8.1": [], "HKEX:B8.2": [], "HKEX:B7.1": []},
    ),
]

CASES += [
    Case(
        "en-last-row-wrapped-over-lines-and-a-back-cover-after-it",
        [
            "# 7.1 Volunteering\n\nStaff gave 2,400 hours.\n\n# 7.2 Donations\n\nWe gave HK$1.2 million.",
            _split(
                "HKEX ESG Reporting Guide Content Index",
                [
                    "KPI B7.1 Concluded legal cases regarding corrupt practices. 7.2 Donations.",
                    "KPI B8.1 Focus areas of contribution. 7.1 Volunteering.",
                    "KPI B8.2 Resources contributed. 7.1 Volunteering.",
                    "Programmes.",
                    "Further 7.2 Donations.",
                    "Printed by Harbourside Press, 12th Floor, 88 Quay Road",
                ],
            ),
        ],
        pages_cited={"HKEX:B8.2": []},
    ),
]

CASES += [
    Case(
        "en-a-temperature-is-no-page",
        [
            BODY,
            "HKEX ESG Reporting Guide Content Index\n\n"
            "| KPI | Description | Page |\n|---|---|---|\n"
            "| KPI A1.1 | Types of emissions | 12 |\n"
            "| KPI A1.2 | Greenhouse gas emissions | 13 |\n"
            "| KPI A4.1 | Climate-related issues under a 2°C scenario | Climate Resilience |\n",
        ],
        pages_cited={"HKEX:A1.2": ["13"], "HKEX:A4.1": []},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_index_layout(tmp_path: Path, case: Case) -> None:
    claims = _claims_of(tmp_path, case.pages)
    for code, pages in case.pages_cited.items():
        assert claims[code].pages == pages, code
    for code, fragment in case.explained.items():
        explanation = claims[code].explanation
        if fragment is None:
            assert explanation is None, (code, explanation)
        else:
            assert explanation is not None and fragment in explanation, (code, explanation)


def test_the_last_row_runs_on_through_its_wrapped_cell_and_stops_before_the_back_cover(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name.startswith("en-last-row"))
    claims = _claims_of(tmp_path, case.pages)
    assert [s.split(" ", 1)[0] for s in claims["HKEX:B8.2"].sections] == ["7.1", "7.2"]


def test_other_frameworks_codes_do_not_hide_a_rows_location(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name.startswith("en-sasb"))
    claims = _claims_of(tmp_path, case.pages)
    assert claims["HKEX:A2.1"].sections == ["ENVIRONMENTAL MANAGEMENT"]
    assert claims["HKEX:A3.1"].sections == ["ENVIRONMENTAL MANAGEMENT"]


def _claims_of(tmp_path: Path, pages: list[str]) -> dict[str, Claim]:
    draft = tmp_path / "index.txt"
    draft.write_text("\f".join(pages), encoding="utf-8")
    claims: dict[str, Claim] = {}
    for claim in read_content_index(read_document(draft)).claims:
        claims.setdefault(claim.code, claim)
    return claims
