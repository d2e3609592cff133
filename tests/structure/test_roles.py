"""Block roles as a rule author sees them in ``gapcheck extract``: which passages may be evidence, and why not.

Each case is a short paged text draft written for this test (pages split by form feeds), a block picked by its
opening words, and the role it must get. The cases follow the ways real reports laid their pages out.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.ingest.document import BlockRole, Document
from checker.ingest.options import ReadOptions
from checker.ingest.registry import document_from_bytes

NAV = "GRI Index | Data Centre | Assurance Statement"


def _pages(*pages: str) -> str:
    return "\f".join(textwrap.dedent(page).strip("\n") + "\n" for page in pages)


def _data_page(n: int, body: str) -> str:
    return f"{NAV}\n\n{body}\n\nGreenfield Motors 2025 Sustainability Supplement {n}"


NAVIGATION_BAR = _pages(
    *(
        _data_page(n, f"Our plants reduced water withdrawal in section {n} through closed-loop cooling and reuse.")
        for n in range(1, 9)
    ),
    _data_page(9, "Water withdrawal by source 2025: municipal supply 7,602 megalitres; groundwater 795 megalitres."),
    _data_page(10, "GRI 303-3 Water withdrawal 9\nGRI 303-4 Water discharge 9\nGRI 305-1 Direct GHG emissions 4"),
)


@dataclass(frozen=True)
class Case:
    name: str
    draft: str
    opening: str
    role: BlockRole


CORRESPONDENCE = textwrap.dedent(
    """
    # 1. Introduction

    This report follows the TCFD recommendations.

    ## 1.1 The recommendations and our response

    | TCFD recommendation | Our response |
    |---|---|
    | a) Describe the board's oversight of climate-related risks and opportunities. | The Risk Committee reviews it. |
    | b) Describe management's role in assessing and managing climate-related risks and opportunities. | The CRO. |

    a) Describe the climate-related risks and opportunities the organization has identified over the short, medium,
    and long term.

    We see credit risk in the power sector over the medium term.

    b) Describe the impact of climate-related risks and opportunities on the organization's businesses, strategy, and
    financial planning.

    Financing for renewables is our main opportunity.

    ## 1.2 About the group

    We are a regional bank with 2,300 staff.
    """
).strip()

UNTITLED_CONTENTS = textwrap.dedent(
    """
    # Harbourline Logistics ESG Report 2025

    ## What is inside

    | Chapter | Page |
    |---|---|
    | About this report | 2 |
    | Climate: governance and strategy | 4 |
    | Climate: risk management and metrics | 6 |
    | Our people | 8 |

    ## Our people

    | Workforce | 2025 | 2024 |
    |---|---|---|
    | Full-time | 2,140 | 2,010 |
    | Part-time | 310 | 295 |
    | Contractors | 120 | 118 |
    | Interns | 45 | 40 |
    """
).lstrip("\n")

# A GRI index as a text export flattens it: a column-heading line, rows that open with the topic standard and its
# year or with the code, and the "Comments" column as the issuer's own prose between the rows.
FLATTENED_GRI = _pages(
    """
    Our people

    We employ 2,300 people at four plants and publish our workforce data each year.

    Our training programme gave every technician 30 hours of instruction in 2025.
    """,
    """
    Material Topic GRI Standard GRI Standard Description Location Comments

    Employment (2016) 401-1 New employee hires and employee turnover. Our people

    We regard our turnover figures as commercially sensitive and do not publish them.

    Anti-corruption (2016) 205-2 Communication and training about anti-corruption policies. Ethics

    Every employee completes our annual Code of Conduct course, which covers bribery.

    Anti-corruption (2016) 205-3 Confirmed incidents of corruption. Ethics

    SASB Topic SASB Code SASB Accounting Metric Location

    Water Management TC-SC-140a.1 Total water withdrawn. Environmental data
    """,
)

# A correspondence table with no codes: each row points to a section and a page, and some rows answer in a line.
POINTER_TABLE = _pages(
    """
    Human rights

    We screen new suppliers for forced-labour risk and audited 40 of them in 2025.

    See Section 1.6 for our human rights policy, p. 24.
    """,
    """
    Appendix 9. Alignment with the Stakeholder Capitalism Metrics

    Diversity and inclusion.

    Section 6.2. Diversity and Inclusion, p. 126.

    Pay equality.

    Section 6.2. Diversity and Inclusion, p. 126.

    Risk for incidents of child or forced labour Section 1.6. Human Rights, p. 24.

    The Company carries out no activities at risk of child or forced labour.

    Living wage.

    Section 6.3. Remuneration, p. 130.
    """,
)

INLINE_MATERIALITY = _pages(
    """
    關於本報告

    本年度共識別出九項重大議題：食物安全、顧客服務、職業健康與安全、人才培訓、廚餘管理、能源使用及反貪污。

    我們為全體前線員工提供每年兩次的反貪污培訓，由廉政公署人員主講。
    """,
)

# The topics first, then the judgement: "Twelve topics were rated material: ...", 以下議題被評為高度重要：...
TOPICS_RATED_MATERIAL = _pages(
    """
    Stakeholder engagement

    Eleven topics were rated material: product safety; air emissions; occupational health and safety; data security;
    energy use; waste management; training; supply chain labour practices; business ethics; and water management.

    以下議題被評為高度重要：產品安全、廢氣排放、職業健康與安全、數據安全、能源使用及廢物管理。

    Water use at our plants is metered daily and reviewed each month by the plant energy committee.
    """,
)

# A ranking of the material topics: a rank and a name per row, under "排序 | 高度重要議題" or "Rank | Material topic".
RANKED_TOPICS = _pages(
    """
    持份者參與

    | 排序 | 高度重要議題 |
    |---|---|
    | 1 | 職業健康與安全 |
    | 2 | 廢氣排放（揮發性有機物） |
    | 3 | 反貪污培訓 |

    | Rank | Material topic |
    |---|---|
    | 1 | Product safety |
    | 2 | Anti-corruption training |
    """,
    """
    廢氣排放

    印刷工序的廢氣經蓄熱式焚化爐處理。

    | 污染物 | 2025年（千克） |
    |---|---|
    | 氮氧化物 | 2,368 |
    """,
)

CASES = [
    Case("ranked-material-topics-zh-hant", RANKED_TOPICS, "排序 | 高度重要議題", BlockRole.MATERIALITY),
    Case("ranked-material-topics-en", RANKED_TOPICS, "Rank | Material topic", BlockRole.MATERIALITY),
    Case("an-emissions-table-stays-body", RANKED_TOPICS, "污染物 | 2025年", BlockRole.BODY),
    Case("material-topics-after-a-colon", INLINE_MATERIALITY, "本年度共識別出九項", BlockRole.MATERIALITY),
    Case("topics-rated-material-en", TOPICS_RATED_MATERIAL, "Eleven topics were rated", BlockRole.MATERIALITY),
    Case("topics-rated-material-zh-hant", TOPICS_RATED_MATERIAL, "以下議題被評為高度重要", BlockRole.MATERIALITY),
    Case("a-measure-after-the-list-stays-body", TOPICS_RATED_MATERIAL, "Water use at our plants", BlockRole.BODY),
    Case("training-after-the-topics-stays-body", INLINE_MATERIALITY, "我們為全體前線員工", BlockRole.BODY),
    Case("pointer-rows-are-a-correspondence-table", POINTER_TABLE, "Section 6.2. Diversity", BlockRole.CONTENT_INDEX),
    Case("an-answer-between-pointer-rows", POINTER_TABLE, "The Company carries out no", BlockRole.CONTENT_INDEX),
    Case("one-cross-reference-stays-body", POINTER_TABLE, "See Section 1.6", BlockRole.BODY),
    Case("gri-column-headings-are-the-index", FLATTENED_GRI, "Material Topic GRI Standard", BlockRole.CONTENT_INDEX),
    Case("gri-row-with-its-standard-year", FLATTENED_GRI, "Employment (2016) 401-1", BlockRole.CONTENT_INDEX),
    Case("gri-comments-between-rows", FLATTENED_GRI, "Every employee completes", BlockRole.CONTENT_INDEX),
    Case("sasb-row-with-its-topic", FLATTENED_GRI, "Water Management TC-SC-140a.1", BlockRole.CONTENT_INDEX),
    Case("body-before-a-flattened-index", FLATTENED_GRI, "Our training programme", BlockRole.BODY),
    Case("navigation-bar-is-not-an-index-title", NAVIGATION_BAR, "Water withdrawal by source", BlockRole.BODY),
    Case("navigation-bar-is-running", NAVIGATION_BAR, "GRI Index | Data Centre", BlockRole.RUNNING),
    Case("gri-rows-stay-an-index", NAVIGATION_BAR, "GRI 303-3 Water withdrawal", BlockRole.CONTENT_INDEX),
    Case("contents-table-under-any-title", UNTITLED_CONTENTS, "Chapter | Page", BlockRole.TOC),
    Case("data-table-is-not-contents", UNTITLED_CONTENTS, "Workforce | 2025", BlockRole.BODY),
    Case(
        "stock-market-index-is-not-a-content-index",
        _pages(
            "Recognition\n\nConstituent of the Hang Seng ESG 50 Index.\n\nOur depots cut diesel use by 8%.\n\n"
            "Diesel per tonne-km fell for a third year.",
            "People\n\nWe trained 1,240 drivers on defensive driving during the year.",
        ),
        "Diesel per tonne-km fell",
        BlockRole.BODY,
    ),
    Case(
        "a-measure-named-index-is-not-a-content-index",
        _pages(
            "Physical risk\n\nClimate Risk Index\n\nWe score each lending market on exposure to floods.\n\n"
            "Scores above 60 trigger a review.",
            "Transition risk\n\nWe assess carbon-intensive sectors each quarter.",
        ),
        "Scores above 60 trigger",
        BlockRole.BODY,
    ),
    Case(
        "feedback-form-named-in-the-contents-is-not-a-form",
        _pages(
            "Reader Feedback Form. Table of Contents",
            "This is our fourth ESG report. It covers our data centres in Hong Kong and Macau "
            "for the year ended 31 December 2025. We prepared it under the HKEX ESG Reporting Code. The Board "
            "approved it on 20 March 2026. Figures are for the whole group unless a note says otherwise.",
            "Reader Feedback Form\n\nHow useful did you find this report? □ Very □ Somewhat □ Not at all",
        ),
        "This is our fourth ESG report",
        BlockRole.BODY,
    ),
    Case(
        "feedback-form-is-a-questionnaire",
        _pages(
            "About this Report\n\nThis is our fourth ESG report.",
            "Reader Feedback Form\n\nHow useful did you find this report? □ Very □ Somewhat □ Not at all",
        ),
        "How useful did you find",
        BlockRole.QUESTIONNAIRE,
    ),
    Case(
        "materiality-list-is-a-mention",
        _pages(
            "Stakeholder engagement\n\nMaterial issues and the sections that respond to them are as follows:\n\n"
            "Waste gas and wastewater management Green Operations\n\nWater use and efficiency Green Operations\n\n"
            "Occupational health and safety Our People\n\nWe reviewed the list with the Board in March 2026.",
            "Green Operations\n\nOur plants treated 1.2 million tonnes of wastewater in 2025.",
        ),
        "Water use and efficiency",
        BlockRole.MATERIALITY,
    ),
    Case(
        "a-materiality-table-after-an-intro-with-a-colon-zh-hant",
        "# 重要性評估\n\n本年度，我們透過問卷及訪談收集持份者意見，識別出以下重要性議題：\n\n"
        "| 範疇 | 重要議題 |\n|---|---|\n| 環境 | 廢物管理、能源使用 |\n| 管治 | 反貪污、合規經營 |\n\n"
        "今年的議題與去年大致相同，只新增了極端天氣一項，反映年內暴雨對工地的影響。\n",
        "範疇 | 重要議題",
        BlockRole.MATERIALITY,
    ),
    Case(
        "a-sentence-after-a-materiality-table-is-body-zh-hant",
        "# 重要性評估\n\n本年度，我們透過問卷及訪談收集持份者意見，識別出以下重要性議題：\n\n"
        "| 範疇 | 重要議題 |\n|---|---|\n| 環境 | 廢物管理、能源使用 |\n| 管治 | 反貪污、合規經營 |\n\n"
        "今年的議題與去年大致相同，只新增了極端天氣一項，反映年內暴雨對工地的影響。\n",
        "今年的議題與去年",
        BlockRole.BODY,
    ),
    Case(
        "an-aspect-title-heading-is-the-reports-structure-zh-hant",
        "# B2 健康與安全\n\n- 安全主任每日巡查工地。\n\n# B3 發展及培訓\n\n本集團資助員工進修。\n",
        "B2 健康與安全",
        BlockRole.BODY,
    ),
    Case(
        "an-aspect-title-heading-is-the-reports-structure-en",
        "# A1. Emissions\n\nOur fleet burned 1.2 million litres of diesel.\n",
        "A1. Emissions",
        BlockRole.BODY,
    ),
    Case(
        "the-longest-aspect-title-is-a-heading-too-en",
        "# A3 The Environment and Natural Resources\n\nOur most significant impact is the paper we print.\n",
        "A3 The Environment",
        BlockRole.BODY,
    ),
    Case(
        "a-kpi-quoted-as-a-heading-stays-an-echo-en",
        "# KPI B2.1 Number and rate of work-related fatalities\n\nThere were no fatalities in 2023, 2024 or 2025.\n",
        "KPI B2.1 Number",
        BlockRole.REQUIREMENT_ECHO,
    ),
    Case(
        "the-codes-note-defining-air-emissions-is-an-echo-en",
        "# Emissions\n\nNote: Air emissions include NOx, SOx, and other pollutants regulated under national laws and"
        " regulations.\n\nOur boilers emitted 4.2 tonnes of NOx in 2025.\n",
        "Note: Air emissions",
        BlockRole.REQUIREMENT_ECHO,
    ),
    Case(
        "the-codes-note-defining-greenhouse-gases-is-an-echo-zh-hant",
        "# 排放物\n\n註：溫室氣體包括二氧化碳、甲烷、氧化亞氮、氫氟碳化合物、全氟化碳及六氟化硫。\n\n"
        "本集團年內排放溫室氣體 820 噸二氧化碳當量。\n",
        "註：溫室氣體",
        BlockRole.REQUIREMENT_ECHO,
    ),
    Case(
        "the-codes-note-defining-hazardous-waste-is-an-echo-zh-hans",
        "# 废弃物\n\n有害废弃物指国家规例所界定者。\n\n本公司年内产生有害废弃物 3.1 吨。\n",
        "有害废弃物指国家",
        BlockRole.REQUIREMENT_ECHO,
    ),
    Case(
        "the-issuers-own-list-of-its-air-emissions-is-body-en",
        "# Emissions\n\nOur air emissions include NOx and SOx from the two boilers at the Tuen Mun plant.\n",
        "Our air emissions",
        BlockRole.BODY,
    ),
    Case(
        "a-table-under-materiality-results-is-a-list-zh-hans",
        "# 重要性评估结果\n\n| 重要程度 | 议题 |\n|---|---|\n| 高度重要 | 食品安全、员工健康与安全 |\n"
        "| 中度重要 | 能源管理、客户隐私 |\n\n与上年相比，水资源管理由中度重要上调为高度重要，原因是取水管控趋严。\n",
        "重要程度 | 议题",
        BlockRole.MATERIALITY,
    ),
    Case(
        "an-importance-by-topics-table-is-a-list-without-a-materiality-title-zh-hans",
        "# 利益相关方沟通\n\n本年度共回收问卷820份。\n\n| 重要程度 | 议题 |\n|---|---|\n"
        "| 高 | 生产安全；职业健康；能源使用 |\n| 低 | 知识产权；客户隐私 |\n\n我们每年检讨议题排序。\n",
        "重要程度 | 议题",
        BlockRole.MATERIALITY,
    ),
    Case(
        "an-importance-by-topics-table-is-a-list-without-a-materiality-title-zh-hant",
        "# 持份者參與\n\n| 重要性 | 議題 |\n|---|---|\n| 高 | 工地安全、員工健康 |\n| 中 | 顧客私隱、廢物管理 |\n",
        "重要性 | 議題",
        BlockRole.MATERIALITY,
    ),
    Case(
        "an-importance-by-topics-table-is-a-list-without-a-materiality-title-en",
        "# Stakeholder engagement\n\n| Priority | Topics |\n|---|---|\n"
        "| High | Product safety, data privacy, occupational health |\n| Medium | Water use, packaging |\n",
        "Priority | Topics",
        BlockRole.MATERIALITY,
    ),
    Case(
        "a-priority-table-that-describes-actions-is-body-en",
        "# Our response\n\n| Priority | Topic | What we did |\n|---|---|---|\n"
        "| High | Data privacy | Encrypted all customer records and trained 420 staff on the new access rules |\n",
        "Priority | Topic",
        BlockRole.BODY,
    ),
    Case(
        "prose-after-a-materiality-list-is-body",
        _pages(
            "Stakeholder engagement\n\nMaterial issues and the sections that respond to them are as follows:\n\n"
            "Water use and efficiency Green Operations\n\nWe reviewed the list with the Board in March 2026.",
        ),
        "We reviewed the list",
        BlockRole.BODY,
    ),
    Case(
        "a-principle-applied-is-not-a-materiality-title-zh-hant",
        "# 編製原則\n\n- 重要性：報告所披露的議題經實質性議題評估確定，詳見第5頁。\n"
        "- 量化：溫室氣體排放按《溫室氣體核算體系》計算，電力排放因子採用供電公司公佈的0.39千克二氧化碳當量／千瓦時。\n"
        "- 一致性：計算方法與上年一致。\n",
        "量化",
        BlockRole.BODY,
    ),
    Case(
        "a-dated-opening-paragraph-is-not-a-contents-entry-zh-hans",
        "# 目录\n\n| 内容 | 页码 |\n|---|---|\n| 关于本报告 | 2 |\n| 董事会声明 | 3 |\n| 排放物 | 4 |\n"
        "| 资源使用 | 6 |\n| 雇佣 | 8 |\n| 供应链 | 10 |\n| 社区 | 12 |\n\n"
        "<!-- pagebreak -->\n\n# 关于本报告\n\n本报告为本公司第五份ESG报告，时间范围为2025年1月1日至2025年12月31日，"
        "依据联交所附录C2编制，覆盖本部及3家附属公司，数据截至12月31日。\n",
        "本报告为本公司第五份",
        BlockRole.BODY,
    ),
    Case(
        "a-table-that-describes-material-risks-is-body-zh-hant",
        "# 氣候風險鑑別結果\n\n經評分後列為重大議題之氣候風險如下：\n\n| 類型 | 議題 | 可能之影響 |\n|---|---|---|\n"
        "| 轉型風險 | 碳費開徵 | 高碳排客戶獲利下降，授信資產品質轉弱，預期信用損失上升 |\n"
        "| 實體風險 | 強降雨 | 分行淹水導致營業中斷，設備修復費用增加 |\n",
        "類型 | 議題",
        BlockRole.BODY,
    ),
    Case(
        "a-table-that-describes-material-risks-is-body-en",
        "# Climate risk assessment\n\nThe material issues identified in the scoring are as follows:\n\n"
        "| Risk | Horizon | Possible effect |\n|---|---|---|\n"
        "| Carbon pricing | Medium term | Higher fuel costs for the fleet, squeezing margins on long-haul routes |\n"
        "| Typhoons | Short term | Port closures delaying deliveries, with penalty costs under customer contracts |\n",
        "Risk | Horizon",
        BlockRole.BODY,
    ),
    Case(
        "a-table-of-material-topic-names-is-a-list-zh-hans",
        "# 重要性评估\n\n本年度重要性议题如下：\n\n| 重要程度 | 议题 |\n|---|---|\n"
        "| 高度重要 | 产品质量、员工健康与安全 |\n| 中度重要 | 能源管理、社区投资 |\n",
        "重要程度 | 议题",
        BlockRole.MATERIALITY,
    ),
    Case(
        "a-correspondence-table-goes-on-past-its-first-rows",
        CORRESPONDENCE,
        "We see credit risk in the power sector",
        BlockRole.CONTENT_INDEX,
    ),
    Case("the-next-section-after-a-correspondence-table", CORRESPONDENCE, "We are a regional bank", BlockRole.BODY),
    Case(
        "an-appendix-label-before-an-index-title-zh-hant",
        "# 氣候相關披露\n\n本集團於2025年完成首次氣候情景分析，結果見第6頁。\n\n本集團將於2026年檢討目標。\n\n"
        "# 附錄二：內容索引（續）——D部分：氣候相關披露\n\n"
        "| 條文 | 內容 | 頁碼 |\n|---|---|---|\n| 管治 | 董事會的監督 | 5 |\n| 指標 | 行業指標 | 7 |\n",
        "條文 | 內容",
        BlockRole.CONTENT_INDEX,
    ),
    Case(
        "an-appendix-label-before-an-index-title-en",
        "# Climate\n\nWe ran our first scenario analysis in 2025.\n\nWe will review the targets in 2026.\n\n"
        "# Appendix 3 - Content Index (continued): Part D\n\n"
        "| Provision | Topic | Page |\n|---|---|---|\n| Governance | Board oversight | 5 |\n"
        "| Metrics | Industry-based metrics | 7 |\n",
        "Provision | Topic",
        BlockRole.CONTENT_INDEX,
    ),
    Case(
        "index-page-title-heads-its-rows",
        _pages(
            "Environment\n\nWe recycled 62% of our packaging waste in 2025 and cut landfill disposal by a third.",
            "Environment\n\nEnergy use fell 4% as the Tsuen Wan plant moved to LED lighting and heat recovery.",
            "HKEX ESG Reporting Guide Content Index\n\nA1.1 Types of emissions and respective emissions data 3\n"
            "A1.2 Greenhouse gas emissions in total and intensity 3\nA1.3 Hazardous waste produced 4",
        ),
        "A1.1 Types of emissions",
        BlockRole.CONTENT_INDEX,
    ),
    # A bank names the issuers of the bonds it holds; the Code names the reporting company "the issuer" and says
    # what it must disclose.
    Case(
        "bond-issuers-are-body-zh-hant",
        "# 投資\n\n財資部增持綠色債券，並在投資審批中考慮發行人的氣候表現。\n\n"
        "高碳發行人債券及股票價格下跌屬市場風險。",
        "財資部增持綠色債券",
        BlockRole.BODY,
    ),
    Case(
        "the-code-naming-the-issuer-is-echo-zh-hant",
        "# 守則\n\n發行人應披露其董事會對環境、社會及管治事宜的監管。\n\n本集團董事會每年審閱重要議題。",
        "發行人應披露",
        BlockRole.REQUIREMENT_ECHO,
    ),
    Case(
        "bond-issuers-are-body-en",
        "# Investments\n\nTreasury added green bonds and weighs each issuer's climate record before approval.\n\n"
        "Prices of bonds from the issuer with high carbon intensity fell.",
        "Prices of bonds from the issuer",
        BlockRole.BODY,
    ),
    # The first chapter after a contents table: its opening paragraph's dates, with a space before 年, 月 and 日,
    # are no page numbers.
    Case(
        "spaced-dates-after-contents-zh-hant",
        "# 目錄\n\n| 章節 | 頁次 |\n|---|---|\n| 關於本報告 | 2 |\n| 董事會聲明 | 3 |\n| 環境 | 4 |\n"
        "| 社會 | 6 |\n| 氣候 | 9 |\n| 索引 | 12 |\n\n<!-- pagebreak -->\n\n# 關於本報告\n\n"
        "本報告為本集團第 5 份環境、社會及管治報告，涵蓋 2025 年 1 月 1 日至 12 月 31 日，"
        "與年報於 4 月 28 日同日刊發。",
        "本報告為本集團",
        BlockRole.BODY,
    ),
    # Industry metrics reported under their SASB codes just before the index: the codes do not make the paragraph,
    # or the target paragraph after it, rows of the index that follows.
    *(
        Case(
            f"industry-metrics-by-code-before-an-index-{lang}",
            _pages(
                f"Metrics\n\n{metrics}\n\n{targets}",
                "HKEX ESG Reporting Code Content Index\n\nA1.1 Types of emissions 3\nA1.2 GHG emissions 3\n"
                "A1.3 Hazardous waste 4\nA2.1 Energy 5\nA2.2 Water 5\nB1.1 Workforce 7\nB1.2 Turnover 7",
            ),
            opening,
            BlockRole.BODY,
        )
        for lang, metrics, targets, opening in [
            (
                "en",
                "Industry metrics. Under the SASB Water Utilities standard: IF-WU-130a.1 total energy 1,200,000 GJ, "
                "of which grid electricity 91.0%; IF-WU-140a.1 water lost in distribution 12.0%.",
                "Targets and progress. We aim to cut Scope 1 and 2 intensity by 15% by 2030 from 2021.",
                "Targets and progress",
            ),
            (
                "zh-hans",
                "行业指标。参照SASB水务行业标准：IF-WU-130a.1能源消耗总量1,200,000吉焦，其中电网电力占91.0%；"
                "IF-WU-140a.1供水产销差率12.0%。",
                "目标及进展。本集团的目标是到2030年范围一和范围二排放强度较2021年下降15%。",
                "行业指标",
            ),
        ]
    ),
]


def _read(draft: str, tmp_path: Path) -> Document:
    file = tmp_path / ("draft.md" if draft.startswith("#") else "draft.txt")
    data = draft.encode("utf-8")
    file.write_bytes(data)
    return document_from_bytes(data, file, ReadOptions())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_block_role(case: Case, tmp_path: Path) -> None:
    document = _read(case.draft, tmp_path)
    blocks = [b for b in document.blocks if b.text.strip().startswith(case.opening)]
    assert blocks, f"no block opens with {case.opening!r}"
    assert {b.role for b in blocks} == {case.role}, [(b.text[:60], b.role, b.role_reason) for b in blocks]
