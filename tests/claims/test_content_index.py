"""The issuer's content index read as claims, checked against the body, and its problems reported.

The drafts are written for these tests: an index that claims two KPIs the body never discloses, leaves one KPI out,
explains one, and cites pages the report does not have; a reverse index (section -> codes); a Traditional Chinese
index; and printed page numbers in running footers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.claims.model import Claim
from checker.claims.parse import read_content_index
from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards
from checker.report import junit, markdown, text
from checker.report.gate import Gate, evaluate_gate
from checker.report.model import AuditResult, Profile

PAGE = "\n\n<!-- pagebreak -->\n\n"

BODY = [
    """# 1. About this report

This report covers Harbour Lane Group's offices in Hong Kong for the year ended 31 December 2025.

# 2. Our people

## 2.1 Workforce

At year end we employed 420 staff: 230 women and 190 men; 380 full-time and 40 part-time; 120 aged under 30,
250 aged 30 to 50 and 50 over 50; 400 in Hong Kong and 20 in Macau.

Page 3""",
    """## 2.2 Health and safety

We comply with the Occupational Safety and Health Ordinance. There were no work-related fatalities in 2023, 2024
or 2025 (rate 0 per 1,000 staff each year). Lost days due to work injury were 14. Our safety measures
include first-aid training for all staff and ergonomic workstation checks, implemented by the office manager and
monitored through a quarterly safety inspection.

Page 4""",
    """# 3. Our environment

Electricity purchased for our offices was 1,250 MWh in 2025; energy intensity was 2.98 MWh per employee.

Page 5""",
    """# HKEX ESG Reporting Guide Content Index

| KPI | Description | Location |
|---|---|---|
| KPI B1.1 | Workforce by gender, employment type, age group and region | 2.1, page 3 |
| KPI B1.2 | Employee turnover rate by gender, age group and region | 2.1, page 3 |
| KPI B2.1 | Work-related fatalities in each of the past three years | 2.2, page 4 |
| KPI B2.2 | Lost days due to work injury | 2.2, page 4 |
| KPI B2.3 | Occupational health and safety measures | 2.2, page 4 |
| KPI A2.1 | Energy consumption by type and intensity | 3, page 5 |
| KPI A2.2 | Water consumption and intensity | 3, page 48 |
| KPI A2.5 | Packaging material | Not applicable: we make no products |
| KPI B3.1 | Percentage of employees trained | 5.9, page 7 |

