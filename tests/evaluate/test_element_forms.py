"""Element by element: the forms real reports give a data point in, each met (or not) on its own.

A verdict hides which element a new form reached; these cases name the element. The texts are written for these
tests, in the layouts the reports use (a risk table with a horizon column, a scenario table, a reason under the
resilience heading).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.pipeline import load_standards
from checker.report.model import Profile


@dataclass(frozen=True)
class Case:
    name: str
    requirement: str
    element: str
    text: str
    met: bool


CASES = [
    Case(
        "horizon-column-in-a-risk-table-en",
        "D.str.1",
        "time horizon of each risk or opportunity",
        """
        | Type | Risk | Horizon |
        |---|---|---|
        | Physical: acute | Stronger typhoons | Short to long |
        | Transition: policy | Carbon pricing | Medium |
        """,
        True,
    ),
    Case(
        "horizon-column-in-a-risk-table-zh-hant",
        "D.str.1",
        "time horizon of each risk or opportunity",
        """
        | 類別 | 風險 | 時間範圍 |
        |---|---|---|
        | 實體風險 | 颱風加劇 | 短期至長期 |
        | 轉型風險 | 碳定價 | 中期 |
        """,
        True,
    ),
    Case(
        "horizons-defined-by-calendar-years-en",
        "D.str.1",
        "definition of short, medium and long term",
        "## Climate-related risks\n\nWe define the short term as up to 2027, the medium term as 2028 to 2035"
        " and the long term as 2036 to 2050.",
        True,
    ),
    Case(
        "a-long-term-goal-with-a-year-is-no-definition-en",
        "D.str.1",
        "definition of short, medium and long term",
        "## Climate-related risks\n\nOur long-term goal is net zero by 2050.",
        False,
    ),
    Case(
        "allowance-cost-is-a-current-effect-en",
        "D.str.6",
        "current financial effects (amounts)",
        "Emission allowances under the EU ETS cost us US$9.8 million in 2025.",
        True,
    ),
    Case(
        "allowance-cost-is-a-current-effect-zh-hans",
        "D.str.6",
        "current financial effects (amounts)",
        "2025年，本集团购买碳排放配额的成本为人民币1,200万元。",
        True,
    ),
    Case(
        "adaptive-capacity-under-the-resilience-heading-en",
        "D.str.8",
        "capacity to adjust or adapt strategy and business model",
        """
        ## Climate resilience

        Our adaptive capacity comes from a chartered-in fleet that can be returned within three years.
        """,
        True,
    ),
    Case(
        "adaptive-capacity-under-the-resilience-heading-zh-hant",
        "D.str.8",
        "capacity to adjust or adapt strategy and business model",
        """
        ## 氣候韌性

        本集團的應變能力來自可於三年內退還的租入船隊及充足的未動用信貸額度。
        """,
        True,
    ),
    Case(
        "scenarios-and-sources-in-a-table-en",
        "D.str.9",
        "scenarios used and their sources",
        """
        | Scenario | Source | Warming |
        |---|---|---|
        | Stated Policies | IEA | about 2.4°C |
        | SSP5-8.5 | IPCC AR6 | about 4.4°C |
        """,
        True,
    ),
    Case(
        "scenarios-and-sources-in-a-table-zh-hans",
        "D.str.9",
        "scenarios used and their sources",
        """
        | 情景 | 来源 | 升温 |
        |---|---|---|
        | 净零排放 | 国际能源署 | 1.5°C |
        | SSP5-8.5 | IPCC | 约4.4°C |
        """,
        True,
    ),
    Case(
        "board-review-of-the-targets-its-paragraph-names-en",
        "PartB.13(iii)",
        "board review of progress against targets",
        """
        # Board Statement

        The Board has approved the Group's targets for energy and waste. The ESG Committee reviews progress against
        them every half-year and the Board reviews them each year.
        """,
        True,
    ),
    Case(
        "a-committee-reviewing-risks-is-no-target-review-en",
        "PartB.13(iii)",
        "board review of progress against targets",
        """
        # Board Statement

        ESG risks are recorded in the risk register, which the Audit Committee reviews each year. The Board will work
        with management to set ESG targets.
        """,
        False,
    ),
    Case(
        "no-credits-towards-the-milestones-en",
        "D.mt.tgt.3",
        "planned use of carbon credits",
        "We do not plan to use carbon credits towards our 2030 and 2040 milestones.",
        True,
    ),
    Case(
        "a-cost-recognised-in-a-line-item-zh-hans",
        "D.str.6",
        "current financial effects (amounts)",
        "2025年，旱情导致饲料采购价格上涨，增加饲料成本约人民币1,500万元，计入营业成本。",
        True,
    ),
    Case(
        "a-physical-risk-share-is-no-transition-share-zh-hant",
        "D.mt.ci.1",
        "percentage of assets or activities vulnerable to transition risks",
        "轉型風險相關資產：目前未能可靠量化易受轉型風險影響的資產金額及比例。實體風險相關資產：位於易澇地區的兩間廠房"
        "賬面值合計4.2億元，佔固定資產的6.1%。",
        False,
    ),
    Case(
        "monitoring-under-an-aspect-titled-heading-zh-hant",
        "B2.3",
        "how they are monitored",
        """
        # B2 健康與安全

        - 安全主任每日巡查工地，總部每月進行突擊審核。
        """,
        True,
    ),
    Case(
        "a-policy-the-sentence-says-is-absent-zh-hant",
        "B6.3",
        "intellectual property policy or procedure",
        "本集團按客戶的設計施工，並無自行研發產品，因此未有就知識產權制定專門政策。",
        False,
    ),
    Case(
        "a-policy-the-sentence-says-is-absent-en",
        "B6.3",
        "intellectual property policy or procedure",
        "As we build to our clients' designs, we have no specific policy on intellectual property.",
        False,
    ),
    Case(
        "a-policy-in-place-zh-hans",
        "B6.3",
        "intellectual property policy or procedure",
        "本集团制定了《知识产权管理办法》，由法务部负责商标及专利的申请与维护。",
        True,
    ),
    Case(
        "a-table-captioned-by-its-subject-en",
        "B1.1",
        "total workforce",
        """
        # People

        Our workforce at 31 December 2025 (employees of all subsidiaries):

        | Category | 2025 | 2024 |
        |---|---|---|
        | Total | 2,346 | 2,118 |
        | Male | 1,612 | 1,456 |
        | Female | 734 | 662 |
        """,
        True,
    ),
    Case(
        "a-table-captioned-by-its-subject-zh-hans",
        "B1.1",
        "total workforce",
        """
        # 员工权益

        截至2025年12月31日的员工构成（按类别）：

        | 类别 | 2025年 | 2024年 |
        |---|---|---|
        | 合计 | 2,346 | 2,118 |
        | 男性 | 1,612 | 1,456 |
        """,
        True,
    ),
    Case(
        "risk-identification-in-a-paragraph-about-climate-risk-zh-hant",
        "D.rm.1",
        "process to identify and assess climate-related risks",
        """
        ## 風險管理

        氣候相關風險已納入本集團的企業風險管理框架。工作小組每年參考政府政策及保險理賠紀錄識別風險，並按可能性及影響評分。
        """,
        True,
    ),
    Case(
        "a-board-decision-in-a-list-the-board-introduces-en",
        "D.gov.1",
        "climate considered in strategy, major transactions and risk management",
        """
        ## Board oversight

        The Risk Committee oversees climate matters for the Board. In 2025 the Committee:

        - approved a limit on new lending to thermal coal mining, accepting slower loan growth;
        - reviewed the annual budget.
        """,
        True,
    ),
    Case(
        "a-list-without-an-intro-is-headed-by-nothing-en",
        "D.gov.1",
        "climate considered in strategy, major transactions and risk management",
        """
        ## Our lending

        - Loans to thermal coal mining were approved under the usual credit process.
        """,
        False,
    ),
    Case(
        "effects-over-periods-en",
        "D.str.7",
        "financial effects by time horizon",
        "## Climate-related financial effects\n\nWe estimate carbon-allowance costs of US$22-30 million in 2026-2027"
        " and US$35-60 million a year in 2028-2035.",
        True,
    ),
    Case(
        "a-capital-plan-over-a-period-is-no-effect-zh-hant",
        "D.str.7",
        "financial effects by time horizon",
        "## 氣候相關財務影響\n\n本集團預計於二〇二六年至二〇三〇年投入港幣98億元推行轉型計劃，"
        "資金來源包括經營現金流及綠色債券。",
        False,
    ),
    Case(
        "meetings-column-of-a-governance-table-en",
        "PartB.13(i)",
        "frequency of board or committee review",
        """
        | Body | ESG role | Meetings in 2025 |
        |---|---|---|
        | Board of Directors | Approves ESG strategy and this report | 4 |
        | Sustainability Committee | Oversees ESG matters and reports to the Board | 3 |
        """,
        True,
    ),
    Case(
        "climate-work-fed-into-board-decisions-en",
        "D.gov.1",
        "climate considered in strategy, major transactions and risk management",
        "The Committee's climate work fed into two Board decisions in 2025: raising the sea wall at our Cotai site and"
        " a storm-surge standard for new towers.",
        True,
    ),
    Case(
        "a-kitchens-food-safety-system-is-quality-assurance-en",
        "B6.4",
        "quality assurance process",
        """
        # Guests and community

        Food safety in our 30 restaurants is managed under a HACCP system: our team audits each kitchen monthly.
        """,
        True,
    ),
    Case(
        "complied-with-the-laws-it-names-en",
        "B4.GD",
        "compliance or non-compliance in the year",
        "We do not employ child or forced labour, in line with the labour laws of Macau and Hong Kong, with which we"
        " complied in 2025.",
        True,
    ),
    Case(
        "a-hotels-guest-complaints-handled-en",
        "B6.2",
        "how complaints are dealt with",
        "Every guest complaint is logged, acknowledged within 24 hours and followed up by the guest relations team.",
        True,
    ),
    Case(
        "setbacks-named-after-the-balance-statement-en",
        "PartB.14(balance)",
        "negative events disclosed",
        "Balance: we report where we fell short. This year that includes a contractor fatality and a warning from the"
        " environmental regulator.",
        True,
    ),
    Case(
        "what-the-results-made-the-issuer-do-zh-hans",
        "D.str.8",
        "implications for strategy and business model",
        """
        ## 情景分析

        分析结果显示，本集团的业务模式在三种情景下均具韧性。为此，我们保留在两个基地之间调配产能的灵活性，并视欧盟限值出台情况决定海外布局。
        """,
        True,
    ),
    Case(
        "the-board-reads-the-targets-yearly-zh-hans",
        "D.mt.tgt.2",
        "process for reviewing the target",
        "## 气候相关目标\n\n碳管理专项组每季度跟踪温室气体减排目标进展，董事会每年审阅目标。",
        True,
    ),
    # A semicolon inside brackets separates list items, not sentences: the climate KPIs and the pay they weigh in
    # are one sentence.
    Case(
        "semicolon-inside-brackets-en",
        "D.mt.ci.6",
        "percentage of executive remuneration linked to climate-related considerations",
        "Climate measures (energy intensity; share of green leases) make up 15% of the executive directors' bonus.",
        True,
    ),
    Case(
        "semicolon-inside-brackets-zh-hant",
        "D.mt.ci.6",
        "percentage of executive remuneration linked to climate-related considerations",
        "氣候指標（能源強度；綠色租約比例）佔高級管理人員獎金的15%。",
        True,
    ),
    Case(
        "semicolon-between-sentences-zh-hans",
        "D.mt.ci.6",
        "percentage of executive remuneration linked to climate-related considerations",
        "气候指标已纳入高管奖金；员工培训覆盖率达15%。",
        False,
    ),
    # A cell that lists two figures of its row ("14; 8.6%") is one statement: the share belongs to the row's label.
    Case(
        "semicolon-between-figures-in-a-row-en",
        "D.mt.ci.2",
        "percentage of assets or activities vulnerable to physical risks",
        "| Metric | 2025 |\n|---|---|\n| Shops in flood-prone areas (number; share of Group revenue) | 14; 8.6% |",
        True,
    ),
    Case(
        "semicolon-between-figures-in-a-row-zh-hant",
        "D.mt.ci.2",
        "percentage of assets or activities vulnerable to physical risks",
        "| 指標 | 2025年 |\n|---|---|\n| 位於水浸高風險區的分行（數目；佔分行總數比例） | 9；12.5% |",
        True,
    ),
    # A bare figure under its row's currency label is an amount.
    Case(
        "amount-under-a-currency-label-zh-hans",
        "D.mt.ci.2",
        "amount of assets or activities vulnerable to physical risks",
        "| 指标 | 2025年 |\n|---|---|\n| 位于内涝高风险区的厂房账面价值（亿元） | 14.6 |",
        True,
    ),
    # Training on the carbon market is climate competence; a background in market risk is not.
    Case(
        "board-trained-on-the-carbon-market-zh-hans",
        "D.gov.1",
        "skills and competencies of the body on climate",
        "## 气候管治\n\n董事会负责监督气候相关风险。全体董事于年内参加了全国碳排放权交易市场专题培训。",
        True,
    ),
    Case(
        "director-background-in-energy-zh-hant",
        "D.gov.1",
        "skills and competencies of the body on climate",
        "## 氣候管治\n\n董事會負責監督氣候相關風險。委員會成員中一名獨立非執行董事具有低碳能源研究背景。",
        True,
    ),
    Case(
        "market-risk-is-not-climate-expertise-en",
        "D.gov.1",
        "skills and competencies of the body on climate",
        "## Board oversight\n\nThe Board oversees climate-related risks. One director has market risk expertise.",
        False,
    ),
    # A sentence saying the thing does not exist yet names it without disclosing it: no element is met by it.
    Case(
        "a-process-not-yet-established-en",
        "D.rm.2",
        "process to identify and assess climate-related opportunities",
        "## Climate-related opportunities\n\nThe Group has not yet established a process to identify and assess"
        " climate-related opportunities.",
        False,
    ),
    Case(
        "a-process-not-yet-established-zh-hant",
        "D.rm.2",
        "process to identify and assess climate-related opportunities",
        "## 氣候相關機遇\n\n本集團尚未建立識別及評估氣候相關機遇的流程。",
        False,
    ),
    Case(
        "the-same-process-described-zh-hans",
        "D.rm.2",
        "process to identify and assess climate-related opportunities",
        "## 气候相关机遇\n\n可持续发展工作组每年通过行业研究及客户访谈识别及评估气候相关机遇。",
        True,
    ),
    Case(
        "mainland-executives-and-appraisal-zh-hans",
        "D.mt.ci.6",
        "how climate-related considerations are factored into executive remuneration",
        "集团将降碳指标完成情况纳入经营层年度绩效考核。",
        True,
    ),
]


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_standards(["hkex-esg-2025"]))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_element_form(auditor: Auditor, case: Case) -> None:
    document = example_document(textwrap.dedent(case.text).strip() + "\n", case.name)
    profile = Profile(tier="main_board", financial_year=2025)
    finding = auditor.judge(document, profile, {("hkex-esg-2025", case.requirement)})[0]
    element = next(e for e in finding.elements if e.name == case.element)
    assert element.met is case.met, finding.message


def test_the_reliefs_words_for_one_item_explain_no_other(auditor: Auditor) -> None:
    """'Without undue cost or effort' names a cost, but it is the relief's wording for Scope 3, no financial effect."""
    text = textwrap.dedent(
        """
        ## 当期财务影响

        2025年高温限电导致产量下降，减少收入约人民币8.7亿元。

        ## 范围3

        类别10的排放目前无法在不付出过度成本或努力的情况下获取合理且有依据的数据，我们计划于2027年前完成估算。
        """
    )
    profile = Profile(tier="main_board", financial_year=2025)
    finding = auditor.judge(example_document(text, "relief"), profile, {("hkex-esg-2025", "D.str.6")})[0]
    assert finding.status.value == "partial", finding.message
