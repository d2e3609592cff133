"""Regression cases for every way real reports fooled the checker, in English, Traditional and Simplified Chinese.

Each case is a short draft written for this test (never a report's sentence), the requirement it is judged on, and
the verdict a reviewer gives. The classes: content indexes and correspondence tables, requirement echo, unrelated
senses of a word, off-topic passages, figures bound to the wrong subject, disclosures written in unusual wording,
and explanations as reports write them (in the body and in the content index).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from checker.evaluate.engine import Auditor
from checker.evaluate.examples import example_document
from checker.pipeline import load_standards
from checker.report.model import Finding, Profile


@dataclass(frozen=True)
class Case:
    name: str
    standard: str
    requirement: str
    expected: str
    draft: str
    message: str = ""


CASES = [
    # --- content indexes: claims, never disclosure -------------------------------------------------------------
    Case(
        "gri-bare-codes-en",
        "hkex-esg-2020",
        "A1.GD",
        "missing",
        """
        # About this report
        This report covers our offices in Hong Kong.

        # GRI content index
        302-1 Energy consumption within the organization 12
        302-3 Energy intensity 12
        305-1 Direct (Scope 1) GHG emissions 13
        305-2 Energy indirect (Scope 2) GHG emissions 13
        306-2 Waste by type and disposal method 14
        103-1 Explanation of the material topic and its boundary 6
        103-2 The management approach and its components 6
        307-1 Non-compliance with environmental laws and regulations 15
        """,
    ),
    Case(
        "regulator-correspondence-table-zh-hant",
        "tcfd-2017",
        "TCFD-Str-c",
        "missing",
        """
        # 本國銀行氣候風險財務揭露指引對照表

        | 面向 | 指引 | 對應章節 |
        |---|---|---|
        | 策略 | 銀行應採用情境分析評估氣候風險對其業務之影響，並說明在不同氣候情境下策略之韌性。 | 5.1 |
        | 策略 | 銀行應選取與銀行相關且合理之情境，並說明所採用之情境及假設。 | 5.2 |
        | 治理 | 董事會應核定氣候風險管理政策並監督其執行。 | 2.1 |
        """,
    ),
    Case(
        "requirement-echo-heading-en",
        "tcfd-2017",
        "TCFD-Gov-a",
        "missing",
        """
        # a) Describe the board's oversight of climate-related risks and opportunities.

        # b) Describe management's role in assessing and managing climate-related risks and opportunities.
        """,
    ),
    Case(
        "requirement-echo-kpi-wording-zh-hans",
        "hkex-esg-2020",
        "B2.1",
        "missing",
        """
        # 环境、社会及管治报告指引索引
        关键绩效指标B2.1 过去三年（包括汇报年度）每年因工亡故的人数及比率。
        关键绩效指标B2.2 因工伤损失工作日数。
        关键绩效指标B2.3 描述所采纳的职业健康与安全措施，以及相关执行及监察方法。
        """,
    ),
    # --- response tables: the recommendation restated in one column, the issuer's answer in the next -----------
    Case(
        "response-table-answers-are-evidence-zh-hant",
        "tcfd-2017",
        "TCFD-Gov-b",
        "covered",
        "# 氣候相關財務揭露\n\n| 核心要素 | TCFD建議揭露事項 | 本公司作法 |\n|---|---|---|\n"
        "| 治理 | a) 描述董事會對氣候相關風險與機會的監督情況。 "
        "| 本公司董事會每半年聽取永續發展委員會報告，並核定減碳目標。 |\n"
        "| 治理 | b) 描述管理階層在評估和管理氣候相關風險與機會的角色。 "
        "| 本公司由總經理擔任永續發展委員會主任委員，下設風險管理處負責辨識氣候風險，每半年向董事會報告。 |\n"
        "| 指標與目標 | b) 揭露範疇1、範疇2溫室氣體排放。 "
        "| 2025年範疇一排放為86公噸CO2e，範疇二排放為2,140公噸CO2e。 |\n",
    ),
    Case(
        # The board row's answer says nothing about the board: the restated recommendation must not answer itself.
        "response-table-restated-cell-is-not-evidence-en",
        "tcfd-2017",
        "TCFD-Gov-a",
        "missing",
        "# Our TCFD response\n\n| Recommendation | Our response |\n|---|---|\n"
        "| a) Describe the board's oversight of climate-related risks and opportunities. "
        "| We published our first sustainability report in 2024 and plan a fuller climate section from 2026. |\n"
        "| Describe the organization's processes for identifying and assessing climate-related risks. "
        "| We score each climate risk on likelihood and impact on a five-point scale in our annual risk review. |\n"
        "| Disclose Scope 1 and Scope 2 greenhouse gas emissions. "
        "| Our Scope 1 emissions were 412 tCO2e and Scope 2 emissions 3,905 tCO2e in 2025. |\n",
    ),
    Case(
        "response-table-figures-are-evidence-zh-hans",
        "tcfd-2017",
        "TCFD-MT-b",
        "partial",
        "# 气候相关财务信息披露\n\n| 建议披露 | 本公司回应 |\n|---|---|\n"
        "| 描述董事会对气候相关风险和机遇的监督情况。 "
        "| 本公司董事会下设战略与可持续发展委员会，每年两次审阅气候风险。 |\n"
        "| 披露范围1、范围2温室气体排放及相关风险。 "
        "| 2025年本公司范围一排放为1,240吨二氧化碳当量，范围二排放为8,630吨二氧化碳当量。 |\n",
    ),
    # --- senses that are not the topic ------------------------------------------------------------------------
    Case(
        "equal-opportunity-is-not-a-climate-opportunity-zh-hant",
        "hkex-esg-2025",
        "D.str.1",
        "missing",
        """
        # 員工權益
        本集團堅持機會平等，在招聘及晉升中不論性別、年齡一視同仁，並提供培訓機會。
        """,
    ),
    Case(
        "business-environment-is-not-the-environment-en",
        "hkex-esg-2020",
        "A3.GD",
        "missing",
        """
        # Risk management
        We maintain a strong control environment and monitor the operating environment and the security
        environment of our platforms. Our policy is to test every release in a non-adversarial environment.
        """,
    ),
    # --- off-topic passages -----------------------------------------------------------------------------------
    Case(
        "privacy-risk-assessment-is-not-climate-risk-process-en",
        "hkex-esg-2025",
        "D.rm.1",
        "missing",
        """
        # Data privacy
        We identify and assess data privacy risks every year: each business unit rates the likelihood and impact of
        a breach, and the risk committee prioritises the highest risks for mitigation.
        """,
    ),
    Case(
        "charity-energy-saving-theme-is-not-an-energy-target-zh-hant",
        "hkex-esg-2020",
        "A2.3",
        "missing",
        """
        # 社區公益
        本集團連續五年支持「綠色校園」公益計劃，活動圍繞節能減碳、垃圾分類等主題，為學生舉辦工作坊。
        """,
    ),
    Case(
        "network-points-are-not-suppliers-zh-hans",
        "hkex-esg-2020",
        "B5.1",
        "missing",
        """
        # 网络建设
        截至年末，我们在全国部署 330 个网络接入节点，其中华南地区 120 个、华东地区 110 个、海外 100 个。
        """,
    ),
    # --- figures bound to their subject -----------------------------------------------------------------------
    Case(
        "table-rows-are-sentences-zh-hant",
        "hkex-esg-2025",
        "A1.3",
        "missing",
        """
        # 廢棄物管理
        | 類別 | 處理方式 |
        |---|---|
        | 有害廢棄物 | 交由持牌收集商處理 |
        | 一般廢物 | 1,250噸 |
        """,
    ),
    Case(
        "combined-scope-total-is-not-scope-1-en",
        "hkex-esg-2025",
        "D.mt.ghg.1",
        "partial",
        """
        # Greenhouse gas emissions
        Total Scope 1 and Scope 2 emissions for the year were 26,282.9 tCO2e.
        """,
        message="combined Scope 1 and 2",
    ),
    Case(
        "combined-scope-total-is-not-scope-2-zh-hant",
        "hkex-esg-2025",
        "D.mt.ghg.2",
        "partial",
        """
        # 溫室氣體排放
        本年度範圍一及範圍二溫室氣體排放總量為 26,282.9 噸二氧化碳當量。
        """,
        message="combined Scope 1 and 2",
    ),
    Case(
        "combined-scope-total-is-not-scope-1-zh-hans",
        "tcfd-2017",
        "TCFD-MT-b",
        "missing",
        """
        # 温室气体排放
        本年度范畴一和范畴二温室气体排放总量为 26,282.9 吨二氧化碳当量。
        """,
    ),
    Case(
        "separate-scope-figures-still-count-en",
        "hkex-esg-2025",
        "D.mt.ghg.1",
        "covered",
        """
        # Greenhouse gas emissions
        Scope 1 emissions were 6,100 tCO2e and Scope 2 emissions were 20,182.9 tCO2e.
        """,
    ),
    Case(
        "an-energy-saving-is-not-consumption-en",
        "hkex-esg-2020",
        "A2.1",
        "missing",
        """
        # Energy efficiency
        Retrofitting the lighting of our warehouses saved 170,000 kWh of electricity during the year.
        """,
    ),
    # --- disclosures in unusual wording -----------------------------------------------------------------------
    Case(
        "on-site-safety-supervision-is-monitoring-zh-hant",
        "hkex-esg-2020",
        "B2.3",
        "partial",
        """
        # 職業健康與安全
        本集團組織專家隊伍開展現場監督檢查，並於年內開展各類安全檢查。
        """,
    ),
    # --- explanations as reports write them -------------------------------------------------------------------
    # Chinese puts the missing thing between the negation and the verb: a criterion never set is none stated.
    Case(
        "absence-split-by-its-object-zh-hant",
        "hkex-esg-2020",
        "B5.3",
        "missing",
        """
        # 供應鏈管理
        本集團現階段未有就供應商的環境及社會風險訂立揀選準則。
        """,
    ),
    # Confidentiality as the reason for withholding data explains; confidentiality as a whistleblowing channel's
    # own practice does not.
    Case(
        "whistleblower-confidentiality-is-a-practice-en",
        "hkex-esg-2025",
        "B7.2",
        "partial",
        """
        # Whistleblowing
        Reports may be made through the whistleblowing hotline. For confidentiality reasons the identity of the
        person reporting is never disclosed, and all reports are kept confidential.
        """,
    ),
    Case(
        "water-not-significant-no-target-en",
        "hkex-esg-2025",
        "A2.4",
        "explained",
        """
        # Environmental and social matters
        As the Group's business is office-based, water consumption is not significant and no water
        efficiency target has been set.
        """,
    ),
    Case(
        "no-vehicles-no-air-emissions-en",
        "hkex-esg-2025",
        "A1.1",
        "explained",
        """
        # Environmental and social matters
        The Group does not own any vehicles or operate any boilers, so it produces no air emissions.
        """,
    ),
    Case(
        "services-only-no-recall-en",
        "hkex-esg-2025",
        "B6.1",
        "explained",
        """
        # Environmental and social matters
        The Group provides consulting services only and therefore has no products subject to recall.
        """,
    ),
    Case(
        "green-procurement-not-relevant-en",
        "hkex-esg-2025",
        "B5.4",
        "explained",
        """
        # Environmental and social matters
        Green procurement is not relevant as the Group mainly procures professional services.
        """,
    ),
    Case(
        "packaging-not-involved-zh-hant",
        "hkex-esg-2025",
        "A2.5",
        "explained",
        """
        # Environmental and social matters
        本集團提供物業管理服務，業務不涉及包裝材料的使用。
        """,
    ),
    Case(
        "packaging-not-used-zh-hans",
        "hkex-esg-2025",
        "A2.5",
        "explained",
        """
        # Environmental and social matters
        本集团从事软件开发，并无使用包装材料。
        """,
    ),
    Case(
        "explanation-in-the-content-index-en",
        "hkex-esg-2020",
        "B6.1",
        "explained",
        """
        # HKEX ESG Reporting Guide Content Index
        KPI B6.1 Share of products recalled. Not applicable: we sell no physical products.
        KPI B6.2 Number of complaints received and how they are dealt with. Section 5.4, page 31
        KPI B6.3 Practices relating to intellectual property rights. Section 5.3, page 30
        KPI B6.4 Quality assurance process and recall procedures. Section 5.2, page 29
        """,
    ),
    Case(
        "explanation-low-relevance-zh-hant",
        "hkex-esg-2020",
        "A2.5",
        "explained",
        """
        # 包裝材料
        本集團提供電訊服務，並無生產製成品，包裝材料的使用與主要業務關聯度低，故不適用。
        """,
    ),
    Case(
        "explanation-data-next-year-en",
        "hkex-esg-2020",
        "A2.2",
        "explained",
        """
        # Water
        Water consumption data is not available for our leased offices and will be disclosed next year.
        """,
    ),
    Case(
        "explanation-nature-of-business-en",
        "hkex-esg-2020",
        "A1.3",
        "explained",
        """
        # Waste
        Due to the nature of our advisory business, hazardous waste is not generated in our offices.
        """,
    ),
    Case(
        "explanation-low-relevance-only-zh-hans",
        "hkex-esg-2020",
        "A2.5",
        "explained",
        """
        # 包装材料
        本集团主要提供物业管理服务，包装材料的使用与主要业务关联度较低。
        """,
    ),
    Case(
        "explanation-under-the-topic-heading-en",
        "hkex-esg-2020",
        "A2.5",
        "explained",
        """
        # Use of resources
        Our offices used 1,240 MWh of electricity in 2025.

        ## Packaging material
        This does not apply to an office-based advisory firm.
        """,
    ),
    Case(
        "explanation-under-the-topic-heading-zh-hant",
        "hkex-esg-2020",
        "A2.5",
        "explained",
        """
        # 資源使用
        本集團辦公室於2025年耗電1,240兆瓦時。

        ## 包裝材料
        此項不適用於本集團以服務為主的業務。
        """,
    ),
    Case(
        "a-reason-deep-in-a-long-section-is-about-something-else-en",
        "hkex-esg-2020",
        "A2.5",
        "missing",
        """
        # Packaging and product design
        Our design team reviews every new product line each spring.

        Designers visit two trade fairs a year.

        The team has twelve members in Hong Kong and Shenzhen.

        Warranty terms are set out on our website.

        Extended warranties do not apply to clearance items.
        """,
    ),
    Case(
        "a-reason-for-another-item-does-not-explain-this-one-en",
        "hkex-esg-2025",
        "A1.GD",
        "partial",
        """
        # Emissions
        Our Environmental Policy commits us to cut air emissions, greenhouse gas emissions and waste from our
        depots, and sets how waste is sorted and handled.

        # Climate metrics
        The Group has no banking, insurance or asset management business, so financed emissions are not applicable.
        """,
    ),
    Case(
        "a-reason-for-another-item-does-not-explain-this-one-zh-hans",
        "hkex-esg-2025",
        "A1.GD",
        "partial",
        """
        # 排放物
        本集团的《环境政策》要求减少车队及仓库的废气排放、温室气体排放及废弃物，并规定废弃物的分类及处理方式。

        # 气候相关指标
        本集团并无银行、保险或资产管理业务，因此融资排放并不适用。
        """,
    ),
    Case(
        "a-table-figure-is-not-bound-to-the-paragraph-after-it-en",
        "hkex-esg-2025",
        "D.mt.ghg.3",
        "explained",
        """
        # Greenhouse gas emissions

        | Emissions (tCO2e) | 2025 | 2024 |
        |---|---|---|
        | Scope 1 | 41,200 | 43,900 |
        | Scope 2 | 18,650 | 19,020 |

        Under the interim provision we do not yet disclose Scope 3 emissions; we will report them from 2027.
        """,
    ),
    Case(
        "a-table-figure-is-not-bound-to-the-paragraph-after-it-zh-hant",
        "hkex-esg-2025",
        "D.mt.ghg.3",
        "explained",
        """
        # 溫室氣體排放

        | 排放量（噸二氧化碳當量） | 2025年 | 2024年 |
        |---|---|---|
        | 範圍一 | 41,200 | 43,900 |
        | 範圍二 | 18,650 | 19,020 |

        根據過渡安排，本集團本年度暫不披露範圍三排放，並將於2027年起披露。
        """,
    ),
    Case(
        "no-cases-is-a-disclosure-not-an-omission-zh-hant",
        "hkex-esg-2020",
        "B7.1",
        "partial",
        """
        # 反貪污
        報告期內，本集團並無涉及任何重大貪污訴訟案件。
        """,
    ),
    Case(
        "security-hazards-are-not-workplace-hazards-zh-hant",
        "hkex-esg-2020",
        "B2.3",
        "missing",
        """
        # 資訊安全
        資訊科技部每季度對網絡安全進行滲透測試，查找系統的安全隱患並於兩星期內完成整改，結果向審核委員會匯報。
        """,
    ),
    Case(
        "security-checks-are-not-workplace-safety-checks-zh-hans",
        "hkex-esg-2020",
        "B2.3",
        "missing",
        """
        # 客户服务
        冬季我们为车主提供免费车辆安全检查，并由信息安全团队定期检查客户资料系统的安全隐患。
        """,
    ),
    Case(
        "ransomware-is-not-extortion-zh-hans",
        "hkex-esg-2020",
        "B7.2",
        "missing",
        """
        # 信息安全
        年内，公司组织勒索病毒应急演练，并由信息安全委员会检查各系统的备份与恢复机制。
        """,
    ),
    Case(
        "a-mass-per-unit-is-an-intensity-not-a-waste-quantity-en",
        "hkex-esg-2020",
        "A1.4",
        "missing",
        """
        # Packaging

        | Indicator | Unit | 2024 | 2025 |
        |---|---|---|---|
        | Packaging material used per vehicle | kg/vehicle | 5.10 | 4.62 |
        | Recycling rate of packaging materials | % | 96 | 100 |
        """,
    ),
    # --- an activity the sentence says did not happen is no disclosure of it ----------------------------------
    Case(
        "training-not-held-is-no-training-zh-hans",
        "hkex-esg-2020",
        "B7.3",
        "explained",
        """
        # 反贪污
        因本公司员工人数较少，年内未有安排反贪污培训，计划于明年为董事及员工提供。
        """,
    ),
    Case(
        "training-not-held-is-no-training-en",
        "hkex-esg-2020",
        "B3.GD",
        "explained",
        """
        # Training
        No training was held for employees during the year because the business was being restructured.
        """,
    ),
    Case(
        "community-activities-not-held-zh-hant",
        "hkex-esg-2020",
        "B8.1",
        "explained",
        """
        # 社區投資
        受業務重組影響，本年度本集團並無舉辦任何社區活動。
        """,
    ),
    # --- a reason that the KPI lies outside the business, or that the data cannot be measured -------------------
    Case(
        "kpi-unrelated-to-the-business-zh-hant",
        "hkex-esg-2025",
        "B6.1",
        "explained",
        """
        # 產品回收
        本集團經營物業代理業務，此項指標與本集團的業務無關。
        """,
    ),
    Case(
        "kpi-of-limited-relevance-en",
        "hkex-esg-2025",
        "B5.4",
        "explained",
        """
        # Green procurement
        We buy little beyond consulting services, so environmentally preferable purchasing is of limited relevance to
        the Group and is not reported here.
        """,
    ),
    Case(
        "consumption-with-no-means-of-measuring-en",
        "hkex-esg-2025",
        "A2.2",
        "explained",
        """
        # Water
        Our studio shares a landlord's supply, so we have no means of measuring our own water consumption.
        """,
    ),
    Case(
        "data-collected-from-next-period-zh-hans",
        "hkex-esg-2025",
        "B3.2",
        "explained",
        """
        # 培训
        本集团现时未按性别统计平均受训时数，将于下一报告期间起收集有关数据。
        """,
    ),
    Case(
        "carbon-price-currently-not-applied-en",
        "hkex-esg-2025",
        "D.mt.ci.5",
        "explained",
        """
        # Internal carbon pricing
        The Group does not currently use an internal carbon price in its capital planning.
        """,
    ),
    # --- an explanation that refers back to the topic its paragraph names ---------------------------------------
    Case(
        "explanation-refers-back-to-the-topic-en",
        "hkex-esg-2020",
        "B4.2",
        "explained",
        """
        # Labour standards
        We do not tolerate child or forced labour. All our staff are office-based professionals, so we consider the risk
        remote. For that reason we have not set up a separate procedure for such cases.
        """,
    ),
    Case(
        "explanation-refers-back-to-the-topic-zh-hant",
        "hkex-esg-2020",
        "B4.2",
        "explained",
        """
        # 勞工準則
        本集團嚴禁僱用童工及強制勞工。由於僱員均為辦公室專業人員，本集團認為風險極低，因此未有設立處理此類個案的獨立程序。
        """,
    ),
    Case(
        "a-reference-without-the-topic-in-its-paragraph-explains-nothing-zh-hans",
        "hkex-esg-2020",
        "B4.2",
        "missing",
        """
        # 劳工准则
        本集团尊重员工权益。

        由于业务性质，本集团未有设立处理此类个案的独立程序。
        """,
    ),
    # --- a KPI disclosed in part is judged on what it discloses, even where its own explain clause matches -------
    Case(
        "a-kpi-disclosed-in-part-is-partial-not-explained-en",
        "hkex-esg-2020",
        "A2.4",
        "partial",
        """
        # Water
        All our water comes from the municipal supply, and we had no issue in sourcing water that is fit for purpose.

        Water use is not material to our office-based business, so no water efficiency target has been set.
        """,
    ),
    Case(
        "a-figure-in-the-reasons-paragraph-is-still-a-disclosure-zh-hant",
        "hkex-esg-2020",
        "A1.4",
        "partial",
        """
        # 廢棄物
        本年度回收紙張 52.6 噸及塑膠 6.1 噸。其餘生活垃圾由物業管理公司收運，因未有過磅紀錄，本集團未能統計其重量。
        """,
    ),
    Case(
        "a-relief-explains-the-part-not-disclosed-zh-hant",
        "hkex-esg-2025",
        "D.str.7",
        "explained",
        """
        # 財務影響
        本集團預期氣候相關風險在中長期對財務表現的影響有限。

        由於計量不確定性過高，本集團暫未量化預期財務影響，並已採用寬免，改為提供上述定性資料。
        """,
    ),
    # --- quantities in the subject's own unit ------------------------------------------------------------------
    Case(
        "water-given-in-tonnes-zh-hans",
        "hkex-esg-2020",
        "A2.2",
        "covered",
        """
        # 水资源
        2025年，本公司总耗水量为28.4万吨，单位产值耗水量为每万元0.61吨。
        """,
    ),
    Case(
        "scope-emissions-given-in-plain-tonnes-zh-hans",
        "hkex-esg-2025",
        "D.mt.ghg.1",
        "covered",
        """
        # 温室气体排放
        2025年，本公司范围一排放为3,412吨，主要来自锅炉及厂内车辆。
        """,
    ),
    Case(
        "emission-unit-column-before-the-figure-zh-hant",
        "hkex-esg-2020",
        "A1.2",
        "partial",
        """
        # 溫室氣體排放
        範圍一直接排放（公噸二氧化碳當量） 2,104.6
        範圍二間接排放（公噸二氧化碳當量） 8,930.2
        """,
        "Missing: intensity. Found: Scope 1 emissions in tonnes CO2e; Scope 2 emissions in tonnes CO2e",
    ),
    Case(
        "a-running-total-of-savings-is-no-consumption-figure-en",
        "hkex-esg-2020",
        "A2.2",
        "missing",
        """
        # Water
        Rainwater harvesting cut water use by about 800 tonnes per site every year, for a total of 96,000 tonnes.
        """,
    ),
]


@pytest.fixture(scope="module")
def auditors() -> dict[str, Auditor]:
    return {standard: Auditor(load_standards([standard])) for standard in {c.standard for c in CASES}}


def _finding(auditors: dict[str, Auditor], case: Case) -> Finding:
    auditor = auditors[case.standard]
    document = example_document(textwrap.dedent(case.draft).strip(), case.name)
    findings = auditor.judge(document, Profile(tier="main_board", financial_year=2025))
    return next(f for f in findings if f.id == case.requirement)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_reviewer_verdict(auditors: dict[str, Auditor], case: Case) -> None:
    finding = _finding(auditors, case)
    assert finding.status.value == case.expected, finding.message
    assert case.message in finding.message


def test_index_explanation_is_marked_as_index_evidence(auditors: dict[str, Auditor]) -> None:
    case = next(c for c in CASES if c.name == "explanation-in-the-content-index-en")
    finding = _finding(auditors, case)
    assert finding.explanation is not None and finding.explanation.from_index
    assert "Not applicable" in finding.explanation.text
    assert all(not e.from_index for e in finding.evidence)