Page 6""",
]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    draft = tmp_path_factory.mktemp("index") / "draft.md"
    draft.write_text(PAGE.join(BODY), encoding="utf-8")
    auditor = Auditor(load_standards(["hkex-esg-2020"]))
    audited = auditor.audit(read_document(draft), Profile(tier="main_board", financial_year=2025))
    return evaluate_gate(audited, Gate(fail_on=("index:overclaim",)))


def _finding(result: AuditResult, rid: str):  # type: ignore[no-untyped-def]
    return next(f for f in result.findings if f.id == rid)


def test_every_index_row_is_a_claim_with_its_citation(result: AuditResult) -> None:
    index = result.document.content_index
    assert index is not None and index.found and index.standards == ["HKEX"]
    codes = [claim.code for claim in index.claims]
    assert codes == [f"HKEX:{c}" for c in ("B1.1", "B1.2", "B2.1", "B2.2", "B2.3", "A2.1", "A2.2", "A2.5", "B3.1")]
    b21 = index.for_code("HKEX:B2.1")[0]
    assert b21.pages == ["4"]
    assert any(section.startswith("2.2") for section in b21.sections) or "2.2" in b21.text


def test_claims_are_checked_against_the_body(result: AuditResult) -> None:
    assert _finding(result, "B1.1").index_claim.check == "confirmed"
    assert _finding(result, "B2.1").index_claim.check == "confirmed"
    assert _finding(result, "B1.2").index_claim.check == "not_found"
    assert _finding(result, "B3.1").index_claim.check == "not_found"
    assert _finding(result, "A2.5").index_claim.check == "explained"
    assert _finding(result, "B4.1").index_claim is None


def test_an_explanation_in_the_index_is_explained(result: AuditResult) -> None:
    finding = _finding(result, "A2.5")
    assert finding.status.value == "explained"
    assert finding.explanation is not None and finding.explanation.from_index
    assert "Not applicable" in finding.explanation.text


def test_two_overclaims_and_one_omission_and_bad_citations(result: AuditResult) -> None:
    kinds = {(item.kind, item.id) for item in result.index_findings}
    assert {("overclaim", "B1.2"), ("overclaim", "B3.1")} <= kinds
    assert ("omitted", "A1.1") in kinds  # NOTE: the index lists no A1 KPI at all
    assert ("page_out_of_range", "A2.2") in kinds  # page 48 of a 6-page report
    assert ("unknown_section", "B3.1") in kinds  # section 5.9 does not exist
    overclaimed = {item.id for item in result.index_findings if item.kind == "overclaim"}
    assert overclaimed == {"B1.2", "B3.1", "A2.2"}  # NOTE: A2.2 is claimed and not disclosed either


def test_evidence_carries_the_printed_page(result: AuditResult) -> None:
    evidence = _finding(result, "B2.1").evidence
    assert evidence and all(e.page_label == str(e.page + 2) for e in evidence)


def test_index_findings_in_every_output(result: AuditResult) -> None:
    payload = json.loads(result.model_dump_json())
    assert payload["document"]["content_index"]["found"] is True
    assert payload["findings"][0]["index_claim"] is None or "check" in payload["findings"][0]["index_claim"]
    assert any(item["kind"] == "omitted" for item in payload["index_findings"])
    assert "content index (HKEX)" in text.render([result])
    assert "### Content index (HKEX)" in markdown.render([result])
    xml = junit.render([result])
    assert 'classname="content-index"' in xml and 'type="overclaim"' in xml


def test_the_gate_fails_on_overclaims_only_when_asked(result: AuditResult) -> None:
    assert result.gate is not None and not result.gate["passed"]
    reasons = [str(r) for r in result.gate["reasons"]]  # type: ignore[union-attr]
    assert any("B1.2 overclaim" in r for r in reasons)
    assert not any("omitted" in r for r in reasons)


def test_a_reverse_index_cites_its_sections(tmp_path: Path) -> None:
    draft = tmp_path / "reverse.md"
    draft.write_text(
        "# Index of HKEX ESG Reporting Guide\n\n"
        "Reporting framework | HKEX ESG Guide | GRI\n\n"
        "Caring for our people B1, B1.1, B1.2; B2, B2.1 401-1, 403-9\n\n"
        "Greening our operations A1, A1.1, A1.2; A2, A2.1 302-1, 305-1\n\n"
        "Serving customers B6, B6.2, B6.5 418-1\n",
        encoding="utf-8",
    )
    index = read_content_index(read_document(draft))
    claims = {claim.code: claim for claim in index.claims}
    assert {"HKEX:B1.GD", "HKEX:B1.2", "HKEX:A2.1", "HKEX:B6.5"} <= set(claims)
    assert claims["HKEX:A2.1"].sections == ["Greening our operations"]


def test_a_chinese_index_with_aspect_rows(tmp_path: Path) -> None:
    draft = tmp_path / "zh.md"
    draft.write_text(
        "# 環境、社會及管治報告指引內容索引\n\n"
        "| 指標 | 描述 | 頁碼 |\n|---|---|---|\n"
        "| 層面A1：排放物 一般披露 | 排放物政策 | 12-13 |\n"
        "| 關鍵績效指標A1.1 | 排放物種類及相關排放數據 | 14 |\n"
        "| 關鍵績效指標A2.5 | 包裝材料 | 不適用，本集團不生產製成品 |\n"
        "| 關鍵績效指標B1.1 | 僱員總數 | 20 |\n",
        encoding="utf-8",
    )
    index = read_content_index(read_document(draft))
    claims = {claim.code: claim for claim in index.claims}
    assert claims["HKEX:A1.GD"].pages == ["12-13"]
    assert claims["HKEX:A1.1"].pages == ["14"]
    assert claims["HKEX:A2.5"].explanation is not None and "不適用" in claims["HKEX:A2.5"].explanation


def test_a_forward_index_citing_sections_by_name(tmp_path: Path) -> None:
    """Rows that cite a chapter by its name, as a flattened export prints them.

    The chapters are titled only by their page headers. A name inside a row's description is not its location.
    """
    pages = [
        "PEOPLE AND CULTURE\n\nWe employed 1,204 staff at year end, 48% of them women.",
        "PEOPLE AND CULTURE\n\nEvery new driver completes a two-week safety induction.",
        "PEOPLE AND CULTURE\n\nTurnover was 11% in 2025.",
        "GREEN OPERATIONS\n\nOur depots used 8,420 MWh of electricity in 2025.",
        "GREEN OPERATIONS\n\nDiesel use fell 6% as hybrid buses replaced older ones.",
        "GREEN OPERATIONS\n\nWe recycled 310 tonnes of scrap metal.",
        "HKEX ESG REPORTING GUIDE CONTENT INDEX\n\n"
        "KPI A2.1 Direct and indirect energy consumption by type. Green Operations.\n"
        "KPI B1.1 Total workforce by gender. People and Culture.\n"
        "KPI B1.2 Employee turnover rate by gender. People and Culture.\n"
        "KPI A1.6 Description of how green operations handle waste and reduction targets. 6\n",
    ]
    document = read_document(_paged(tmp_path, pages))
    claims = {claim.code: claim for claim in read_content_index(document).claims}
    assert claims["HKEX:A2.1"].sections == ["GREEN OPERATIONS"]
    assert claims["HKEX:B1.2"].sections == ["PEOPLE AND CULTURE"]
    assert claims["HKEX:A1.6"].sections == [] and claims["HKEX:A1.6"].pages == ["6"]
    sections = {b.text.strip(): b.section for b in document.blocks if b.text.startswith("Diesel use")}
    assert sections == {"Diesel use fell 6% as hybrid buses replaced older ones.": ["GREEN OPERATIONS"]}
    repeats = [b for b in document.blocks if b.text.strip() == "GREEN OPERATIONS"]
    assert [(b.role.value, b.kind.value) for b in repeats] == [("body", "heading"), *[("running", "paragraph")] * 2]


@pytest.mark.parametrize(
    "reason",
    [
        "Data is currently unavailable for our leased sites",
        "Given the nature of our business, packaging is minimal",
        "與本集團主要業務關聯度較低",
        "基于本集团的业务性质，未能提供相关数据",
    ],
)
def test_index_explanations_in_their_own_words(tmp_path: Path, reason: str) -> None:
    draft = tmp_path / "why.md"
    draft.write_text(
        "# HKEX ESG Reporting Guide Content Index\n\n"
        "| KPI | Description | Location |\n|---|---|---|\n"
        "| KPI A1.1 | Types of emissions | 12 |\n"
        "| KPI A1.2 | Greenhouse gas emissions | 12 |\n"
        f"| KPI A2.5 | Packaging material | {reason} |\n"
        "| KPI B1.1 | Workforce | 20 |\n",
        encoding="utf-8",
    )
    claims = {claim.code: claim for claim in read_content_index(read_document(draft)).claims}
    assert claims["HKEX:A2.5"].explanation is not None
    assert claims["HKEX:A1.2"].explanation is None


def test_a_regulators_correspondence_table_by_pillar(tmp_path: Path) -> None:
    """Taiwan's guideline table answers by pillar: the pillar, the guideline's wording, the report's sections."""
    draft = tmp_path / "fsc.md"
    draft.write_text(
        "# 3.1 董事會監督\n\n董事會每季聽取氣候風險報告。\n\n<!-- pagebreak -->\n\n"
        "# 7. 氣候風險財務揭露指引對照表\n\n"
        "| 面向 | 指引 | 對應章節 |\n|---|---|---|\n"
        "| 治理 | 董事會應核定氣候風險管理政策。1. 第一道防線應評估氣候風險。 | 3.1 董事會監督 |\n"
        "| 策略 | 銀行應說明氣候風險在不同期間之影響。 | 4.2 情境分析 |\n"
        "| 風險管理 | 銀行應辨識氣候風險與其他風險之關聯性。 | 5.1 風險鑑別 |\n"
        "| 指標與目標 | 銀行應揭露溫室氣體排放量。 | 6.1 溫室氣體 |\n",
        encoding="utf-8",
    )
    claims = {claim.code: claim for claim in read_content_index(read_document(draft)).claims}
    assert {"TCFD:Gov", "TCFD:Str", "TCFD:RM", "TCFD:MT"} <= set(claims)
    assert claims["TCFD:Gov"].sections == ["3.1 董事會監督"] and claims["TCFD:Gov"].pages == []
    auditor = Auditor(load_standards(("tcfd",)))
    result = auditor.audit(read_document(draft), Profile())
    gov = next(f for f in result.findings if f.id == "TCFD-Gov-a")
    assert gov.index_claim is not None and gov.index_claim.cited == ["3.1 董事會監督"]


