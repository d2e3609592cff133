"""Index rows that name their item by topic and give a reason: an explanation, never a disclosure.

The drafts are written for these tests. Each has a body with a climate chapter and, at the end, a Part D index
whose rows name topics ("Internal carbon price", "內部碳價", "融资排放") instead of the Code's paragraph numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.evaluate.engine import Auditor
from checker.ingest import read_document
from checker.pipeline import load_standards
from checker.report.model import Finding, Profile

PAGE = "\n\n<!-- pagebreak -->\n\n"


@dataclass(frozen=True)
class Case:
    name: str
    body: str
    index_title: str
    rows: str
    requirement: str
    status: str


BODY_EN = (
    "# Climate\n\nThe Board's Sustainability Committee reviews climate risks twice a year. Our Scope 1 emissions "
    "were 1,240 tCO2e in 2025."
)
BODY_ZH_HANT = "# 氣候變化\n\n董事會轄下的可持續發展委員會每年兩次檢討氣候風險。2025年範圍1排放為1,240噸二氧化碳當量。"
BODY_ZH_HANS = "# 气候变化\n\n董事会辖下的可持续发展委员会每年两次检讨气候风险。2025年范围1排放为1,240吨二氧化碳当量。"

CASES = [
    Case(
        "carbon-price-row-explains-en",
        BODY_EN,
        "# Appendix: Content Index (Part D)",
        "| Pillar | Item | Page / remark |\n|---|---|---|\n| Governance | Board oversight | 1 |\n"
        "| Metrics | Internal carbon price | Not applicable: we do not price carbon internally at present |\n",
        "D.mt.ci.5",
        "explained",
    ),
    Case(
        "financed-emissions-row-explains-zh-hant",
        BODY_ZH_HANT,
        "# 附錄：內容索引（續）——D部分",
        "| 範疇 | 項目 | 頁碼／說明 |\n|---|---|---|\n| 管治 | 董事會的監督 | 1 |\n"
        "| 指標 | 融資排放 | 不適用：本集團並無從事銀行、保險或資產管理業務 |\n",
        "D.mt.ghg.6",
        "explained",
    ),
    Case(
        "industry-metrics-row-explains-zh-hans",
        BODY_ZH_HANS,
        "# 附录：内容索引——D部分",
        "| 范畴 | 项目 | 页码／说明 |\n|---|---|---|\n| 管治 | 董事会的监督 | 1 |\n"
        "| 指标 | 行业特定指标 | 暂未披露，将于2026年度报告披露 |\n",
        "D.mt.ind.1",
        "explained",
    ),
    # A later report planned in the issuer's words, in a Traditional Chinese index.
    Case(
        "industry-metrics-planned-for-a-later-report-zh-hant",
        BODY_ZH_HANT,
        "# 附錄：內容索引——D部分",
        "| 範疇 | 項目 | 頁碼／說明 |\n|---|---|---|\n| 管治 | 董事會的監督 | 1 |\n"
        "| 指標 | 行業指標 | 本集團正評估適用的行業指標，計劃於2026年度報告中披露 |\n",
        "D.mt.ind.1",
        "explained",
    ),
    # The cross-industry metrics are the other list: a row naming them is no industry metric.
    Case(
        "cross-industry-metrics-are-not-industry-metrics-zh-hans",
        BODY_ZH_HANS + "\n\n## 其他跨行业指标\n\n| 指标 | 2025年 |\n|---|---|\n| 气候相关资本开支 | 12.5亿元 |",
        "# 附录：内容索引——D部分",
        "| 范畴 | 项目 | 页码 |\n|---|---|---|\n| 管治 | 董事会的监督 | 1 |\n",
        "D.mt.ind.1",
        "missing",
    ),
    # A row that names the topic and cites a page claims a disclosure; it explains nothing and discloses nothing.
    Case(
        "a-row-that-cites-a-page-is-no-explanation-en",
        BODY_EN,
        "# Appendix: Content Index (Part D)",
        "| Pillar | Item | Page |\n|---|---|---|\n| Metrics | Internal carbon price | 1 |\n",
        "D.mt.ci.5",
        "missing",
    ),
    # A reason in the row of another topic explains only that topic.
    Case(
        "a-reason-for-another-topic-explains-nothing-zh-hant",
        BODY_ZH_HANT,
        "# 附錄：內容索引——D部分",
        "| 範疇 | 項目 | 頁碼／說明 |\n|---|---|---|\n| 指標 | 內部碳價 | 1 |\n| 指標 | 融資排放 | 不適用 |\n",
        "D.mt.ci.5",
        "missing",
    ),
    # A row that lists several items and gives its reason for one of them, labelled: the others stay unexplained.
    Case(
        "a-labelled-reason-explains-its-item-only-zh-hans",
        BODY_ZH_HANS,
        "# 附录：内容索引——D部分",
        "| 范畴 | 项目 | 页码／说明 |\n|---|---|---|\n"
        "| 跨行业指标 | 资本配置、内部碳价、薪酬 | 8（内部碳价：与本集团主要业务关联度低） |\n",
        "D.mt.ci.6",
        "missing",
    ),
    Case(
        "a-labelled-reason-still-explains-its-own-item-zh-hans",
        BODY_ZH_HANS,
        "# 附录：内容索引——D部分",
        "| 范畴 | 项目 | 页码／说明 |\n|---|---|---|\n"
        "| 跨行业指标 | 资本配置、内部碳价、薪酬 | 8（内部碳价：与本集团主要业务关联度低） |\n",
        "D.mt.ci.5",
        "explained",
    ),
    Case(
        "a-labelled-reason-explains-its-item-only-en",
        BODY_EN,
        "# Appendix: Content Index (Part D)",
        "| Pillar | Items | Page / remark |\n|---|---|---|\n"
        "| Metrics | Capital deployment, internal carbon price, remuneration "
        "| 8 (Internal carbon price: not applicable) |\n",
        "D.mt.ci.6",
        "missing",
    ),
    # A GRI index's comments cell gives its reason in one of several sentences: the cell is too long to be a row,
    # its sentence is not.
    Case(
        "a-reason-in-a-long-gri-comment-explains-en",
        BODY_EN,
        "# GRI Content Index",
        "| GRI Standard | Disclosure | Location | Comments |\n|---|---|---|---|\n"
        "| GRI 401: Employment | New employee hires and employee turnover | Our people | Hiring by age group and "
        "gender is shown in the people data table, and the figures for interns are shown separately because their "
        "contracts run for less than one year and would distort the comparison with earlier years. Hiring by region "
        "follows the structure of our four business units, as in earlier reports. We regard employee turnover "
        "figures as commercially sensitive and do not publish them. |\n",
        "B1.2",
        "explained",
    ),
    # The practice not adopted leaves nothing to disclose; said in the row, it is the issuer's explanation.
    Case(
        "carbon-price-not-adopted-row-explains-zh-hans",
        BODY_ZH_HANS,
        "# 附录：内容索引——D部分",
        "| 范畴 | 项目 | 页码／说明 |\n|---|---|---|\n| 管治 | 董事会的监督 | 1 |\n"
        "| D部分：内部碳价格 | 本集团目前未采用内部碳定价，计划于2027年结合碳市场政策开展研究 | — |\n",
        "D.mt.ci.5",
        "explained",
    ),
    # "Data being collected" opens the reason; it is no item label, so the row's own item names the topic.
    Case(
        "data-being-collected-row-explains-zh-hant",
        BODY_ZH_HANT,
        "# 附錄：內容索引——D部分",
        "| 項目 | 說明 | 頁碼 |\n|---|---|---|\n| D部 董事會的監督 | 氣候管治 | 1 |\n"
        "| D部 易受轉型風險影響的資產或業務活動 "
        "| 資料收集中：本集團正建立碳成本模型，預計於2027年度報告披露 | 不適用 |\n",
        "D.mt.ci.1",
        "explained",
    ),
    # Figures reported from a later report, in an English row keyed by its code.
    Case(
        "figures-reported-from-a-later-report-en",
        BODY_EN,
        "# HKEX ESG Reporting Code Content Index",
        "| Code | Item | Page / remark |\n|---|---|---|\n| B1.1 | Total workforce | 1 |\n| B2.1 | Fatalities | 1 |\n"
        "| B2.2 | Lost days due to work injury | Our two plants count lost days on different bases; a common "
        "definition applies from January 2026 and figures will be reported from the 2026 report. |\n"
        "| B3.1 | Employees trained | 1 |\n",
        "B2.2",
        "explained",
    ),
    # A pointer to another document gives no reason: the row claims the item elsewhere.
    Case(
        "a-pointer-to-another-document-is-no-explanation-en",
        BODY_EN,
        "# Appendix: Content Index (Part D)",
        "| Pillar | Item | Page / remark |\n|---|---|---|\n"
        "| Metrics | Internal carbon price | Further detail will be provided in our CDP climate response. |\n",
        "D.mt.ci.5",
        "missing",
    ),
    # The body discloses the item in part: judged on the body, never on the index.
    Case(
        "the-body-decides-when-it-discloses-en",
        BODY_EN + " We are studying the feasibility of an internal carbon price for capital projects.",
        "# Appendix: Content Index (Part D)",
        "| Pillar | Item | Page / remark |\n|---|---|---|\n| Metrics | Internal carbon price | Not applicable |\n",
        "D.mt.ci.5",
        "partial",
    ),
]


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["hkex-esg-2025"]))


def _finding(auditor: Auditor, case: Case, tmp_path: Path) -> Finding:
    draft = tmp_path / "draft.md"
    draft.write_text(case.body + PAGE + case.index_title + "\n\n" + case.rows, encoding="utf-8")
    result = auditor.audit(read_document(draft), Profile(tier="main_board", financial_year=2025))
    return next(f for f in result.findings if f.id == case.requirement)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_topic_row_verdict(auditor: Auditor, case: Case, tmp_path: Path) -> None:
    finding = _finding(auditor, case, tmp_path)
    assert finding.status.value == case.status, finding.message
    if case.status == "explained":
        assert finding.explanation is not None and finding.explanation.from_index
        assert finding.explanation.page == 2
        assert not finding.evidence  # an index row is never evidence of disclosure


def test_a_coded_rows_reason_line_explains_only_its_own_code(auditor: Auditor, tmp_path: Path) -> None:
    """An index flattened into lines puts a row's reason on the line after its code: it is that code's claim."""
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Our offices\n\nWe lease two floors in Kowloon Bay for 85 staff.\n\f"
        "HKEX ESG Reporting Guide Content Index\n\n"
        "A1.1 The types of emissions and respective emissions data 1\n\n"
        "A1.2 Greenhouse gas emissions in total and intensity 1\n\n"
        "A2.4 Description of whether there is any issue in sourcing water\n\n"
        "Our offices are not located in water-stressed areas, and water consumption is not material.\n\n"
        "B1.1 Total workforce by gender 1\n\n"
        "B1.2 Employee turnover rate by gender 1\n\n"
        "B2.1 Number and rate of work-related fatalities 1\n\n"
        "B2.2 Lost days due to work injury 1\n",
        encoding="utf-8",
    )
    result = auditor.audit(read_document(draft), Profile(tier="main_board", financial_year=2025))
    water = next(f for f in result.findings if f.id == "A2.2")
    assert water.status.value == "missing", water.message