def test_page_lists_and_titles_in_capitals(tmp_path: Path) -> None:
    """ "04,07" cites two pages; a line in capitals standing alone is a section an index may name."""
    pages = [
        "Our depots used 8,420 MWh of electricity.",
        "KEY PERFORMANCE DATA\n\nElectricity 8,420 MWh; diesel 1,234 tonnes.",
        "HKEX ESG Reporting Guide Content Index\n\n"
        "KPI A2.1 Energy consumption by type 04,07\n"
        "KPI A1.1 Types of emissions and emissions data. Key Performance Data\n"
        "KPI B1.1 Total workforce by gender 1,234\n",
    ]
    claims = _claims_of(_paged(tmp_path, pages))
    assert claims["HKEX:A2.1"].pages == ["04", "07"]
    assert claims["HKEX:A1.1"].sections == ["KEY PERFORMANCE DATA"]
    assert claims["HKEX:B1.1"].pages == []


def test_an_index_combined_with_gri_flattened_without_breaks(tmp_path: Path) -> None:
    """GRI-combined rows run on: description, GRI code, HKEX code, the section's name, the next description."""
    pages = [
        "PEOPLE AND CULTURE\n\nWe employed 1,204 staff at year end.",
        "PEOPLE AND CULTURE\n\nTurnover was 11% in 2025.",
        "PEOPLE AND CULTURE\n\nEvery driver completes a safety induction.",
        "GREEN OPERATIONS\n\nOur depots used 8,420 MWh of electricity in 2025.",
        "GREEN OPERATIONS\n\nDiesel use fell 6%.",
        "GREEN OPERATIONS\n\nWe recycled 310 tonnes of scrap metal.",
        "GRI AND HKEX CONTENT INDEX\n\n"
        "Information on employees 102-8 KPI B1.1 People and Culture Supply chain 102-9 KPI B5.1 Green Operations "
        "Energy consumption within the organisation 302-1 KPI A2.1 Green Operations Water withdrawal 303-3 KPI A2.2 "
        "Green Operations Diversity of employees 405-1 KPI B1.2 People and Culture.\n",
    ]
    claims = _claims_of(_paged(tmp_path, pages))
    assert claims["HKEX:B1.1"].sections == ["PEOPLE AND CULTURE"]
    assert claims["HKEX:A2.1"].sections == ["GREEN OPERATIONS"]


def _paged(tmp_path: Path, pages: list[str]) -> Path:
    """A text draft whose pages are separated by form feeds."""
    draft = tmp_path / "paged.txt"
    draft.write_text("\f".join(pages), encoding="utf-8")
    return draft


def _claims_of(draft: Path) -> dict[str, Claim]:
    return {claim.code: claim for claim in read_content_index(read_document(draft)).claims}
